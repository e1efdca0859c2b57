#!/bin/bash
# Records what `sensor-gateway` prints and returns for each case in cases.txt, as the spec its command-line
# layer is tested against (CommandLineTests compares every case byte for byte). Run from the package root:
#   Tests/CommandLineGolden/capture.sh .build/debug/sensor-gateway [CASE-NAME-PATTERN]
# Each line of cases.txt is a case name, a tab, then the arguments separated by single spaces (none contain one).
# Output goes through pipes, so help is wrapped at 80 columns unless the case sets COLUMNS (`COLUMNS=N` first).
# Cases run with LANG=C.UTF-8 (English) unless they set the locale (`LANG=ja_JP.UTF-8` first, before COLUMNS);
# the pattern (a bash glob, e.g. 'ja-*') records only the cases it matches.
set -euo pipefail
binary=${1:?usage: capture.sh PATH-TO-sensor-gateway [CASE-NAME-PATTERN]}
only=${2:-*}
here=$(dirname "$0")
while IFS=$'\t' read -r name arguments; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    [[ "$name" == $only ]] || continue
    dir="$here/cases/$name"
    mkdir -p "$dir"
    read -r -a argv <<< "$arguments"
    lang=""
    if [[ "${argv[0]:-}" == LANG=* ]]; then lang=${argv[0]#LANG=}; argv=("${argv[@]:1}"); fi
    columns=""
    if [[ "${argv[0]:-}" == COLUMNS=* ]]; then columns=${argv[0]#COLUMNS=}; argv=("${argv[@]:1}"); fi
    printf '%s\n' "${argv[@]}" | grep -v '^$' > "$dir/arguments" || true
    [[ -n "$columns" ]] && echo "$columns" > "$dir/columns" || rm -f "$dir/columns"
    [[ -n "$lang" ]] && echo "$lang" > "$dir/lang" || rm -f "$dir/lang"
    set +e
    if [[ -n "$columns" ]]; then
        env -u LINES -u LC_ALL -u LC_MESSAGES LANG="${lang:-C.UTF-8}" COLUMNS="$columns" "$binary" "${argv[@]}" \
            > "$dir/stdout" 2> "$dir/stderr" < /dev/null
    else
        env -u COLUMNS -u LINES -u LC_ALL -u LC_MESSAGES LANG="${lang:-C.UTF-8}" "$binary" "${argv[@]}" \
            > "$dir/stdout" 2> "$dir/stderr" < /dev/null
    fi
    echo $? > "$dir/status"
    set -e
done < "$here/cases.txt"
