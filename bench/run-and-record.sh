#!/usr/bin/env bash
# Run a bench program and keep its output with the command, date, machine
# and commit that produced it:   bench/run-and-record.sh OUT.txt PROGRAM ARGS...
set -euo pipefail
out="$1"
shift
{
    echo "# command: $*"
    echo "# date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB"
    echo "# commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
    "$@"
} > "$out" 2>&1
tail -n 1 "$out"
