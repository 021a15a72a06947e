"""Runners' training-log exports, generated for the end-to-end tests of runback's training reader.

Formats: GPX 1.1, Garmin TCX, FIT activity files, Strava bulk exports (an unpacked folder or the
zip as downloaded) and Garmin Connect activities CSVs. Each file is computed from an Activity,
so a test knows the right answer without parsing what it wrote:
  - track_points() lays a straight track due north from (51.5, -0.12) whose haversine length
    (Earth radius 6371.0 km) is exactly distance_km, plus jump_km when a GPS jump is asked for.
  - weekly_plan() turns weekly totals into runs on documented dates.
The FIT writer follows Garmin's published FIT protocol, since Debian packages no FIT SDK;
`python3 tests/e2e/training_exports.py` checks it and the GPX writer against gpsbabel.
"""
import csv
import datetime as dt
import gzip
import io
import math
import os
import struct
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

EARTH_RADIUS_KM = 6371.0
TRACK_START = (51.5, -0.12)
ELEVATION_M = 35.0
KM_PER_MILE = 1.609344
UTC = dt.timezone.utc
SPORTS = ("running", "walking", "cycling", "swimming")
GPX_NAMESPACE = "http://www.topografix.com/GPX/1/1"
TCX_NAMESPACE = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


@dataclass
class Activity:
    start: dt.datetime  # timezone-aware (any zone; writers convert to UTC where the format wants UTC)
    distance_km: float
    duration_s: int
    sport: str = "running"  # one of SPORTS
    name: str = "Morning Run"
    activity_id: int = 0  # Strava activity id; 0 means "assign one" (see strava_ids)


def utc_iso(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def track_points(activity, every_s=5, jump_at=None, jump_km=0.0):
    """[(lat, lon, datetime_utc)] for a straight track due north from TRACK_START.

    ceil(duration_s / every_s) equal steps, so duration_s // every_s + 1 points when duration_s is a
    multiple of every_s (exactly every_s apart), from start to start + duration_s inclusive. Times
    are whole seconds (start + round(i * duration_s / steps)) so that every format holds them
    exactly. Each step moves distance_km / steps due north: along a meridian the haversine distance
    is R * dlat, so the track measures distance_km. With jump_at=k and jump_km > 0, points k and
    later lie a further jump_km north (a broken GPS fix): step k is about jump_km long and the
    track measures distance_km + jump_km."""
    if activity.sport not in SPORTS:
        raise ValueError(f"unknown sport {activity.sport!r}")
    steps = max(1, math.ceil(activity.duration_s / every_s))
    step_deg = math.degrees(activity.distance_km / EARTH_RADIUS_KM) / steps
    jump_deg = math.degrees(jump_km / EARTH_RADIUS_KM) if jump_at is not None and jump_km > 0 else 0.0
    start = activity.start.astimezone(UTC)
    lat0, lon = TRACK_START
    points = []
    for i in range(steps + 1):
        lat = lat0 + i * step_deg + (jump_deg if jump_deg and i >= jump_at else 0.0)
        points.append((lat, lon, start + dt.timedelta(seconds=round(i * activity.duration_s / steps))))
    return points


def gpx(activity, every_s=5, with_times=True, sport_type=True, jump_at=None, jump_km=0.0) -> bytes:
    """GPX 1.1 with one track of one segment. 9 decimals of a degree are 0.1 mm, and on a monotonic
    track the rounding errors telescope, so the written track measures distance_km within 1 mm."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             f'<gpx version="1.1" creator="runback e2e tests" xmlns="{GPX_NAMESPACE}">']
    if with_times:
        lines.append(f"  <metadata><time>{utc_iso(activity.start)}</time></metadata>")
    lines += ["  <trk>", f"    <name>{escape(activity.name)}</name>"]
    if sport_type:
        lines.append(f"    <type>{activity.sport}</type>")
    lines.append("    <trkseg>")
    # Built with string joins, not a DOM: the benchmark writes millions of points.
    for lat, lon, moment in track_points(activity, every_s, jump_at, jump_km):
        time = f"<time>{utc_iso(moment)}</time>" if with_times else ""
        lines.append(f'      <trkpt lat="{lat:.9f}" lon="{lon:.9f}"><ele>{ELEVATION_M:.1f}</ele>{time}</trkpt>')
    lines += ["    </trkseg>", "  </trk>", "</gpx>", ""]
    return "\n".join(lines).encode()


TCX_SPORT = {"running": "Running", "cycling": "Biking", "walking": "Other", "swimming": "Other"}


def tcx(activity, every_s=5) -> bytes:
    """Garmin TrainingCenterDatabase v2: one activity of one lap. <Calories> is not asked for by
    runback but the schema requires it in a Lap, so it is there (0) to keep the file valid."""
    points = track_points(activity, every_s)
    metres_per_step = activity.distance_km * 1000 / (len(points) - 1)
    start = utc_iso(activity.start)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<TrainingCenterDatabase xmlns="{TCX_NAMESPACE}">',
             f'  <Activities>\n    <Activity Sport="{TCX_SPORT[activity.sport]}">\n      <Id>{start}</Id>',
             f'      <Lap StartTime="{start}">\n        <TotalTimeSeconds>{activity.duration_s}</TotalTimeSeconds>',
             f"        <DistanceMeters>{activity.distance_km * 1000:.1f}</DistanceMeters>",
             "        <Calories>0</Calories>\n        <Intensity>Active</Intensity>",
             "        <TriggerMethod>Manual</TriggerMethod>\n        <Track>"]
    for i, (lat, lon, moment) in enumerate(points):
        lines.append(f"          <Trackpoint><Time>{utc_iso(moment)}</Time><Position>"
                     f"<LatitudeDegrees>{lat:.9f}</LatitudeDegrees><LongitudeDegrees>{lon:.9f}</LongitudeDegrees>"
                     f"</Position><DistanceMeters>{i * metres_per_step:.2f}</DistanceMeters></Trackpoint>")
    lines += ["        </Track>", "      </Lap>", "    </Activity>", "  </Activities>", "</TrainingCenterDatabase>", ""]
    return "\n".join(lines).encode()


# ---- FIT (Garmin's Flexible and Interoperable Data Transfer protocol) ----

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=UTC)
FIT_CRC_TABLE = (0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
                 0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400)
ENUM, UINT16, SINT32, UINT32, UINT32Z = 0x00, 0x84, 0x85, 0x86, 0x8C
FIT_PACKING = {ENUM: "B", UINT16: "H", SINT32: "i", UINT32: "I", UINT32Z: "I"}
FIT_SPORT = {"running": 1, "cycling": 2, "swimming": 5, "walking": 11}
FIT_TIMESTAMP = 253
# Local message numbers. Lap and session share one, redefined between them as real files do.
LOCAL_FILE_ID, LOCAL_TIMED_RECORD, LOCAL_SUMMARY, LOCAL_COMPRESSED_RECORD, LOCAL_ACTIVITY = 0, 1, 2, 3, 4


def fit_crc(data, crc=0):
    """CRC-16 exactly as the FIT SDK's FitCRC_Get16: the low nibble of each byte, then the high."""
    for byte in data:
        for nibble in (byte & 0xF, byte >> 4):
            crc = (crc >> 4) ^ FIT_CRC_TABLE[crc & 0xF] ^ FIT_CRC_TABLE[nibble]
    return crc


def fit_time(moment):
    return int((moment - FIT_EPOCH).total_seconds())


def semicircles(degrees):
    return round(degrees * 2**31 / 180)


def fit_definition(local_type, global_number, fields):
    """A definition message; fields are (field number, base type[, value])."""
    header = struct.pack("<BBBHB", 0x40 | local_type, 0, 0, global_number, len(fields))  # 0: little-endian
    return header + b"".join(struct.pack("<BBB", number, struct.calcsize(FIT_PACKING[base_type]), base_type)
                             for number, base_type, *_ in fields)


def fit_data(header, fields, values):
    return bytes([header]) + struct.pack("<" + "".join(FIT_PACKING[f[1]] for f in fields), *values)


def fit_message(local_type, global_number, fields):
    """A definition message and the one data message it describes."""
    return fit_definition(local_type, global_number, fields) + fit_data(local_type, fields, [f[2] for f in fields])


def fit_records(activity, every_s):
    """Record messages. Every other record after the first uses a compressed-timestamp header
    (5 bits of time, relative to the previous timestamp) on a definition without field 253, so a
    decoder must handle both; that only works while records are less than 32 s apart. (gpsbabel 1.8.0
    misdates such records, adding the 5 bits to the previous time, but reads their positions.)"""
    timed = [(FIT_TIMESTAMP, UINT32), (0, SINT32), (1, SINT32), (5, UINT32)]
    compressed = timed[1:]
    out = [fit_definition(LOCAL_TIMED_RECORD, 20, timed), fit_definition(LOCAL_COMPRESSED_RECORD, 20, compressed)]
    points = track_points(activity, every_s)
    last_timestamp = None
    for i, (lat, lon, moment) in enumerate(points):
        timestamp, distance_cm = fit_time(moment), round(i / (len(points) - 1) * activity.distance_km * 100_000)
        position = [semicircles(lat), semicircles(lon), distance_cm]
        if i % 2 == 1 and 0 <= timestamp - last_timestamp < 32:
            header = 0x80 | (LOCAL_COMPRESSED_RECORD << 5) | (timestamp & 0x1F)
            out.append(fit_data(header, compressed, position))
        else:
            out.append(fit_data(LOCAL_TIMED_RECORD, timed, [timestamp] + position))
        last_timestamp = timestamp
    return b"".join(out)


def fit(activity, corrupt_crc=False, with_records=True, every_s=10, local_offset_s=None) -> bytes:
    """A FIT activity file: file_id, records, lap, session, activity, each after its definition."""
    start = fit_time(activity.start.astimezone(UTC))
    end, elapsed_ms = start + activity.duration_s, activity.duration_s * 1000
    distance_cm, sport = round(activity.distance_km * 100_000), FIT_SPORT[activity.sport]
    messages = [fit_message(LOCAL_FILE_ID, 0, [(0, ENUM, 4), (1, UINT16, 1), (2, UINT16, 3113),
                                               (3, UINT32Z, 3_951_234_567), (4, UINT32, start)])]
    if with_records:
        messages.append(fit_records(activity, every_s))
    messages.append(fit_message(LOCAL_SUMMARY, 19, [
        (FIT_TIMESTAMP, UINT32, end), (2, UINT32, start), (7, UINT32, elapsed_ms), (8, UINT32, elapsed_ms),
        (9, UINT32, distance_cm), (25, ENUM, sport)]))
    messages.append(fit_message(LOCAL_SUMMARY, 18, [
        (FIT_TIMESTAMP, UINT32, end), (2, UINT32, start), (5, ENUM, sport), (6, ENUM, 0), (7, UINT32, elapsed_ms),
        (8, UINT32, elapsed_ms), (9, UINT32, distance_cm), (26, UINT16, 1)]))
    activity_fields = [(FIT_TIMESTAMP, UINT32, end), (0, UINT32, elapsed_ms), (1, UINT16, 1), (2, ENUM, 0),
                       (3, ENUM, 26), (4, ENUM, 1)]
    if local_offset_s is not None:
        activity_fields.append((5, UINT32, end + local_offset_s))
    messages.append(fit_message(LOCAL_ACTIVITY, 34, activity_fields))
    data = b"".join(messages)
    header = struct.pack("<BBHI4s", 14, 0x20, 2132, len(data), b".FIT")
    body = header + struct.pack("<H", fit_crc(header)) + data
    file = bytearray(body + struct.pack("<H", fit_crc(body)))
    if corrupt_crc:
        file[-1] ^= 0xFF
    return bytes(file)


# ---- Strava bulk export ----

STRAVA_HEADER = ["Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
                 "Elapsed Time", "Distance", "Max Heart Rate", "Relative Effort", "Commute",
                 "Activity Private Note", "Activity Gear", "Filename", "Athlete Weight", "Bike Weight",
                 "Elapsed Time", "Moving Time", "Distance", "Max Speed", "Average Speed", "Elevation Gain"]
STRAVA_TYPE = {"running": "Run", "walking": "Walk", "cycling": "Ride", "swimming": "Swim"}
MONTH_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ASSIGNED_ID_BASE = 1_000_000_000
# The first activity carries this, so every export has a quoted cell with newlines, commas, quotes.
MULTILINE_DESCRIPTION = 'Easy loop, "conversational" pace.\nLower back stiff after 5 km,\neased off on the hill.'
# The smallest JPEG-looking bytes: the reader must skip media/ whatever is in it.
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PROFILE_CSV = b"Athlete ID,Email Address,First Name,Last Name,Sex\n41234567,runner@example.org,Sam,Runner,F\n"
ZIP_ENTRY_TIME = (2026, 1, 1, 0, 0, 0)  # fixed, so the same activities always give the same zip bytes


def strava_ids(activities):
    """The Strava id of each activity: its own, or ASSIGNED_ID_BASE + its index when it is 0."""
    ids = [a.activity_id or ASSIGNED_ID_BASE + i for i, a in enumerate(activities)]
    if len(set(ids)) != len(ids):
        raise ValueError("activity ids repeat")
    return ids


def strava_date(moment):
    """Strava's 'Nov 3, 2026, 6:12:34 AM' in UTC, spelt out by hand: %b and %p follow the locale."""
    t = moment.astimezone(UTC)
    return (f"{MONTH_ABBREVIATIONS[t.month - 1]} {t.day}, {t.year}, {t.hour % 12 or 12}:{t.minute:02d}:"
            f"{t.second:02d} {'AM' if t.hour < 12 else 'PM'}")


def activity_file(activity, file_format, every_s):
    """The bytes of an activity file in file_format: gpx, tcx or fit, each optionally .gz."""
    writers = {"gpx": gpx, "tcx": tcx, "fit": fit}
    kind = file_format.removesuffix(".gz")
    if kind not in writers:
        raise ValueError(f"unknown activity file format {file_format!r}")
    data = writers[kind](activity, every_s=every_s)
    return gzip.compress(data, mtime=0) if file_format.endswith(".gz") else data


def strava_csv_row(activity, activity_id, file_name, description):
    metres, seconds = activity.distance_km * 1000, activity.duration_s
    speed = f"{metres / seconds:.3f}" if seconds else "0.0"
    return [activity_id, strava_date(activity.start), activity.name, STRAVA_TYPE[activity.sport], description,
            seconds, f"{activity.distance_km:.2f}", "", "", "false", "", "", file_name, "", "",
            f"{seconds:.1f}", f"{seconds:.1f}", f"{metres:.1f}", speed, speed, "0.0"]


def strava_entries(activities, file_formats, every_s, csv_only):
    """(path, bytes) for each file of the export, activity files generated one at a time."""
    ids = strava_ids(activities)
    file_names = ["" if i in csv_only else f"activities/{ids[i]}.{file_formats[i % len(file_formats)]}"
                  for i in range(len(activities))]
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(STRAVA_HEADER)
    for i, activity in enumerate(activities):
        writer.writerow(strava_csv_row(activity, ids[i], file_names[i], MULTILINE_DESCRIPTION if i == 0 else ""))
    yield "activities.csv", table.getvalue().encode()
    yield "profile.csv", PROFILE_CSV
    yield "media/0a1b2c3d-4e5f.jpg", JPEG_BYTES
    for activity, file_name in zip(activities, file_names):
        if file_name:
            yield file_name, activity_file(activity, file_name.split(".", 1)[1], every_s)


def strava_export(target, activities, file_formats=("gpx", "gpx.gz", "tcx.gz", "fit.gz", "fit"),
                  every_s=5, as_zip=None, truncate_zip_at=None, csv_only=()) -> None:
    """A Strava bulk export at target: a folder, or a zip (as_zip=True, or a target ending in .zip).

    activities.csv lists every activity in the given order; activity i gets the file
    activities/<id>.<file_formats[i % len(file_formats)]> unless i is in csv_only (a manual entry:
    an empty Filename and no file). Ids as strava_ids(). truncate_zip_at cuts the zip to that many
    bytes, as a broken download would."""
    target = os.fspath(target)
    as_zip = target.endswith(".zip") if as_zip is None else as_zip
    if truncate_zip_at is not None and not as_zip:
        raise ValueError("truncate_zip_at needs a zip")
    entries = strava_entries(activities, tuple(file_formats), every_s, set(csv_only))
    if not as_zip:
        for path, data in entries:
            os.makedirs(os.path.dirname(os.path.join(target, path)), exist_ok=True)
            with open(os.path.join(target, path), "wb") as out:
                out.write(data)
        return
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in entries:
            entry = zipfile.ZipInfo(path, date_time=ZIP_ENTRY_TIME)
            entry.compress_type, entry.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            archive.writestr(entry, data)
    if truncate_zip_at is not None:
        os.truncate(target, truncate_zip_at)


# ---- Garmin Connect activities CSV ----

GARMIN_HEADER = ["Activity Type", "Date", "Favorite", "Title", "Distance", "Calories", "Time", "Avg HR", "Max HR",
                 "Aerobic TE", "Avg Run Cadence", "Max Run Cadence", "Avg Pace", "Best Pace", "Total Ascent",
                 "Total Descent", "Avg Stride Length", "Min Temp", "Best Lap Time", "Number of Laps", "Max Temp",
                 "Moving Time", "Elapsed Time", "Min Elevation", "Max Elevation"]


def garmin_activity_type(activity):
    """Running, or Treadmill Running for a run whose name says treadmill; Walking, Cycling, Pool Swim."""
    if activity.sport == "running":
        return "Treadmill Running" if "treadmill" in activity.name.lower() else "Running"
    return {"walking": "Walking", "cycling": "Cycling", "swimming": "Pool Swim"}[activity.sport]


def hours_minutes_seconds(seconds):
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def garmin_distance(activity, miles):
    """Swims in whole metres with a thousands comma, as Garmin writes pool swims (in either unit)."""
    if activity.sport == "swimming":
        return f"{round(activity.distance_km * 1000):,}"
    return f"{activity.distance_km / KM_PER_MILE if miles else activity.distance_km:.2f}"


def garmin_csv(activities, miles=False) -> str:
    """A Garmin Connect activities export, newest first; Date is local time in each start's own zone."""
    table = io.StringIO()
    writer = csv.DictWriter(table, GARMIN_HEADER, restval="--", lineterminator="\n")
    writer.writeheader()
    for activity in sorted(activities, key=lambda a: a.start, reverse=True):
        time = hours_minutes_seconds(activity.duration_s)
        writer.writerow({"Activity Type": garmin_activity_type(activity),
                         "Date": activity.start.strftime("%Y-%m-%d %H:%M:%S"), "Favorite": "false",
                         "Title": activity.name, "Distance": garmin_distance(activity, miles), "Time": time,
                         "Number of Laps": "1", "Moving Time": time, "Elapsed Time": time})
    return table.getvalue()


# ---- Training plans ----

def weekly_plan(as_of: dt.date, weeks_km: list[float], runs_per_week=3, tz=dt.timezone.utc, hour=7) -> list[Activity]:
    """Runs, oldest first, that add up to weeks_km (oldest week first).

    With n = len(weeks_km), week i covers the 7 days from first_day = as_of - 6 - 7 * (n - 1 - i)
    to first_day + 6, so the last week ends on as_of. Its total is split into runs_per_week equal
    runs (1 to 7) on days first_day + (7 * j) // runs_per_week for j = 0, 1, ...: offsets 0, 2, 4
    for 3 runs (0, 3 for 2; 0, 1, 3, 5 for 4). Each starts at hour:00 local time in tz, and lasts
    round(360 * km) seconds (6 min/km). A week of 0 km has no runs."""
    if not 1 <= runs_per_week <= 7:
        raise ValueError("runs_per_week must be 1 to 7: one run a day at most")
    name = "Morning Run" if hour < 12 else "Afternoon Run" if hour < 17 else "Evening Run"
    runs = []
    for i, week_km in enumerate(weeks_km):
        if week_km <= 0:
            continue
        first_day = as_of - dt.timedelta(days=6 + 7 * (len(weeks_km) - 1 - i))
        run_km = week_km / runs_per_week
        for j in range(runs_per_week):
            day = first_day + dt.timedelta(days=7 * j // runs_per_week)
            start = dt.datetime(day.year, day.month, day.day, hour, tzinfo=tz)
            runs.append(Activity(start, run_km, round(360 * run_km), name=name))
    return runs


# ---- Self-check: python3 tests/e2e/training_exports.py ----

def haversine_km(lat1, lon1, lat2, lon2):
    p1, p2, dlat, dlon = map(math.radians, (lat1, lat2, lat2 - lat1, lon2 - lon1))
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def gpx_steps_km(document):
    """The haversine length of each step of a GPX track, read back with xml.etree."""
    import xml.etree.ElementTree as ET
    trkpts = ET.fromstring(document).iter(f"{{{GPX_NAMESPACE}}}trkpt")
    points = [(float(p.get("lat")), float(p.get("lon"))) for p in trkpts]
    return [haversine_km(*a, *b) for a, b in zip(points, points[1:])]


def sample_activities():
    """A run (in UTC+1, with a comma and quotes in its name), a ride, a swim and a manual entry."""
    run = Activity(dt.datetime(2026, 11, 3, 7, 12, 34, tzinfo=dt.timezone(dt.timedelta(hours=1))), 8.4, 3012,
                   name='Hill reps, "hard"')
    return [run, Activity(dt.datetime(2026, 11, 4, 12, 30, tzinfo=UTC), 30.0, 3600, "cycling", "Lunch Ride"),
            Activity(dt.datetime(2026, 11, 5, 18, 0, tzinfo=UTC), 1.5, 1800, "swimming", "Evening Swim"),
            Activity(run.start + dt.timedelta(days=3), 5.0, 1800, name="Manual, no GPS")]


def check_files(check, write):
    run, _, swim, _ = sample_activities()
    data = write("run.fit", fit(run, local_offset_s=3600))
    # 0xBB3D is the published check value of CRC-16/ARC, the CRC that FitCRC_Get16 computes.
    check(fit_crc(b"123456789") == 0xBB3D, "fit_crc is CRC-16/ARC (check value 0xBB3D)")
    size, header_crc = struct.unpack_from("<4xI4xH", data)
    check(data[0] == 14 and size == len(data) - 16 and header_crc == fit_crc(data[:12]), "FIT header: sizes, CRC")
    check(struct.unpack_from("<H", data, len(data) - 2)[0] == fit_crc(data[:-2]) and fit_crc(data) == 0, "FIT file CRC")
    check(write("bad.fit", fit(run, corrupt_crc=True, local_offset_s=3600))[-1] == data[-1] ^ 0xFF, "corrupt_crc")
    length = sum(gpx_steps_km(write("run.gpx", gpx(run))))
    check(abs(length - run.distance_km) < 0.001, f"GPX length {length:.6f} km = {run.distance_km} km within 1 m")
    steps = gpx_steps_km(gpx(run, jump_at=100, jump_km=2.0))
    check(abs(sum(steps) - 10.4) < 0.001 and abs(max(steps) - 2.0) < 0.02, "GPX with a 2 km jump at point 100")
    check(b"<time>" not in gpx(run, with_times=False) and b"<type>" not in gpx(run, sport_type=False),
          "with_times=False and sport_type=False leave them out")
    write("swim.tcx", tcx(swim))


def check_gpsbabel(check, path):
    """gpsbabel is the independent reader: it checks the FIT CRC and follows the protocol."""
    import subprocess
    import xml.etree.ElementTree as ET
    babel = lambda *args: subprocess.run(["gpsbabel", *args], capture_output=True, text=True)  # noqa: E731
    run, _, swim, _ = sample_activities()
    result = babel("-i", "gpx", "-f", path("run.gpx"), "-o", "csv", "-F", "-")
    lines = len(result.stdout.splitlines())
    check(result.returncode == 0 and lines == len(track_points(run)), f"gpsbabel reads the GPX: {lines} points")
    result = babel("-i", "gtrnctr", "-f", path("swim.tcx"), "-o", "gpx", "-F", "-")
    check(result.returncode == 0 and result.stdout.count("<trkpt") == len(track_points(swim)),
          f"gpsbabel reads the TCX: {result.stdout.count('<trkpt')} points")
    result, points = babel("-i", "garmin_fit", "-f", path("run.fit"), "-o", "gpx", "-F", "-"), track_points(run, 10)
    found = ET.fromstring(result.stdout).findall(".//{http://www.topografix.com/GPX/1/0}trkpt")
    check(result.returncode == 0 and not result.stderr and len(found) == len(points),
          f"gpsbabel reads the FIT file: {len(found)} points of {len(points)}, no warnings")
    times = [dt.datetime.fromisoformat(p.findtext("{http://www.topografix.com/GPX/1/0}time")) for p in found]
    check(all(abs(float(p.get("lat")) - lat) < 1e-6 for p, (lat, _, _) in zip(found, points))
          and times[::2] == [t for _, _, t in points][::2], "gpsbabel: positions, and times of timestamped records")
    # gpsbabel 1.8.0 adds a compressed header's 5 bits to the last timestamp instead of replacing
    # its low 5 bits, so it misdates those records: either reading shows it found the bits we meant.
    check(all(times[i] in (points[i][2], times[i - 1] + dt.timedelta(seconds=fit_time(points[i][2]) & 0x1F))
              for i in range(1, len(points), 2)), "gpsbabel: compressed-timestamp records")
    check(babel("-i", "garmin_fit", "-f", path("bad.fit"), "-o", "gpx", "-F", "-").returncode != 0,
          "gpsbabel rejects the corrupt-CRC FIT file")


def check_exports(check, path):
    activities = sample_activities()
    strava_export(path("export.zip"), activities, csv_only=(3,))
    with zipfile.ZipFile(path("export.zip")) as archive:
        names, rows = set(archive.namelist()), list(csv.reader(io.StringIO(archive.read("activities.csv").decode())))
        check(archive.testzip() is None and gzip.decompress(archive.read(f"activities/{ASSIGNED_ID_BASE + 1}.gpx.gz"))
              .startswith(b"<?xml"), "the Strava zip opens and its .gz files decompress")
    check(rows[0].count("Distance") == 2 and rows[0].count("Elapsed Time") == 2 and len(rows) == 5,
          "activities.csv: duplicate Distance and Elapsed Time, one row per activity")
    check(rows[1][1:3] == ["Nov 3, 2026, 6:12:34 AM", activities[0].name] and rows[1][4] == MULTILINE_DESCRIPTION
          and rows[2][6] == "30.00" and rows[2][17] == "30000.0", "activities.csv values, quoting, UTC date")
    check(rows[4][12] == "" and {r[12] for r in rows[1:4]} <= names, "files listed exist; a manual entry has none")
    strava_export(path("broken.zip"), activities, truncate_zip_at=300)
    strava_export(path("unpacked"), activities)
    unpacked_tcx = path(f"unpacked/activities/{ASSIGNED_ID_BASE + 2}.tcx.gz")
    check(not zipfile.is_zipfile(path("broken.zip")) and os.path.isfile(unpacked_tcx),
          "a truncated zip is no zip; the unpacked export has the files")
    rows = list(csv.reader(io.StringIO(garmin_csv(activities, miles=True))))
    check(rows[0] == GARMIN_HEADER and [r[0] for r in rows[1:]] == ["Running", "Pool Swim", "Cycling", "Running"]
          and rows[2][4] == "1,500" and rows[4][1] == "2026-11-03 07:12:34" and rows[4][4] == "5.22",
          "Garmin CSV: newest first, local dates, miles, swim metres")
    plan = weekly_plan(dt.date(2026, 11, 8), [9, 0, 30])
    plan = [(a.start.date().isoformat(), a.distance_km, a.duration_s) for a in plan]
    check(plan == [("2026-10-19", 3, 1080), ("2026-10-21", 3, 1080), ("2026-10-23", 3, 1080),
                   ("2026-11-02", 10, 3600), ("2026-11-04", 10, 3600), ("2026-11-06", 10, 3600)], "weekly_plan dates")


def run_self_check():
    import shutil
    import tempfile
    failures = []

    def check(ok, what):
        print(("ok   " if ok else "FAIL ") + what)
        failures.extend([] if ok else [what])

    with tempfile.TemporaryDirectory() as tmp:
        path = lambda name: os.path.join(tmp, name)  # noqa: E731

        def write(name, data):
            with open(path(name), "wb") as out:
                out.write(data)
            return data

        check_files(check, write)
        check_gpsbabel(check, path) if shutil.which("gpsbabel") else print("skip gpsbabel: not installed")
        check_exports(check, path)
    print(f"{len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(run_self_check())
