#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `make check-debug`: the debug-kernel lane. Builds (once per machine;
# cached outside the checkout, see tools/debug-kernel/build) a kernel from
# Debian's linux-source-6.1 with KASAN,
# UBSAN, lockdep, DEBUG_ATOMIC_SLEEP and kmemleak, builds our modules and
# CLI against it in a copy of this checkout (build/debug-tree/, so the
# checkout's own objects stay those of Debian's kernel), proves the harness
# catches a WARN, a leak and a use-after-free there (once per kernel,
# harness and canary), then runs every
# selftest (or, with CHECK_DEBUG_BUDGET, those that fit a time budget
# besides the ones that carry every module's packet path) in guests booted
# on it, each with a kmemleak scan at the end, and names the ten slowest. Ends
# with one line "N passed, N failed, N skipped"; exits non-zero on any
# failure.
#
# Environment: CHECK_LOG the directory for logs (default
# build/check-debug), VM_TIMEOUT the guest's time limit for the selftests,
# TEST_TIMEOUT each selftest's (default 900 s: the debug kernel is slow),
# NFALG_TIME_SCALE the factor the selftests scale their own time limits
# and waits by (default 4; selftests/lib.sh tscale), NFALG_BULK the
# rules the bulk-load tests load (default 2,000 here, 10,000 in make
# check), STRESS_RELOADS stress.sh's module reloads (default 20 here, 50
# in make check), GUESTS how many guests
# share the selftests out (default: one per CPU), GUEST_CPUS each guest's
# CPUs (default 1, see vm() below), NFALG_CACHE the
# kernel cache (tools/debug-kernel/build), SELFTESTS a space-separated
# subset of selftests/*.sh to run (default: all), SKIP_PROOFS=1 skips the
# canary proofs (for a quick look at a few tests; never in CI),
# PROOFS=always runs them even where they passed before with the same
# kernel, harness and canary; FIXTURE=0 keeps every test on its own
# within a budget too (selftests/run.sh: the shared router).
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
export BUILD=${BUILD:-$top/build}
logs=${CHECK_LOG:-$BUILD/check-debug}
rm -rf "$logs"
mkdir -p "$logs"

. "$top/tools/check-lib.sh"

step deps tools/deps.sh || summary

# The kernel: built once, then reused while its inputs do not change
# (in the cache outside the checkout, or build/debug-kernel/).
step debug-kernel tools/debug-kernel/build --print-env || summary
eval "$(grep -E '^(KDIR|VM_KERNEL|VM_MODULES)=' "$logs/debug-kernel.log")"
export KDIR VM_KERNEL VM_MODULES
export KVER=${VM_MODULES##*/}
note "debug kernel $KVER: $VM_KERNEL"

# Our sources, built against it, in a tree of their own.
tree=$BUILD/debug-tree
build() {
	mkdir -p "$tree" || return 1
	rsync -a --delete --exclude=/build --exclude=/.git \
		--exclude='*.o' --exclude='*.ko' --exclude='*.mod' \
		--exclude='*.mod.c' --exclude='.*.cmd' --exclude='*.a' \
		--exclude=Module.symvers --exclude=modules.order \
		"$top/" "$tree/" || return 1
	make -s -C "$tree" all W=1 BUILD="$BUILD" || return 1
	make -s -C "$KDIR" M="$tree/tools/vm/canary" modules || return 1
	! grep -E '(warning|error):' "$logs/build.log"
}
step build build || summary

# Under emulation, ACPI's interpreter with KASAN and lockdep takes most of a
# minute to route the PCI interrupts: use the BIOS routing table instead.
# Give RCU's stall detector a margin for a slow, shared host, and seed the
# entropy pool from the (emulated) CPU so nothing waits for it.
append="pci=noacpi random.trust_cpu=on rcupdate.rcu_cpu_stall_timeout=60"
# KASAN's shadow and quarantine and kmemleak's object records take memory
# of their own: 4 GiB a guest (of the host's 24) rather than the usual 2.
# One CPU a guest: with two guests of two CPUs on two host CPUs, a guest
# CPU holding a lock, or waited for by a TLB flush or an RCU grace period
# of module loading, is often not running, and lockdep and KASAN make the
# waiting dear. Measured on 2 December 2026, the lane's twelve tests in
# two guests, nothing else running: 2,781 s of test time with two CPUs a
# guest, 1,768 s with one (alg_rsh 554 s and 338 s, alg_snmp 329 s and
# 151 s, stress.sh 560 s and 421 s).
vm() {
	(cd "$tree" && tools/vm/run --kernel "$VM_KERNEL" --modules "$VM_MODULES" \
		--smp "${GUEST_CPUS:-1}" --mem 4096 --kmemleak --append "$append" "$@")
}

# The harness must notice each kind of trouble on this kernel, or every
# later result is void: a WARN, a leak (kmemleak) and a use-after-free
# (KASAN) from the canary module must each fail the run with 125.
canary() {
	vm_expect 125 vm --timeout 300 -- insmod tools/vm/canary/nfalg_canary.ko "$1"
}
# And a clean canary load and unload must pass, or the three above prove
# nothing.
canary_clean() {
	vm_expect 0 vm --timeout 300 -- 'insmod tools/vm/canary/nfalg_canary.ko && rmmod nfalg_canary'
}
# What the proofs depend on: the kernel (the stamp goes in its directory,
# so a rebuilt kernel has none), the harness that boots and judges the
# guests, the canary, these options and QEMU. The same inputs give the same
# verdicts, so four proofs that passed are recorded and not repeated (some
# 200 s of each lane run) until one of these changes; PROOFS=always runs
# them anyway.
# (The canary's own source only: the build's nfalg_canary.mod.c would make
# the key depend on whether make check had built it.)
proof_key=$( { cat tools/vm/run tools/vm/guest-init tools/vm/mkinitramfs \
	tools/vm/canary/Kbuild tools/vm/canary/nfalg_canary.c \
	tools/check-debug.sh tools/check-lib.sh \
	"$VM_KERNEL"; echo "$append"
	dpkg-query -W -f '${Version}' qemu-system-x86 2> /dev/null; } |
	sha1sum | cut -c1-16)
proof_stamp=$(dirname "$KDIR")/proofs/$proof_key
proofs=(vm-clean-canary-passes vm-catches-warn vm-catches-leak vm-catches-uaf)
if [ "${SKIP_PROOFS:-0}" = 1 ]; then
	:
elif [ "${PROOFS:-}" != always ] && [ -f "$proof_stamp" ]; then
	for p in "${proofs[@]}"; do
		note "ok - $p (proven $(date -r "$proof_stamp" '+%F %R') for this kernel, harness and canary: $proof_stamp)"
		pass=$((pass + 1))
	done
else
	# Two guests at a time, one per CPU: each proof is mostly a boot.
	fail0=$fail
	in_bg clean canary_clean
	in_bg warn canary warn=1
	step vm-clean-canary-passes bg_result clean
	step vm-catches-warn bg_result warn
	in_bg leak canary leak=1
	in_bg uaf canary uaf=1
	step vm-catches-leak bg_result leak
	step vm-catches-uaf bg_result uaf
	if [ "$fail" = "$fail0" ]; then
		mkdir -p "${proof_stamp%/*}" && date > "$proof_stamp"
	fi
fi

# The selftests, in GUESTS guests side by side (default: one per CPU: an
# emulated debug guest computes more than it waits), from one work queue,
# longest first by the durations measured on this lane
# (tools/debug-kernel/durations; 120 s for a test not listed there). Every
# guest gets its own kmemleak scan and verdict.
if [ -n "${SELFTESTS:-}" ]; then
	read -r -a tests <<< "$SELFTESTS"
else
	mapfile -t tests < <(selftest_list)
fi
guests=${GUESTS:-$(nproc)}

# CHECK_DEBUG_BUDGET=SECONDS (CI): a lane of a fixed length that still runs
# every module's packet path. The tests that carry it always run: each
# ALG's own test (alg_*.sh: its real peers' traffic through the router),
# stress.sh (every module unloaded and reloaded under traffic), the basic
# ALGs' datapath tests, and the core's stream engine and IPS tests
# (core_stream.sh, dp_ips.sh). The others join, the core's datapath tests
# (dp_*, core_*, module_load.sh, whose loads and unloads stress.sh also
# runs, and any test not named below) before the configuration-only ones
# (config_*, cli, permissions, netns: netlink, no packet path), shortest
# first within each, while the expected time of the lane's selftests
# (work queue in GUESTS guests, by the durations file) stays within the
# budget. The rest are named and counted as skipped; make check runs them
# all on Debian's kernel, make check-debug without a budget here.
durations=tools/debug-kernel/durations
paths=()
if [ -n "${CHECK_DEBUG_BUDGET:-}" ]; then
	# The tests run in their paths mode (selftests/lib.sh `full`): each
	# ALG's paths once, fewer module reloads; their times on this lane in
	# that mode are tools/debug-kernel/durations.paths.
	durations=tools/debug-kernel/durations.paths
	# The ALG tests marked for it share one router per guest
	# (selftests/run.sh FIXTURE=1): no topology, router extras, module
	# loads and unloads of their own.
	paths=(NFALG_PATHS=1 STRESS_RELOADS="${STRESS_RELOADS:-10}"
		STRESS_ALG_EVERY="${STRESS_ALG_EVERY:-5}" FIXTURE="${FIXTURE:-1}")
	klass() {
		case $1 in
		alg_* | stress.sh) echo 0 ;;
		# the basic ALGs' own paths (nfalg_udp, nfalg_icmp, nfalg_tcp)
		dp_udp.sh | dp_icmp.sh | dp_syndef.sh) echo 0 ;;
		# the core's TCP stream engine under loss, reordering, split
		# and retransmitted lines, and an IPS queueing the first SYN
		core_stream.sh | dp_ips.sh) echo 0 ;;
		config_* | cli.sh | permissions.sh | netns.sh) echo 2 ;;
		*) echo 1 ;;
		esac
	}
	chosen=() left=()
	while read -r secs t; do
		if [ "$(klass "$t")" = 0 ]; then
			chosen+=("$t")
		fi
	done < <(estimate "$durations" 120 "${tests[@]}")
	while read -r k secs t; do
		[ "$k" != 0 ] || continue
		if [ "$(estimate "$durations" 120 "${chosen[@]}" "$t" |
			makespan "$guests")" -le "$CHECK_DEBUG_BUDGET" ]; then
			chosen+=("$t")
		else
			left+=("$t")
		fi
	done < <(estimate "$durations" 120 "${tests[@]}" |
		while read -r secs t; do echo "$(klass "$t") $secs $t"; done | sort -k1,1n -k2,2n)
	note "budget ${CHECK_DEBUG_BUDGET}s: ${#chosen[@]} of ${#tests[@]} selftests"
	if [ ${#left[@]} -gt 0 ]; then
		note "not run within the budget (make check runs them; make check-debug without CHECK_DEBUG_BUDGET here): ${left[*]}"
		skipped=$((skipped + ${#left[@]}))
	fi
	tests=("${chosen[@]}")
fi

run_selftests vm "$durations" 120 "$guests" \
	TIMEOUT="${TEST_TIMEOUT:-900}" RETRIES="${RETRIES:-1}" \
	NFALG_TIME_SCALE="${NFALG_TIME_SCALE:-4}" NFALG_BULK="${NFALG_BULK:-2000}" \
	STRESS_RELOADS="${STRESS_RELOADS:-20}" "${paths[@]}"
summary
