#!/usr/bin/env python3
"""`runback training` and `--training-log` on generated exports in every format it reads:
GPX, TCX and FIT files (each also gzipped), a Strava bulk export as a zip and unpacked (its
activities.csv repeats "Distance" and "Elapsed Time"), a Garmin Connect CSV in km and miles,
and folders. The exports come from training_exports.py, the FIT files written from the
published protocol; the expected answers are worked out here by hand from the plan, so they
check the definitions in docs/training-log.md, not what the binary happens to print."""
import datetime as dt
import gzip
import json
import os
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import ROOT, check, run_tests  # noqa: E402
import training_exports as tx  # noqa: E402
from pty_session import PtySession  # noqa: E402


def pty_available():
    try:
        master, slave = os.openpty()
    except OSError:
        return False
    os.close(master)
    os.close(slave)
    return True

AS_OF = dt.date(2026, 11, 29)
# 16 weeks, oldest first: steady at 20 km, then 24, then 30 (3 runs a week, on days 0, 2, 4).
PLAN_WEEKS = [20] * 10 + [20, 20, 24, 24, 30, 30]
# Worked out by hand from PLAN_WEEKS (see docs/training-log.md for the definitions):
#   weekly_distance_km: mean of the last 4 weeks (24, 24, 30, 30) = 27
#   volume_change: last 2 weeks 30 against the 4 before (20, 20, 24, 24 -> 22): +36%;
#                  last 4 weeks 27 against the 4 before (20 each): +35%  -> up_over_30pct
#   rest_days_per_week: 3 run days a week -> 4
#   running_experience: first run 109 days before AS_OF, no break -> 3_to_12_months
#   longest_run_jump: longest of the last 14 days is 10 km (its first on AS_OF - 11), the
#                     longest of the 30 days before it 8 km: 25% longer -> yes
EXPECTED = {"weekly_distance_km": 27, "volume_change": "up_over_30pct", "rest_days_per_week": 4,
            "running_experience": "3_to_12_months", "longest_run_jump": "yes"}
EVERY_S = 30   # a point every 30 s keeps the files small; the tracks' length is exact anyway


def run(binary, *args, env=None, stdin=None):
    environment = dict(os.environ, TZ="UTC")
    environment.update(env or {})
    return subprocess.run([binary, *args], capture_output=True, text=True, env=environment, input=stdin,
                          timeout=60)


def derived(binary, *paths, extra=(), env=None):
    result = run(binary, "training", *paths, "--format", "json", *extra, env=env)
    return result, (json.loads(result.stdout) if result.stdout.strip() else {})


def plan(weeks, **options):
    """weekly_plan's runs fall on days 0, 2 and 4 of its weeks: planned to end 2 days after
    AS_OF, the newest run is on AS_OF, so runback's weeks (the 7 days ending on the newest
    run, by default) hold the same runs as the plan's."""
    return tx.weekly_plan(AS_OF + dt.timedelta(days=2), weeks, **options)


def plan_runs():
    return plan(PLAN_WEEKS)


def others():
    """A walk, a ride and a swim in the last week: read, and left out."""
    evening = dt.datetime(AS_OF.year, AS_OF.month, AS_OF.day, 18, tzinfo=dt.timezone.utc)
    return [tx.Activity(evening - dt.timedelta(days=1), 4.0, 3000, sport="walking", name="Walk"),
            tx.Activity(evening - dt.timedelta(days=3), 40.0, 5400, sport="cycling", name="Ride"),
            tx.Activity(evening - dt.timedelta(days=5), 1.5, 2400, sport="swimming", name="Swim")]


def check_answers(data, what):
    answers = data.get("answers", {})
    for question, value in EXPECTED.items():
        check(answers.get(question) == value, f"{what}: {question} is {value!r} (got {answers.get(question)!r})")


def test_strava_zip(binary, tmp):
    activities = plan_runs() + others()
    path = os.path.join(tmp, "export_12345.zip")
    tx.strava_export(path, activities, every_s=EVERY_S)
    result, data = derived(binary, path)
    check(result.returncode == 0, f"a whole Strava zip reads with exit status 0 ({result.returncode}: {result.stderr.strip()})")
    check_answers(data, "Strava zip")
    counts = data.get("counts", {})
    check(counts.get("runs") == len(plan_runs()), f"every run counted once ({counts.get('runs')} of {len(plan_runs())})")
    check(counts.get("not_runs") == 3, f"the walk, the ride and the swim are left out ({counts.get('not_runs')})")
    # Each CSV row names its file: the row and the file are one activity, not a duplicate.
    check(counts.get("duplicates") == 0, f"a CSV row and its file are one activity ({counts.get('duplicates')})")
    check(counts.get("files") == len(activities) + 1, f"the CSV and each activity file are read ({counts.get('files')})")
    reasons = " ".join(item["reason"] for item in data.get("ignored", []))
    check("a ride" in reasons and "a walk" in reasons and "a swim" in reasons, "the left-out activities say what they were")
    weeks = data.get("weeks", [])
    check([w["km"] for w in weeks] == [float(km) for km in PLAN_WEEKS[-12:]],
          f"the weekly totals are the plan's last 12 weeks ({[w['km'] for w in weeks]})")
    check(weeks and weeks[-1]["last_day"] == AS_OF.isoformat(), "the last week ends on the newest run's day")
    longest = data.get("longest_recent_run", {})
    check(longest.get("km") == 10 and longest.get("previous_longest_km") == 8 and longest.get("spike") is True,
          f"the longest recent run (10 km) is a spike against 8 km ({longest})")
    # The formats the zip held: every one of them was read.
    names = {item["where"].rsplit(".", 2)[-1] for item in data.get("ignored", [])}
    check(len(names) > 0, "the ignored rows name where they were")

    text = run(binary, "training", path)
    check("Weekly distance, the last 12 weeks" in text.stdout and "█" in text.stdout, "the text shows the weekly chart")
    check("Frandsen" in text.stdout, "the spike is explained with its source")
    check("up_over_30pct" not in text.stdout and "A lot more" in text.stdout, "the text gives the answers in words")


def test_strava_folder_and_formats(binary, tmp):
    folder = os.path.join(tmp, "strava")
    tx.strava_export(folder, plan_runs() + others(), every_s=EVERY_S)
    kinds = sorted({name.split(".", 1)[1] for name in os.listdir(os.path.join(folder, "activities"))})
    check(kinds == ["fit", "fit.gz", "gpx", "gpx.gz", "tcx.gz"], f"the export holds every file format ({kinds})")
    result, data = derived(binary, folder)
    check(result.returncode == 0, f"an unpacked Strava export reads ({result.stderr.strip()})")
    check_answers(data, "Strava folder")

    # The same runs as loose files, one format each, with no CSV: the files alone say the same.
    for form in ("gpx", "tcx", "fit"):
        loose = os.path.join(tmp, "loose-" + form)
        os.makedirs(loose)
        for i, activity in enumerate(plan_runs()):
            data_bytes = {"gpx": lambda a: tx.gpx(a, every_s=EVERY_S), "tcx": lambda a: tx.tcx(a, every_s=EVERY_S),
                          "fit": lambda a: tx.fit(a, every_s=EVERY_S)}[form](activity)
            name = os.path.join(loose, f"run{i:03}.{form}" + (".gz" if i % 2 else ""))
            with open(name, "wb") as out:
                out.write(gzip.compress(data_bytes, mtime=0) if i % 2 else data_bytes)
        result, data = derived(binary, loose)
        check(result.returncode == 0, f"a folder of {form} files reads ({result.stderr.strip()[:200]})")
        check_answers(data, f"{form} files")


def test_duplicates_across_exports(binary, tmp):
    # The same runs in a Strava zip and a Garmin Connect CSV (local times, newest first): once each.
    zip_path = os.path.join(tmp, "dup.zip")
    tx.strava_export(zip_path, plan_runs(), every_s=EVERY_S)
    csv_path = os.path.join(tmp, "garmin.csv")
    with open(csv_path, "w") as out:
        out.write(tx.garmin_csv(plan_runs()))
    result, data = derived(binary, zip_path, csv_path)
    check(result.returncode == 0, f"a zip and a CSV together read ({result.stderr.strip()})")
    check(data.get("counts", {}).get("runs") == len(plan_runs()), "a run in both exports is counted once")
    check(data.get("counts", {}).get("duplicates") == len(plan_runs()), "and each is listed as a duplicate")
    check_answers(data, "Strava and Garmin together")


def test_garmin_csv_units_and_time_zone(binary, tmp):
    zone = dt.timezone(dt.timedelta(hours=-5))
    # Late evening runs in UTC-5: their UTC dates are the next day, their weeks the runner's.
    runs = plan(PLAN_WEEKS, tz=zone, hour=22)
    km_path, mi_path = os.path.join(tmp, "km.csv"), os.path.join(tmp, "mi.csv")
    with open(km_path, "w") as out:
        out.write(tx.garmin_csv(runs + others()))
    with open(mi_path, "w") as out:
        out.write(tx.garmin_csv(runs, miles=True))
    env = {"TZ": "EST5"}
    result, data = derived(binary, km_path, env=env)
    check(result.returncode == 0, f"a Garmin CSV reads ({result.stderr.strip()})")
    check(data.get("as_of") == AS_OF.isoformat(), f"the day assessed is the runner's local day ({data.get('as_of')})")
    check_answers(data, "Garmin CSV in km")
    result, data = derived(binary, mi_path, extra=("--distance-unit", "mi"), env=env)
    check(abs(data.get("answers", {}).get("weekly_distance_km", 0) - 27) <= 0.1,
          f"miles are converted with --distance-unit mi ({data.get('answers', {}).get('weekly_distance_km')})")

    gpx_dir = os.path.join(tmp, "evening-gpx")
    os.makedirs(gpx_dir)
    for i, activity in enumerate(runs):
        with open(os.path.join(gpx_dir, f"{i}.gpx"), "wb") as out:
            out.write(tx.gpx(activity, every_s=EVERY_S))
    result, data = derived(binary, gpx_dir, env=env)
    check(data.get("as_of") == AS_OF.isoformat(), f"GPX times in UTC fall on the runner's local days ({data.get('as_of')})")
    check_answers(data, "evening GPX runs in UTC-5")
    result, utc = derived(binary, gpx_dir, env={"TZ": "UTC"})
    check(utc.get("as_of") == (AS_OF + dt.timedelta(days=1)).isoformat(),
          "in UTC the same runs fall a day later: the zone is what moved them")


def test_as_of_and_history(binary, tmp):
    folder = os.path.join(tmp, "history")
    os.makedirs(folder)
    # Over a year of running, a 6-week break, then 5 weeks back: a returning runner.
    weeks = [15] * 60 + [0] * 6 + [10, 12, 12, 14, 14]
    for i, activity in enumerate(plan(weeks)):
        with open(os.path.join(folder, f"{i:03}.gpx"), "wb") as out:
            out.write(tx.gpx(activity, every_s=120))
    result, data = derived(binary, folder)
    check(data.get("answers", {}).get("running_experience") == "returning_after_break",
          f"back after 6 weeks off is a returning runner ({data.get('answers', {}).get('running_experience')})")
    # Six weeks before the break ended, the same log shows a steady runner of over a year.
    before = (AS_OF - dt.timedelta(days=7 * 12)).isoformat()
    result, data = derived(binary, folder, extra=("--as-of", before))
    answers = data.get("answers", {})
    check(answers.get("running_experience") == "over_1_year" and answers.get("volume_change") == "steady"
          and answers.get("weekly_distance_km") == 15,
          f"--as-of {before} assesses that day ({answers})")
    check(any("after the day assessed" in item["reason"] for item in data.get("ignored", [])),
          "runs after --as-of are left out, and say why")
    # Two weeks of history: too short for a change, and the runner is new.
    short = os.path.join(tmp, "short")
    os.makedirs(short)
    for i, activity in enumerate(plan([10, 10])):
        with open(os.path.join(short, f"{i}.gpx"), "wb") as out:
            out.write(tx.gpx(activity, every_s=120))
    result, data = derived(binary, short)
    check(data.get("answers", {}).get("running_experience") == "new_under_3_months", "two weeks of history: a new runner")
    check("volume_change" in data.get("not_derived", {}) and "volume_change" not in data.get("answers", {}),
          f"two weeks cannot show a change, and it says why ({data.get('not_derived')})")
    result = run(binary, "training", short, "--as-of", "2026-02-30")
    check(result.returncode == 2 and "--as-of" in result.stderr, "an impossible --as-of date is a usage error")


def test_broken_gps_track(binary, tmp):
    run_at = dt.datetime(2026, 11, 20, 7, tzinfo=dt.timezone.utc)
    path = os.path.join(tmp, "jump.gpx")
    with open(path, "wb") as out:
        out.write(tx.gpx(tx.Activity(run_at, 8.0, 2880), every_s=10, jump_at=100, jump_km=12.0))
    result, data = derived(binary, path)
    jumps = data.get("gps_jumps", [])
    # The jump's step also holds one ordinary step's few metres, left out with it.
    check(len(jumps) == 1 and abs(jumps[0]["jump_km"] - 12) < 0.1 and abs(jumps[0]["counted_km"] - 8) < 0.1,
          f"a 12 km GPS jump is reported, and the run counted as about 8 km ({jumps})")
    check(abs(data.get("weeks", [{}])[-1].get("km", 0) - 8) < 0.1, "the week counts the run without the jump")
    text = run(binary, "training", path).stdout
    check("broken GPS track" in text and "jump.gpx" in text, "the text names the run with the broken track")


def test_bad_input(binary, tmp):
    folder = os.path.join(tmp, "mixed")
    os.makedirs(folder)
    runs = plan_runs()
    for i, activity in enumerate(runs):
        with open(os.path.join(folder, f"good{i:03}.gpx"), "wb") as out:
            out.write(tx.gpx(activity, every_s=EVERY_S))
    extra = tx.Activity(dt.datetime(2026, 11, 28, 18, tzinfo=dt.timezone.utc), 5.0, 1800)
    broken = {
        "bad-crc.fit": tx.fit(extra, corrupt_crc=True),
        "cut.fit": tx.fit(extra)[:-40],
        "cut.gpx.gz": gzip.compress(tx.gpx(extra), mtime=0)[:-200],
        "no-times.gpx": tx.gpx(extra, with_times=False),
        "not-xml.tcx": b"<TrainingCenterDatabase><Activities>",
    }
    for name, data_bytes in broken.items():
        with open(os.path.join(folder, name), "wb") as out:
            out.write(data_bytes)
    result, data = derived(binary, folder)
    check(result.returncode == 1, f"exit status 1 when a file was skipped ({result.returncode})")
    problems = {os.path.basename(p["where"].split(":")[0]): p["message"] for p in data.get("problems", [])}
    check("bad CRC" in problems.get("bad-crc.fit", ""), f"a FIT file with a bad CRC is named ({problems.get('bad-crc.fit')})")
    check("cut short" in problems.get("cut.fit", ""), f"a FIT file cut short says so ({problems.get('cut.fit')})")
    check("ends early" in problems.get("cut.gpx.gz", ""), f"a truncated .gz says so ({problems.get('cut.gpx.gz')})")
    check("no time stamps" in problems.get("no-times.gpx", ""), f"a GPX without times says so ({problems.get('no-times.gpx')})")
    not_xml = [p for p in data.get("problems", []) if "not-xml.tcx" in p["where"]]
    check(bool(not_xml) and not_xml[0]["where"].endswith(":1") and "XML" in not_xml[0]["message"],
          f"a broken TCX names its line ({not_xml})")
    for name in broken:
        check(name in result.stderr, f"standard error names {name}")
    check_answers(data, "the good files beside the broken ones")

    zip_path = os.path.join(tmp, "cut.zip")
    tx.strava_export(zip_path, plan_runs(), every_s=EVERY_S)
    size = os.path.getsize(zip_path)
    cut = os.path.join(tmp, "cut-export.zip")
    tx.strava_export(cut, plan_runs(), every_s=EVERY_S, truncate_zip_at=size * 2 // 3)
    result, data = derived(binary, cut)
    check(result.returncode == 1 and "cut-export.zip" in result.stderr and "damaged or cut short" in result.stderr,
          f"a truncated zip is reported ({result.stderr.strip()[:300]})")
    check(0 < data.get("counts", {}).get("activities", 0), "the entries before the cut are still read")

    walks = os.path.join(tmp, "walks.gpx")
    with open(walks, "wb") as out:
        out.write(tx.gpx(tx.Activity(dt.datetime(2026, 11, 20, 7, tzinfo=dt.timezone.utc), 4, 3000, sport="walking")))
    result, data = derived(binary, walks)
    check(result.returncode == 1 and "no run" in result.stderr and data.get("answers") == {},
          "an export with no runs answers nothing, says so, and exits 1")
    notes = os.path.join(tmp, "notes.txt")
    with open(notes, "w") as out:
        out.write("ran 10k\n")
    result = run(binary, "training", os.path.join(tmp, "missing.gpx"), notes)
    check(result.returncode == 1 and "no such file" in result.stderr and "not a training log" in result.stderr,
          f"a missing file and an unknown kind are named ({result.stderr.strip()})")


def test_output_file_owner_only(binary, tmp):
    path = os.path.join(tmp, "owner.zip")
    tx.strava_export(path, plan_runs(), every_s=EVERY_S)
    out = os.path.join(tmp, "derived.json")
    result = run(binary, "training", path, "--format", "json", "-o", out)
    mode = stat.S_IMODE(os.stat(out).st_mode)
    check(result.returncode == 0 and mode == 0o600, f"derived answers saved to a file are owner-only ({oct(mode)})")


def benign_without_running(tmp):
    """examples/benign.yaml without the answers a training log gives."""
    path = os.path.join(tmp, "partial.yaml")
    with open(os.path.join(ROOT, "examples", "benign.yaml")) as source, open(path, "w") as out:
        for line in source:
            if line.split(":")[0] not in EXPECTED:
                out.write(line)
    return path


def test_assess_and_sheet(binary, tmp):
    log = os.path.join(tmp, "assess.zip")
    tx.strava_export(log, plan_runs(), every_s=EVERY_S)
    answers = benign_without_running(tmp)
    with open(answers, "a") as out:
        out.write("rest_days_per_week: 1\n")   # given: it wins over the log's 4
    result = run(binary, "assess", answers, "--training-log", log, "--format", "json")
    data = json.loads(result.stdout)
    check(result.returncode == 0, f"assess --training-log exits 0 ({result.stderr.strip()})")
    check(sorted(data.get("answers_from_training_log", [])) ==
          sorted(q for q in EXPECTED if q != "rest_days_per_week"),
          f"the JSON names the answers taken from the log ({data.get('answers_from_training_log')})")
    causes = {c["id"]: c for c in data.get("causes", [])}
    because = {b["question"]: b["answer"] for b in causes.get("training_load_spike", {}).get("because", [])}
    check(because.get("volume_change") == "up_over_30pct" and because.get("longest_run_jump") == "yes",
          f"the log's answers drive the causes ({because})")
    recovery = {b["question"]: b["answer"] for b in causes.get("insufficient_recovery", {}).get("because", [])}
    check(recovery.get("rest_days_per_week") == 1, f"the answer given wins over the log's ({recovery})")
    text = run(binary, "assess", answers, "--training-log", log).stdout
    check("(from your training log)" in text, "the text says which answers came from the training log")
    check("1 days per week (from" not in text, "an answer given is not credited to the log")

    html = os.path.join(tmp, "sheet.html")
    result = run(binary, "sheet", answers, "--training-log", log, "-o", html, "--date", "2026-11-30")
    content = open(html).read()
    check(result.returncode == 0 and '<svg class="weeks"' in content and content.count("<rect") >= 12,
          "the HTML sheet draws the weekly bar chart")
    check("Your running, the last 12 weeks" in content and "from your training log" in content,
          "the HTML sheet heads the chart and credits the log")
    text_sheet = run(binary, "sheet", answers, "--training-log", log, "--date", "2026-11-30").stdout
    check("YOUR RUNNING, THE LAST 12 WEEKS" in text_sheet and "#" * 40 in text_sheet, "the text sheet has the chart too")


def test_pdf_sheet_chart(binary, tmp):
    if subprocess.run(["which", "pdftoppm"], capture_output=True).returncode != 0:
        print("skip: pdftoppm (poppler-utils) is not installed")
        return
    log = os.path.join(tmp, "pdf.zip")
    tx.strava_export(log, plan_runs(), every_s=EVERY_S)
    answers = benign_without_running(tmp)
    pdf = os.path.join(tmp, "sheet.pdf")
    result = run(binary, "sheet", answers, "--training-log", log, "-o", pdf, "--date", "2026-11-30")
    check(result.returncode == 0, f"the PDF sheet is made ({result.stderr.strip()})")
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    check("Your running, the last 12 weeks" in text, "the PDF sheet heads the chart")
    # The bars as a picture: the chart's blue, in as many separate columns as weeks with running.
    prefix = os.path.join(tmp, "page")
    subprocess.run(["pdftoppm", "-r", "50", pdf, prefix], check=True)
    bars = 0
    for name in sorted(os.listdir(tmp)):
        if name.startswith("page") and name.endswith(".ppm"):
            bars = max(bars, blue_columns(os.path.join(tmp, name)))
    check(bars == 12, f"the PDF draws a bar for each of the 12 weeks ({bars} found)")


def blue_columns(path):
    """Separate runs of columns holding the chart's blue (#3b7dd8) in a binary PPM."""
    with open(path, "rb") as f:
        data = f.read()
    fields, at = [], 0
    while len(fields) < 4:
        while data[at:at + 1].isspace():
            at += 1
        end = at
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[at:end])
        at = end
    at += 1
    width, height = int(fields[1]), int(fields[2])
    pixels = data[at:]
    columns = set()
    for y in range(height):
        row = pixels[y * width * 3:(y + 1) * width * 3]
        for x in range(width):
            r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
            if abs(r - 59) < 20 and abs(g - 125) < 20 and abs(b - 217) < 20:
                columns.add(x)
    runs, last = 0, -2
    for x in sorted(columns):
        if x != last + 1:
            runs += 1
        last = x
    return runs


def test_ask_offers_log_answers(binary, tmp):
    """In a terminal, ask --training-log offers each derived answer for the runner to keep
    (Enter) or correct; kept ones are credited to the log in the assessment."""
    if not pty_available():
        print("skip: no pseudo-terminal here")
        return
    log = os.path.join(tmp, "ask.zip")
    tx.strava_export(log, plan_runs(), every_s=EVERY_S)
    answers = benign_without_running(tmp)
    with PtySession([binary, "ask", "--answers", answers, "--training-log", log, "--no-color"],
                    extra_env={"TZ": "UTC"}, columns=120, rows=50, timeout=20) as s:
        s.expect(r"kilometres\s+do\s+you\s+run\s+in\s+a\s+typical\s+week")
        s.expect(r"From\s+your\s+training\s+log:\s+27\s+km\s+per\s+week:\s+the\s+mean\s+of\s+the\s+last\s+4\s+weeks")
        s.expect(r"Press\s+Enter\s+to\s+keep\s+it,\s+or\s+type\s+another\s+answer")
        s.expect(r">\s+")
        s.sendline("")                       # keep 27
        s.expect(r"how\s+has\s+the\s+amount\s+you\s+run\s+changed")
        s.expect(r"From\s+your\s+training\s+log:\s+A\s+lot\s+more")
        s.expect(r">\s+")
        s.sendline("2")                      # the runner corrects it: about the same
        s.expect(r"more\s+than\s+10%\s+longer\s+than\s+your\s+longest\s+run")
        s.expect(r"From\s+your\s+training\s+log:\s+Yes")
        s.expect(r">\s+")
        s.sendline("")
        s.expect(r"How\s+long\s+have\s+you\s+been\s+running\s+regularly\?")
        s.expect(r"From\s+your\s+training\s+log:\s+3\s+to\s+12\s+months")
        s.expect(r">\s+")
        s.sendline("")
        s.expect(r"how\s+many\s+days\s+do\s+you\s+take\s+off")
        s.expect(r"From\s+your\s+training\s+log:\s+4\s+days\s+per\s+week")
        s.expect(r">\s+")
        s.sendline("")
        s.expect(r"Save\s+your\s+answers\s+to\s+a\s+file\?.*:\s+")
        s.sendline("")
        s.expect(r"Sheet\s+file\s+>\s+")
        s.sendline("")
        s.wait_exit(timeout=20)
        screen = " ".join(s.output.split())
    check("Yes (from your training log)" in screen, "a kept answer is credited to the training log")
    check("About the same (from" not in screen, "a corrected answer is the runner's own")
    check("A lot more" not in screen.split("Likely causes")[-1], "the correction, not the log, is assessed")


def main(binary):
    tests = [test_strava_zip, test_strava_folder_and_formats, test_duplicates_across_exports,
             test_garmin_csv_units_and_time_zone, test_as_of_and_history, test_broken_gps_track, test_bad_input,
             test_output_file_owner_only, test_assess_and_sheet, test_pdf_sheet_chart, test_ask_offers_log_answers]
    with tempfile.TemporaryDirectory(prefix="runback-training-") as tmp:
        wrapped = []
        for test in tests:
            def bound(binary, test=test):
                folder = os.path.join(tmp, test.__name__)
                os.makedirs(folder, exist_ok=True)
                test(binary, folder)
            bound.__name__ = test.__name__
            wrapped.append(bound)
        return run_tests(wrapped, binary)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
