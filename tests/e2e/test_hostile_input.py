#!/usr/bin/env python3
"""Hostile and broken input (issue 7): each is refused or reported in bounded time and memory,
with the place and what was expected, and never breaks the output: a YAML alias bomb and deep
nesting, a 300 MB line, invalid UTF-8 and NUL bytes (the JSON output stays valid UTF-8 JSON),
numbers such as 1e999 and NaN, an empty file, a CSV with only a header, an answers file that is
a list, and terminal escape sequences in values and column names (never echoed raw)."""
import json
import os
import subprocess
import sys
import tempfile
import time
from harness import check, failures  # noqa: E402


TIME = "/usr/bin/time"


def run(binary, args, seconds=60):
    """The result, the seconds taken and the peak memory in MiB (measured by /usr/bin/time where
    it exists: the test's own memory must not count, as a forked child starts with it)."""
    start = time.monotonic()
    with tempfile.NamedTemporaryFile() as report:
        prefix = [TIME, "-f", "%M", "-o", report.name] if os.path.exists(TIME) else []
        result = subprocess.run(prefix + [binary] + args, capture_output=True, timeout=seconds)
        text = open(report.name).read().strip().splitlines()
    peak_mib = int(text[-1]) / 1024 if prefix and text and text[-1].isdigit() else 0
    return result, time.monotonic() - start, peak_mib


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        p = lambda name: os.path.join(tmp, name)
        lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
        lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 14)]
        bomb = write(p("bomb.yaml"), ("\n".join(lines) + "\nfever: *a13\n").encode())
        result, seconds, _ = run(binary, ["assess", bomb, "--format", "json"])
        check(result.returncode == 1 and seconds < 10 and b"fever: expected a single answer" in result.stderr,
              f"a YAML alias bomb (9^14 nodes if expanded) is read without expanding it ({seconds:.1f} s)")
        rules_bomb = os.path.join(tmp, "rules")
        os.mkdir(rules_bomb)
        write(os.path.join(rules_bomb, "rulebase.yaml"), ("\n".join(lines) + "\nrulebase: *a13\n").encode())
        result, seconds, _ = run(binary, ["rules", "check", "--rules", rules_bomb])
        check(result.returncode in (1, 2) and seconds < 10 and b"rulebase.yaml:" in result.stdout + result.stderr,
              f"an alias bomb in a rule base is refused with its place ({seconds:.1f} s)")

        deep = write(p("deep.yaml"), b"fever: " + b"[" * 100000 + b"]" * 100000 + b"\n")
        result, seconds, _ = run(binary, ["assess", deep])
        check(result.returncode == 2 and b"deep.yaml:1:" in result.stderr and seconds < 10,
              f"100,000 levels of nesting are refused with the place, not a crash ({seconds:.1f} s)")

        header = b"id,fever\n"
        long_line = p("long.csv")
        with open(long_line, "wb") as f:   # 300 MB, written a megabyte at a time
            f.write(header + b"a,")
            for _ in range(300):
                f.write(b"x" * (1 << 20))
            f.write(b"\nb,yes\n")
        result, seconds, peak = run(binary, ["batch", long_line, "--from", "csv"], seconds=120)
        rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
        check(len(rows) == 2 and "longer than 64 MiB" in rows[0].get("error", "") and rows[1]["red_flags"] == ["fever"],
              f"a 300 MB line becomes an error row and the next record is read ({seconds:.1f} s, peak {peak:.0f} MiB)")
        # AddressSanitizer's shadow memory and quarantine roughly double a sanitized build's.
        sanitized = b"libasan.so" in open(binary, "rb").read()
        bound = 400 if sanitized else 160
        check(peak < bound, f"memory stays bounded on it (peak {peak:.0f} MiB, bound {bound}; the record limit is 64 MiB)")
        os.remove(long_line)

        broken = write(p("broken.csv"), b"id,fever,pain_location\n\xff\xfe,ye\x00s,\x1b[2J\nok,\xc3,lower_back\n")
        result, _, _ = run(binary, ["batch", broken, "--from", "csv"])
        text = result.stdout.decode("utf-8", errors="strict") if result.stdout else ""
        rows = [json.loads(line) for line in text.splitlines()]
        check(len(rows) == 2 and rows[0]["id"] == "\ufffd\ufffd" and "error" in rows[0] and "error" in rows[1],
              "invalid UTF-8 and NUL bytes give valid JSON (U+FFFD for broken bytes) and an error row each")
        check(b"\x1b" not in result.stdout and b"\x1b" not in result.stderr, "an escape sequence in a value is never output raw")
        escaped = write(p("escaped.csv"), b"id,fever,\x1b[31mred\n1,no,x\n")
        result, _, _ = run(binary, ["batch", escaped, "--from", "csv"])
        check(b"\\x1b[31mred" in result.stderr and b"\x1b" not in result.stderr,
              "a column name with an escape sequence is quoted visibly in the warning")

        numbers = write(p("numbers.yaml"), b"age: 1e999\npain_severity: .nan\nweekly_distance_km: -0\nfever: no\n")
        result, _, _ = run(binary, ["assess", numbers, "--format", "json"])
        out = json.loads(result.stdout)
        check(result.returncode == 1 and b"'1e999' is not an answer to age" in result.stderr
              and b"'.nan' is not an answer to pain_severity" in result.stderr and "error" in out
              and out["urgency"] in ("self_care", "see_clinician"),
              "1e999 and NaN are refused with what is expected; -0 is plain zero; the rest is assessed")
        empty = write(p("empty.yaml"), b"")
        result, _, _ = run(binary, ["assess", empty])
        check(result.returncode == 2 and b"empty file" in result.stderr, "an empty answers file is a clear error")
        listed = write(p("list.yaml"), b"- fever\n- no\n")
        result, _, _ = run(binary, ["assess", listed])
        check(result.returncode == 2 and b"found a list" in result.stderr, "an answers file that is a list is a clear error")
        only_header = write(p("header.csv"), b"id,fever\n")
        result, _, _ = run(binary, ["batch", only_header, "--from", "csv"])
        check(result.returncode == 0 and result.stdout == b"" and b"0 record(s)" in result.stderr,
              "a CSV with only a header gives no rows and says so")
        empty_csv = write(p("empty.csv"), b"")
        result, _, _ = run(binary, ["batch", empty_csv, "--from", "csv"])
        check(result.returncode == 2 and b"is empty" in result.stderr, "an empty CSV is a clear error")
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
