#!/usr/bin/env python3
"""Benchmark `runback batch` against the speed and memory targets; prints a report.

    bench/run.py                          # 1,000,000 records, best of 5 runs per timing
    bench/run.py --rows 10000000          # the size the memory target is stated for
    bench/run.py --rows 200000 --runs 1   # a quick look
    bench/run.py --check                  # exit 1 when a target is missed

Targets (from the issue), for CSV in and JSONL out, to a file or /dev/null, default rule base:
at least 500,000 records/s on one core and 1,000,000 with both cores, peak memory under
32 MiB for a 10-million-record input, and `runback questions` starting in under 10 ms.

The input comes from bench/generate.py (deterministic seed), generated once per size, seed and
generator/question-list version into bench/.cache/ (git-ignored) and reused. Every timing is the
whole run of the process, wall clock, best of --runs (5), taken in rounds (each timing once a
round) so that a slow spell of a shared machine spreads over all of them; peak memory is the
largest peak resident set size of those runs, from /usr/bin/time -f %M when it exists, else
from wait4().
`wc -l` on the same file is timed the same way: it is the floor of reading the file, so the
ratio says how far the tool is from just reading its input. The report is printed and the exit
status is 0 unless --check is given (then 1 when a target is missed or a run failed).
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
GENERATOR = os.path.join(BENCH, "generate.py")
WRITE_FLOOR = os.path.join(BENCH, "write_floor.py")
sys.dont_write_bytecode = True  # no __pycache__ in bench/
sys.path.insert(0, BENCH)
from generate import DEFAULT_SEED  # noqa: E402

ONE_CORE_RATE = 500_000
BOTH_CORES_RATE = 1_000_000
PEAK_MIB = 32
MEMORY_ROWS = 10_000_000
STARTUP_MS = 10.0
TIME_BIN = "/usr/bin/time"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# machine

def machine_info(runback):
    info = {}
    try:
        info["nproc"] = subprocess.run(["nproc"], stdout=subprocess.PIPE, text=True,
                                       check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        info["nproc"] = str(len(os.sched_getaffinity(0)))
    model = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    info["cpu"] = model
    info["load"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    try:
        info["version"] = subprocess.run([runback, "--version"], stdout=subprocess.PIPE,
                                         text=True).stdout.strip().replace("\n", "; ")
    except OSError:
        info["version"] = "?"
    build_type = "unknown"
    cache = os.path.join(os.path.dirname(os.path.abspath(runback)), "CMakeCache.txt")
    try:
        with open(cache, encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("CMAKE_BUILD_TYPE:"):
                    build_type = line.split("=", 1)[1].strip() or "(none)"
    except OSError:
        pass
    info["build_type"] = build_type
    return info


# ---------------------------------------------------------------------------------------------
# input

def input_files(args, runback, formats):
    """Generate (or reuse) the input files; returns {format: path}."""
    try:
        questions = subprocess.run([runback, "questions", "--format", "json"], check=True,
                                   stdout=subprocess.PIPE).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"run.py: cannot list the questions with {runback}: {e}")
    with open(GENERATOR, "rb") as f:
        key = hashlib.sha1(f.read() + b"\0" + questions + b"\0" +
                           str(args.pool).encode()).hexdigest()[:10]
    os.makedirs(args.cache_dir, exist_ok=True)
    qfile = os.path.join(args.cache_dir, f"questions-{key}.json")
    if not os.path.exists(qfile):
        with open(qfile + ".tmp", "wb") as f:
            f.write(questions)
        os.replace(qfile + ".tmp", qfile)
    paths = {}
    for fmt in formats:
        stem = f"survey-{args.rows}-seed{args.seed}"
        path = os.path.join(args.cache_dir, f"{stem}-{key}.{fmt}")
        if os.path.exists(path):
            log(f"input: {os.path.relpath(path)} (cached)")
        else:
            for old in os.listdir(args.cache_dir):  # the same input from an older generator
                if old.startswith(stem + "-") and old.endswith("." + fmt):
                    os.remove(os.path.join(args.cache_dir, old))
            log(f"input: generating {args.rows:,} {fmt.upper()} records into "
                f"{os.path.relpath(path)} ...")
            t0 = time.perf_counter()
            subprocess.run([sys.executable, GENERATOR, "--rows", str(args.rows), "--format", fmt,
                            "--seed", str(args.seed), "--pool", str(args.pool),
                            "--questions", qfile, "-o", path + ".tmp"], check=True)
            os.replace(path + ".tmp", path)
            log(f"input: done in {time.perf_counter() - t0:.1f} s, "
                f"{os.path.getsize(path) / 2**20:,.0f} MiB")
        paths[fmt] = path
    return paths


# ---------------------------------------------------------------------------------------------
# timing

class Result:
    def __init__(self, name, what, rows, target_rate=None, memory=False):
        self.name, self.what, self.rows = name, what, rows
        self.target_rate, self.memory = target_rate, memory
        self.seconds = None      # best wall time
        self.peak_kib = None     # largest peak RSS
        self.floor = None        # best wc -l time on the same input
        self.times = []          # every run's wall time, in order
        self.error = None
        self.note = ""


def vm_hwm(status_file):
    """VmHWM in KiB from a /proc/PID/status file, or None."""
    try:
        with open(status_file, encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def run_once(cmd, stdout=subprocess.DEVNULL):
    """Runs cmd once; returns (wall seconds, peak RSS KiB, exit status, stderr text)."""
    with tempfile.TemporaryFile("w+") as err:
        if os.path.exists(TIME_BIN):
            with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
                t0 = time.perf_counter()
                p = subprocess.run([TIME_BIN, "-f", "%e %M", "-o", tf.name, "--"] + cmd,
                                   stdin=subprocess.DEVNULL, stdout=stdout, stderr=err)
                wall = time.perf_counter() - t0
                fields = tf.read().split()
                # GNU time writes "Command exited with non-zero status N" first when N != 0
                peak = int(fields[-1]) if fields and fields[-1].isdigit() else None
            status = p.returncode
        else:
            # No /usr/bin/time. The rusage of a child (wait4, or RUSAGE_CHILDREN) is no good
            # here: Linux carries the parent's peak RSS across fork and exec into the child's
            # ru_maxrss, so it would never read below this Python process's own size. So read
            # the child's own high-water mark, VmHWM, from /proc while it runs (every 5 ms;
            # the mark only grows, so only growth in the last few ms can be missed).
            t0 = time.perf_counter()
            p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=stdout, stderr=err)
            peak = None
            status_file = f"/proc/{p.pid}/status"
            while True:
                pid, wstatus, usage = os.wait4(p.pid, os.WNOHANG)
                if pid:
                    break
                hwm = vm_hwm(status_file)
                if hwm is not None:
                    peak = hwm if peak is None else max(peak, hwm)
                time.sleep(0.005)
            wall = time.perf_counter() - t0
            p.returncode = status = os.waitstatus_to_exitcode(wstatus)
            if peak is None:  # too quick to sample: an upper bound (includes the parent's)
                peak = usage.ru_maxrss
        err.seek(0)
        return wall, peak, status, err.read()


def run_timing(result, cmd, i, ok_status=(0, 1), after_run=None):
    """Run i (from 0) of cmd for `result`: keeps the best wall time and the largest peak RSS,
    or sets result.error. Returns False when the run failed."""
    wall, peak, status, err = run_once(cmd)
    if status not in ok_status:
        tail = " | ".join(err.strip().splitlines()[-3:])
        result.error = f"exit status {status}: {tail}"
        log(f"    {result.name} run {i + 1}: FAILED, {result.error}")
        return False
    log(f"    {result.name} run {i + 1}: {wall:.3f} s, {peak / 1024 if peak else 0:.1f} MiB")
    result.seconds = wall if result.seconds is None else min(result.seconds, wall)
    result.times.append(wall)
    if peak is not None:
        result.peak_kib = peak if result.peak_kib is None else max(result.peak_kib, peak)
    m = re.search(r"(\d+) record\(s\)", err)
    if m and int(m.group(1)) != result.rows and not result.note:
        result.note = f"reported {m.group(1)} records, expected {result.rows}"
    if after_run:  # a check of the output: a wrong output fails the measurement
        problem = after_run()
        if problem:
            result.error = problem
            log(f"    {result.name} run {i + 1}: FAILED, {problem}")
            return False
    return True


def measure_in_rounds(timings, runs):
    """`runs` rounds of one run of every timing (result, cmd, ok_status, after_run), in turn.
    A cmd may be a function giving the command (None: skip this round's run).

    A shared machine's speed changes from minute to minute; taking the timings in turn,
    rather than all runs of one and then the next, spreads a slow spell over all of them
    instead of spoiling every run of one."""
    for i in range(runs):
        log(f"  round {i + 1} of {runs}:")
        for result, cmd, ok_status, after_run in timings:
            if callable(cmd):
                cmd = cmd()
                if cmd is None:
                    continue
            if not result.times and result.error is None:
                log(f"    {result.name}: {' '.join(cmd)}")
            if result.error is None:
                run_timing(result, cmd, i, ok_status, after_run)


def spawn_median_ms(cmd, runs):
    """Median wall time in ms of `runs` runs of cmd (3 warm-up runs first)."""
    times = []
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        actions = [(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
                   (os.POSIX_SPAWN_DUP2, devnull, 2)]
        for i in range(runs + 3):
            t0 = time.perf_counter_ns()
            try:
                pid = os.posix_spawn(cmd[0], cmd, os.environ, file_actions=actions)
            except OSError:
                return None
            _, status = os.waitpid(pid, 0)
            t1 = time.perf_counter_ns()
            if os.waitstatus_to_exitcode(status) != 0:
                return None
            if i >= 3:
                times.append((t1 - t0) / 1e6)
    finally:
        os.close(devnull)
    return statistics.median(times)


# ---------------------------------------------------------------------------------------------
# report

def verdict(r):
    """'PASS', 'FAIL (...)' or '' (no target) for one result."""
    if r.error:
        return "FAIL (run failed)"
    missed = []
    if r.target_rate and r.rows / r.seconds < r.target_rate:
        missed.append("speed")
    if r.memory and r.peak_kib is not None and r.peak_kib / 1024 >= PEAK_MIB:
        missed.append("memory")
    if missed:
        return "FAIL (" + ", ".join(missed) + ")"
    if r.target_rate or r.memory:
        return "PASS" + ("*" if r.memory and r.rows < MEMORY_ROWS else "")
    return ""


def target_text(r):
    parts = []
    if r.target_rate:
        parts.append(f">= {r.target_rate:,}/s")
    if r.memory:
        parts.append(f"< {PEAK_MIB} MiB")
    return ", ".join(parts) or "-"


def ms(value):
    return "failed" if value is None else f"{value:.2f} ms"


def table(header, rows):
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows)]
    right = [False] + [True] * 5 + [False, False]
    lines = []
    for i, row in enumerate([header] + rows):
        cells = [str(x).rjust(w) if right[j] and i else str(x).ljust(w)
                 for j, (x, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--rows", type=int, default=1_000_000, help="input records (1000000)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"generator seed ({DEFAULT_SEED})")
    ap.add_argument("--pool", type=int, default=100_000, help="generator pool size (100000)")
    ap.add_argument("--runback", default=os.path.join(REPO, "build", "runback"),
                    help="the binary to measure (build/runback under the repository root)")
    ap.add_argument("--runs", type=int, default=5, help="runs per timing, the best counts (5)")
    ap.add_argument("--startup-runs", type=int, default=50,
                    help="runs of `runback questions`, the median counts (50)")
    ap.add_argument("--cache-dir", default=os.path.join(BENCH, ".cache"),
                    help="where generated inputs are kept (bench/.cache)")
    ap.add_argument("--only", metavar="NAMES",
                    help="comma-separated measurements to run (see the names in the report)")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON to FILE")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 when a target is missed or a run fails")
    args = ap.parse_args(argv)
    if args.rows < 1 or args.runs < 1 or args.startup_runs < 1:
        ap.error("--rows, --runs and --startup-runs must be at least 1")

    runback = os.path.abspath(args.runback)
    if not os.access(runback, os.X_OK):
        print(f"run.py: no runback binary at {runback}; build it first "
              f"(cmake --build build -j2) or give --runback PATH", file=sys.stderr)
        return 2
    info = machine_info(runback)
    # Measure a copy: the build directory may be rebuilt while the benchmark runs (the rule base
    # is built into the binary, so the copy runs the same from anywhere).
    snapshot_dir = tempfile.mkdtemp(prefix="runback-bench-")
    try:
        source = runback
        runback = os.path.join(snapshot_dir, "runback")
        shutil.copy2(source, runback)
        with open(runback, "rb") as f:
            info["sha1"] = hashlib.sha1(f.read()).hexdigest()[:12]
        return report(args, ap, source, runback, info)
    finally:
        shutil.rmtree(snapshot_dir, ignore_errors=True)


def report(args, ap, source, runback, info):
    """Runs the measurements on the binary `runback` (a copy of `source`) and prints them."""
    help_text = subprocess.run([runback, "batch", "--help"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True).stdout
    has_jobs = "--jobs" in help_text
    taskset = shutil.which("taskset")
    only = set(args.only.split(",")) if args.only else None

    def wanted(name):
        return only is None or name in only

    # The plan: (name, description, input format, extra args, to a file?, pin to CPU 0?,
    # target rate, memory target)
    plan = [("csv-null", "CSV -> JSONL, -o /dev/null, default", "csv", [], False, False,
             BOTH_CORES_RATE, True),
            ("csv-file", "CSV -> JSONL, -o out.jsonl, default", "csv", [], True, False,
             BOTH_CORES_RATE, True)]
    one = ["--jobs", "1"] if has_jobs else []
    pin_text = ", taskset -c 0" if taskset else ""
    one_text = ("--jobs 1" if has_jobs else "default") + pin_text
    plan += [("csv-null-1core", f"CSV -> JSONL, -o /dev/null, {one_text}", "csv", one, False,
              True, ONE_CORE_RATE, True),
             ("csv-file-1core", f"CSV -> JSONL, -o out.jsonl, {one_text}", "csv", one, True,
              True, ONE_CORE_RATE, True)]
    if has_jobs:
        plan += [("csv-null-jobs2", "CSV -> JSONL, -o /dev/null, --jobs 2", "csv",
                  ["--jobs", "2"], False, False, BOTH_CORES_RATE, True)]
    plan += [("jsonl-null", "JSONL -> JSONL, -o /dev/null, default", "jsonl", [], False, False,
              None, False)]
    names = [p[0] for p in plan] + ["startup"]
    if only and only - set(names):
        ap.error(f"--only: unknown names {', '.join(sorted(only - set(names)))}; "
                 f"known: {', '.join(names)}")
    plan = [p for p in plan if wanted(p[0])]

    formats = sorted({p[2] for p in plan})
    inputs = input_files(args, runback, formats) if formats else {}
    out_file = os.path.join(args.cache_dir, "out.jsonl")
    results = []
    out_bytes = {}   # the size of the -o file rows' output, for the write floor
    log(f"measuring, best of {args.runs} run(s) each, taken in rounds:")
    timings = []
    floors = {}
    for fmt in formats:
        r = Result(f"wc-{fmt}", f"wc -l on the {fmt.upper()} input", args.rows)
        timings.append((r, ["wc", "-l", inputs[fmt]], (0,), None))
        floors[fmt] = r
        results.append(r)

    def check_output():
        try:
            with open(out_file, "rb") as f:
                n = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
            out_bytes["jsonl"] = os.path.getsize(out_file)
            os.remove(out_file)
        except OSError as e:
            return f"no output file: {e}"
        return None if n == args.rows else f"output has {n} lines, expected {args.rows}"

    # The machine's own steadiness: a fixed piece of CPU work (a checksum of the input, pinned
    # like the one-core rows) in every round. On a shared virtual machine even a bare loop's
    # time varies twofold from minute to minute; this row says how steady the machine was.
    reference = None
    md5sum = shutil.which("md5sum")
    if formats and md5sum:
        fmt = "csv" if "csv" in formats else formats[0]
        cmd = [md5sum, inputs[fmt]]
        reference = Result(f"md5-{fmt}", f"md5sum of the {fmt.upper()} input, "
                           f"{'pinned to CPU 0 ' if taskset else ''}(the machine's steadiness)",
                           args.rows)
        timings.append((reference, ([taskset, "-c", "0"] if taskset else []) + cmd, (0,), None))
        results.append(reference)

    def after_sync(cmd):
        # Every run that writes a file starts with nothing of another's still on its way to
        # the disk (a removed 1.5 GB output can keep it busy for seconds): sync first, untimed.
        def synced():
            os.sync()
            return cmd
        return synced

    input_formats = {}
    for name, what, fmt, extra, to_file, pin, rate, memory in plan:
        cmd = [runback, "batch", inputs[fmt], "--from", fmt, "--to", "jsonl",
               "-o", out_file if to_file else os.devnull] + extra
        if pin and taskset:
            cmd = [taskset, "-c", "0"] + cmd
        r = Result(name, what, args.rows, rate, memory)
        timings.append((r, after_sync(cmd) if to_file else cmd, (0, 1), check_output if to_file else None))
        input_formats[name] = fmt
        results.append(r)

    write_floor = None
    if any(to_file for _, _, _, _, to_file, _, _, _ in plan):
        # The -o file rows cannot beat the disk: writing as many bytes to the same folder, the
        # way runback does (see write_floor.py), is their floor, taken in the same rounds, as
        # the disk's speed changes as much as the CPU's. On some virtual machines a file's
        # first write into fresh memory is several times slower than the computation, so this
        # row says which of the two a -o file figure measures.
        write_floor = Result("write-floor", "bench/write_floor.py writing as many bytes as the "
                             "-o file rows beside out.jsonl, as runback writes (their floor)", args.rows)

        def floor_command():
            if "jsonl" not in out_bytes:
                return None   # no -o run has succeeded yet
            mib = (out_bytes["jsonl"] + (1 << 20) - 1) >> 20
            write_floor.what = (f"bench/write_floor.py writing the same {mib:,} MiB beside out.jsonl "
                                "as runback writes (2 MiB at a time around the page cache), then fsync "
                                "(the -o file rows' floor)")
            os.sync()
            return [sys.executable, WRITE_FLOOR, out_file, str(mib)]

        def remove_output():
            try:
                os.remove(out_file)
            except OSError as e:
                return f"no output file: {e}"
            return None

        timings.append((write_floor, floor_command, (0,), remove_output))
    measure_in_rounds(timings, args.runs)
    if write_floor and write_floor.seconds is not None:
        results.append(write_floor)
    for r in results:
        if r.name in input_formats:
            r.floor = floors[input_formats[r.name]].seconds
    # After the runs, so that a note of a wrong record count (set by the runs) comes first.
    if not taskset:
        for name, what, fmt, extra, to_file, pin, rate, memory in plan:
            r = next(r for r in results if r.name == name)
            if pin:
                r.note = r.note or "taskset missing: not pinned to one core"

    startup = {}
    if wanted("startup"):
        log(f"start-up: median of {args.startup_runs} runs each")
        startup["questions"] = spawn_median_ms([runback, "questions"], args.startup_runs)
        startup["questions_json"] = spawn_median_ms([runback, "questions", "--format", "json"],
                                                    args.startup_runs)
        true_bin = shutil.which("true") or "/bin/true"
        startup["spawn_floor"] = spawn_median_ms([true_bin], args.startup_runs)

    # ---- report
    print()
    print(f"runback batch benchmark: {args.rows:,} records, seed {args.seed}")
    print(f"machine: nproc {info['nproc']}, {info['cpu']}; load average at the end "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (at the start {info['load']})")
    print(f"binary: {source} ({info['version']}; CMAKE_BUILD_TYPE {info['build_type']}; "
          f"sha1 {info['sha1']}, copied at the start)")
    print(f"--jobs: {'available' if has_jobs else 'not available (runback batch --help does not mention it)'}"
          f"; one-core runs {'pinned with taskset -c 0' if taskset else 'NOT pinned (no taskset)'}")
    print(f"timings: wall clock of the whole process, best of {args.runs}; peak = largest "
          f"peak RSS of those runs ({'/usr/bin/time %M' if os.path.exists(TIME_BIN) else '/proc/PID/status VmHWM, sampled'})")
    print()
    header = ["run", "rows", "seconds", "rows/s", "MiB peak", "x wc -l", "target", "result"]
    rows = []
    failed = 0
    for r in results:
        if r.error:
            rows.append([r.name, f"{r.rows:,}", "-", "-", "-", "-", target_text(r),
                         "FAIL (run failed)"])
            failed += 1
            continue
        v = verdict(r)
        failed += v.startswith("FAIL")
        ratio = f"{r.seconds / r.floor:.1f}" if r.floor else "-"
        peak = f"{r.peak_kib / 1024:.1f}" if r.peak_kib is not None else "?"
        floor_row = r.name.startswith("wc-") or r.name == "write-floor"
        kind = "(floor)" if floor_row else "(reference)" if r is reference else target_text(r)
        rows.append([r.name, f"{r.rows:,}", f"{r.seconds:.3f}", f"{r.rows / r.seconds:,.0f}",
                     peak, "1.0" if r.name.startswith("wc-") else ratio, kind, v])
    print(table(header, rows))
    print()
    for r in results:
        print(f"  {r.name:<15} {r.what}" + (f"  [{r.note}]" if r.note else "")
              + (f"  [{r.error}]" if r.error else ""))
    if reference and reference.times and not reference.error:
        fastest, slowest = min(reference.times), max(reference.times)
        print(f"  steadiness: {reference.name} took {fastest:.3f} to {slowest:.3f} s over the rounds "
              f"(slowest {slowest / fastest:.2f} x fastest); each figure is the best of its runs, "
              f"so a slow spell shows only when it lasted every round")
    if any(r.memory for r in results) and args.rows < MEMORY_ROWS:
        print(f"  * the memory target is stated for {MEMORY_ROWS:,} records; at {args.rows:,} "
              f"it is indicative only: run with --rows {MEMORY_ROWS}")
    if startup:
        print()
        q = startup["questions"]
        if q is None:
            print("start-up: `runback questions` failed")
            failed += 1
        else:
            ok = q < STARTUP_MS
            failed += not ok
            print(f"start-up (median of {args.startup_runs}): runback questions {q:.2f} ms "
                  f"(target < {STARTUP_MS:g} ms: {'PASS' if ok else 'FAIL'}); "
                  f"--format json {ms(startup['questions_json'])}; "
                  f"spawning /bin/true {ms(startup['spawn_floor'])} (the floor)")
    print()
    print(f"{failed} failure(s): a target missed or a run failed" if failed
          else "all measured targets met")

    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"rows": args.rows, "seed": args.seed, "runs": args.runs,
                       "machine": info, "jobs_available": has_jobs, "startup_ms": startup,
                       "results": [{"name": r.name, "what": r.what, "seconds": r.seconds,
                                    "rows_per_second": r.rows / r.seconds if r.seconds else None,
                                    "peak_mib": r.peak_kib / 1024 if r.peak_kib else None,
                                    "wc_ratio": r.seconds / r.floor if r.floor and r.seconds
                                    else None, "target": target_text(r), "result": verdict(r),
                                    "note": r.note, "error": r.error} for r in results]},
                      f, indent=2)
    return 1 if args.check and failed else 0


if __name__ == "__main__":
    sys.exit(main())
