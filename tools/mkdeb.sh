#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make deb: the Debian packages nfalg and nfalg-dkms, built with
# dpkg-buildpackage (debhelper, dh-dkms) out of tree: the checkout's files
# (those git tracks or would track) are copied to build/deb/nfalg-VERSION/
# and built there, so the checkout stays clean. The .deb files land in
# build/deb/. Needs debhelper, dh-dkms and libmnl-dev (tools/deps.sh).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$top/build}
out=$BUILD/deb

ver=$("$top/tools/dkms.sh" version)
deb_ver=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version)
if [ "$deb_ver" != "$ver" ]; then
	echo "mkdeb: debian/changelog is at $deb_ver, NFALG_VERSION is $ver: add a changelog entry (dch -v $ver)" >&2
	exit 2
fi

rm -rf "$out"
tree=$out/nfalg-$ver
mkdir -p "$tree"
if git -C "$top" rev-parse --is-inside-work-tree > /dev/null 2>&1; then
	git -C "$top" ls-files -z -co --exclude-standard |
		(cd "$top" && xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh) |
		(cd "$top" && cpio -0pdm --quiet "$tree")
else
	rsync -a --filter=':- .gitignore' --exclude=/build/ --exclude=.git "$top/" "$tree/"
fi

cd "$tree"
echo "mkdeb: dpkg-buildpackage in $tree"
dpkg-buildpackage -us -uc -b > "$out/build.log" 2>&1 || {
	tail -n 40 "$out/build.log" >&2
	echo "mkdeb: dpkg-buildpackage failed, log: $out/build.log" >&2
	exit 1
}
ls "$out"/*.deb
