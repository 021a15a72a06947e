#!/usr/bin/env python3
"""Benchmark `runback training` reading a Strava bulk export, against gpsbabel reading the same files.

    bench/training.py                      # 3,000 activities, best of 3 runs per timing
    bench/training.py --activities 300 --runs 1   # a quick look
    bench/training.py --check              # exit 1 when the target is missed
    bench/training.py --runback /path/to/runback
    bench/training.py --runs 5 --gpsbabel-runs 1  # gpsbabel takes minutes a round: time it once

Target (issue 19): reading a Strava export of 3,000 activities, with GPX tracks of realistic
size, takes under 2 s on one core. Both timings are pinned to CPU 0 with taskset, so the figure
is one core's whatever the binary does.

The export comes from bench/make_strava_export.py (deterministic), written once into
bench/.cache/ (git-ignored) as a folder and as a zip, and reused. Timed, every timing once a
round, best of --runs (3):
  - `runback training FOLDER --format json` and the same for the zip, to /dev/null; peak memory
    from /usr/bin/time -f %M where it exists; and runback on the unpacked files gpsbabel reads;
  - gpsbabel (the Debian tool, as the reference reader): one invocation per format, every file of
    that format as a -f, written as CSV to /dev/null (-i gpx, -i gtrnctr for TCX, -i garmin_fit);
    the row "gpsbabel, all files" is the sum of the three. gpsbabel cannot read .gz, so it gets the
    files gunzipped beforehand (untimed; see unpacked_copy). It reads the
    GPS tracks (every point) and writes them out again; runback reads them to sum the distance
    and check for jumps. gpsbabel does not read Strava's activities.csv.
The runback output is checked once: the count of runs and activities it found must match the
export's (the folder and the zip alike). The report is printed; the exit status is 0 unless
--check is given (then 1 when the target is missed or a run failed).
"""

import argparse
import glob
import gzip
import json
import os
import shutil
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
MAKE_EXPORT = os.path.join(BENCH, "make_strava_export.py")
TIME_BIN = "/usr/bin/time"
TARGET_S = 2.0
GPSBABEL_FORMATS = (("gpx", ("*.gpx",)), ("gtrnctr", ("*.tcx",)), ("garmin_fit", ("*.fit",)))


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def make_export(activities):
    """(folder, zip) of the generated export in bench/.cache/, made when missing."""
    cache = os.path.join(BENCH, ".cache")
    os.makedirs(cache, exist_ok=True)
    folder = os.path.join(cache, f"strava-{activities}")
    archive = folder + ".zip"
    for out in (folder, archive):
        if not os.path.exists(out):
            log(f"writing {out} (about a minute for 3,000 activities)")
            partial = out + ".partial" + (".zip" if out.endswith(".zip") else "")
            shutil.rmtree(partial, ignore_errors=True)
            subprocess.run([sys.executable, MAKE_EXPORT, partial, "--activities", str(activities)], check=True)
            os.rename(partial, out)
    return folder, archive


def unpacked_copy(folder):
    """A folder beside FOLDER with its activity files, the .gz ones gunzipped, made when missing.

    gpsbabel 1.8.0 does not read gzip: its XML readers take the compressed bytes for bad XML and
    its FIT reader for a short file. So it is given the files unpacked (untimed), which spares it
    the decompressing runback does within its timing."""
    plain = folder + "-unpacked"
    if os.path.isdir(plain):
        return plain
    log(f"writing {plain} (the activity files gunzipped, for gpsbabel)")
    partial = plain + ".partial"
    shutil.rmtree(partial, ignore_errors=True)
    os.makedirs(partial)
    for name in os.listdir(os.path.join(folder, "activities")):
        source = os.path.join(folder, "activities", name)
        if name.endswith(".gz"):
            with gzip.open(source, "rb") as f_in, open(os.path.join(partial, name[:-3]), "wb") as f_out:
                shutil.copyfileobj(f_in, f_out)
        else:
            shutil.copyfile(source, os.path.join(partial, name))
    os.rename(partial, plain)
    return plain


def timed(cmd):
    """(seconds, peak MiB or None, exit status) of one run, output to /dev/null."""
    measure = os.path.exists(TIME_BIN)
    full = ([TIME_BIN, "-f", "%M", "-o", "/dev/stderr"] if measure else []) + cmd
    start = time.perf_counter()
    done = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seconds = time.perf_counter() - start
    peak = None
    if measure:
        last = done.stderr.decode(errors="replace").strip().splitlines()
        if last and last[-1].strip().isdigit():
            peak = int(last[-1]) / 1024
    return seconds, peak, done.returncode


def check_runback(runback, export, expected_runs, expected_activities):
    """Fail loudly when runback does not find what the export holds."""
    done = subprocess.run([runback, "training", export, "--format", "json"], capture_output=True, text=True)
    if done.returncode not in (0, 1):
        sys.exit(f"runback training {export} failed with status {done.returncode}: {done.stderr}")
    counts = json.loads(done.stdout)["counts"]
    if counts["runs"] != expected_runs or counts["activities"] < expected_activities:
        sys.exit(f"runback training {export}: {counts['runs']} runs and {counts['activities']} activities, "
                 f"expected {expected_runs} runs of {expected_activities} activities")
    return counts


def expected_counts(folder):
    """(runs, activities) listed in the export's activities.csv, the generator's own record."""
    import csv
    with open(os.path.join(folder, "activities.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    activity_type = rows[0].index("Activity Type")
    return sum(1 for row in rows[1:] if row[activity_type] == "Run"), len(rows) - 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runback", default=os.path.join(REPO, "build", "runback"))
    ap.add_argument("--activities", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--gpsbabel-runs", type=int, default=None,
                    help="rounds that time gpsbabel too (default: every round)")
    ap.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = ap.parse_args()
    if not os.access(args.runback, os.X_OK):
        ap.exit(2, f"no runback binary at {args.runback}: build it first (cmake --build build -j2)\n")
    taskset = shutil.which("taskset")
    pin = [taskset, "-c", "0"] if taskset else []
    gpsbabel = shutil.which("gpsbabel")

    folder, archive = make_export(args.activities)
    runs, activities = expected_counts(folder)
    for export in (folder, archive):
        counts = check_runback(args.runback, export, runs, activities)
    log(f"runback finds {counts['runs']} runs of {counts['activities']} activities in {counts['files']} files")

    timings = {"runback training FOLDER": pin + [args.runback, "training", folder, "--format", "json"],
               "runback training ZIP": pin + [args.runback, "training", archive, "--format", "json"]}
    file_counts = {}
    if gpsbabel:
        plain = unpacked_copy(folder)
        # The same files as gpsbabel is given, for a like-for-like ratio.
        timings["runback training UNPACKED"] = pin + [args.runback, "training", plain, "--format", "json"]
        for fmt, patterns in GPSBABEL_FORMATS:
            files = sorted(f for p in patterns for f in glob.glob(os.path.join(plain, p)))
            file_counts[fmt] = len(files)
            cmd = pin + [gpsbabel, "-i", fmt]
            for f in files:
                cmd += ["-f", f]
            timings[f"gpsbabel -i {fmt}"] = cmd + ["-o", "csv", "-F", "/dev/null"]
    best = {name: (float("inf"), None) for name in timings}
    peaks = {name: 0.0 for name in timings}
    for round_no in range(args.runs):
        for name, cmd in timings.items():
            if name.startswith("gpsbabel") and args.gpsbabel_runs is not None and round_no >= args.gpsbabel_runs:
                continue
            seconds, peak, status = timed(cmd)
            if status not in (0, 1):
                sys.exit(f"{name} failed with status {status}")
            log(f"round {round_no + 1}: {name}: {seconds:.3f} s")
            if seconds < best[name][0]:
                best[name] = (seconds, peak)
            peaks[name] = max(peaks[name], peak or 0.0)

    sizes = sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(folder) for n in ns)
    print(f"machine: nproc {os.cpu_count()}, load average {os.getloadavg()[0]:.2f}; "
          f"{'pinned to CPU 0 with taskset' if taskset else 'NOT pinned (no taskset)'}; best of {args.runs}"
          + (f" (gpsbabel: {args.gpsbabel_runs})" if gpsbabel and args.gpsbabel_runs is not None else ""))
    print(f"export: {activities} activities ({runs} runs), {sizes:,} bytes unpacked, "
          f"{os.path.getsize(archive):,} bytes zipped")
    print()
    print("| what | seconds | MiB peak | target |")
    print("| --- | --- | --- | --- |")
    missed = False
    for name, (seconds, _) in best.items():
        target = ""
        if name.startswith("runback"):
            met = seconds < TARGET_S
            missed |= not met
            target = f"under {TARGET_S:.0f} s: {'met' if met else 'missed'}"
        label = name + (f" ({file_counts[name.split()[-1]]} files)" if name.startswith("gpsbabel") else "")
        print(f"| {label} | {seconds:.2f} | {peaks[name]:.1f} | {target} |")
    if gpsbabel:
        total = sum(s for name, (s, _) in best.items() if name.startswith("gpsbabel"))
        print(f"| gpsbabel, all files | {total:.2f} | | |")
        ratio = total / best["runback training UNPACKED"][0]
        print(f"\nOn the same unpacked files, runback is {ratio:.1f} times as fast as gpsbabel")
    else:
        print("\ngpsbabel is not installed (sudo apt-get install gpsbabel): no reference figure")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())
