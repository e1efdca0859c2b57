# Shared by the update tests: keys, test versions, bundles, simulated boards (a real sshd each, a supervised
# gateway each) and a real Mosquitto. Sourced by test-update.sh; everything lives under $work.

say() { printf '== %s\n' "$*"; }
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
expect_contains() { # TEXT NEEDLE WHAT
    case "$1" in *"$2"*) ;; *) printf '%s\n' "$1" >&2; fail "$3: expected to find \"$2\"";; esac
}
free_port() { # a loopback TCP port nothing listens on
    local port
    while :; do
        port=$((20000 + RANDOM % 30000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
    sleep 0.5
    for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
    [ -n "${keep_work:-}" ] || rm -rf "$work"
}

# make_versions: $work/gw-VERSION binaries and their bundles, signed with $work/release.pem.
make_versions() {
    openssl genpkey -algorithm ed25519 -out "$work/release.pem" 2>/dev/null
    openssl pkey -in "$work/release.pem" -pubout -out "$work/release.pub"
    openssl genpkey -algorithm ed25519 -out "$work/other.pem" 2>/dev/null
    arch=$("$gateway" --version | sed -E 's/^sensor-gateway [^ ]+ \(([^,]+),.*/\1/')
    for v in 0.1.0 0.1.1 0.1.3; do bash Deploy/update/stamp-version.sh "$gateway" "$v" "$work/gw-$v"; done
    expect_contains "$("$work/gw-0.1.1" --version)" "sensor-gateway 0.1.1 ($arch," "stamped binary's --version"
    bundle() { bash Deploy/update/make-bundle.sh --binary "$1" --key "$work/release.pem" --out "$2" >/dev/null; }
    bundle "$work/gw-0.1.0" "$work/v010.bundle"
    bundle "$work/gw-0.1.1" "$work/v011.bundle"
    # 0.1.2 crashes at start: a program that reports its version and exits 1 otherwise.
    printf '#!/bin/sh\n[ "$1" = --version ] && { echo "sensor-gateway 0.1.2 (%s, Embedded Swift)"; exit 0; }\necho "0.1.2: crashing at start" >&2\nexit 1\n' "$arch" > "$work/gw-0.1.2"
    chmod +x "$work/gw-0.1.2"
    bundle "$work/gw-0.1.2" "$work/v012-crash.bundle"
    # 0.1.3 starts, samples and journals, but never reaches the broker; before it starts it adds a column and a
    # table to the journal (a layout change), which the rolled-back 0.1.0 must tolerate.
    cat > "$work/gw-0.1.3-silent" <<SCRIPT
#!/bin/sh
[ "\$1" = --version ] && exec "$work/gw-0.1.3" --version
state=""; prev=""; args=""
for a in "\$@"; do [ "\$prev" = --state-dir ] && state=\$a; prev=\$a; done
layout=""; [ -f "\$state/journal.sqlite" ] && layout=\$(sqlite3 "\$state/journal.sqlite" 'PRAGMA user_version')
if [ -n "\$layout" ] && [ "\$(sqlite3 "\$state/journal.sqlite" "SELECT count(*) FROM sqlite_master WHERE name = 'firmware_note'")" = 0 ]; then
    sqlite3 "\$state/journal.sqlite" "ALTER TABLE reading ADD COLUMN origin TEXT NOT NULL DEFAULT 'sampled'; CREATE TABLE IF NOT EXISTS firmware_note (id INTEGER PRIMARY KEY, note TEXT); PRAGMA user_version = \$((layout + 1));"
fi
set -- "\$@" --broker 127.0.0.1:1
exec "$work/gw-0.1.3" "\$@"
SCRIPT
    chmod +x "$work/gw-0.1.3-silent"
    bundle "$work/gw-0.1.3-silent" "$work/v013-silent.bundle"
    # Refusals: tampered after signing, unsigned, other key, truncated, other architecture.
    mkdir -p "$work/tamper" && tar -xf "$work/v011.bundle" -C "$work/tamper"
    printf 'X' | dd of="$work/tamper/sensor-gateway" bs=1 seek=4096 conv=notrunc status=none
    tar -cf "$work/v011-tampered.bundle" -C "$work/tamper" manifest.json sensor-gateway signature
    tar -cf "$work/v011-unsigned.bundle" -C "$work/tamper" manifest.json sensor-gateway
    bash Deploy/update/make-bundle.sh --binary "$work/gw-0.1.1" --key "$work/other.pem" --out "$work/v011-otherkey.bundle" >/dev/null
    head -c $(( $(stat -c %s "$work/v011.bundle") / 2 )) "$work/v011.bundle" > "$work/v011-truncated.bundle"
    bash Deploy/update/make-bundle.sh --binary "$work/gw-0.1.1" --key "$work/release.pem" --version 0.1.1 --arch armv7 \
        --out "$work/v011-otherarch.bundle" >/dev/null
}

# new_root DIR: an install root with the key pinned and 0.1.0 installed.
new_root() {
    mkdir -p "$1/etc/sensor-gateway"
    cp "$work/release.pub" "$1/etc/sensor-gateway/update.pub"
    "$updater" install --root "$1" --bundle "$work/v010.bundle" >/dev/null
}

# start_broker: $broker_port
start_broker() {
    broker_port=$(free_port)
    printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$broker_port" > "$work/mosquitto.conf"
    setsid mosquitto -c "$work/mosquitto.conf" > "$work/mosquitto.log" 2>&1 &
    pids+=($!)
    local rc
    for _ in $(seq 50); do
        rc=0; mosquitto_sub -p "$broker_port" -t probe -C 1 -W 1 >/dev/null 2>&1 || rc=$?
        [ "$rc" -eq 27 ] && return 0   # connected, waited, timed out: the broker is up
        sleep 0.1
    done
    fail "Mosquitto did not start: $(cat "$work/mosquitto.log")"
}

# start_board NAME: a root, an sshd on its own port with its own host key, and a supervised gateway.
# Sets port_NAME; adds the board to $work/ssh_config and $work/known_hosts.
start_board() {
    local name=$1 root="$work/$1" port
    port=$(free_port)
    new_root "$root"
    mkdir -p "$root/ssh"
    ssh-keygen -q -t ed25519 -N '' -f "$root/ssh/host_key"
    cat > "$root/ssh/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $root/ssh/host_key
PidFile $root/ssh/sshd.pid
AuthorizedKeysFile $work/client_key.pub
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
Subsystem sftp /usr/lib/openssh/sftp-server
CONF
    mkdir -p /run/sshd 2>/dev/null || true
    setsid /usr/sbin/sshd -D -e -f "$root/ssh/sshd_config" > "$root/ssh/sshd.log" 2>&1 &
    pids+=($!)
    printf 'Host %s\n  HostName 127.0.0.1\n  Port %s\n  User %s\n  IdentityFile %s\n  IdentitiesOnly yes\n  UserKnownHostsFile %s\n\n' \
        "$name" "$port" "$(id -un)" "$work/client_key" "$work/known_hosts" >> "$work/ssh_config"
    printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1-2 "$root/ssh/host_key.pub")" >> "$work/known_hosts"
    sed -E -e "s/^device: .*/device: $name-gw/" -e 's/interval: [0-9]+s/interval: 1s/' \
        Board/sites/sapporo-cityhall.yaml > "$root/site.yaml"
    cp Board/rpi4-sgw.yaml "$work/"   # the site names its board file beside the sites folder
    setsid "$updater" supervise --root "$root" --config "$root/site.yaml" --broker "127.0.0.1:$broker_port" --simulate \
        --watchdog-seconds 2 > "$root/supervisor.log" 2>&1 &
    pids+=($!)
    printf '%s %s root=%s command=%s broker=127.0.0.1:%s status-topic=sgw/sapporo-cityhall/%s-gw/status\n' \
        "$name" "$name" "$root" "$updater" "$broker_port" "$name" >> "$work/inventory.all"
    eval "port_$name=$port"
}

retained_status() { # NAME → the retained status JSON
    mosquitto_sub -p "$broker_port" -t "sgw/sapporo-cityhall/$1-gw/status" -C 1 -W 3 2>/dev/null || true
}

wait_online() { # NAME VERSION
    for _ in $(seq 60); do
        case "$(retained_status "$1")" in *'"firmware":"'"$2"'"'*'"state":"online"'*) return 0;; esac
        sleep 0.5
    done
    fail "$1 never published online with $2: $(retained_status "$1")"
}

current_of() { readlink "$work/$1/usr/lib/sensor-gateway/current"; }
