#!/usr/bin/env python3
"""Runs the GNU parallel recipe of docs/scale.md as written, with the built runback on PATH,
and checks that its output is exactly that of one run over the whole file. Skipped (77) where
GNU parallel is not installed."""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main():
    binary = os.path.abspath(sys.argv[1])
    if not shutil.which("parallel"):
        print("skipped: GNU parallel is not installed (scripts/quickstart --test installs it)")
        return 77
    doc = open(os.path.join(ROOT, "docs", "scale.md"), encoding="utf-8").read()
    section = doc.split("## One machine, many processes: GNU parallel", 1)[1]
    recipe = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    recipe = recipe.replace("-N 100000", "-N 700").replace("* 100000", "* 700")   # small chunks, same shape

    questions = json.loads(subprocess.run([binary, "questions", "--format", "json"], capture_output=True).stdout)
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "survey.csv"), "w") as f:
            f.write(",".join(["id"] + [q["id"] for q in questions]) + "\n")
            for i in range(5000):
                cells = [f"r{i}"]
                for q in questions:
                    if q["type"] == "number":
                        cells.append(str(rng.randint(int(q["min"]), int(q["max"]))))
                    else:
                        cells.append(rng.choice(q["options"])["id"] if not q["red_flag"] or rng.random() < 0.05 else "no")
                f.write(",".join(cells) + "\n")
        env = dict(os.environ, PATH=os.path.dirname(binary) + os.pathsep + os.environ.get("PATH", ""))
        ran = subprocess.run(["bash", "-c", "set -o pipefail; " + recipe], cwd=tmp, env=env,
                             capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
        single = subprocess.run([binary, "batch", "survey.csv", "--from", "csv"], cwd=tmp, capture_output=True)
        chunked = open(os.path.join(tmp, "results.jsonl"), "rb").read() if ran.returncode == 0 else b""
        same = chunked == single.stdout and chunked.count(b"\n") == 5000
        print(("ok   " if same else "FAIL ") + "the docs/scale.md GNU parallel recipe gives exactly the single-run output"
              + ("" if same else f" (status {ran.returncode}: {ran.stderr[-500:]!r})"))
        return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
