"""Gathers the answer sets that existed before rule base 2.0.0 (issue 18) into one JSONL file:
every rule test and vignette in rules/tests/, every example answers file, and 2,000 random
records over the questions of that time (a fixed generator, so they can be made again). Run
once with the old binary's `runback questions --format json` as the argument, to make
inputs.jsonl.gz; results.jsonl.gz is the old binary's output on it (`runback batch - --from
jsonl -j 1`). tests/e2e/test_golden_compat.py checks that the current binary assesses them
alike. Kept for the record of how the files were made."""
import json
import os
import sys

import yaml  # python3-yaml, used only here, at the time the files were made

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def scalar(value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


def main():
    records = []
    tests_dir = os.path.join(ROOT, "rules", "tests")
    for name in sorted(os.listdir(tests_dir)):
        with open(os.path.join(tests_dir, name)) as f:
            doc = yaml.safe_load(f)
        for key in ("tests", "vignettes"):
            for i, case in enumerate(doc.get(key) or []):
                answers = {k: scalar(v) for k, v in (case.get("answers") or {}).items()}
                records.append({"id": f"{name}:{key}:{i}", **answers})
    examples = os.path.join(ROOT, "examples")
    for name in sorted(os.listdir(examples)):
        if name.endswith(".yaml"):
            with open(os.path.join(examples, name)) as f:
                answers = {k: scalar(v) for k, v in yaml.safe_load(f).items()}
            records.append({"id": f"examples/{name}", **answers})
    with open(sys.argv[1]) as f:
        questions = json.load(f)
    state = [20261204]

    def draw(n):  # a small LCG: the same records on every Python
        state[0] = (state[0] * 6364136223846793005 + 1442695040888963407) % 2**64
        return (state[0] >> 33) % n

    for i in range(2000):
        record = {"id": f"random:{i}"}
        for q in questions:
            if draw(100) < 12:
                continue  # unanswered
            if q["type"] == "number":
                record[q["id"]] = int(q["min"]) + draw(int(q["max"] - q["min"]) + 1)
            elif q.get("red_flag"):
                record[q["id"]] = "yes" if draw(100) < 6 else "no"
            else:
                record[q["id"]] = q["options"][draw(len(q["options"]))]["id"]
        records.append(record)
    for record in records:
        sys.stdout.write(json.dumps(record) + "\n")


main()
