#!/usr/bin/env bash
# Checks that a board program was linked with the code layout (Board/layout/README.md), and fails when it was not:
#   1. the functions of the order file that are in the program sit in the order file's order (lld placed them),
#   2. side by side: between the first and the last of them lies almost nothing else,
#   3. every Swift object it was linked from has its code in sections of one function each (an empty `.text`),
#   4. the stripped program stays under a size budget (without function sections it was 4.0 MB, with them 1.7).
# Usage: bash Board/layout/check-layout.sh BINARY [BUILD_PATH] [ORDER_FILE]
#   BINARY is the unstripped program as Board/build-embedded.sh leaves it; BUILD_PATH (the folder of its objects)
#   defaults to the binary's folder, ORDER_FILE to Board/layout/sensor-gateway.order.
# Limits (environment): SGW_LAYOUT_BUDGET_BYTES (stripped size, default 2400000).
set -euo pipefail
cd "$(dirname "$0")/../.."
binary="${1:?usage: check-layout.sh BINARY [BUILD_PATH] [ORDER_FILE]}"
build_path="${2:-$(dirname "$binary")}"
order="${3:-Board/layout/sensor-gateway.order}"
budget="${SGW_LAYOUT_BUDGET_BYTES:-2400000}"
failed=0
fail() { echo "layout: FAIL: $*" >&2; failed=1; }

# 1 and 2: the order file's functions against the program's symbol table, by address.
nm -n --defined-only "$binary" | awk -v order="$order" '
    BEGIN { while ((getline line < order) > 0) if (line != "") { listed++; rank[line] = listed } }
    $2 ~ /^[tTwW]$/ && !($3 in seen) {
        seen[$3] = 1; n++; address[n] = $1; name[n] = $3
    }
    END {
        found = 0; inversions = 0; last = 0
        for (i = 1; i <= n; i++) if (name[i] in rank) {
            found++; if (first == 0) first = i; final = i
            if (rank[name[i]] < last) inversions++
            last = rank[name[i]]
        }
        others = 0
        for (i = first; i <= final; i++) if (!(name[i] in rank)) others++
        printf "%d %d %d %d %s %s\n", listed, found, inversions, others, (found ? address[first] : "0"), (found ? address[final] : "0")
    }' > "${TMPDIR:-/tmp}/sgw-layout-$$"
read -r listed found inversions others from to < "${TMPDIR:-/tmp}/sgw-layout-$$"
rm -f "${TMPDIR:-/tmp}/sgw-layout-$$"
span=$((16#$to - 16#$from))
echo "layout: $found of the order file's $listed functions in $(basename "$binary"), $inversions out of order, $others other functions among them, over $span bytes"
# A renamed or removed function is only missing from the file (lld skips it); most must still be there, or the
# file is stale: regenerate it with Board/layout/profile.sh.
[ "$found" -ge $((listed * 6 / 10)) ] || fail "only $found of the $listed functions of $order are in the program: regenerate it (bash Board/layout/profile.sh)"
# In address order, a function listed before the previous one is out of order: with the order file applied there
# are none (a function the linker keeps once for two names can give a few); ignored, about half are.
[ "$inversions" -le $((found / 100)) ] || fail "$inversions of $found ordered functions are out of the order file's order: lld did not apply $order (--symbol-ordering-file)"
[ "$others" -le $((found / 50)) ] || fail "$others functions not in the order file sit among its $found: the functions that run are not side by side"

# 3: every Swift object compiled into sections of one function each (Board/layout/drop-unsectioned-objects.sh).
objects=0; unsectioned=0
while IFS= read -r object; do
    objects=$((objects + 1))
    size="$(readelf -SW "$object" | awk '{ for (i = 1; i < NF; i++) if ($i == ".text" && !done) { print $(i + 4); done = 1 } }')"
    if [ -n "$size" ] && [ "$((16#$size))" -gt 0 ]; then
        unsectioned=$((unsectioned + 1))
        [ "$unsectioned" -le 3 ] && echo "layout: $object has $((16#$size)) bytes of code outside function sections" >&2
    fi
done < <(find -L "$build_path" -name '*.swift.o')
echo "layout: $objects Swift objects in $build_path, $unsectioned with code outside function sections"
[ "$objects" -gt 0 ] || fail "no Swift objects under $build_path: give the build path the program was linked from"
[ "$unsectioned" -eq 0 ] || fail "$unsectioned Swift objects were compiled without -function-sections (run Board/layout/drop-unsectioned-objects.sh $build_path and build again)"

# 4: the stripped size, as the package ships it.
stripped="$(mktemp)"
strip -o "$stripped" "$binary"
bytes="$(stat -c %s "$stripped")"
rm -f "$stripped"
echo "layout: stripped $(basename "$binary") is $bytes bytes (budget $budget)"
[ "$bytes" -le "$budget" ] || fail "the stripped program is $bytes bytes, over the budget of $budget: was it linked without the layout, or did it grow?"

[ "$failed" -eq 0 ] || exit 1
echo "layout: applied"
