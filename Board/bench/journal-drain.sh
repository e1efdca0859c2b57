#!/usr/bin/env bash
# Issue 11 item 7: the journal's side of a backlog drain, alone (no MQTT, no SenML): reading HOURS of unsent
# readings of the building example's 11 channels in packs of 50 and marking each pack sent, as the publisher
# does (acknowledgements written every 5000 or with a tick). Reports wall and CPU readings/s; CPU is the
# figure a busy build machine disturbs least, wall adds the card's fsyncs.
# With BASE (a git revision), the same backlog file is drained by that revision's journal too, in the same
# run, for a before/after pair.
# Usage: bash Board/bench/journal-drain.sh [hours=24] [BASE]
set -euo pipefail
cd "$(dirname "$0")/../.."
hours="${1:-24}" base="${2:-}"
echo "command: bash Board/bench/journal-drain.sh $hours $base   ($(date -u +%FT%TZ), $(nproc) cores, $(uname -m), $(git rev-parse --short HEAD))"
scratch="${SGW_BENCH_SCRATCH:-.build-bench}"
swift build -c release --scratch-path "$scratch" --product journal-bench 2>&1 | tail -1
bench="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/journal-bench"
work="$(mktemp -d /tmp/sgw-journal-drain.XXXXXX)"
if [ -n "$base" ]; then
    # The base revision builds in its own folder; the drain subcommand is taken from this tree so both
    # measure the same loop.
    git archive "$base" | tar -x -C "$work" --one-top-level=base
    cp Sources/journal-bench/Drain.swift "$work/base/Sources/journal-bench/"
    grep -q 'Drain.self' "$work/base/Sources/journal-bench/JournalBench.swift" ||
        sed -i 's/TornTail.self\]/TornTail.self, Drain.self]/' "$work/base/Sources/journal-bench/JournalBench.swift"
    # Packages already resolved here are reused rather than fetched again.
    if [ -d "$scratch/checkouts" ]; then
        mkdir -p "$work/base/.build"
        cp -r "$scratch/checkouts" "$scratch/repositories" "$scratch/workspace-state.json" "$work/base/.build/" 2>/dev/null || true
    fi
    (cd "$work/base" && swift build -c release --product journal-bench 2>&1 | tail -1)
    base_bench="$work/base/.build/release/journal-bench"
fi
"$bench" drain --fill --journal "$work/backlog.sqlite" --hours "$hours"
sqlite3 "$work/backlog.sqlite" 'pragma wal_checkpoint(truncate)' >/dev/null
run() {  # run NAME BINARY: drains a fresh copy of the backlog
    mkdir -p "$work/$1"; cp "$work/backlog.sqlite" "$work/backlog.sqlite.sequences" "$work/$1/"
    echo "$1:"; "$2" drain --journal "$work/$1/backlog.sqlite" | tail -2
}
[ -z "$base" ] || run "base $base" "$base_bench"
run "this tree" "$bench"
rm -rf "$work"
