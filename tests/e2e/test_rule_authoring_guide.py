#!/usr/bin/env python3
"""docs/rule-authoring.md, followed as a new rule author would: its YAML blocks marked
`file=...` are added to a copy of the rule base exactly as the guide says (appended to the end
of each file; a tests file created whole), and then `rules check`, `rules test` (with the
guide's new cases, reaching the new rule, cause and action) and an assessment all behave as the
guide promises."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from harness import check, failures  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


def main():
    binary = os.path.abspath(sys.argv[1])
    guide = open(os.path.join(ROOT, "docs", "rule-authoring.md")).read()
    blocks = re.findall(r"```yaml file=(\S+)\n(.*?)```", guide, re.S)
    check({name for name, _ in blocks} == {"questions.yaml", "causes.yaml", "actions.yaml", "rules.yaml",
                                           "tests/backpack.yaml"}, "the guide has a block for each step")
    with tempfile.TemporaryDirectory() as tmp:
        rules = os.path.join(tmp, "my-rules")
        shutil.copytree(os.path.join(ROOT, "rules"), rules)
        for name, text in blocks:
            path = os.path.join(rules, name)
            if name.startswith("tests/"):
                with open(path, "w") as f:
                    f.write(text)
            else:
                with open(path, "a") as f:
                    f.write("\n" + text)
        run = lambda *args: subprocess.run([binary, *args], capture_output=True, text=True, timeout=120)
        checked = run("rules", "check", "--rules", rules)
        check(checked.returncode == 0 and "no problems found" in checked.stdout,
              f"rules check accepts the guide's additions ({checked.stdout.strip()[-300:]})")
        tested = run("rules", "test", "--rules", rules, "--coverage", "--min-coverage", "100")
        check(tested.returncode == 0 and " 0 failed" in tested.stdout,
              f"the existing and the guide's tests pass, and every rule, cause and action is reached ({tested.stdout[-300:]})")
        answers = os.path.join(tmp, "answers.yaml")
        with open(answers, "w") as f:
            f.write("runs_with_backpack: yes\npain_location: lower_back\n")
        assessed = run("assess", answers, "--rules", rules)
        check("Running with a loaded backpack" in assessed.stdout and "Lighten or leave the backpack" in assessed.stdout,
              "an assessment with the copy names the new cause and gives the new advice")
        explained = run("explain", answers, "--rules", rules)
        check("runs_with_a_backpack" in explained.stdout and "my-rules/rules.yaml" in explained.stdout,
              "explain shows the new rule with its place in the author's file")
        graph = run("rules", "graph", "--rules", rules)
        check('"r_runs_with_a_backpack" -> "c_carrying_load"' in graph.stdout, "the graph shows the new rule")
        # The guide's first example of an error message is what runback says.
        with open(os.path.join(rules, "rules.yaml"), "a") as f:
            f.write("\n  - id: typo_rule\n    when: {question: surface, equals: concrete_asphalt}\n"
                    "    cause: hard_surfce\n    weight: 1\n    because: x.\n    source: [x]\n")
        broken = run("rules", "check", "--rules", rules)
        check(broken.returncode != 0 and "unknown cause 'hard_surfce' (did you mean 'hard_surface'?)" in broken.stdout,
              "a misspelt cause is reported as the guide shows")
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
