#!/usr/bin/env python3
"""`runback rules check` finds advice that contradicts the urgency or a flag, in any rule base:
on a copy of the default one, each conflict the safety review found is planted again (running
advice whose declaration leaves it out, so an urgent result would give it uncautioned; advice
to wait for a check-up that self_care could carry; an urgent rule that names nothing feared;
an action that declares nothing) and is reported with its place, code and fix; and the
conflict is real: assessed with the planted rule base, the advice does come out uncautioned."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from harness import ROOT, check, run_tests  # noqa: E402

FINDING = re.compile(r"^(.*?):(\d+):(\d+): (error|warning) \[([a-z-]+)\]: (.*) \(fix: (.+)\)$", re.M)


def replace(path, old, new):
    text = open(path).read()
    assert old in text, old
    open(path, "w").write(text.replace(old, new, 1))


def line_of(path, text):
    return open(path).read().split(text, 1)[0].count("\n") + 1


def test_planted_conflicts(binary, tmp):
    run = lambda *args, stdin=None: subprocess.run([binary, *args], input=stdin, capture_output=True, text=True, timeout=60)
    rules = os.path.join(tmp, "rules")
    shutil.copytree(os.path.join(ROOT, "rules"), rules, ignore=shutil.ignore_patterns("tests"))
    actions, rule_file = os.path.join(rules, "actions.yaml"), os.path.join(rules, "rules.yaml")
    # 1. The warm-up no longer says it involves running (or anything).
    replace(actions, "    involves: [running, exercise, stretching]\n    until_checked: Before you run again",
            "    involves: []\n    until_checked: Before you run again")
    # 2. "Ease off running until you have been checked" is no longer marked as waiting.
    replace(actions, "    involves: [running, exercise]\n    waits_for_check: true\n", "    involves: [running, exercise]\n")
    # 3. A caution that waits, unmarked.
    replace(actions, "pain-free activity are fine.\n        waits_for_check: true\n", "pain-free activity are fine.\n")
    # 4. The fever rule no longer names what is feared.
    replace(rule_file, "    urgency: urgent\n    cause: possible_spinal_infection\n    weight: 10\n", "    urgency: urgent\n")
    fever = line_of(rule_file, "  - id: red_flag_fever")
    warm_up, ease_off = line_of(actions, "  - id: warm_up_routine"), line_of(actions, "  - id: ease_off_running")

    result = run("rules", "check", "--rules", rules)
    print(result.stdout)
    found = FINDING.findall(result.stdout)
    at = lambda code, file, line: [f for f in found if f[4] == code and f[0].endswith(file) and (line is None or int(f[1]) == line)]
    hit = at("undeclared-activity", "actions.yaml", warm_up)
    check(hit and hit[0][3] == "error" and "warm_up_routine" in hit[0][5] and "'running'" in hit[0][5]
          and "urgent result" in hit[0][5], f"running advice left out of 'involves' is an error at actions.yaml:{warm_up}")
    check(bool(at("unmarked-wait-for-check", "actions.yaml", ease_off)) and "ease_off_running" in result.stdout,
          f"'until you have been checked' without waits_for_check is an error at actions.yaml:{ease_off}")
    check(len(at("unmarked-wait-for-check", "actions.yaml", None)) == 2, "so is an unmarked caution that waits")
    hit = at("urgent-without-feared-cause", "rules.yaml", fever)
    check(hit and hit[0][3] == "warning" and "red_flag_fever" in hit[0][5],
          f"an urgent rule that names no serious cause is a warning at rules.yaml:{fever}")
    check(result.returncode == 1, "the conflicts fail the check")

    # The conflict is real: trauma is urgent, and the warm-up now comes without the caution.
    answers = json.dumps({"trauma": "yes", "warm_up": "never", "age": 30, "osteoporosis_or_steroids": "no"})
    planted = json.loads(run("assess", "-", "--format", "json", "--rules", rules, stdin=answers).stdout)
    shipped = json.loads(run("assess", "-", "--format", "json", stdin=answers).stdout)
    warm = lambda data: [a for a in data["actions"] if a["id"] == "warm_up_routine"]
    check(warm(planted) and "caution" not in warm(planted)[0] and warm(shipped) and "caution" in warm(shipped)[0],
          "with the planted rule base an urgent result gives the warm-up uncautioned; the shipped one cautions it")

    # An action that declares nothing cannot be loaded at all.
    replace(actions, "    involves: [running]\n    until_checked: Try these only once", "    until_checked: Try these only once")
    form = line_of(actions, "  - id: running_form")
    refused = run("rules", "check", "--rules", rules)
    check(refused.returncode == 1 and re.search(rf"actions\.yaml:{form}:5: error: action 'running_form' does not say what it involves",
                                                refused.stdout) is not None,
          f"an action without 'involves' is a load error at actions.yaml:{form}")


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        return run_tests([test_planted_conflicts], binary, tmp)


if __name__ == "__main__":
    sys.exit(main())
