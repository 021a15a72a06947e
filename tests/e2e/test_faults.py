#!/usr/bin/env python3
"""Faults around runback rather than in its input (issue 7): a full disk, outputs that cannot be
written, rule bases that cannot be read or nest too deeply. Each ends with a clear message, the
documented exit status (2: nothing could be done) and no file left behind under the output's
name, never a crash or a hang.

The full disk is a 64 KiB tmpfs: mounted directly when the test runs as root, else inside a user
and mount namespace (unshare -rm); where neither is allowed that case is skipped with a message
and /dev/full still stands for a device that is full. Permission cases run as the user 'nobody'
(setpriv) when the test runs as root, since root may read and write anything."""
import os
import shutil
import subprocess
import sys
import tempfile
from harness import check, run_tests  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "..", "..", "examples")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, timeout=60, **kw)


def big_csv(binary, path, rows=3000):
    """Enough records that their output (about 300 bytes each) overflows 64 KiB."""
    with open(path, "w") as f:
        f.write("id,fever,pain_location,pain_severity\n")
        for i in range(rows):
            f.write(f"r{i},no,lower_back,{i % 11}\n")


def mount_prefix(tmp):
    """How to run a shell script with a 64 KiB tmpfs at $1, or None where it cannot be done."""
    probe = os.path.join(tmp, "probe")
    os.mkdir(probe)
    script = 'mount -t tmpfs -o size=64k tmpfs "$1" && umount "$1"'
    for prefix in (["sh", "-c"], ["unshare", "-rm", "sh", "-c"]):
        if prefix[0] == "sh" and os.geteuid() != 0:
            continue
        if shutil.which(prefix[0]) and run(prefix + [script, "sh", probe]).returncode == 0:
            return prefix
    return None


def test_full_disk(binary, tmp):
    csv = os.path.join(tmp, "big.csv")
    big_csv(binary, csv)
    # A device that is always full, written in place.
    result = run([binary, "batch", csv, "--from", "csv", "-o", "/dev/full"])
    check(result.returncode == 2 and b"No space left on device" in result.stderr and b"disk is not full" in result.stderr,
          f"/dev/full: the write failure is reported with a hint, exit 2 (got {result.returncode})")

    prefix = mount_prefix(tmp)
    if prefix is None:
        print("skip full tmpfs: mounting is not allowed here (neither root nor unshare -rm)")
        return
    disk = os.path.join(tmp, "disk")
    os.mkdir(disk)
    # Inside the namespace: mount, run, report the status and what is left on the disk.
    script = ('mount -t tmpfs -o size=64k tmpfs "$1" || exit 99; '
              '"$2" batch "$3" --from csv -o "$1/results.jsonl"; echo "status=$?"; '
              '"$2" sheet "$4" -o "$1/sheet.html" --full; echo "status=$?"; '
              'ls -A "$1"; umount "$1"')
    sheet_input = os.path.join(EXAMPLES, "nerve-symptoms.yaml")
    # A file that nearly fills the disk first, so that the sheet cannot fit either.
    script = script.replace('"$2" sheet', 'head -c 60000 /dev/zero > "$1/filler"; "$2" sheet')
    result = run(prefix + [script, "sh", disk, binary, csv, sheet_input])
    out = result.stdout.decode()
    err = result.stderr.decode()
    statuses = [line for line in out.splitlines() if line.startswith("status=")]
    left = [line for line in out.splitlines() if line and not line.startswith("status=")]
    check(statuses == ["status=2", "status=2"], f"a full disk ends batch and sheet with exit 2 ({statuses})")
    check(err.count("No space left on device") == 2 and "check that the disk is not full" in err,
          f"each says the disk is full and what to do ({err.strip()[-160:]!r})")
    check(left == ["filler"], f"and leaves no file, partial or temporary, on the disk ({left})")


def as_nobody(args):
    """args run as the user nobody when the test is root (root ignores permissions)."""
    if os.geteuid() != 0:
        return args
    if not shutil.which("setpriv"):
        return None
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"] + args


def test_outputs_that_cannot_be_written(binary, tmp):
    answers = os.path.join(EXAMPLES, "benign.yaml")
    missing = os.path.join(tmp, "no-such-folder", "out.json")
    result = run([binary, "assess", answers, "--format", "json", "-o", missing])
    check(result.returncode == 2 and b"No such file or directory" in result.stderr and
          b"check that the folder exists" in result.stderr,
          "an output in a folder that does not exist: named, with a hint, exit 2")
    under_file = os.path.join(tmp, "plain-file")
    open(under_file, "w").close()
    result = run([binary, "assess", answers, "-o", os.path.join(under_file, "out.txt")])
    check(result.returncode == 2 and b"Not a directory" in result.stderr,
          "an output under a file, as if it were a folder: reported, exit 2")
    result = run([binary, "assess", answers, "-o", tmp])
    check(result.returncode == 2 and b"it is a folder" in result.stderr, "an output that is a folder: reported, exit 2")

    # A folder the user may not write to.
    shared = tempfile.mkdtemp(prefix="runback-faults-")
    try:
        own_binary = os.path.join(shared, "runback")
        shutil.copy(binary, own_binary)
        locked = os.path.join(shared, "locked")
        os.mkdir(locked)
        os.chmod(shared, 0o755)
        os.chmod(locked, 0o555)
        shutil.copy(answers, os.path.join(shared, "a.yaml"))
        os.chmod(os.path.join(shared, "a.yaml"), 0o644)
        command = as_nobody([own_binary, "assess", os.path.join(shared, "a.yaml"), "-o", os.path.join(locked, "r.txt")])
        if command is None:
            print("skip unwritable folder: running as root without setpriv")
        else:
            result = run(command)
            check(result.returncode == 2 and b"Permission denied" in result.stderr and not os.listdir(locked),
                  f"an output in a folder that cannot be written: reported, exit 2, nothing left ({result.stderr[:120]!r})")
        # A rule folder that cannot be read.
        rules = os.path.join(shared, "rules")
        shutil.copytree(os.path.join(HERE, "..", "..", "rules"), rules)
        os.chmod(rules, 0o000)
        command = as_nobody([own_binary, "assess", os.path.join(shared, "a.yaml"), "--rules", rules])
        if command is not None:
            result = run(command)
            check(result.returncode == 2 and b"rules" in result.stderr and b"ermission denied" in result.stderr
                  and result.stdout == b"",
                  f"an unreadable rule folder: reported, exit 2, no assessment ({result.stderr[:160]!r})")
        os.chmod(rules, 0o755)
    finally:
        for root, dirs, _ in os.walk(shared):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        shutil.rmtree(shared, ignore_errors=True)


def test_rule_bases_that_cannot_be_used(binary, tmp):
    answers = os.path.join(EXAMPLES, "benign.yaml")
    result = run([binary, "assess", answers, "--rules", answers])
    check(result.returncode == 2 and b"is not a folder" in result.stderr, "a rule 'folder' that is a file: exit 2")
    result = run([binary, "assess", answers, "--rules", os.path.join(tmp, "nowhere")])
    check(result.returncode == 2 and b"does not exist" in result.stderr, "a rule folder that is missing: exit 2")
    for name, text in (("flow", "rulebase: " + "[" * 100000 + "]" * 100000 + "\n"),
                       ("block", "rulebase:\n" + "".join("  " * i + "a:\n" for i in range(1, 3000)))):
        rules = os.path.join(tmp, f"deep-{name}")
        os.mkdir(rules)
        with open(os.path.join(rules, "rulebase.yaml"), "w") as f:
            f.write(text)
        result = run([binary, "assess", answers, "--rules", rules])
        check(result.returncode == 2 and b"rulebase.yaml:" in result.stderr and b"nested too deeply" in result.stderr
              and result.stdout == b"",
              f"a rule base nested thousands deep ({name} style): refused with the place, exit 2, not used")
        result = run([binary, "rules", "check", "--rules", rules])
        check(result.returncode == 1 and b"nested too deeply" in result.stdout + result.stderr,
              f"and 'rules check' reports it ({name} style)")


def main():
    binary = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        return run_tests((test_full_disk, test_outputs_that_cannot_be_written,
                          test_rule_bases_that_cannot_be_used), binary, tmp)


if __name__ == "__main__":
    sys.exit(main())
