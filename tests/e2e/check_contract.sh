#!/bin/sh
# Runs ../shared/tools/check-contract on the built binary; skips (exit 77) where ../shared is
# absent, as it is for anyone who clones the project alone.
binary=$1
tool=$(dirname "$0")/../../../shared/tools/check-contract
if [ ! -x "$tool" ]; then
    echo "skipped: ../shared/tools/check-contract is not there (the project was cloned alone)"
    exit 77
fi
exec python3 "$tool" "$binary"
