#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The nfalg modules under DKMS, from this checkout.
#
# usage: tools/dkms.sh install [KERNEL...]   copy the module sources to
#            /usr/src/nfalg-VERSION, then dkms add, build and install them
#            for each KERNEL (default: the running kernel; DKMS rebuilds
#            them for every kernel installed later)
#        tools/dkms.sh remove                dkms remove --all, and the
#            sources in /usr/src
#        tools/dkms.sh source DIR            copy the module sources (what
#            DKMS builds: dkms.conf, Kbuild, kernel/, uapi/) into DIR
#        tools/dkms.sh version               print the version (NFALG_VERSION)
#
# make dkms-install and make dkms-uninstall call it; the nfalg-dkms Debian
# package installs the same sources (debian/rules: tools/dkms.sh source).
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)

version() {
	sed -n 's/^#define[[:space:]]*NFALG_VERSION[[:space:]]*"\(.*\)".*/\1/p' \
		"$top/kernel/include/nfalg/version.h"
}

# copy_source DIR: the files DKMS needs, and nothing built
copy_source() {
	local dest f
	dest=$(realpath -m "$1")
	mkdir -p "$dest"
	cd "$top"
	{
		printf '%s\n' dkms.conf Kbuild
		find kernel uapi -type f \( -name Kbuild -o -name '*.c' -o -name '*.h' \) \
			! -name '*.mod.c' | sort
	} | while read -r f; do
		install -D -m 0644 "$f" "$dest/$f"
	done
}

ver=$(version)
[ -n "$ver" ] || { echo "dkms.sh: no NFALG_VERSION in version.h" >&2; exit 2; }
conf_ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
if [ "$conf_ver" != "$ver" ]; then
	echo "dkms.sh: dkms.conf has PACKAGE_VERSION $conf_ver, version.h $ver" >&2
	exit 2
fi
src=/usr/src/nfalg-$ver

case "${1:-}" in
install)
	shift
	command -v dkms > /dev/null ||
		{ echo "dkms.sh: dkms is not installed (apt-get install dkms)" >&2; exit 2; }
	[ $# -gt 0 ] || set -- "$(uname -r)"
	# A new copy of the same version replaces the old one.
	if [ -n "$(dkms status -m nfalg -v "$ver")" ]; then
		dkms remove -m nfalg -v "$ver" --all
	fi
	rm -rf "$src"
	copy_source "$src"
	dkms add -m nfalg -v "$ver"
	for k in "$@"; do
		dkms build -m nfalg -v "$ver" -k "$k"
		dkms install -m nfalg -v "$ver" -k "$k"
	done
	;;
remove)
	if [ -n "$(dkms status -m nfalg -v "$ver" 2> /dev/null)" ]; then
		dkms remove -m nfalg -v "$ver" --all
	fi
	rm -rf "$src"
	;;
source)
	[ $# -eq 2 ] || { echo "usage: tools/dkms.sh source DIR" >&2; exit 2; }
	copy_source "$2"
	;;
version)
	echo "$ver"
	;;
*)
	echo "usage: tools/dkms.sh {install [KERNEL...] | remove | source DIR | version}" >&2
	exit 2
	;;
esac
