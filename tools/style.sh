#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# checkpatch (--no-tree -f) on every kernel source and the uAPI header.
# checkpatch.pl comes from Debian's linux-source package, unpacked once
# into the build directory.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
cp_dir=$BUILD/checkpatch
if [ ! -x "$cp_dir/scripts/checkpatch.pl" ]; then
	tarball=$(ls /usr/src/linux-source-*.tar.xz 2> /dev/null | sort -V | tail -n 1)
	[ -n "$tarball" ] || { echo "style: linux-source missing (make deps)" >&2; exit 2; }
	mkdir -p "$cp_dir"
	base=$(basename "$tarball" .tar.xz)
	tar -xJf "$tarball" -C "$cp_dir" --strip-components=1 \
		"$base/scripts/checkpatch.pl" "$base/scripts/spelling.txt" \
		"$base/scripts/const_structs.checkpatch"
fi

cd "$top"
mapfile -t files < <(git ls-files -co --exclude-standard -- \
	'kernel/*.c' 'kernel/*.h' 'uapi/*.h' 'tools/vm/canary/*.c' | sort)
fail=0
for f in "${files[@]}"; do
	[ -f "$f" ] || continue
	if ! out=$(perl "$cp_dir/scripts/checkpatch.pl" --no-tree -f --quiet \
			--show-types --no-summary "$f" 2>&1); then
		fail=1
	fi
	if [ -n "$out" ]; then
		fail=1
		echo "$out"
	fi
done
if [ $fail -ne 0 ]; then
	echo "style: checkpatch found problems" >&2
	exit 1
fi
echo "style: ${#files[@]} files checkpatch clean"
