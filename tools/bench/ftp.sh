#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The FTP benchmark of `make bench`, run as root inside one VM boot
# (tools/bench/run starts it). Client, router and server namespaces as
# selftests/lib.sh topo_router builds them, the router masquerading the
# client; three variants of the router's ruleset:
#   none    no helper; a permissive rule lets the data connection through
#   ftp     the in-tree helper: ct helper "ftp" (nf_conntrack_ftp, nf_nat_ftp)
#   nfalg   ct helper "nfalg-ftp" (nfalg_ftp.ko)
# and three measurements, each run BENCH_RUNS times per variant, the
# variants interleaved (and rotated) run by run:
#   transfer  a BENCH_MIB MiB passive (EPSV) download with curl from a
#             pyftpdlib server, to /dev/null: MiB/s
#   sessions  BENCH_SESSIONS short control sessions, each EPSV (229 reply),
#             PORT, QUIT: the helper parses both and opens two pinholes,
#             and rewrites the PORT (masquerade): microseconds per session
#   commands  one control session of BENCH_COMMANDS lock-step NOOP
#             exchanges: the helper's per-line cost, nothing to open
# Output: "@raw<TAB>test<TAB>variant<TAB>run<TAB>value" lines for
# tools/bench/report.py, progress on "# " lines. Exit status non-zero if a
# measurement failed or a helper variant did not actually act.
. "$(dirname "$0")/../../selftests/lib.sh"

MIB=${BENCH_MIB:-128}
RUNS=${BENCH_RUNS:-5}
SESSIONS=${BENCH_SESSIONS:-200}
COMMANDS=${BENCH_COMMANDS:-2000}
PY=/usr/bin/python3
CTL=$NFALG_TOP/tools/bench/ctl.py
VARIANTS=(none ftp nfalg)

die() {
	echo "bench: $*" >&2
	exit 1
}

require_cmd curl nft conntrack
$PY -c 'import pyftpdlib' 2> /dev/null || die "python3-pyftpdlib not installed"

# Every session leaves pinholes behind (until they expire); keep the global
# expectation table from refusing them.
modprobe nf_conntrack || die "cannot load nf_conntrack"
sysctl -qw net.netfilter.nf_conntrack_expect_max=$((SESSIONS * 4 + 1024))
topo_router bench || die "cannot build the topology"

dir=$(mktemp -d)
defer "rm -rf $dir"
head -c $((MIB << 20)) /dev/zero > "$dir/file"

ip netns exec "$SRV" $PY -m pyftpdlib -i "$SRV4" -p 21 -d "$dir" \
	> "$dir/pyftpdlib.log" 2>&1 &
defer "kill $!"
ip netns exec "$SRV" $PY "$CTL" serve "$SRV4" 2121 > "$dir/ctl.log" 2>&1 &
defer "kill $!"
for _ in $(seq 100); do
	[ "$(ip netns exec "$SRV" ss -Hltn '( sport = :21 or sport = :2121 )' | wc -l)" = 2 ] &&
		break
	sleep 0.2
done

# ruleset VARIANT: the router's whole ruleset for one variant. Forwarding
# drops by default; the control connections are accepted, data connections
# only as "related" (a pinhole) or, without a helper, by a permissive rule.
ruleset() {
	local obj='' set='' data=''
	case $1 in
	none) data='iifname eth0c tcp dport 1024-65535 ct state new accept' ;;
	ftp) obj='ct helper h { type "ftp" protocol tcp; l3proto inet; }' ;;
	nfalg) obj='ct helper h { type "nfalg-ftp" protocol tcp; l3proto inet; }' ;;
	esac
	[ -z "$obj" ] || set='tcp dport { 21, 2121 } ct state new ct helper set "h"'
	alg_router "$obj" "$set" "iifname eth0c tcp dport { 21, 2121 } ct state new accept
		$data"
}

# helpers VARIANT: load the FTP helper module the variant needs and unload
# the other, so that each variant runs with one FTP helper in the kernel
# (the "none" variant keeps whichever is there, unused).
helpers() {
	case $1 in
	ftp)
		! lsmod | grep -q '^nfalg_ftp ' || rmmod nfalg_ftp || return 1
		modprobe nf_nat_ftp
		;;
	nfalg)
		! lsmod | grep -q '^nf_nat_ftp ' || rmmod nf_nat_ftp || return 1
		! lsmod | grep -q '^nf_conntrack_ftp ' || rmmod nf_conntrack_ftp || return 1
		nfalg_insmod nfalg_ftp
		;;
	esac
}

# use VARIANT: switch the router to VARIANT with empty conntrack tables.
use() {
	ip netns exec "$RTR" nft flush ruleset
	helpers "$1" || die "cannot load the helper module of $1"
	ruleset "$1" || die "cannot load the $1 ruleset"
	ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
	ip netns exec "$RTR" conntrack -F expect > /dev/null 2>&1
	sleep 0.2
}

raw() {
	printf '@raw\t%s\t%s\t%s\t%s\n' "$@"
}

transfer() {
	local v=$1 r=$2 out size secs
	out=$(ip netns exec "$CLI" timeout -k 5 300 curl -sS --ftp-pasv \
		-o /dev/null -w '%{size_download} %{time_total}' \
		"ftp://$SRV4/file") || die "transfer $v run $r failed"
	read -r size secs <<< "$out"
	[ "$size" = $((MIB << 20)) ] ||
		die "transfer $v run $r: $size bytes, wanted $((MIB << 20))"
	raw transfer "$v" "$r" "$(awk -v m="$MIB" -v s="$secs" 'BEGIN { printf "%.3f", m / s }')"
	log "transfer $v run $r: $MIB MiB in $secs s"
}

# expectations VARIANT: pinholes the router's helper left open.
expectations() {
	ip netns exec "$RTR" conntrack -L expect 2> /dev/null |
		grep -c "helper=$1"
}

sessions() {
	local v=$1 r=$2 secs n
	secs=$(ip netns exec "$CLI" timeout -k 5 300 $PY "$CTL" sessions \
		"$SRV4" 2121 "$SESSIONS") || die "sessions $v run $r failed"
	# A helper that did not open pinholes measured nothing: the in-tree
	# helper keeps one per session (max_expected 1), nfalg-ftp two.
	case $v in
	none) n=0 ;;
	ftp) n=$(expectations ftp) ;;
	nfalg) n=$(expectations nfalg-ftp) ;;
	esac
	if [ "$v" = none ]; then
		[ "$n" = 0 ] || die "sessions none: $n pinholes without a helper"
	else
		[ "$n" -ge "$SESSIONS" ] ||
			die "sessions $v run $r: only $n pinholes for $SESSIONS sessions"
	fi
	raw sessions "$v" "$r" "$(awk -v n="$SESSIONS" -v s="$secs" 'BEGIN { printf "%.1f", s * 1e6 / n }')"
	log "sessions $v run $r: $SESSIONS in $secs s, $n pinholes"
}

commands() {
	local v=$1 r=$2 secs
	secs=$(ip netns exec "$CLI" timeout -k 5 300 $PY "$CTL" commands \
		"$SRV4" 2121 "$COMMANDS") || die "commands $v run $r failed"
	raw commands "$v" "$r" "$(awk -v n="$COMMANDS" -v s="$secs" 'BEGIN { printf "%.1f", s * 1e6 / n }')"
	log "commands $v run $r: $COMMANDS in $secs s"
}

log "bench: $MIB MiB transfers, $SESSIONS sessions, $COMMANDS commands," \
	"$RUNS runs per variant; kernel $(uname -r), $(nproc) CPUs"
printf '@conf\tmib\t%s\n@conf\truns\t%s\n@conf\tsessions\t%s\n@conf\tcommands\t%s\n@conf\tkernel\t%s\n' \
	"$MIB" "$RUNS" "$SESSIONS" "$COMMANDS" "$(uname -r)"

# One warm-up of everything (caches, page cache of the file, module code),
# not reported.
for v in "${VARIANTS[@]}"; do
	use "$v"
	ip netns exec "$CLI" timeout -k 5 300 curl -sS --ftp-pasv -o /dev/null \
		"ftp://$SRV4/file" || die "warm-up transfer $v failed"
	ip netns exec "$CLI" timeout -k 5 120 $PY "$CTL" sessions "$SRV4" 2121 10 \
		> /dev/null || die "warm-up sessions $v failed"
done

for r in $(seq 1 "$RUNS"); do
	# Rotate the order each run, so no variant always goes first.
	order=("${VARIANTS[@]:$(((r - 1) % 3))}" "${VARIANTS[@]:0:$(((r - 1) % 3))}")
	for test in transfer sessions commands; do
		for v in "${order[@]}"; do
			use "$v"
			$test "$v" "$r"
		done
	done
done
log "bench: done"
