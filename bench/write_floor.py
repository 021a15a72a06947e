#!/usr/bin/env python3
"""Writes MIB mebibytes of text to FILE the way `runback batch -o FILE` writes its output, and
nothing else: the floor of the benchmark's -o file rows.

    bench/write_floor.py FILE MIB

runback writes a large output around the page cache (O_DIRECT), 2 MiB at a time from aligned
buffers of its own, pads the last block and cuts the file to size, then makes it durable with
fsync before renaming it into place; where the file system refuses O_DIRECT it writes the usual
way and sends each buffer on to the disk at once (sync_file_range). This does the same, in one
thread (runback's writing thread does nothing else either).

Earlier versions of the benchmark used `dd if=/dev/zero conv=fsync`, which is no floor: it
leaves every page for the final fsync, and the reference virtual machine's disk writes zeros
slowly (blocks of zeros are likely handled apart by the host): 1,504 MiB took 2.3 to 5.3 s
from /dev/zero and 0.72 to 0.78 s as text, in the same minutes in which runback wrote its output
in 1.3 to 1.8 s. So this writes lines of JSON-like text.
"""

import ctypes
import ctypes.util
import errno
import fcntl
import mmap
import os
import sys

CHUNK = 2 << 20           # runback's DirectFileWriter::k_buffer_size
BLOCK = 4096              # and its k_alignment
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
    """2 MiB of lines like runback's output, in page-aligned memory (as O_DIRECT needs)."""
    line = b'{"id":"p1","row":1,"rules_version":"1.0.0","urgency":"self_care","causes":[]}\n'
    block = mmap.mmap(-1, CHUNK)
    block.write((line * (CHUNK // len(line) + 1))[:CHUNK])
    return block


def open_output(path):
    """The file opened for writing around the page cache where the file system allows it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    if hasattr(os, "O_DIRECT"):
        try:
            return os.open(path, flags | os.O_DIRECT, 0o600), True
        except OSError:
            pass
    return os.open(path, flags, 0o600), False


def write_like_runback(path, mib):
    size = mib << 20
    block = text_block()
    fd, direct = open_output(path)
    sync_file_range = None if direct else sync_file_range_function()
    try:
        offset = 0
        while offset < size:
            # Whole buffers, then the last one padded to whole blocks (cut to size below).
            length = min(CHUNK, -(-(size - offset) // BLOCK) * BLOCK)
            view = memoryview(block)[:length]
            try:
                written = os.pwrite(fd, view, offset)
            except OSError as e:
                if not direct or e.errno != errno.EINVAL:
                    raise
                fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_DIRECT)
                direct, sync_file_range = False, sync_file_range_function()
                continue
            if sync_file_range:
                sync_file_range(fd, offset, written, SYNC_FILE_RANGE_WRITE)
            offset += written
        os.ftruncate(fd, size)
        os.fsync(fd)
    finally:
        os.close(fd)
    return direct


def main(argv):
    if len(argv) != 3 or not argv[2].isdigit():
        print("usage: bench/write_floor.py FILE MIB", file=sys.stderr)
        return 2
    write_like_runback(argv[1], int(argv[2]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
