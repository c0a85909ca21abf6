#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check`: install what is missing, build everything (W=1, sparse),
# checkpatch, userspace parser tests, a short fuzz run, the VM harness
# self-test, the demo, then every selftest in QEMU guests side by side
# (tools/check-lib.sh run_selftests), with the ten slowest named. Ends with
# one line "N passed, N failed, N skipped"; exits non-zero on any failure.
#
# Environment: KDIR/KVER select the kernel (default: Debian's amd64
# headers and the matching image), VM_KERNEL/VM_MODULES boot another one,
# CHECK_LOG the directory for logs (default build/check), GUESTS how many
# guests run the selftests side by side (default 3), GUEST_CPUS each one's
# CPUs (default 1), SELFTESTS a space-separated subset of
# selftests/*.sh (default: all), TEST_TIMEOUT each selftest's time limit
# (default 600 s: the guests share the CPUs), VM_TIMEOUT each guest's (default 3600 s).
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
export BUILD=${BUILD:-$top/build}
logs=${CHECK_LOG:-$BUILD/check}
rm -rf "$logs"
mkdir -p "$logs"

. "$top/tools/check-lib.sh"

step deps tools/deps.sh || summary
# Re-read after deps: a fresh machine had no headers until now.
export KDIR=${KDIR:-$(ls -d /usr/src/linux-headers-*-amd64 | sort -V | tail -n 1)}
export KVER=${KVER:-${KDIR##*/linux-headers-}}

build() {
	# From scratch, so that W=1 and sparse see every file.
	# (Not kbuild's "clean": with M= it deletes every *.ko below the
	# checkout, build/ included, where the debug kernel keeps its modules.)
	find kernel tools/vm/canary \( -name '*.o' -o -name '*.ko' -o \
		-name '*.mod' -o -name '*.mod.c' -o -name '.*.cmd' -o \
		-name '*.o.d' -o -name modules.order \) -delete
	rm -f Module.symvers modules.order
	make -s -C tools/nfalg clean > /dev/null 2>&1
	make -s all W=1 C=1 || return 1
	# kbuild does not fail on sparse or W=1 warnings: we do.
	! grep -E '(warning|error):' "$logs/build.log"
}
step build build || summary

vmargs=()
[ -z "${VM_KERNEL:-}" ] || vmargs+=(--kernel "$VM_KERNEL")
[ -z "${VM_MODULES:-}" ] || vmargs+=(--modules "$VM_MODULES")
[ -z "${VM_KMEMLEAK:-}" ] || vmargs+=(--kmemleak)

# The harness must notice a kernel WARN, or every later result is void.
# One CPU, as every guest of the lanes.
harness_catches_warn() {
	make -s -C "$KDIR" M="$top/tools/vm/canary" modules || return 1
	vm_expect 125 tools/vm/run "${vmargs[@]}" --smp 1 --timeout 300 -- \
		insmod tools/vm/canary/nfalg_canary.ko warn=1
}

# The two guests above boot and run while the host checks style, runs the
# unit tests and fuzzes (two CPUs, and a guest mostly waits for its boot).
in_bg vm-catches-warn harness_catches_warn
in_bg demo tools/vm/run "${vmargs[@]}" --timeout 600 -- tools/demo-guest.sh
step style tools/style.sh
if step unit-build make -s -C tests/unit all; then
	make -s -C tests/unit run > "$logs/unit.log" 2>&1
	counts unit "$logs/unit.log" ""
fi
step fuzz-smoke make -s -C tools/fuzz run FUZZ_SECONDS=${FUZZ_SECONDS:-5}
# make bench's parser table must keep building, and each parser must
# still recognise the messages it is measured on (a few seconds)
step bench-parsers tools/bench/parsers/run

step vm-catches-warn bg_result vm-catches-warn
# What `make demo` shows must keep working.
step demo bg_result demo

# Every selftest (SELFTESTS: a space-separated subset), in GUESTS guests
# side by side (default 3, GUEST_CPUS each: most tests wait on timers and
# peers rather than compute, so more guests than host CPUs pay off), from
# one work queue, longest first by tools/vm/durations.
if [ -n "${SELFTESTS:-}" ]; then
	read -r -a tests <<< "$SELFTESTS"
else
	mapfile -t tests < <(selftest_list)
fi
# One CPU a guest: three guests of two CPUs on the two host CPUs spend
# much of their time with a vCPU that holds a lock, or that a TLB flush or
# an RCU grace period waits for, not running (as on the debug lane).
# Measured on 2 December 2026, three guests, nothing else running: alg_rsh
# 350 s with two CPUs a guest and 223 s with one, dp_sanity 163 s and
# 107 s, core_stream 138 s and 92 s, dp_icmp 135 s and 57 s.
vm() {
	tools/vm/run "${vmargs[@]}" --smp "${GUEST_CPUS:-1}" "$@"
}
# A test whose own assertions fail is run once more (RETRIES, as on the
# debug lane): guests share two CPUs, and a wait-bound test can miss a
# window once; a real regression fails both runs, and the retry is shown.
run_selftests vm tools/vm/durations 60 "${GUESTS:-3}" TIMEOUT="${TEST_TIMEOUT:-600}" \
	RETRIES="${RETRIES:-1}"
summary
