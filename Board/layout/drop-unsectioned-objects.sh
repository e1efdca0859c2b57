#!/usr/bin/env bash
# Removes the Swift objects under BUILD_PATH that were compiled without -function-sections, so the next build
# compiles them again: Swift's compiler keeps an existing object whose code is unchanged without comparing the
# code-generation options, and an object from before Board/layout/ would be linked with its functions in one
# section, which lld cannot place (Board/layout/README.md).
# Usage: bash Board/layout/drop-unsectioned-objects.sh BUILD_PATH
set -euo pipefail
build_path="$1"
[ -d "$build_path" ] || exit 0
# Any object of 64 KB or more holds functions; without a `.text.$e<mangled name>` section (one Swift function's
# own) it predates the layout.
probe="$(find "$build_path" -name '*.swift.o' -size +64k -print -quit)"
[ -n "$probe" ] || exit 0
if ! readelf -SW "$probe" | grep -qF ' .text.$e'; then
    echo "layout: Swift objects in $build_path were compiled without function sections; compiling them again" >&2
    find "$build_path" -name '*.swift.o' -delete
fi
