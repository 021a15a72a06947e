#!/usr/bin/env python3
"""`runback batch` on files as spreadsheets and survey tools write them, and as a filter that
composes: every record accounted for, errors named, --max-errors, --jobs giving the same output,
headerless chunks of a split file giving exactly the single-run output, `| head`, -o written
atomically and privately, and the CSV template."""
import json
import os
import random
import re
import select
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from harness import check, run_tests  # noqa: E402


def run(binary, args, stdin=None):
    return subprocess.run([binary] + args, input=stdin, capture_output=True, timeout=120)


def questions(binary):
    return json.loads(run(binary, ["questions", "--format", "json"]).stdout)


def generated_rows(binary, count, seed=7):
    rng = random.Random(seed)
    qs = questions(binary)
    rows = []
    for i in range(count):
        row = {"id": f"p{i}"}
        for q in qs:
            if rng.random() < 0.1:
                continue
            if q["type"] == "number":
                row[q["id"]] = str(rng.randint(int(q["min"]), int(q["max"])))
            elif q["red_flag"]:
                row[q["id"]] = "yes" if rng.random() < 0.04 else "no"
            else:
                row[q["id"]] = rng.choice(q["options"])["id"]
        if rng.random() < 0.01:
            row["surface"] = "moon_dust"
        rows.append(row)
    return [q["id"] for q in qs], rows


def write_csv(path, columns, rows, header=True):
    with open(path, "w", newline="") as f:
        if header:
            f.write(",".join(["id"] + columns) + "\n")
        for r in rows:
            f.write(",".join([r["id"]] + [r.get(c, "") for c in columns]) + "\n")


def test_spreadsheet_quirks(binary, tmp):
    # Saved from a spreadsheet: BOM, CRLF, semicolons, a decimal comma, a quoted newline in a
    # kept comment, an extra column, NA, a bad value, a short row, and a trailing empty line.
    text = ("\ufeffID;Pain_Location; weekly_distance_km ;fever;comment;saddle_numbness\r\n"
            "a1;lower_back;42,5;no;\"fine\r\nreally\";no\r\n"
            "a2;LOWER_BACK;NA;N/A;\"said \"\"ok\"\"\";YES\r\n"
            "a3;moon;12;no;x;no\r\n"
            "a4;upper_back;10\r\n"
            "a5;buttock_hip;;n;;n\r\n"
            "\r\n")
    path = os.path.join(tmp, "export.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    result = run(binary, ["batch", path, "--from", "csv", "--delimiter", ";", "--to", "jsonl", "--keep", "comment"])
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    check(result.returncode == 1, f"a file with bad rows exits 1 (got {result.returncode})")
    check([r.get("id") for r in rows] == ["a1", "a2", "a3", "a4", "a5"], "every record gives one row, in order, ids kept")
    check([r["row"] for r in rows] == [1, 2, 3, 4, 5], "rows are numbered from 1 after the header")
    check(rows[0].get("comment") == "fine\r\nreally" and rows[1].get("comment") == 'said "ok"',
          "quoted newlines and doubled quotes survive into a kept column")
    check("error" not in rows[0] and "error" not in rows[1] and "error" not in rows[4], "good rows carry no error")
    check(rows[1]["red_flags"] == ["saddle_numbness"] and rows[1]["urgency"] == "emergency",
          "YES in any case is yes; NA is unanswered")
    err = rows[2].get("error", "")
    check("row 3" in err and "pain_location" in err and "'moon'" in err and "lower_back" in err,
          f"a bad value names the row, field, value and what is accepted ({err})")
    check("urgency" in rows[2], "a record with a bad value is still assessed")
    check("expected 6 fields" in rows[3].get("error", "") and "urgency" not in rows[3],
          "a short row becomes an error row")
    summary = result.stderr.decode()
    check("5 record(s)" in summary and "2 with errors" in summary, f"the summary counts rows and errors ({summary.strip()})")


def test_max_errors(binary, tmp):
    columns, rows = generated_rows(binary, 50)
    for i in (5, 9, 20):
        rows[i]["fever"] = "perhaps"
    path = os.path.join(tmp, "errors.csv")
    write_csv(path, columns, rows)
    result = run(binary, ["batch", path, "--from", "csv", "--max-errors", "2", "-j", "2"])
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    check(result.returncode == 1 and len(out) == 10 and out[-1]["row"] == 10,
          f"--max-errors 2 stops right after the second error row ({len(out)} rows)")
    check("stopped after 2 error" in result.stderr.decode(), "and says so")


def test_jobs_and_chunks_match(binary, tmp):
    columns, rows = generated_rows(binary, 9000)
    whole = os.path.join(tmp, "whole.csv")
    write_csv(whole, columns, rows)
    outputs = {}
    for jobs in ("1", "2", "3"):
        outputs[jobs] = run(binary, ["batch", whole, "--from", "csv", "--to", "jsonl", "-j", jobs]).stdout
    check(outputs["1"] == outputs["2"] == outputs["3"] and outputs["1"].count(b"\n") == 9000,
          "--jobs 1, 2 and 3 give byte-identical output in input order")
    for fmt in ("csv", "jsonl"):
        single = run(binary, ["batch", whole, "--from", "csv", "--to", fmt, "-j", "2"]).stdout
        pieces = []
        for start in range(0, len(rows), 2500):
            chunk = os.path.join(tmp, f"chunk{start}.csv")
            write_csv(chunk, columns, rows[start:start + 2500], header=False)
            args = ["batch", chunk, "--from", "csv", "--to", fmt, "--no-header",
                    "--columns", ",".join(["id"] + columns), "--row-offset", str(start)]
            out = run(binary, args).stdout
            if fmt == "csv" and start > 0:
                out = out.split(b"\n", 1)[1]   # each chunk writes the header
            pieces.append(out)
        check(b"".join(pieces) == single, f"a file split into headerless chunks gives exactly the single-run {fmt}")


def test_head_and_output_file(binary, tmp):
    columns, rows = generated_rows(binary, 30000)
    path = os.path.join(tmp, "big.csv")
    write_csv(path, columns, rows)
    pipeline = subprocess.run(f"'{binary}' batch '{path}' --from csv | head -n 3", shell=True,
                              capture_output=True, timeout=120)
    check(pipeline.stdout.count(b"\n") == 3 and b"error" not in pipeline.stderr,
          f"`batch | head` ends quietly ({pipeline.stderr[:200]!r})")
    out = os.path.join(tmp, "results.jsonl")
    result = run(binary, ["batch", path, "--from", "csv", "-o", out])
    check(os.path.exists(out) and stat.S_IMODE(os.stat(out).st_mode) == 0o600,
          "-o writes a file readable by its owner only")
    check(not [n for n in os.listdir(tmp) if n.startswith(".results.jsonl.tmp")], "and leaves no temporary file")
    with open(out, "rb") as f:
        written = f.read()
    check(len(written) > 16 << 20 and written == run(binary, ["batch", path, "--from", "csv"]).stdout,
          f"-o writes exactly what standard output gets ({len(written) >> 20} MiB, sent on to the disk in chunks)")
    bad = os.path.join(tmp, "none.jsonl")
    run(binary, ["batch", os.path.join(tmp, "missing.csv"), "--from", "csv", "-o", bad])
    check(not os.path.exists(bad), "a run that cannot start creates no output file")
    # Interrupted (Ctrl-C, or a shutdown): the partial file is removed, what was finished is
    # said, and the status is 130.
    for number, name in ((signal.SIGINT, "SIGINT"), (signal.SIGTERM, "SIGTERM")):
        slow = os.path.join(tmp, "slow.jsonl")
        proc = subprocess.Popen([binary, "batch", "-", "--from", "csv", "-o", slow], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        proc.stdin.write(("id," + ",".join(columns) + "\n").encode())
        proc.stdin.write(b"".join(b"x,no\n" for _ in range(5000)))
        proc.stdin.flush()
        time.sleep(0.5)
        proc.send_signal(number)
        status = proc.wait(timeout=30)
        said = proc.stderr.read().decode()
        proc.stdin.close()
        check(status == 130, f"{name} mid-batch exits 130 (got {status})")
        check(not os.path.exists(slow) and not [n for n in os.listdir(tmp) if n.startswith(".slow.jsonl")],
              f"{name}: and leaves no partial output file")
        check(re.search(r"interrupted after assessing \d+ record\(s\); nothing was written to .*slow.jsonl", said)
              is not None,
              f"{name}: and says how far it got ({said.strip()[-120:]!r})")
    # Writing to standard output, the rows already written are what was finished. The input
    # (several read blocks' worth) is fed from a thread and left open, as a slow source would.
    proc = subprocess.Popen([binary, "batch", "-", "--from", "csv"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    feed = ("id," + ",".join(columns) + "\n").encode() + b"x,no\n" * 600_000

    def feed_input():
        try:
            proc.stdin.write(feed)
            proc.stdin.flush()
        except OSError:
            pass
    threading.Thread(target=feed_input, daemon=True).start()
    rows = proc.stdout.read(1)   # the first batch is out
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    rows += proc.stdout.read()
    status = proc.wait(timeout=30)
    said = proc.stderr.read().decode()
    proc.stdin.close()
    done = re.search(r"interrupted; at least (\d+) record\(s\) had been written to standard output", said)
    received = rows.count(b"\n")
    # A signal may land while a batch is being written: the reader then has more than were
    # counted, never fewer.
    check(status == 130 and done is not None and int(done.group(1)) <= received,
          f"to standard output, the count said is never more than the rows written ({said.strip()[-80:]!r}, "
          f"{received} rows)")


def test_output_to_links_and_pipes(binary, tmp):
    columns, rows = generated_rows(binary, 50)
    path = os.path.join(tmp, "small.csv")
    write_csv(path, columns, rows)
    expected = run(binary, ["batch", path, "--from", "csv"]).stdout
    # A FIFO stands for /dev/null and other devices: written in place, never renamed over (a
    # test on /dev/null itself would break the machine it runs on when it fails).
    fifo = os.path.join(tmp, "results.fifo")
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", fifo], stdout=subprocess.PIPE)
    run(binary, ["batch", path, "--from", "csv", "-o", fifo])
    try:
        received = reader.communicate(timeout=10)[0]
    except subprocess.TimeoutExpired:   # nothing ever opened the FIFO to write
        reader.kill()
        received = reader.communicate()[0]
    check(stat.S_ISFIFO(os.lstat(fifo).st_mode) and received == expected,
          "-o to a FIFO writes through it and leaves it a FIFO (as /dev/null stays a device)")
    # A symbolic link stays a link; the file it names gets the results, even a new one.
    for name, target in (("link.jsonl", "existing.jsonl"), ("dangling.jsonl", "new.jsonl")):
        if target == "existing.jsonl":
            with open(os.path.join(tmp, target), "w") as f:
                f.write("old\n")
        os.symlink(target, os.path.join(tmp, name))
        run(binary, ["batch", path, "--from", "csv", "-o", os.path.join(tmp, name)])
        with open(os.path.join(tmp, target), "rb") as f:
            written = f.read()
        check(os.path.islink(os.path.join(tmp, name)) and written == expected,
              f"-o through a symbolic link ({target}) keeps the link and writes the file it names")


def test_progress_only_on_a_terminal(binary, tmp):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from pty_session import PtySession
    columns, rows = generated_rows(binary, 20000)
    path = os.path.join(tmp, "progress.csv")
    write_csv(path, columns, rows * 20)   # 400,000 rows: long enough to draw at any speed here
    out = os.path.join(tmp, "progress.jsonl")
    with PtySession([binary, "batch", path, "--from", "csv", "-o", out, "-j", "1"]) as session:
        session.wait_exit(timeout=120)
        shown = "rows/s" in session.output and "%" in session.output
    check(shown, "a progress line (rows, rows/s, percent) is shown when standard error is a terminal")
    plain = run(binary, ["batch", path, "--from", "csv", "-o", out])
    check(b"rows/s" not in plain.stderr, "and nothing of it when standard error is not one")


def read_line_within(stream, seconds):
    """One line from a pipe, or None when none comes within `seconds`."""
    ready, _, _ = select.select([stream], [], [], seconds)
    return stream.readline() if ready else None


def test_streams_as_records_arrive(binary, tmp):
    """A slow source (a pipe or a FIFO kept open): each result comes out as its record arrives,
    not when a batch of 512 has filled or the input has ended."""
    fifo = os.path.join(tmp, "arriving.fifo")
    os.mkfifo(fifo)
    for name, source in (("standard input", "-"), ("a FIFO", fifo)):
        proc = subprocess.Popen([binary, "batch", source, "--from", "csv"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        writer = proc.stdin if source == "-" else open(fifo, "wb")
        writer.write(b"id,fever,pain_location\na1,no,lower_back\n")
        writer.flush()
        first = read_line_within(proc.stdout, 10)
        writer.write(b"a2,yes,lower_back\n")
        writer.flush()
        second = read_line_within(proc.stdout, 10)
        writer.close()
        if source != "-":
            proc.stdin.close()
        status = proc.wait(timeout=30)
        check(first is not None and b'"id":"a1"' in first and second is not None and b'"id":"a2"' in second,
              f"{name}: each result is written as its record arrives ({first!r:.60}, {second!r:.60})")
        check(status == 0 and proc.stdout.read() == b"", f"{name}: and the run ends with the input (status {status})")


def test_csv_template(binary, tmp):
    template = run(binary, ["questions", "--csv-template"]).stdout.decode()
    header, example = template.splitlines()
    check(header.split(",")[0] == "id" and len(header.split(",")) == len(questions(binary)) + 1,
          "the template's header is id and every question id")
    path = os.path.join(tmp, "filled.csv")
    with open(path, "w") as f:
        f.write(header + "\n" + example.split(": ", 1)[1] + "\n")
    result = run(binary, ["batch", path, "--from", "csv"])
    check(result.returncode == 0 and result.stdout.count(b"\n") == 1, "its example row, uncommented, is a valid record")


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        return run_tests((test_spreadsheet_quirks, test_max_errors, test_jobs_and_chunks_match,
                          test_streams_as_records_arrive,
                     test_head_and_output_file, test_output_to_links_and_pipes,
                     test_progress_only_on_a_terminal, test_csv_template), binary, tmp)


if __name__ == "__main__":
    sys.exit(main())
