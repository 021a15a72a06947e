#!/usr/bin/env python3
"""The deeper `runback rules check`: on a copy of the default rule base, one planted instance of
each kind of finding (a question no rule tests, a cause no rule raises, an action nothing gives,
a rule that tests a question never asked when it holds, two rules with one condition, an option
nothing handles) is each reported with its level, code, file and line
and a fix; a cause without a source is refused with its place; errors fail the check, warnings only with --strict; --format json carries the same;
and the default rule base is clean even with --strict."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from harness import check, failures  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def append(folder, file, text):
    path = os.path.join(folder, file)
    before = open(path).read()
    if not before.endswith("\n"):
        before += "\n"
    with open(path, "w") as f:
        f.write(before + "\n" + text)
    return before.count("\n") + 2   # the line where the appended item starts


def replace(folder, file, old, new):
    path = os.path.join(folder, file)
    text = open(path).read()
    assert old in text, old
    open(path, "w").write(text.replace(old, new, 1))


def main():
    binary = os.path.abspath(sys.argv[1])
    run = lambda *args: subprocess.run([binary, *args], capture_output=True, text=True, timeout=120)
    clean = run("rules", "check", "--strict")
    check(clean.returncode == 0 and "no problems found" in clean.stdout, "the default rule base is clean with --strict")

    with tempfile.TemporaryDirectory() as tmp:
        rules = os.path.join(tmp, "rules")
        shutil.copytree(os.path.join(ROOT, "rules"), rules, ignore=shutil.ignore_patterns("tests"))
        expected = {}
        # Before the appends below, whose line numbers it would shift.
        replace(rules, "questions.yaml", "      - id: grass_dirt\n", "      - id: sand\n        label: Sand\n      - id: grass_dirt\n")
        expected["unused-question"] = ("questions.yaml", append(rules, "questions.yaml",
            "  - id: likes_hills\n    section: kit_and_form\n    type: yes_no\n    text: Hills?\n    help: H.\n"))
        expected["unraised-cause"] = ("causes.yaml", append(rules, "causes.yaml",
            "  - id: lonely_cause\n    name: Lonely\n    explanation: Nothing raises it.\n    source: [x]\n"))
        expected["unused-action"] = ("actions.yaml", append(rules, "actions.yaml",
            "  - id: lonely_action\n    title: Lonely\n    category: self_care\n    involves: []\n    steps: [Do nothing.]\n    source: [x]\n"))
        line = append(rules, "rules.yaml",
            "  - id: old_everyday_shoes\n    when:\n      all:\n        - {question: shoe_type, equals: non_running}\n"
            "        - {question: shoe_age_km, equals: over_600}\n    cause: unsuitable_shoes\n    weight: 1\n"
            "    because: b.\n    source: [x]\n")
        expected["never-asked"] = ("rules.yaml", line)
        expected["duplicate-condition"] = ("rules.yaml", append(rules, "rules.yaml",
            "  - id: hard_surfaces_again\n    when: {question: surface, equals: concrete_asphalt}\n"
            "    cause: hard_surface\n    weight: 1\n    because: b.\n    source: [x]\n"))
        expected["unhandled-option"] = ("questions.yaml", None)

        result = run("rules", "check", "--rules", rules)
        print(result.stdout)
        found = re.findall(r"^(.*?):(\d+):(\d+): (error|warning) \[([a-z-]+)\]: (.*) \(fix: (.+)\)$", result.stdout, re.M)
        for code, (file, line) in expected.items():
            hits = [f for f in found if f[4] == code and f[0].endswith("/" + file) and (line is None or int(f[1]) == line)]
            check(bool(hits), f"{code} is reported at {file}:{line or '*'} with a fix")
        levels = {f[4]: f[3] for f in found}
        check(levels.get("unraised-cause") == "error" and levels.get("unused-question") == "warning",
              "each finding has its level")
        check("'sand'" in result.stdout and "hard_surfaces_again" in result.stdout and "mostly_hard_surfaces" in result.stdout,
              "the findings name what they are about")
        check(result.returncode == 1, "errors fail the check")

        # A cause without a source is refused when the rule base is read.
        original = open(os.path.join(rules, "causes.yaml")).read()
        replace(rules, "causes.yaml", "    source: [002_db2eb9e5b229300c.txt, 003_187875d6cb2665c8.txt, PainScience running]\n",
                "    source: []\n")
        unsourced = run("rules", "check", "--rules", rules)
        check(unsourced.returncode == 1 and re.search(r"causes\.yaml:\d+:\d+: error: 'source' needs at least one item", unsourced.stdout),
              "a cause without a source is an error with its place")
        open(os.path.join(rules, "causes.yaml"), "w").write(original)

        # Warnings alone pass, unless --strict.
        with open(os.path.join(rules, "causes.yaml")) as f:
            text = f.read()
        open(os.path.join(rules, "causes.yaml"), "w").write(text.replace(
            "  - id: lonely_cause\n    name: Lonely\n    explanation: Nothing raises it.\n    source: [x]\n", ""))
        warned = run("rules", "check", "--rules", rules)
        strict = run("rules", "check", "--rules", rules, "--strict")
        check(warned.returncode == 0 and "warning(s)" in warned.stdout and strict.returncode == 1,
              "warnings alone pass, and fail with --strict")
        as_json = run("rules", "check", "--rules", rules, "--format", "json")
        data = json.loads(as_json.stdout)
        codes = {f["code"] for f in data["findings"]}
        check(data["ok"] is True and data["errors"] == 0 and data["warnings"] == len(data["findings"])
              and {"unused-question", "never-asked", "duplicate-condition"} <= codes
              and all({"level", "code", "file", "line", "column", "message", "fix"} <= set(f) for f in data["findings"]),
              "--format json carries every finding with level, code, place, message and fix")
        replace(rules, "rules.yaml", "    cause: hard_surface\n    weight: 1\n    because: b.", "    cause: hard_surfce\n    weight: 1\n    because: b.")
        broken = json.loads(run("rules", "check", "--rules", rules, "--format", "json").stdout)
        check(broken["ok"] is False and any(f["code"] == "load" and "hard_surfce" in f["message"] for f in broken["findings"]),
              "load errors come out in JSON too")
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
