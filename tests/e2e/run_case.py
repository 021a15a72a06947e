#!/usr/bin/env python3
"""Runs one end-to-end case: the built runback binary with the case's arguments and standard
input, its standard output, standard error and exit status compared with golden files.

A case is tests/e2e/cases/NAME.case, a few `key: value` lines:
    args: assess {root}/examples/benign.yaml --format json   (required; {root} is the repo)
    stdin: FILE                                              (optional, relative to the case)
    status: 0                                                (required)
and beside it NAME.stdout and NAME.stderr, the expected outputs ({root} is substituted back).
Run with UPDATE_GOLDEN=1 to rewrite the golden files from what the binary prints now.

usage: run_case.py RUNBACK CASE_FILE
"""
import difflib
import os
import shlex
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def read_case(path):
    case = {}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition(":")
            case[key.strip()] = value.strip()
    return case


def compare(name, want, got):
    if want == got:
        return True
    sys.stdout.write(f"--- {name} differs (expected vs actual):\n")
    sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), got.splitlines(True),
                                               "expected", "actual"))
    return False


def main():
    binary, case_path = sys.argv[1], sys.argv[2]
    case = read_case(case_path)
    base = case_path[: -len(".case")]
    args = shlex.split(case["args"].replace("{root}", ROOT))
    stdin = open(os.path.join(os.path.dirname(case_path), case["stdin"]), "rb") if "stdin" in case else subprocess.DEVNULL
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    result = subprocess.run([binary] + args, stdin=stdin, capture_output=True, env=env, timeout=60, cwd=ROOT)
    out = result.stdout.decode("utf-8", "replace").replace(ROOT, "{root}")
    err = result.stderr.decode("utf-8", "replace").replace(ROOT, "{root}")
    if os.environ.get("UPDATE_GOLDEN"):
        open(base + ".stdout", "w", encoding="utf-8").write(out)
        open(base + ".stderr", "w", encoding="utf-8").write(err)
        print(f"updated {base}.stdout/.stderr (status {result.returncode})")
        return 0
    ok = compare("stdout", open(base + ".stdout", encoding="utf-8").read(), out)
    ok = compare("stderr", open(base + ".stderr", encoding="utf-8").read(), err) and ok
    if result.returncode != int(case["status"]):
        print(f"--- exit status {result.returncode}, expected {case['status']}")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
