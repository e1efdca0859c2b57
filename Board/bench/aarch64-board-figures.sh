#!/usr/bin/env bash
# Issue 12 item 5: the aarch64 board program's figures on the aarch64 virtual board (QEMU TCG, -M virt,
# Cortex-A53; emulated, so CPU time is emulated time), all in ONE boot (scenario
# Board/virtual/scenarios/board-figures.sh):
#   footprint  the Embedded aarch64 `sensor-gateway`, stripped as the package ships it, on the building example
#              (Board/sites/sapporo-cityhall.yaml with --simulate: the simulated board inside the VM) for
#              MINUTES, publishing to the VM's Mosquitto: binary size, VmRSS, Pss, Private_Dirty, threads,
#              CPU s/min, wake-ups/s;
#   pulses     the same binary on Board/virtual/sites/virtual-pulses.yaml counting gpio-sim line 0 (no
#              debounce) while the toggler runs at full rate (-r 0, niced): rate reached, sent, counted, CPU
#              per 1,000 pulses;
#   gpiomon    Debian's arm64 gpiomon (libgpiod 1.6, unpacked by Board/virtual/prepare.sh) on the same line at
#              full rate (rising edge, both edges) and at the rate the gateway's run reached.
# Prints Markdown tables for BENCHMARKS.md with the date, commit and host load. Root (the virtual board's
# prepare step installs packages). Not part of Tests/run-all.sh: it is a benchmark.
# Usage: sudo bash Board/bench/aarch64-board-figures.sh [MINUTES] [PULSES]
#   SGW_AARCH64_BINARY  the aarch64 sensor-gateway (default: built by Board/build-aarch64.sh)
#   VBOARD_SMP          vCPUs of the VM (default 1, as the other aarch64 virtual-board figures)
set -euo pipefail
cd "$(dirname "$0")/../.."
minutes=${1:-3}
pulses=${2:-10000}
smp=${VBOARD_SMP:-1}
binary=${SGW_AARCH64_BINARY:-$(bash Board/build-aarch64.sh | tail -n1)}
[ "$(LC_ALL=C readelf -h "$binary" 2>/dev/null | sed -n 's/^ *Machine: *//p')" = AArch64 ] \
    || { echo "aarch64-board-figures: $binary is not an aarch64 binary (set SGW_AARCH64_BINARY)" >&2; exit 2; }
work=$(mktemp -d /tmp/sgw-aarch64-figures.XXXXXX)
trap 'rm -rf "$work"' EXIT
# Measured as shipped: the Debian package installs the binary stripped.
aarch64-linux-gnu-strip -o "$work/sensor-gateway" "$binary"
printf 'FOOTPRINT_SECONDS=%d\nPULSES=%d\n' $((minutes * 60)) "$pulses" > "$work/figures.conf"
files=(
    "Board/sites/sapporo-cityhall.yaml:/etc/sgw/sites/sapporo-cityhall.yaml"
    "Board/rpi4-sgw.yaml:/etc/sgw/rpi4-sgw.yaml"
    "Board/virtual/sites/virtual-pulses.yaml:/etc/sgw/sites/virtual-pulses.yaml"
    "Board/virtual/board.yaml:/etc/sgw/board.yaml"
    "$work/figures.conf:/etc/vboard/figures.conf"
)
for record in Calibration/records/sapporo-cityhall/*.yaml; do
    files+=("$record:/etc/sgw/calibration/sapporo-cityhall/$(basename "$record")")
done
file_args=()
for f in "${files[@]}"; do file_args+=(--file "$f"); done

commit=$(git rev-parse --short HEAD)
[ -z "$(git status --porcelain -- Sources Board Package.swift)" ] || commit="$commit (with uncommitted changes)"
started=$(date -u '+%Y-%m-%d %H:%M UTC')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
log="$work/vm.log"
status=0
bash Board/virtual/run.sh --arch aarch64 --scenario Board/virtual/scenarios/board-figures.sh --smp "$smp" \
    --extra "$work/sensor-gateway" "${file_args[@]}" --log "$log" --timeout $((minutes * 60 + 600)) \
    > "$work/console" 2> "$work/run.err" || status=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
mkdir -p Board/virtual/.work-aarch64
cp "$log" Board/virtual/.work-aarch64/board-figures.log
if [ "$status" != 0 ] && ! grep -q '^FIGURE end' "$log"; then
    cat "$work/run.err" >&2
    echo "aarch64-board-figures: the VM run failed (status $status); console in Board/virtual/.work-aarch64/board-figures.log" >&2
    exit 1
fi
grep '^PROBLEM ' "$log" >&2 || true

# value KEY LINE: the value of key=value in a FIGURE line
value() { sed -n "s/.* $1=\"\{0,1\}\([^ \"]*\).*/\1/p" <<< "$2"; }
board=$(grep '^FIGURE board ' "$log")
fp=$(grep '^FIGURE footprint ' "$log" || true)
gw=$(grep '^FIGURE gateway ' "$log" || true)
vm_wall=$(sed -n 's/.*VM wall time \([0-9.]*\) s.*/\1/p' "$work/run.err")
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
n() { sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta' <<< "$1"; }   # 10000 -> 10,000

echo "Run $started at $commit: \`sudo bash Board/bench/aarch64-board-figures.sh $minutes $pulses\`"
echo "Emulated aarch64: QEMU TCG $(qemu-system-aarch64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p'), -M virt," \
     "-cpu cortex-a53, $(value cpus "$board") vCPU, -m 512; kernel" \
     "$(value kernel "$board"); CPU time is emulated time. Host: $(nproc) x86_64 cores shared with other builds," \
     "load $load_before at the start, $load_after at the end; VM wall time ${vm_wall:-?} s."
echo
if [ -n "$fp" ]; then
    echo "| program | binary | VmRSS | Pss | Private_Dirty | threads | CPU s/min | wake-ups/s |"
    echo "|---|---|---|---|---|---|---|---|"
    echo "| sensor-gateway (Embedded, aarch64), building example, $(value seconds "$fp") s" \
         "| $(awk -v b="$(value binary-bytes "$fp")" 'BEGIN { printf "%.2f", b / 1e6 }') MB" \
         "| $(mb "$(value vmrss-kb "$fp")") MB (peak $(mb "$(value vmhwm-kb "$fp")")) | $(mb "$(value pss-kb "$fp")") MB" \
         "| $(mb "$(value private-dirty-kb "$fp")") MB | $(value threads "$fp") | $(value cpu-s-per-min "$fp")" \
         "| $(value wakeups-per-s "$fp") |"
    echo
    root=$(grep '^FIGURE rootfs ' "$log" || true)
    echo "Of the VmRSS, anonymous $(mb "$(value anonymous-kb "$root")") MB; the root file system is the initramfs" \
         "($(value type "$root")). Resident by mapping (RSS / Private_Dirty, MB):" \
         "$(grep '^FIGURE mapping ' "$log" | while read -r m; do
                echo "$(value rss-kb "$m") $(basename "$(value name "$m")") $(mb "$(value rss-kb "$m")")/$(mb "$(value private-dirty-kb "$m")")"
            done | sort -rn | awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $3 }')."
    echo
fi
echo "| reader (gpio-sim line 0, toggler -r 0 -n 10 unless asked) | rate reached | pulses | counted | CPU per 1,000 pulses |"
echo "|---|---|---|---|---|"
if [ -n "$gw" ]; then
    echo "| sensor-gateway \`edge-pulses\` (no debounce: rising edge) | $(value rate-hz "$gw") Hz | $(n "$(value sent "$gw")")" \
         "| $(n "$(value counted "$gw")") | $(value cpu-ms-per-1000 "$gw") ms ($(value net-cpu-ms-per-1000 "$gw") ms above its idle" \
         "$(value idle-cpu-s-per-min "$gw") s/min) |"
fi
grep '^FIGURE gpiomon ' "$log" | while read -r line; do
    reader=$(value reader "$line") asked=$(value asked-hz "$line")
    [ "$asked" = 0 ] && asked="" || asked=", asked $(n "$asked") Hz"
    echo "| gpiomon ${reader/-/ }$asked | $(value rate-hz "$line") Hz | $(n "$(value sent "$line")")" \
         "| $(n "$(value edges "$line")") of $(n "$(value expected-edges "$line")") edges | $(value cpu-ms-per-1000 "$line") ms |"
done
grep -q '^FIGURE end problems=0' "$log"
