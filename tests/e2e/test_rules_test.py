#!/usr/bin/env python3
"""`runback rules test`: the default rule base's cases pass and reach every rule, cause and action
(CI holds it at 100%); a case that fails names its file and line, what was expected, what came
out and the rules that fired; a mistake in a test file is reported with file, line, column and a
did-you-mean before anything runs; coverage below --min-coverage fails and names what no case
reaches."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from harness import check, failures  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.join(HERE, "..", "..", "rules")


def run(binary, args):
    return subprocess.run([binary] + args, capture_output=True, text=True, timeout=120)


def main():
    binary = os.path.abspath(sys.argv[1])
    built_in = run(binary, ["rules", "test", "--min-coverage", "100"])
    check(built_in.returncode == 0 and re.search(r"\d+ case\(s\): \d+ passed, 0 failed", built_in.stdout)
          and all(re.search(rf"^  {kind} +100\.0%$", built_in.stdout, re.M) for kind in ("rules", "causes", "actions")),
          f"the built-in rule base's cases pass and reach every rule, cause and action ({built_in.stdout[-200:]!r})")

    with tempfile.TemporaryDirectory() as tmp:
        rules = os.path.join(tmp, "rules")
        shutil.copytree(RULES, rules)
        scenarios = os.path.join(rules, "tests", "scenarios.yaml")
        text = open(scenarios).read()
        same = run(binary, ["rules", "test", "--rules", rules])
        check(same.returncode == 0, "a copy of the rule base finds its own tests/ folder and passes")

        # A wrong expectation: the case fails with its place, the difference and the rules fired.
        with open(scenarios, "w") as f:
            f.write(text.replace("      urgency: emergency\n", "      urgency: urgent\n", 1))
        line = text[:text.index("      urgency: emergency\n")].count("\n")
        case_line = text[:text.rfind("  - name:", 0, text.index("      urgency: emergency\n"))].count("\n") + 1
        failed = run(binary, ["rules", "test", "--rules", rules])
        check(failed.returncode == 1 and f"scenarios.yaml:{case_line}:5: FAIL" in failed.stdout
              and "expected urgency urgent, got emergency" in failed.stdout
              and "rules fired: red_flag_bladder_bowel" in failed.stdout,
              f"a failing case names file:line, expected and got, and the rules fired (line {case_line}, near {line})")

        # Mistakes in the test file itself: every one reported, nothing run.
        with open(scenarios, "w") as f:
            f.write(text.replace("causes: [training_load_spike]", "causes: [training_load_spik]", 1)
                        .replace("actions: [emergency_care]", "actions: [emergency_car]", 1)
                        .replace("    expect:\n      urgency: self_care\n", "    expect:\n      urgncy: self_care\n", 1))
        broken = run(binary, ["rules", "test", "--rules", rules])
        out = broken.stdout
        check(broken.returncode == 2 and "did you mean 'training_load_spike'" in out
              and "did you mean 'emergency_care'" in out and "did you mean 'urgency'" in out
              and re.search(r"scenarios\.yaml:\d+:\d+: error: unknown cause", out) and "FAIL" not in out,
              "mistakes in a test file are all reported with file:line:column and a did-you-mean, and no case runs")

        # Coverage: with the cause and safety tests and the vignettes gone, what is no longer reached is named, and the
        # threshold fails the run.
        with open(scenarios, "w") as f:
            f.write(text)
        for name in ("causes.yaml", "safety.yaml", "vignettes.yaml"):
            os.remove(os.path.join(rules, "tests", name))
        low = run(binary, ["rules", "test", "--rules", rules, "--min-coverage", "100"])
        check(low.returncode == 1 and "not reached:" in low.stdout and "no_strength_training" in low.stdout
              and "below --min-coverage 100" in low.stdout,
              "coverage below --min-coverage fails and names the rules no case reaches")
        one = run(binary, ["rules", "test", "--rules", rules, scenarios])
        check(one.returncode == 0 and re.search(r"^5 case\(s\): 5 passed", one.stdout, re.M),
              "a PATH runs just that file's cases")
        missing = run(binary, ["rules", "test", os.path.join(tmp, "nowhere.yaml")])
        check(missing.returncode == 2 and "nowhere.yaml" in missing.stderr, "a missing test file is a usage error")
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
