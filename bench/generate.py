#!/usr/bin/env python3
"""Write a realistic survey export for `runback batch`: N records as CSV (default) or JSONL.

    bench/generate.py --rows 1000000 -o survey.csv
    bench/generate.py --rows 1000 --format jsonl            # to standard output
    bench/generate.py --rows 10000000 --crlf -o big.csv      # CRLF line ends

The columns are not written down here: the question ids, their types, options and ranges are
read once from `runback questions --format json` (the binary from --runback, default
build/runback under the repository root; or a saved copy with --questions FILE). Questions the
generator knows get a hand-tuned distribution (below, DISTRIBUTIONS); any question the rule base
adds later gets a generic one for its type, so the file always covers every question.

What is in a record (the rates are per answer cell unless said otherwise):
  - `id` (p1, p2, ... = the record's position), about 2% quoted with a comma ("LDS, 1234"),
    plus the non-question columns `clinic`, `submitted_at` (first) and `notes` (last; mostly
    empty, sometimes free text with commas, doubled quotes and non-ASCII letters).
  - red flags mostly "no", about 3% "yes"; other yes/no questions at plausible rates.
  - choices with skewed, plausible weights; numbers within their range, with decimals
    sometimes (weekly_distance_km log-normal, median 30 km, mostly 10 to 80).
  - about 10% empty cells (a missing key in JSONL, sometimes null), about 2% NA / N/A / - / n/a.
  - spelling variants: mixed letter case (Yes, NO, Lower_Back), y/n/true/false/1/0, surrounding
    spaces, all accepted by the contract.
  - about 0.1% bad values (--bad-rate): an unknown option, a typo, "maybe", a number out of
    range or with a decimal comma ("12,5", quoted). Such records still get assessed but carry
    an `error`, and `runback batch` exits with status 1 on such a file: that is intended.
  - no line breaks inside quoted cells, so `wc -l` counts the records (plus the header).

Speed: drawing every cell with `random` runs at only about 10,000 records per second, far too
slow for the 10-million-record memory test. So the generator draws a pool of --pool distinct
records (default 100,000, about 10 s) and cycles through it, giving each output record a fresh
counter-based id (pool record k serves records k, k+P, k+2P, ...). 10 million records then
take about 15 s as CSV (2.4 GB) and under a minute as JSONL (9 GB) on a 2-core Xeon.
The first min(N, pool) records are identical for every N with the same seed and pool, and the
output is fully determined by (--seed, --pool, --format, --crlf, --bad-rate, the questions).
"""

import argparse
import bisect
import itertools
import json
import math
import os
import random
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SEED = 20240611

# Hand-tuned distributions for the questions in the contract. Choice: option -> weight;
# yes_no: probability of "yes"; number: a function of the random generator.
DISTRIBUTIONS = {
    "leg_numbness_tingling": 0.15,
    "osteoporosis_or_steroids": 0.04,
    "bone_stress_risk": 0.08,
    "cross_training": 0.45,
    "tight_hips_hamstrings": 0.40,
    "pain_location": {"lower_back": 70, "upper_back": 10, "buttock_hip": 20},
    "pain_radiates": {"none": 65, "above_knee": 22, "below_knee": 13},
    "pain_duration": {"under_2_days": 25, "2_to_7_days": 35, "1_to_6_weeks": 25,
                      "6_to_12_weeks": 8, "over_12_weeks": 7},
    "pain_trend": {"improving": 45, "same": 35, "worsening": 20},
    "pain_timing": {"during_run": 25, "after_run": 35, "next_morning": 30, "constant": 10},
    "volume_change": {"decreased": 10, "steady": 40, "up_under_10pct": 20,
                      "up_10_to_30pct": 18, "up_over_30pct": 12},
    "running_experience": {"new_under_3_months": 12, "returning_after_break": 18,
                           "3_to_12_months": 20, "over_1_year": 50},
    "warm_up": {"always": 30, "sometimes": 45, "never": 25},
    "stretching": {"regularly": 25, "sometimes": 45, "never": 30},
    "strength_training": {"none": 45, "once_a_week": 35, "twice_or_more": 20},
    "surface": {"concrete_asphalt": 40, "track": 5, "treadmill": 12, "trail_uneven": 13,
                "grass_dirt": 8, "mixed": 22},
    "shoe_type": {"cushioned_running": 75, "minimal_barefoot": 7, "non_running": 8,
                  "unknown": 10},
    "shoe_age_km": {"under_300": 35, "300_to_600": 35, "over_600": 18, "unknown": 12},
    "posture": {"upright": 35, "leaning_forward_hunched": 20, "overstriding_heel_strike": 20,
                "side_to_side_sway": 7, "unsure": 18},
    # numbers: (draw, probability of one decimal place)
    "age": (lambda r: r.gauss(38, 12), 0.0),
    "pain_severity": (lambda r: r.triangular(1, 9, 4), 0.15),
    "weekly_distance_km": (lambda r: r.lognormvariate(math.log(30), 0.5), 0.3),
    "rest_days_per_week": (lambda r: r.choices(range(8), (5, 25, 35, 22, 8, 3, 1, 1))[0], 0.0),
    "sitting_hours_per_day": (lambda r: r.gauss(7, 3), 0.2),
}
RED_FLAG_YES = 0.03
GENERIC_YES = 0.20

EMPTY_RATE = 0.10
NA_RATE = 0.02
NA_SPELLINGS = ["NA", "NA", "N/A", "-", "n/a", "na"]
VARIANT_RATE = 0.06   # a contract-accepted spelling other than the canonical one
SPACES_RATE = 0.01    # surrounding spaces
JSON_NULL_SHARE = 0.2  # of the empty cells, in JSONL: null instead of a missing key

CLINICS = ["Leeds Headingley", "Bristol, Clifton", "Zürich Oerlikon", "Lyon Part-Dieu",
           "Boston Back Bay", "Melbourne CBD", "Online", "Online", "Online", "München-Ost"]
ID_CODES = ["LDS", "BRS", "ZRH", "LYS", "BOS", "MEL"]
NOTES = [
    "ran a half marathon last weekend",
    "new shoes, \"Pegasus\" model",
    "pain started after hill repeats",
    "physio said: core work, 3x/week",
    "also knee pain, left side",
    "Schmerz seit dem Lauf am Sonntag",
    "douleur après la course, surtout le matin",
    "training for a marathon (sub 3:30)",
    "desk job, 9h/day; standing desk since May",
    "\"it's fine when I walk\"",
]


def load_questions(runback, questions_file):
    if questions_file:
        with open(questions_file, encoding="utf-8") as f:
            return json.load(f)
    try:
        out = subprocess.run([runback, "questions", "--format", "json"], check=True,
                             stdout=subprocess.PIPE).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f"generate.py: cannot list the questions with {runback!r}: {e}")
    return json.loads(out)


def fmt_number(x, lo, hi, decimal_share, r):
    x = min(max(x, lo), hi)
    if decimal_share and r.random() < decimal_share:
        text = f"{round(x, 1):.1f}"
        if float(text) > hi:
            text = f"{hi:g}"
        return text, float(text)
    n = int(round(x))
    n = min(max(n, math.ceil(lo)), math.floor(hi))
    return str(n), n


def case_variant(text, r):
    return text.upper() if r.random() < 0.25 else "_".join(w.capitalize() for w in text.split("_"))


class Question:
    """Draws one answer: (csv text, json value); json value None means 'leave out'."""

    def __init__(self, q):
        self.id = q["id"]
        self.type = q["type"]
        dist = DISTRIBUTIONS.get(self.id)
        if self.type == "yes_no":
            self.p_yes = dist if isinstance(dist, float) else (
                RED_FLAG_YES if q.get("red_flag") else GENERIC_YES)
        elif self.type == "choice":
            opts = [o["id"] for o in q.get("options", [])]
            weights = dist if isinstance(dist, dict) else {}
            # options the rule base has beyond the tuned ones get a small weight
            self.options = opts
            self.cum = list(itertools.accumulate(weights.get(o, 5 if weights else 1)
                                                 for o in opts))
        elif self.type == "number":
            self.lo, self.hi = float(q.get("min", 0)), float(q.get("max", 100))
            if isinstance(dist, tuple):
                self.draw, self.dec = dist
            else:
                lo, hi = self.lo, self.hi
                self.draw, self.dec = (lambda r: r.uniform(lo, hi)), 0.3
        else:
            raise SystemExit(f"generate.py: unknown question type {self.type!r} for {self.id}")

    def bad(self, r):
        """A value that is no answer (the record then carries an error)."""
        if self.type == "yes_no":
            text = r.choice(["maybe", "unsure", "yes?", "nope", "2"])
        elif self.type == "choice":
            opt = r.choice(self.options)
            text = r.choice([opt.replace("_", ""), opt[:-1], opt.replace("_", " "), "other",
                             "dont_know"])
        else:
            text = r.choice([f"{self.hi + 1 + r.randrange(20):g}", "-1", "ten", "??",
                             f"{int(self.lo) + 1},5"])
        return text, text

    def answer(self, r):
        if self.type == "yes_no":
            yes = r.random() < self.p_yes
            canon = "yes" if yes else "no"
            if r.random() < VARIANT_RATE:
                text = r.choice([canon.capitalize(), canon.capitalize(), canon.upper(),
                                 canon[0], "true" if yes else "false", "1" if yes else "0",
                                 canon[0].upper()])
            else:
                text = canon
            # in JSONL, a third of the yes/no answers are JSON booleans
            value = yes if r.random() < 0.33 else text
        elif self.type == "choice":
            canon = self.options[bisect.bisect(self.cum, r.random() * self.cum[-1])]
            text = case_variant(canon, r) if r.random() < VARIANT_RATE / 2 else canon
            value = text
        else:
            text, num = fmt_number(self.draw(r), self.lo, self.hi, self.dec, r)
            value = num if r.random() < 0.9 else text  # JSON numbers, sometimes strings
        if r.random() < SPACES_RATE:
            text = f" {text} "
            if isinstance(value, str):
                value = text
        return text, value


def csv_cell(text, _needs_quotes=re.compile('[,"\r\n]').search):
    if _needs_quotes(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def draw_record(questions, r, bad_rate):
    """One record without its id: a list of (column, csv text, json value or MISSING)."""
    cells = []
    clinic = r.choice(CLINICS)
    month, day = r.randrange(1, 13), r.randrange(1, 29)
    stamp = f"2024-{month:02d}-{day:02d}T{r.randrange(7, 23):02d}:{r.randrange(60):02d}:00Z"
    cells.append(("clinic", clinic, clinic))
    cells.append(("submitted_at", stamp, stamp))
    for q in questions:
        x = r.random()
        if x < EMPTY_RATE:
            cells.append((q.id, "", None if r.random() < JSON_NULL_SHARE else MISSING))
        elif x < EMPTY_RATE + NA_RATE:
            na = r.choice(NA_SPELLINGS)
            cells.append((q.id, na, na))
        elif r.random() < bad_rate:
            cells.append((q.id, *q.bad(r)))
        else:
            cells.append((q.id, *q.answer(r)))
    note = r.choice(NOTES) if r.random() < 0.05 else ""
    cells.append(("notes", note, note if note else MISSING))
    return cells


MISSING = object()
ID_MARK = "@@ID@@"  # stands for the counter in a JSON template


def id_style(r):
    """(csv prefix, csv suffix, json prefix, json suffix) around the counter."""
    x = r.random()
    if x < 0.02:
        code = r.choice(ID_CODES)
        return f'"{code}, ', '"', f"{code}, ", ""
    if x < 0.03:
        return '"p', '"', "p", ""
    return "p", "", "p", ""


def build_pool(questions, size, seed, fmt, bad_rate):
    """Pool records as (prefix, suffix): a line is prefix + str(counter) + suffix."""
    r = random.Random(seed)
    pool = []
    for _ in range(size):
        cpre, csuf, jpre, jsuf = id_style(r)
        cells = draw_record(questions, r, bad_rate)
        if fmt == "csv":
            rest = ",".join(csv_cell(text) for _, text, _ in cells)
            pool.append((cpre, csuf + "," + rest))
        else:
            obj = {"id": ID_MARK}
            for col, _, value in cells:
                if value is not MISSING:
                    obj[col] = value
            line = json.dumps(obj, ensure_ascii=False)
            head, tail = line.split(ID_MARK, 1)
            pool.append((head + jpre.replace('"', '\\"'), jsuf + tail))
    return pool


def write(out, pool, rows, eol, header):
    if header is not None:
        out.write(header + eol)
    size = len(pool)
    pres = [p for p, _ in pool]
    sufs = [s + eol for _, s in pool]
    n = 1
    chunk = 20000
    while n <= rows:
        k = (n - 1) % size
        m = min(chunk, size - k, rows - n + 1)
        out.write("".join([f"{p}{i}{s}" for i, p, s in
                           zip(range(n, n + m), pres[k:k + m], sufs[k:k + m])]))
        n += m


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", "-n", type=int, default=1000, help="number of records (1000)")
    ap.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    ap.add_argument("-o", "--output", default="-", help="output file (default: standard output)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed ({DEFAULT_SEED})")
    ap.add_argument("--pool", type=int, default=100_000,
                    help="distinct records drawn, then cycled with fresh ids (100000)")
    ap.add_argument("--crlf", action="store_true", help="end lines with CRLF")
    ap.add_argument("--bad-rate", type=float, default=0.001,
                    help="share of answer cells with a bad value (0.001)")
    ap.add_argument("--runback", default=os.path.join(REPO, "build", "runback"),
                    help="the binary that lists the questions (build/runback)")
    ap.add_argument("--questions", metavar="FILE",
                    help="read the questions from this `runback questions --format json` output")
    args = ap.parse_args(argv)
    if args.rows < 0 or args.pool < 1:
        ap.error("--rows must be >= 0 and --pool >= 1")

    questions = [Question(q) for q in load_questions(args.runback, args.questions)]
    pool = build_pool(questions, min(args.rows, args.pool) or 1, args.seed, args.format,
                      args.bad_rate)
    header = None
    if args.format == "csv":
        header = ",".join(["id", "clinic", "submitted_at"] + [q.id for q in questions] + ["notes"])
    eol = "\r\n" if args.crlf else "\n"

    if args.output == "-":
        out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="", buffering=1 << 20,
                   closefd=False)
    else:
        out = open(args.output, "w", encoding="utf-8", newline="", buffering=1 << 20)
    try:
        with out:
            write(out, pool, args.rows, eol, header)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
