#!/usr/bin/env python3
"""Old answers assess as they did: the answer sets of rule base 1.1.0 (every rule test and
vignette of that time, the example answers files and 2,000 random records over its questions,
in tests/golden/inputs.jsonl.gz) and the example CSV give, field for field, the results the
binary of that time gave (tests/golden/*.results.jsonl.gz), apart from `rules_version`. None
of them answers a question added since, so nothing added since may change them: not the
urgency, the causes and their scores, the advice and its cautions, nor the warnings.

One narrowing is allowed, and only that: the questions named by urgency_raised_for_unanswered
may be fewer than before (a subset, never empty). Since rule base 2.0.0 the case split fixes
the unanswered questions whose harmless answer no rule could prefer (a lone warning sign left
open), so it names only the questions whose answers decide; before, it also named warning
signs it had tried on the way."""
import gzip
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, check, run_tests  # noqa: E402

GOLDEN = os.path.join(ROOT, "tests", "golden")


def read_gz(name):
    with gzip.open(os.path.join(GOLDEN, name), "rt") as f:
        return f.read()


def results(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


RAISED = "urgency_raised_for_unanswered"


def narrowed(before, now):
    """`now` equals `before` but for fewer deciding questions in the raised-urgency warning."""
    if {k: v for k, v in before.items() if k != "warnings"} != {k: v for k, v in now.items() if k != "warnings"}:
        return False
    old_w, new_w = before.get("warnings", []), now.get("warnings", [])
    if len(old_w) != len(new_w):
        return False
    for a, b in zip(old_w, new_w):
        if a == b:
            continue
        if a.get("code") != RAISED or b.get("code") != RAISED or a.get("message") != b.get("message"):
            return False
        if not b.get("questions") or not set(b["questions"]) < set(a.get("questions", [])):
            return False
    return True


def compare(old, new, what):
    check(len(old) == len(new), f"{what}: {len(new)} results for {len(old)} old ones")
    differ = []
    narrower = 0
    for before, now in zip(old, new):
        before.pop("rules_version", None)
        now.pop("rules_version", None)
        if before == now:
            continue
        if narrowed(before, now):
            narrower += 1
        else:
            differ.append((before, now))
    print(f"  {narrower} record(s) name fewer deciding questions in {RAISED}")
    for before, now in differ[:3]:
        fields = [k for k in set(before) | set(now) if before.get(k) != now.get(k)]
        print(f"  {before.get('id')}: {', '.join(sorted(fields))} changed")
        for k in sorted(fields):
            print(f"    was {json.dumps(before.get(k))[:300]}\n    now {json.dumps(now.get(k))[:300]}")
    check(not differ, f"{what}: every record as before ({len(differ)} differ)")


def test_answer_sets(binary):
    inputs = read_gz("inputs.jsonl.gz")
    run = subprocess.run([binary, "batch", "-", "--from", "jsonl", "-j", "1"], input=inputs,
                         capture_output=True, text=True, timeout=300)
    check(run.returncode == 0, f"batch of the old answer sets exits 0 (got {run.returncode}: {run.stderr[-300:]})")
    compare(results(read_gz("results.jsonl.gz")), results(run.stdout), "old answer sets")


def test_example_csv(binary):
    run = subprocess.run([binary, "batch", os.path.join(ROOT, "examples", "survey.csv"), "--from", "csv", "-j", "1"],
                         capture_output=True, text=True, timeout=60)
    compare(results(read_gz("survey.results.jsonl.gz")), results(run.stdout), "examples/survey.csv")


if __name__ == "__main__":
    sys.exit(run_tests([test_answer_sets, test_example_csv], sys.argv[1]))
