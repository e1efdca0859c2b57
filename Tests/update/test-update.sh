#!/usr/bin/env bash
# The update path end to end, on this machine: signed bundles refused or installed by sgw-update, kill -9 at
# every install step, and fleet rollouts with fleet-update (the maintainers' tool) over real OpenSSH servers (one per simulated board, each
# on its own loopback port with its own host key and install root) to supervised gateways publishing to a real
# Mosquitto. Uses $SGW_GATEWAY_BIN (the Embedded binary; sgw-update is built beside it) when set.
# Usage: bash Tests/update/test-update.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
bash Deploy/dev/install-build-deps.sh
gateway=${SGW_GATEWAY_BIN:-$(bash Board/build-embedded.sh | tail -1)}
updater=$(dirname "$gateway")/sgw-update
[ -x "$updater" ] || fail "no sgw-update beside $gateway: build with Board/build-embedded.sh"
swift build --product fleet-update >&2
fleet=$(swift build --show-bin-path)/fleet-update
work=$(mktemp -d /tmp/sgw-update-test.XXXXXX)
source Tests/update/lib.sh
trap cleanup EXIT
started=$SECONDS

say "versions and bundles"
make_versions

say "refusals on the board: each with its reason, the running version untouched"
solo="$work/solo"
new_root "$solo"
[ "$(current_of solo)" = slots/0.1.0 ] || fail "first install: current is $(current_of solo)"
refuse() { # BUNDLE NEEDLE [FLAGS]
    local out rc=0
    out=$("$updater" install --root "$solo" --bundle "$1" --health-seconds 2 2>&1) || rc=$?
    [ "$rc" -eq 1 ] || fail "$1: exit $rc, expected 1 (refused): $out"
    expect_contains "$out" "$2" "$(basename "$1")"
    [ "$(current_of solo)" = slots/0.1.0 ] || fail "$1 changed current to $(current_of solo)"
    "$solo/usr/lib/sensor-gateway/current/sensor-gateway" --version | grep -q "sensor-gateway 0.1.0 " || fail "0.1.0 no longer runs"
}
refuse "$work/v011-tampered.bundle" "changed after signing"
refuse "$work/v011-unsigned.bundle" "the bundle is unsigned"
refuse "$work/v011-otherkey.bundle" "the signature does not match"
refuse "$work/v011-truncated.bundle" "not a whole archive"
refuse "$work/v011-otherarch.bundle" "built for another machine"
# Older than the running version: put 0.1.1 in place by hand-free means (a first install on a fresh root).
older="$work/older"; mkdir -p "$older/etc/sensor-gateway"; cp "$work/release.pub" "$older/etc/sensor-gateway/update.pub"
"$updater" install --root "$older" --bundle "$work/v011.bundle" >/dev/null
out=$("$updater" install --root "$older" --bundle "$work/v010.bundle" 2>&1) && fail "a downgrade was accepted: $out"
expect_contains "$out" "older than the running 0.1.1" "downgrade"
expect_contains "$out" "--allow-downgrade" "downgrade"
echo "refusals: ok"

say "kill -9 at every install step leaves the old or the new version whole; recovery switches back"
for point in verified slot-written trial-recorded link-written switched restart-requested health-gate rolled-back; do
    rc=0
    # Through sh, which reports the SIGKILL as status 137 without a job message.
    SGW_UPDATE_KILL_AT=$point sh -c '"$@"; exit $?' sh "$updater" install --root "$solo" --bundle "$work/v011.bundle" \
        --health-seconds 1 > "$work/kill-$point.log" 2>&1 || rc=$?
    [ "$rc" -eq 137 ] || fail "kill point $point: exit $rc, expected 137 (SIGKILL): $(cat "$work/kill-$point.log")"
    link=$(current_of solo)
    case "$link" in slots/0.1.0|slots/0.1.1) ;; *) fail "after a kill at $point current is '$link'";; esac
    said=$("$solo/usr/lib/sensor-gateway/current/sensor-gateway" --version)
    expect_contains "$said" "sensor-gateway ${link#slots/} " "the version current points at after a kill at $point"
    "$updater" recover --root "$solo" > /dev/null
    [ "$(current_of solo)" = slots/0.1.0 ] || fail "after recovery from a kill at $point current is $(current_of solo)"
    "$solo/usr/lib/sensor-gateway/current/sensor-gateway" --version | grep -q "sensor-gateway 0.1.0 " || fail "0.1.0 is not whole after $point"
    [ ! -e "$solo/var/lib/sgw-update/trial.json" ] || fail "a trial record survived recovery after $point"
    echo "kill at $point: current ${link#slots/} whole; recovered to 0.1.0"
done

say "boards: Mosquitto, an sshd and a supervised gateway each"
ssh-keygen -q -t ed25519 -N '' -f "$work/client_key"
: > "$work/ssh_config"; : > "$work/known_hosts"; : > "$work/inventory.all"
start_broker
for b in b1 b2 b3 b4; do start_board "$b"; done
# b4's host key changes after it was recorded (a replaced or impostor board): the client must refuse it.
ssh-keygen -q -t ed25519 -N '' -f "$work/impostor_key"
sed -i "s|^\[127.0.0.1\]:$port_b4 .*|[127.0.0.1]:$port_b4 $(cut -d' ' -f1-2 "$work/impostor_key.pub")|" "$work/known_hosts"
# b5 is in the inventory but nothing listens on its port.
dead_port=$(free_port)
printf 'Host b5\n  HostName 127.0.0.1\n  Port %s\n  User %s\n  IdentityFile %s\n  IdentitiesOnly yes\n  UserKnownHostsFile %s\n' \
    "$dead_port" "$(id -un)" "$work/client_key" "$work/known_hosts" >> "$work/ssh_config"
printf 'b5 b5 root=%s/b5 command=%s\n' "$work" "$updater" >> "$work/inventory.all"
for b in b1 b2 b3 b4; do wait_online "$b" 0.1.0; done
rollout() { # INVENTORY BUNDLE [EXTRA…] → stdout report, status in $rollout_status
    rollout_status=0
    "$fleet" rollout --inventory "$1" --bundle "$2" --ssh-config "$work/ssh_config" --health-seconds 15 \
        --connect-timeout 3 --report "$work/report.json" "${@:3}" 2> "$work/progress.log" || rollout_status=$?
}
row() { awk -F'\t' -v b="$2" '$1 == b' <<< "$1"; }

say "a version that crashes at start: the canary rolls back, the rollout halts after it"
grep -E '^b[123] ' "$work/inventory.all" > "$work/inventory.three"
rollout "$work/inventory.three" "$work/v012-crash.bundle" > "$work/report.txt"
report=$(cat "$work/report.txt"); cat "$work/report.txt"
[ "$rollout_status" -eq 1 ] || fail "a failed rollout exited $rollout_status"
expect_contains "$(row "$report" b1)" $'0.1.0\t0.1.0\trolled-back' "canary b1"
expect_contains "$(row "$report" b1)" "exited 3 times at start" "canary b1's reason"
expect_contains "$(row "$report" b2)" "not-attempted" "b2 after a failed canary"
expect_contains "$(row "$report" b3)" "not-attempted" "b3 after a failed canary"
expect_contains "$(cat "$work/progress.log")" "rollout halted after wave 1" "progress"
wait_online b1 0.1.0
expect_contains "$(retained_status b1)" '"update":"0.1.2 rolled back to 0.1.0' "b1's retained status"

say "a version that starts but never publishes: rolled back by the health gate; its readings are sent by 0.1.0"
before_id=$(sqlite3 "$work/b1/var/lib/sensor-gateway/journal.sqlite" 'SELECT max(id) FROM reading')
grep -E '^b1 ' "$work/inventory.all" > "$work/inventory.one"
rollout "$work/inventory.one" "$work/v013-silent.bundle" --health-seconds 6 > "$work/report.txt"
report=$(cat "$work/report.txt"); cat "$work/report.txt"
expect_contains "$(row "$report" b1)" $'0.1.0\t0.1.0\trolled-back' "silent b1"
expect_contains "$(row "$report" b1)" "no retained status \`online\` with firmware 0.1.3" "silent b1's reason"
case "$(row "$report" b1)" in *"journaled no reading"*|*"process is not up"*) fail "the silent version did not run and journal";; esac
rollback_id=$(sqlite3 "$work/b1/var/lib/sensor-gateway/journal.sqlite" 'SELECT max(id) FROM reading')
wait_online b1 0.1.0
expect_contains "$(retained_status b1)" '"update":"0.1.3 rolled back to 0.1.0' "b1's retained status"
journal="$work/b1/var/lib/sensor-gateway/journal.sqlite"
[ "$(sqlite3 "$journal" "SELECT count(*) FROM sqlite_master WHERE name = 'firmware_note'")" = 1 ] || fail "the silent version's layout change did not happen"
[ "$rollback_id" -gt "$before_id" ] || fail "no readings journaled after the switch"
for _ in $(seq 40); do
    unsent=$(sqlite3 "$journal" "SELECT count(*) FROM reading_delivery WHERE id > $before_id AND id <= $rollback_id AND sent_at_ms IS NULL")
    [ "$unsent" -eq 0 ] && break
    sleep 0.5
done
[ "$unsent" -eq 0 ] || fail "$unsent readings journaled around the silent version were never sent by 0.1.0"
grep -q journalMovedAside <<< "$(retained_status b1)" && fail "0.1.0 set the newer journal aside"
echo "readings journaled while 0.1.3 ran: sent by 0.1.0 from the newer layout"

say "a tampered bundle: refused on the board"
rollout "$work/inventory.one" "$work/v011-tampered.bundle" > "$work/report.txt"
report=$(cat "$work/report.txt"); cat "$work/report.txt"
expect_contains "$(row "$report" b1)" $'0.1.0\t0.1.0\trefused' "tampered b1"
expect_contains "$(row "$report" b1)" "changed after signing" "tampered b1's reason"

say "a clean rollout in waves: a changed host key and an unreachable board are reported, the rest proceed"
awk '$1=="b1"' "$work/inventory.all" > "$work/inventory.fleet"
awk '$1=="b5"' "$work/inventory.all" >> "$work/inventory.fleet"
awk '$1=="b2" || $1=="b3" || $1=="b4"' "$work/inventory.all" >> "$work/inventory.fleet"
rollout "$work/inventory.fleet" "$work/v011.bundle" --max-failure-share 0.5 --wave-fraction 0.4 --parallel 3 > "$work/report.txt"
report=$(cat "$work/report.txt"); cat "$work/report.txt"
for b in b1 b2 b3; do expect_contains "$(row "$report" "$b")" $'0.1.0\t0.1.1\tupdated' "$b"; done
expect_contains "$(row "$report" b4)" "host-key-rejected" "b4 with a changed host key"
expect_contains "$(row "$report" b5)" "unreachable" "b5 with nothing listening"
[ "$(current_of b4)" = slots/0.1.0 ] || fail "b4 was updated through a changed host key"
for b in b1 b2 b3; do wait_online "$b" 0.1.1; done
grep -q '"updated"' "$work/report.json" || fail "no JSON report in $work/report.json"

say "re-running the rollout: idempotent"
rollout "$work/inventory.fleet" "$work/v011.bundle" --max-failure-share 0.5 --wave-fraction 0.4 --parallel 3 > "$work/report.txt"
report=$(cat "$work/report.txt"); cat "$work/report.txt"
for b in b1 b2 b3; do expect_contains "$(row "$report" "$b")" $'0.1.1\t0.1.1\tunchanged' "$b on a re-run"; done

echo "update tests passed in $((SECONDS - started)) s"
