#!/usr/bin/env python3
"""Help, the manual and the version (issue 8): every command's --help has a summary, its usage,
its options and two or more examples; runback(1) holds every command, option and example that
--help shows (both come from one command line tree, and this holds them together); an unknown
command or option gets the nearest one; the version is the same in --version, the man page,
CMakeLists.txt and CHANGELOG.md."""
import json
import os
import re
import shutil
import subprocess
import sys
from harness import check, run_tests  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


def run(binary, args):
    return subprocess.run([binary] + args, capture_output=True, text=True, timeout=60)


def words(text):
    return " ".join(text.split())


def commands(binary, path=()):
    """Every command path, from the Subcommands sections of --help."""
    help_text = run(binary, list(path) + ["--help"]).stdout
    found = [path]
    section = help_text.split("Subcommands:", 1)
    if len(section) == 2:
        for line in section[1].split("\n\n", 1)[0].splitlines():
            name = line.split()[0] if line.strip() else ""
            if name:
                found += commands(binary, path + (name,))
    return found


def options_of(help_text):
    """(names, description) of each option --help lists: a line starting with '-' or a
    positional name, its description on the same line or the next."""
    result = []
    lines = help_text.splitlines()
    in_options = False
    for i, line in enumerate(lines):
        if line.endswith(":") and not line.startswith(" "):
            in_options = line in ("Options:", "Positionals:")
            continue
        if not in_options or not line.startswith("  ") or line.startswith("      "):
            continue
        parts = re.split(r"\s{2,}", line.strip(), maxsplit=1)
        head = parts[0]
        description = parts[1] if len(parts) > 1 else (lines[i + 1].strip() if i + 1 < len(lines) else "")
        result.append((head.split()[0], description))
    return result


def examples_of(help_text):
    if "Examples:" not in help_text:
        return []
    block = help_text.split("Examples:", 1)[1].split("\n\n", 1)[0]
    return [line.strip() for line in block.splitlines() if line.strip()]


def man_text(page):
    if not shutil.which("man"):
        return None
    env = dict(os.environ, MANWIDTH="200", MAN_KEEP_FORMATTING="0")
    result = subprocess.run(["man", "-l", page], capture_output=True, text=True, env=env, timeout=60)
    return re.sub(r".\x08", "", result.stdout)


def test_help_and_man(binary):
    build = os.environ.get("RUNBACK_BUILD_DIR", os.path.dirname(binary))
    page = os.path.join(build, "generated", "runback.1")
    manual = man_text(page) if os.path.exists(page) else None
    check(os.path.exists(page), f"the build writes the man page ({page})")
    if manual is None:
        print("skip man page comparison: man (man-db) is not installed or the page is missing")
    manual_words = words(manual or "")
    for path in commands(binary):
        name = " ".join(("runback",) + path)
        help_text = run(binary, list(path) + ["--help"]).stdout
        first = help_text.splitlines()[0] if help_text else ""
        check(bool(first.strip()) and "Usage:" in help_text, f"{name} --help: a summary line and the usage")
        subcommands = "Subcommands:" in help_text
        examples = examples_of(help_text)
        check(len(examples) >= 2 or (subcommands and path), f"{name} --help: two or more examples ({len(examples)})")
        if manual is None:
            continue
        usage = re.search(r"Usage: (.*)", help_text).group(1).strip()
        check(words(usage) in manual_words, f"man page: has the usage '{usage}'")
        missing = [option for option, description in options_of(help_text)
                   if option not in manual_words or words(description) not in manual_words]
        check(not missing, f"man page: every option of {name} with its description ({missing})")
        missing = [e for e in examples if words(e) not in manual_words]
        check(not missing, f"man page: every example of {name} ({missing})")
    for section in ("EXIT STATUS", "ENVIRONMENT", "FILES", "NO_COLOR", "XDG_STATE_HOME", "--rules", "130", "QUESTIONS"):
        check(manual is None or section in manual, f"man page: mentions {section}")
    if manual is not None:
        # The QUESTIONS section: every question of the built-in rule base, with its options.
        questions = json.loads(run(binary, ["questions", "--format", "json"]).stdout)
        part = manual.split("QUESTIONS", 1)[1].split("EXIT STATUS", 1)[0]
        missing = [q["id"] for q in questions if q["id"] not in part or
                   (q["type"] == "choice" and not all(o["id"] in part for o in q["options"]))]
        check(len(questions) > 40 and not missing, f"man page: QUESTIONS lists every question and option ({missing})")


def test_did_you_mean(binary):
    for args, hint in ((["asess"], "did you mean 'assess'?"),
                       (["assess", "--formt", "json", "x.yaml"], "did you mean '--format'?"),
                       (["rules", "chek"], "did you mean 'runback rules check'?"),
                       (["batch", "--jbos", "2", "x.csv"], "did you mean '--jobs'?")):
        result = run(binary, args)
        check(result.returncode == 2 and hint in result.stderr, f"runback {' '.join(args)}: {hint}")
    result = run(binary, ["sheet", "x.yaml", "--paper", "a5"])
    check(result.returncode == 2 and "'a5' is not one of: a4, letter" in result.stderr,
          "a value not accepted is named, with the values that are")


def test_version_in_one_place(binary):
    cmake = open(os.path.join(ROOT, "CMakeLists.txt")).read()
    version = re.search(r"project\(runback VERSION (\S+)", cmake).group(1)
    date = re.search(r"set\(RUNBACK_RELEASE_DATE (\S+)\)", cmake).group(1)
    said = run(binary, ["--version"]).stdout.splitlines()
    check(bool(said) and said[0] == f"runback {version}", f"--version says runback {version} ({said[:1]})")
    changelog = open(os.path.join(ROOT, "CHANGELOG.md")).read()
    newest = re.search(r"^## (\S+) — (\S+)", changelog, re.M)
    check(newest is not None and newest.groups() == (version, date),
          f"CHANGELOG.md's newest entry is {version} of {date} ({newest.groups() if newest else None})")
    build = os.environ.get("RUNBACK_BUILD_DIR", os.path.dirname(binary))
    page = os.path.join(build, "generated", "runback.1")
    if os.path.exists(page):
        header = next((line for line in open(page) if line.startswith(".TH")), "")
        check(f'"{date}" "runback {version}"' in header, f"the man page is dated {date}, for {version} ({header.strip()})")


def main():
    binary = os.path.abspath(sys.argv[1])
    return run_tests((test_help_and_man, test_did_you_mean, test_version_in_one_place), binary)


if __name__ == "__main__":
    sys.exit(main())
