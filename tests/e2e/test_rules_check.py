#!/usr/bin/env python3
"""`runback rules check` on a copy of the default rule base with planted mistakes: every one is
reported, together, with its file, line and column; a broken rule base is never used by other
commands; and the build-time embedder refuses it."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from harness import check, failures  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def plant(folder, file, old, new):
    """Replaces the first `old` in rules/FILE; returns the line and column where `new`'s last
    word starts, which is where the loader should point."""
    path = os.path.join(folder, file)
    text = open(path, encoding="utf-8").read()
    at = text.index(old)
    text = text[:at] + new + text[at + len(old):]
    open(path, "w", encoding="utf-8").write(text)
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, column


def main():
    binary = os.path.abspath(sys.argv[1])
    embedder = os.path.join(os.path.dirname(binary), "src", "runback_embed_rules")
    tmp = tempfile.mkdtemp()
    rules = os.path.join(tmp, "rules")
    shutil.copytree(os.path.join(ROOT, "rules"), rules, ignore=shutil.ignore_patterns("tests"))

    good = subprocess.run([binary, "rules", "check", "--rules", rules], capture_output=True, text=True)
    check(good.returncode == 0 and "no problems found" in good.stdout, "an unchanged copy passes")

    planted = []
    # A misspelt key: reported where the key is.
    line, col = plant(rules, "causes.yaml", "explanation:", "explanaton:")
    planted.append(("causes.yaml", line, col, "explanaton"))
    # A misspelt cause in a rule: reported at the value, with a suggestion.
    line, col = plant(rules, "rules.yaml", "cause: training_load_spike", "cause: training_load_spik")
    planted.append(("rules.yaml", line, col + len("cause: "), "training_load_spik"))
    # A number outside the question's range.
    line, col = plant(rules, "rules.yaml", "{question: pain_severity, at_least: 8}", "{question: pain_severity, at_least: 80}")
    planted.append(("rules.yaml", line, None, "80"))
    # A word where a number is needed.
    line, col = plant(rules, "questions.yaml", "min: 10\n", "min: ten\n")
    planted.append(("questions.yaml", line, col + len("min: "), "ten"))

    result = subprocess.run([binary, "rules", "check", "--rules", rules], capture_output=True, text=True)
    print(result.stdout)
    check(result.returncode == 1, f"rules check exits 1 on a broken rule base (got {result.returncode})")
    found = re.findall(r"^(.*?):(\d+):(\d+): error: (.*)$", result.stdout, re.M)
    for file, line, col, word in planted:
        hits = [f for f in found if f[0].endswith("/" + file) and int(f[1]) == line and word in f[3]
                and (col is None or int(f[2]) == col)]
        check(bool(hits), f"{file}:{line}:{col or '*'} reported, naming '{word}'")
    check(any("did you mean 'training_load_spike'" in f[3] for f in found), "a misspelt id gets a suggestion")
    check(re.search(r"\b4 problem", result.stdout) is not None or len(found) >= 4,
          "all planted problems are reported in one pass")

    used = subprocess.run([binary, "assess", os.path.join(ROOT, "examples", "benign.yaml"), "--rules", rules],
                          capture_output=True, text=True)
    check(used.returncode == 2 and used.stdout == "", "assess refuses a broken rule base (exit 2, no output)")
    check("was not used" in used.stderr, "and says the rule base was not used")

    if os.path.exists(embedder):
        built = subprocess.run([embedder, rules, os.path.join(tmp, "out.cpp")], capture_output=True, text=True)
        check(built.returncode != 0 and not os.path.exists(os.path.join(tmp, "out.cpp")),
              "the build-time embedder refuses a broken rule base")
    shutil.rmtree(tmp)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
