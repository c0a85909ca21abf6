#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the nfalg selftests (inside the VM, as root) and print KTAP.
# usage: selftests/run.sh [TEST.sh...]   (default: every test here)
#        selftests/run.sh --queue DIR NAME   (guest NAME takes tests from a queue)
# Each test gets TIMEOUT seconds (default 300). A test that passes but made
# the kernel log a WARN/BUG/splat, or after which our modules cannot be
# unloaded, fails. The last line is "selftests: N passed, N failed, N skipped".
#
# With --queue, several guests share one list of tests (tools/check-lib.sh
# run_selftests): DIR/todo/ holds one empty file per test, named
# RANK-TEST.sh, and a guest takes the lowest RANK still there by renaming
# it into DIR/taken/RANK-TEST.sh.NAME (a rename on the host: only one guest
# wins each test),
# until none is left. The plan line then comes last.

cd "$(dirname "$0")" || exit 1
. ./lib.sh
trap - EXIT

queue=
if [ "${1:-}" = --queue ]; then
	queue=$2 guest=${3:-guest}
	shift $#
	mkdir -p "$queue/taken"
	tests=()
elif [ $# -gt 0 ]; then
	tests=("$@")
else
	mapfile -t tests < <(ls ./*.sh | grep -Ev '/(lib|run)\.sh$' | sed 's|^\./||')
fi

# Our modules, copied once to a tmpfs: loading one over 9p walks the
# checkout to find it and reads it twice (modinfo, insmod), a second or
# more each time under emulation (selftests/lib.sh nfalg_ko looks here).
NFALG_KO_DIR=/run/nfalg-ko
rm -rf "$NFALG_KO_DIR"
mkdir -p "$NFALG_KO_DIR"
find "$NFALG_TOP/kernel" -name 'nfalg*.ko' -exec cp {} "$NFALG_KO_DIR/" \;
export NFALG_KO_DIR

bad='WARNING: CPU|BUG:|Oops|general protection fault|UBSAN:|KASAN:'
bad+='|possible circular locking|possible recursive locking|inconsistent lock state'
bad+='|suspicious RCU usage|sleeping function called from invalid context'
bad+='|unreferenced object|Call Trace:'

pass=0 fail=0 skipped=0 i=0 li=0
if [ -z "$queue" ] && [ ${#tests[@]} -eq 0 ]; then
	echo "selftests: no test found" >&2
	exit 1
fi
echo "TAP version 13"
[ -n "$queue" ] || echo "1..${#tests[@]}"

# unload_why: unload every nfalg module; if one will not go, say why.
unload_why() {
	nfalg_unload > /tmp/unload.$$ 2>&1 ||
		echo "modules would not unload: $(tr '\n' ' ' < /tmp/unload.$$)"
	rm -f /tmp/unload.$$
}
# kernel_trouble FROM: whether the kernel logged trouble after line FROM
# of dmesg; its lines are shown.
kernel_trouble() {
	dmesg | tail -n +$(($1 + 1)) | grep -Eq "$bad" || return 1
	dmesg | tail -n +$(($1 + 1)) | grep -E -A20 "$bad" |
		head -n 40 | sed 's/^/#   kernel: /'
}

# The shared router (FIXTURE=1: the debug lane's budgeted CI run). Tests
# marked "# fixture: router" run one after another in one topology
# (selftests/lib.sh topo_router, NFALG_FIXTURE) with the modules they
# loaded, rather than each building the namespaces, starting the router's
# extras, loading the core and its ALG and unloading them again. Before
# each of them run.sh resets what such a test may change (processes, nft
# rulesets, conntrack entries and expectations, the nfalg configuration)
# and compares the namespaces with their state when built (links and
# their qdiscs, addresses, routes); on any difference it is built anew.
# Before an unmarked test and after the last test it is taken down and
# every module unloaded, checked as after any test: a failure there is a
# verdict line of its own (after the current test's) naming the tests it
# served.
fixture= fixture_served=() fixture_failed=
fixture_marked() {
	[ "${FIXTURE:-0}" = 1 ] && grep -qx '# fixture: router' "./$1"
}
# fixture_state: what a test must leave as it found it. Few processes:
# each costs about a second on the debug kernel (a reset that also listed
# the rulesets, the switches and the nfalg configuration took 19-28 s
# there, a build 36 s).
fixture_state() {
	local ns
	for ns in "$CLI" "$RTR" "$SRV"; do
		echo "== $ns"
		# links with their qdiscs, addresses, the routes of every table
		# and family
		ip -o -n "$ns" -batch - <<-EOF
		link show
		addr show
		route show table all
		EOF
	done
	echo /run/netns/*
}
fixture_up() {
	# (run.sh has no exit trap: fixture_down undoes this)
	topo_router fix > /dev/null || { fixture_down; return 1; }
	fixture=fix fixture_served=()
	fixture_base=$(fixture_state)
}
# fixture_reset: what the tests may change, back as built: their processes
# (found with shell builtins), the nft rulesets, the router's conntrack
# table (expectations go with their masters; the other two namespaces have
# no hooks left once their rulesets are gone) and nfalg configuration.
fixture_reset() {
	local ns p now
	for ns in "$CLI" "$RTR" "$SRV"; do
		for p in /proc/[0-9]*; do
			[ "${p#/proc/}" != "$listener_pid" ] &&
				[ "$p/ns/net" -ef "/run/netns/$ns" ] &&
				kill -9 "${p#/proc/}" 2> /dev/null
		done
		ip netns exec "$ns" nft flush ruleset
	done
	ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
	[ ! -d /sys/module/nfalg ] || ip netns exec "$RTR" "$NFALG" flush
	now=$(fixture_state)
	[ "$now" = "$fixture_base" ] && return 0
	echo "# the shared router is not as built after ${fixture_served[*]}: rebuilt"
	diff <(echo "$fixture_base") <(echo "$now") | head -n 20 | sed 's/^/#   | /'
	return 1
}
fixture_down() {
	[ -z "${listener_pid:-}" ] || kill "$listener_pid" 2> /dev/null
	ip netns del "$CLI" 2> /dev/null
	ip netns del "$RTR" 2> /dev/null
	ip netns del "$SRV" 2> /dev/null
	__netns=() fixture= listener_pid=
}
# fixture_close: take it down; unloading the modules after the tests it
# served must work and the kernel must have kept quiet meanwhile.
fixture_close() {
	local served=("${fixture_served[@]}") kmsg_from why
	kmsg_from=$(dmesg | wc -l)
	fixture_down
	why=$(unload_why)
	! kernel_trouble "$kmsg_from" || why+="${why:+; }kernel reported trouble"
	[ -z "$why" ] ||
		fixture_failed+="${fixture_failed:+; }taking it down after ${served[*]}: $why"
}
# fixture_verdict: the line of a failed fixture_close, if there was one
fixture_verdict() {
	[ -n "$fixture_failed" ] || return 0
	i=$((i + 1))
	echo "not ok $i selftests: nfalg: shared-router # $fixture_failed"
	fail=$((fail + 1)) fixture_failed=
}

# next_test: set t to the next test to run; fails when none is left.
next_test() {
	local f
	if [ -z "$queue" ]; then
		# (its own index: a shared-router line is numbered too)
		[ $li -lt ${#tests[@]} ] || return 1
		t=${tests[$li]##*/}
		li=$((li + 1))
		return 0
	fi
	# Another guest may take the first one between ls and mv: try the next.
	for f in $(ls "$queue/todo" 2> /dev/null); do
		if mv "$queue/todo/$f" "$queue/taken/$f.$guest" 2> /dev/null; then
			t=${f#*-}
			return 0
		fi
	done
	return 1
}
# run_one TEST: run it once; sets rc, secs and why (empty when the test
# itself failed, not its aftermath)
run_one() {
	local kmsg_from start unloaded shared= t0=$SECONDS
	if fixture_marked "$1"; then
		if [ -n "$fixture" ]; then
			fixture_reset || fixture_close
			[ -z "$fixture" ] ||
				echo "# shared router: reset in $((SECONDS - t0)) s"
		fi
		if [ -z "$fixture" ]; then
			if fixture_up; then
				echo "# shared router: built in $((SECONDS - t0)) s"
			else
				echo "# cannot build the shared router: $1 builds its own"
			fi
		fi
		shared=$fixture
	fi
	kmsg_from=$(dmesg | wc -l)
	start=$(date +%s)
	NFALG_FIXTURE=$shared timeout -k 10 "${TIMEOUT:-300}" bash "./$1" 2>&1
	rc=$?
	secs=$(( $(date +%s) - start ))
	why=
	# timeout(1) says 124 when the test ended on SIGTERM, 137 when it
	# had to be killed 10 s later (its cleanup did not finish).
	case $rc in
	124) why="timed out after ${TIMEOUT:-300}s" ;;
	137) why="timed out after ${TIMEOUT:-300}s, killed (no cleanup)" ;;
	esac
	# Every reason is kept: the first one is usually the cause of the rest.
	# (In the shared router the modules stay loaded: fixture_close.)
	if [ -n "$shared" ]; then
		fixture_served+=("$1")
	else
		unloaded=$(unload_why)
		[ -z "$unloaded" ] || why+="${why:+; }$unloaded"
	fi
	leftover=$(ip netns list | grep -cvE "^(cli|rtr|srv)-${shared:-/}( |\$)")
	if [ "$leftover" -ne 0 ]; then
		why+="${why:+; }left $leftover network namespaces behind"
		[ -z "$shared" ] || fixture_close
		ip -all netns delete
	fi
	# Shown, not judged: the kernel killing a process explains a test
	# that ended without a word.
	dmesg | tail -n +$((kmsg_from + 1)) |
		grep -E 'Out of memory|oom-kill|Killed process|segfault' |
		head -n 5 | sed 's/^/#   kernel: /'
	! kernel_trouble "$kmsg_from" || why+="${why:+; }kernel reported trouble"
	# An aftermath fails a test that passed or skipped.
	if [ -n "$why" ] && { [ $rc -eq 0 ] || [ $rc -eq 4 ]; }; then
		rc=1
	fi
}

# RETRIES=N (the debug lane sets 1): a test whose own assertions failed
# runs again, up to N times; the TAP line says so. A timeout, a kernel
# report, a module that will not unload or a namespace left behind is
# never retried.
retried=()
while next_test; do
	fixture_marked "$t" || [ -z "$fixture" ] || fixture_close
	i=$((i + 1))
	echo "# selftests: nfalg: $t"
	run_one "$t"
	tries=0
	while [ $rc -ne 0 ] && [ $rc -ne 4 ] && [ -z "$why" ] &&
		[ $tries -lt "${RETRIES:-0}" ]; do
		tries=$((tries + 1))
		echo "# $t failed; retry $tries of ${RETRIES:-0}"
		retried+=("$t")
		run_one "$t"
	done
	note=
	[ $tries -eq 0 ] || note=" (after $tries retries)"
	case $rc in
	0) echo "ok $i selftests: nfalg: $t # ${secs}s$note"; pass=$((pass + 1)) ;;
	4) echo "ok $i selftests: nfalg: $t # SKIP"; skipped=$((skipped + 1)) ;;
	*) echo "not ok $i selftests: nfalg: $t # exit=$rc ${secs}s ${why}$note"; fail=$((fail + 1)) ;;
	esac
	fixture_verdict
done
[ -z "$fixture" ] || fixture_close
fixture_verdict
[ ${#retried[@]} -eq 0 ] || echo "# retried: ${retried[*]}"
[ -z "$queue" ] || echo "1..$i"
echo "# Totals: pass:$pass fail:$fail xfail:0 xpass:0 skip:$skipped error:0"
echo "selftests: $pass passed, $fail failed, $skipped skipped"
[ $fail -eq 0 ]
