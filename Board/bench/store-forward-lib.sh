# Shared by the store-and-forward benchmarks (issue 5); sourced, not run.
# Release binaries in their own scratch path, a private Mosquitto on a free loopback port, and the
# building example at 1 s sampling (the issue's workload: every channel of sapporo-cityhall due each second).

scratch="${SGW_BENCH_SCRATCH:-.build-bench}"

build_release() {
    if [ -n "${SGW_JOURNAL_BENCH_BIN:-}" ] && [ -n "${SGW_GATEWAY_BIN:-}" ]; then
        bin="$(dirname "$SGW_JOURNAL_BENCH_BIN")" gateway_bin="$SGW_GATEWAY_BIN"
        return
    fi
    swift build -c release --scratch-path "$scratch" --product sensor-gateway 2>&1 | tail -1
    swift build -c release --scratch-path "$scratch" --product journal-bench 2>&1 | tail -1
    bin="$(swift build -c release --scratch-path "$scratch" --show-bin-path)"
    # The board program measured: the Embedded build that ships, unless SGW_GATEWAY_BIN names another.
    gateway_bin="${SGW_GATEWAY_BIN:-$(bash Board/build-embedded.sh | tail -1)}"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# start_broker DIR PORT: Mosquitto without persistence, timestamps a parser can read; sets $broker.
start_broker() {
    printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nlog_timestamp_format %%Y-%%m-%%dT%%H:%%M:%%S\nmax_queued_messages 0\n' \
        "$2" > "$1/mosquitto.conf"
    mosquitto -c "$1/mosquitto.conf" >>"$1/mosquitto.log" 2>&1 & broker=$!
    for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$2") 2>/dev/null && return 0; sleep 0.1; done
    echo "broker did not start" >&2; return 1
}

# site_copy OUT DEVICE [INTERVAL]: the building example under another device id, every channel at INTERVAL
# if given. The board file is named absolutely, since the copy does not sit in Board/sites/.
site_copy() {
    local interval_rule='s/^$//'
    [ -z "${3:-}" ] || interval_rule="s/^\\( *interval:\\) .*/\\1 $3/"
    sed -e "$interval_rule" -e "s/^device: .*/device: $2/" -e "s|^board: .*|&\\nboard-file: $PWD/Board/rpi4-sgw.yaml|" \
        Board/sites/sapporo-cityhall.yaml > "$1"
}

io_field() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/io"; }
cpu_seconds() { awk -v t="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / t}' "/proc/$1/stat"; }
