#!/usr/bin/env python3
"""Write a realistic Strava bulk export to benchmark runback's training-log reader.

    python3 bench/make_strava_export.py OUT [--activities 3000] [--zip]

OUT is written as an unpacked folder, or as a zip (as Strava serves the download) with --zip or
when OUT ends in ".zip". The files come from tests/e2e/training_exports.py, so the benchmark reads
what the end-to-end tests read. What is in it, for the default 3,000 activities:
  - about 10 activities a week, so about 6 years, ending on 2026-11-01, oldest first as Strava lists them;
  - 85% runs of 3 to 25 km (most near 8 km) at 4:30 to 6:30 min/km; the rest walks, rides and swims;
  - GPS tracks with a point every 2 s, as watches record: a 50-minute run is about 1,500 points,
    about 170 KB of GPX;
  - files mixed as real exports are: 50% .gpx, 25% .gpx.gz, 15% .fit.gz, 10% .tcx.gz, and about 1%
    manual entries (a row in activities.csv, no file);
  - now and then an activity name with a comma and double quotes, so the CSV has quoted cells.
The output depends only on --activities: the random choices come from random.Random(19).
"""
import argparse
import datetime as dt
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
import training_exports  # noqa: E402  (found through the path above)

SEED = 19
POINT_EVERY_S = 2
LAST_DAY = dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc)
ACTIVITIES_PER_WEEK = 10
REST_BETWEEN = dt.timedelta(minutes=30)
SPORT_WEIGHTS = {"running": 85, "walking": 6, "cycling": 6, "swimming": 3}
FORMAT_SHARES = {"gpx": 0.50, "gpx.gz": 0.25, "fit.gz": 0.15, "tcx.gz": 0.10}
MANUAL_ENTRY_SHARE = 0.01
ODD_NAME_SHARE = 0.02
PARTS_OF_DAY = (("Morning", 11), ("Lunch", 14), ("Afternoon", 18), ("Evening", 24))  # (name, before this hour)
SPORT_LABELS = {"running": "Run", "walking": "Walk", "cycling": "Ride", "swimming": "Swim"}


def distance_and_pace(rng, sport):
    """(km, seconds per km) for one activity of the sport, in ranges amateur athletes do."""
    if sport == "running":
        return rng.triangular(3, 25, 8), rng.uniform(270, 390)
    if sport == "walking":
        return rng.uniform(2, 8), rng.uniform(600, 720)
    if sport == "cycling":
        return rng.uniform(15, 80), 3600 / rng.uniform(20, 32)
    return rng.uniform(1, 4), rng.uniform(1100, 1500)  # swimming: 1:50 to 2:30 per 100 m


def activity_name(rng, start, sport):
    """Strava's default 'Morning Run' style name, sometimes one a runner typed with a comma and quotes."""
    if rng.random() < ODD_NAME_SHARE:
        return f'Long {SPORT_LABELS[sport].lower()}, "easy" they said'
    part_of_day = next(part for part, before in PARTS_OF_DAY if start.hour < before)
    return f"{part_of_day} {SPORT_LABELS[sport]}"


def random_activities(rng, count):
    """count activities, oldest first, spread evenly (with jitter) over count / 10 weeks to LAST_DAY."""
    span_days = count / ACTIVITIES_PER_WEEK * 7
    first_day = LAST_DAY - dt.timedelta(days=span_days)
    sports, weights = list(SPORT_WEIGHTS), list(SPORT_WEIGHTS.values())
    activities = []
    for i in range(count):
        day = first_day + dt.timedelta(days=int((i + rng.random()) * span_days / count))
        start = day.replace(hour=rng.choice((6, 6, 7, 7, 8, 12, 17, 18, 19)), minute=rng.randrange(60),
                            second=rng.randrange(60))
        sport = rng.choices(sports, weights)[0]
        km, pace_s_per_km = distance_and_pace(rng, sport)
        activities.append(training_exports.Activity(start, round(km, 2), round(km * pace_s_per_km), sport,
                                                    activity_name(rng, start, sport)))
    activities.sort(key=lambda a: a.start)  # the jitter can swap two neighbours
    return without_overlaps(activities)


def without_overlaps(activities):
    """The activities, each moved to start REST_BETWEEN after the one before ends if it would overlap it.

    Nobody runs two runs at once: drawn independently, 3 of 3,000 did overlap, and runback rightly took
    each pair for one activity recorded twice, so the export held fewer runs than it listed."""
    for before, after in zip(activities, activities[1:]):
        earliest = before.start + dt.timedelta(seconds=before.duration_s) + REST_BETWEEN
        if after.start < earliest:
            after.start = earliest
    return activities


def shuffled_formats(rng, count):
    """One file format per activity, in exactly the FORMAT_SHARES proportions, in random order."""
    formats = [f for f, share in FORMAT_SHARES.items() for _ in range(round(share * count))]
    formats += ["gpx"] * (count - len(formats))
    rng.shuffle(formats)
    return formats[:count]


def count_files(out):
    """(number of files, total bytes) of a folder, or of a zip's entries (with the zip's size)."""
    if os.path.isfile(out):
        import zipfile
        with zipfile.ZipFile(out) as archive:
            entries = archive.infolist()
        return len(entries), sum(e.file_size for e in entries), os.path.getsize(out)
    sizes = [os.path.getsize(os.path.join(folder, name)) for folder, _, names in os.walk(out) for name in names]
    return len(sizes), sum(sizes), None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", metavar="OUT", help="folder to write, or a .zip file")
    parser.add_argument("--activities", type=int, default=3000, help="number of activities (default 3000)")
    parser.add_argument("--zip", action="store_true", help="write a zip, as Strava serves the download")
    args = parser.parse_args()
    if args.activities < 1:
        parser.error("--activities must be at least 1")
    rng = random.Random(SEED)
    activities = random_activities(rng, args.activities)
    formats = shuffled_formats(rng, len(activities))
    manual = set(rng.sample(range(len(activities)), round(MANUAL_ENTRY_SHARE * len(activities))))
    as_zip = args.zip or args.out.endswith(".zip")
    training_exports.strava_export(args.out, activities, file_formats=formats, every_s=POINT_EVERY_S,
                                   as_zip=as_zip, csv_only=manual)
    files, total, zip_size = count_files(args.out)
    print(f"{args.out}: {len(activities)} activities ({len(manual)} manual), {files} files, {total:,} bytes"
          + (f" unpacked, {zip_size:,} bytes zipped" if zip_size is not None else ""))


if __name__ == "__main__":
    main()
