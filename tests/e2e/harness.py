"""What the end-to-end scripts share. check() prints a result and records a failure;
run_tests() runs test functions one after another (an exception fails that test, not the
others), prints the count and returns the exit status for sys.exit. Each script is run by
ctest as `python3 tests/e2e/test_X.py BINARY`, so this folder is on the import path."""
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def run_tests(tests, *args):
    for test in tests:
        try:
            test(*args)
        except Exception as e:  # noqa: BLE001 - a broken test is a failure, and the rest still run
            check(False, f"{test.__name__}: {e!r}")
    print(f"{len(failures)} failed")
    return 1 if failures else 0
