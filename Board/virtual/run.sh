#!/bin/bash
# Run one scenario on the virtual board (QEMU, TCG) and exit with the scenario's status.
#
#   run.sh --scenario FILE [--arch x86_64|aarch64] [--extra BIN]... [--file SRC:DEST]... [--timeout S]
#          [--log FILE] [--i2c-addrs LIST] [--gpio-lines N] [--smp N] [--cpu MODEL]
#
# --arch (or VBOARD_ARCH) picks the flavour: x86_64 (default) or aarch64 (qemu-system-aarch64 -M virt,
# Cortex-A53 by default); --extra binaries must be built for it.
# The console goes to stdout and to the log (default .work/last-run.log). The scenario's status
# comes from the "SCENARIO-EXIT <n>" line /init prints; no such line means the VM died or timed
# out: 124 on timeout (QEMU is killed), 125 otherwise.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
die() { printf 'run: %s\n' "$*" >&2; exit 2; }

# --arch first, so the flavour's defaults (work directory, CPU model) follow it
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    [ "${args[i]}" = --arch ] && VBOARD_ARCH=${args[i+1]:-}
done
. "$HERE/arch.sh"

SCENARIO= TIMEOUT=300 LOG= SMP=1 CPU=$QEMU_CPU
PASS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --arch) shift 2 ;;
        --scenario) SCENARIO=$2; shift 2 ;;
        --timeout) TIMEOUT=$2; shift 2 ;;
        --log) LOG=$2; shift 2 ;;
        --smp) SMP=$2; shift 2 ;;
        --cpu) CPU=$2; shift 2 ;;
        --extra|--file|--i2c-addrs|--gpio-lines) PASS+=("$1" "$2"); shift 2 ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) die "unknown argument $1" ;;
    esac
done
[ -n "$SCENARIO" ] || die "--scenario FILE is required"

"$HERE/prepare.sh" || die "prepare.sh failed"
mkdir -p "$WORK/runs"
RUN=$(mktemp -d "$WORK/runs/run.XXXXXX")
trap 'rm -rf "$RUN"' EXIT
LOG=${LOG:-$WORK/last-run.log}
"$HERE/build-initramfs.sh" --out "$RUN/initramfs.cpio" --scenario "$SCENARIO" "${PASS[@]}" \
    || die "initramfs build failed"

# No disk, no NIC, no display: the VM talks only through its serial console. stdin is /dev/null
# so QEMU never puts a CI terminal into raw mode. "timeout" kills QEMU when the scenario hangs;
# the trap kills it when run.sh itself is interrupted (the pipeline runs in the background so
# that bash handles the signal at once instead of after QEMU exits).
trap 'kill "$(cat "$RUN/qemu.pid" 2>/dev/null)" 2>/dev/null; rm -rf "$RUN"; exit 130' INT TERM
started=$(date +%s%N)
( timeout --kill-after=5 "$TIMEOUT" "$QEMU" \
      "${QEMU_MACHINE[@]}" -cpu "$CPU" -m 512 -smp "$SMP" -nodefaults -no-user-config -nographic \
      -serial stdio -monitor none -no-reboot -pidfile "$RUN/qemu.pid" \
      -kernel "$WORK/kernel/vmlinuz" -initrd "$RUN/initramfs.cpio" \
      -append "console=$CONSOLE quiet panic=-1${KERNEL_ARGS:+ $KERNEL_ARGS}" \
      < /dev/null 2>&1
  echo $? > "$RUN/qemu.status"
) | tr -d '\r' | tee "$LOG" &
wait $!
qemu_status=$(cat "$RUN/qemu.status" 2>/dev/null || echo "?")
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
elapsed=$(printf '%d.%03d' $((elapsed_ms / 1000)) $((elapsed_ms % 1000)))

status=$(sed -n 's/^SCENARIO-EXIT \([0-9]*\)$/\1/p' "$LOG" | tail -n1)
if [ -z "$status" ]; then
    if [ "$qemu_status" = 124 ] || [ "$qemu_status" = 137 ]; then
        printf 'run: timed out after %s s, QEMU killed (log %s)\n' "$TIMEOUT" "$LOG" >&2
        exit 124
    fi
    printf 'run: VM ended without SCENARIO-EXIT (qemu status %s, log %s)\n' "$qemu_status" "$LOG" >&2
    exit 125
fi
printf 'run: %s (%s) exited %s, VM wall time %s s\n' "$(basename "$SCENARIO")" "$VBOARD_ARCH" "$status" "$elapsed" >&2
exit "$status"
