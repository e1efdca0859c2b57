#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer) of every parser that reads outside input: the aggregator's SenML and
# status intake, the gateway's resend intake, and the site, board, calibration and city file parsers.
# Usage: Tests/fuzz.sh [SECONDS-PER-TARGET] [TARGET...]     (default 20 s, every target)
# Builds with SGW_FUZZ=1 and `swift build --sanitize fuzzer` into .build-fuzz, runs each harness from its
# committed seeds (Fuzz/<name>/corpus) plus a working corpus kept in .build-fuzz/corpus/<name>, and fails if
# any input crashes a harness. A crashing input is left in .build-fuzz/artifacts/<name>/: commit it under
# Fuzz/<name>/crashes/ and make it a regression test in the parser's module.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds=${1:-20}
shift || true
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -ge 1 ] || { echo "fuzz.sh: seconds per target must be a whole number ≥ 1, not \"$seconds\"" >&2; exit 2; }
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(senml-intake status-intake resend-request site-file board-file calibration-file city-file)

for t in "${targets[@]}"; do
  [ -f "Fuzz/$t/Harness.swift" ] || { echo "fuzz.sh: no harness Fuzz/$t/Harness.swift" >&2; exit 2; }
  SGW_FUZZ=1 swift build --build-path .build-fuzz --sanitize fuzzer --product "fuzz-$t" 2>&1 | grep -E "error|warning: unre|Compiling fuzz|Build complete" || true
  [ -x ".build-fuzz/debug/fuzz-$t" ] || { echo "fuzz.sh: fuzz-$t did not build" >&2; exit 1; }
done

failed=()
for t in "${targets[@]}"; do
  corpus=".build-fuzz/corpus/$t"; artifacts=".build-fuzz/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  log=".build-fuzz/fuzz-$t.log"
  echo "fuzz-$t: ${seconds}s from Fuzz/$t/corpus"
  # -timeout: an input taking 10 s is a hang; -rss_limit_mb: a parser must not need 2 GB for any input.
  if ".build-fuzz/debug/fuzz-$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" "$corpus" "Fuzz/$t/corpus" >"$log" 2>&1; then
    grep -E "^stat::(number_of_executed_units|new_units_added)|cov:" "$log" | tail -3 | sed "s/^/  /"
  else
    failed+=("$t")
    echo "  CRASH: $(ls -t "$artifacts" | head -1) (log: $log)"
    grep -E "fuzz finding|Fatal error|ERROR: libFuzzer|SUMMARY" "$log" | head -3 | sed "s/^/  /"
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: crashes in ${failed[*]}; inputs in .build-fuzz/artifacts/" >&2
  exit 1
fi
echo "fuzz.sh: no crash in ${targets[*]} (${seconds}s each)"
