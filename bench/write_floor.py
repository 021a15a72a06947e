#!/usr/bin/env python3
"""Writes MIB mebibytes of zeros to FILE the way `runback batch -o FILE` writes its output, and
nothing else: the floor of the benchmark's -o file rows.

    bench/write_floor.py FILE MIB

runback hands the kernel each further 8 MiB to start writing as soon as it is written
(sync_file_range with SYNC_FILE_RANGE_WRITE, no waiting) and makes the whole file durable with
fsync before renaming it into place. Earlier versions of the benchmark used
`dd if=/dev/zero conv=fsync`, which is no floor: it leaves every page for the final fsync, and
the reference virtual machine's disk writes zeros slowly (blocks of zeros are likely handled
apart by the host): 1,504 MiB took 2.3 to 5.3 s from /dev/zero and 0.72 to 0.78 s as text, in
the same minutes in which runback wrote its output in 1.3 to 1.8 s. So this writes lines of
JSON-like text, 1 MiB at a time; the Python around the system calls is a few milliseconds of a
run of seconds.
"""

import ctypes
import ctypes.util
import os
import sys

CHUNK = 1 << 20
SYNC_EVERY = 8 << 20
SYNC_FILE_RANGE_WRITE = 2


def sync_file_range_function():
    """libc's sync_file_range, or None where there is none (then only the final fsync)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.sync_file_range
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def text_block():
    """1 MiB of lines like runback's output: not zeros, which some disks treat apart."""
    line = b'{"id":"p1","row":1,"rules_version":"1.0.0","urgency":"self_care","causes":[]}\n'
    return (line * (CHUNK // len(line) + 1))[:CHUNK]


def write_like_runback(path, mib):
    sync_file_range = sync_file_range_function()
    block = text_block()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        written = synced = 0
        for _ in range(mib):
            view = memoryview(block)
            while view:
                view = view[os.write(fd, view):]
            written += CHUNK
            if sync_file_range and written - synced >= SYNC_EVERY:
                sync_file_range(fd, synced, written - synced, SYNC_FILE_RANGE_WRITE)
                synced = written
        os.fsync(fd)
    finally:
        os.close(fd)


def main(argv):
    if len(argv) != 3 or not argv[2].isdigit():
        print("usage: bench/write_floor.py FILE MIB", file=sys.stderr)
        return 2
    write_like_runback(argv[1], int(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
