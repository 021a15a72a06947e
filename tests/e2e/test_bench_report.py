#!/usr/bin/env python3
"""The benchmark's report (bench/run.py) on a small input with the built binary: every row it
was asked for, the steadiness line, exit status 0 without --check, no output file left behind;
and its verdicts on made-up figures. Timings are not checked (no timed tests): only that the
report says what it measured and judges it by its stated rules."""
import importlib.util
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RUN_PY = os.path.join(ROOT, "bench", "run.py")


def load_bench():
    sys.dont_write_bytecode = True
    spec = importlib.util.spec_from_file_location("bench_run", RUN_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_verdicts(bench, failures):
    def result(seconds, rate, memory=False, peak_mib=None, rows=1_000_000):
        r = bench.Result("csv-null", "test", rows, rate, memory)
        r.seconds = seconds
        r.peak_kib = peak_mib * 1024 if peak_mib is not None else None
        return r

    cases = [
        # (result, expected verdict)
        (result(0.9, 1_000_000), "PASS"),
        (result(1.1, 1_000_000), "FAIL (speed)"),
        (result(1.9, 500_000), "PASS"),
        (result(0.9, 1_000_000, True, 15.0, 10_000_000 // 10), "PASS*"),   # memory: indicative below 10M
        (result(9.0, 1_000_000, True, 15.0, 10_000_000), "PASS"),
        (result(9.0, 1_000_000, True, 40.0, 10_000_000), "FAIL (memory)"),
        (result(11.0, 1_000_000, True, 40.0, 10_000_000), "FAIL (speed, memory)"),
        (result(0.4, None), ""),                                            # no target: no verdict
    ]
    for r, expected in cases:
        got = bench.verdict(r)
        if got != expected:
            failures.append(f"verdict({r.seconds} s for {r.rows} rows, target {r.target_rate}/s, "
                            f"peak {r.peak_kib}): {got!r}, expected {expected!r}")
    if bench.target_text(result(0.9, 1_000_000, True)) != f">= 1,000,000/s, < {bench.PEAK_MIB} MiB":
        failures.append(f"target text: {bench.target_text(result(0.9, 1_000_000, True))!r}")


def check_report(binary, failures):
    with tempfile.TemporaryDirectory() as cache:
        run = subprocess.run(
            [sys.executable, RUN_PY, "--runback", binary, "--rows", "3000", "--runs", "2",
             "--startup-runs", "3", "--cache-dir", cache, "--only", "csv-null,csv-file,startup"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
        if run.returncode != 0:
            failures.append(f"bench/run.py exited {run.returncode}: {run.stderr[-800:]}")
            return
        report = run.stdout
        for row in ("wc-csv", "csv-null", "csv-file", "write-floor"):
            if not any(line.startswith(row + " ") for line in report.splitlines()):
                failures.append(f"the report has no {row} row:\n{report}")
        if "steadiness: md5-csv took" not in report:
            failures.append(f"the report has no steadiness line:\n{report}")
        if "runback questions" not in report:
            failures.append(f"the report has no start-up line:\n{report}")
        if "round 2 of 2" not in run.stderr:
            failures.append(f"the runs were not taken in 2 rounds:\n{run.stderr[-800:]}")
        if os.path.exists(os.path.join(cache, "out.jsonl")):
            failures.append("the -o file rows' output was left behind")


def main():
    binary = os.path.abspath(sys.argv[1])
    failures = []
    check_verdicts(load_bench(), failures)
    check_report(binary, failures)
    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
