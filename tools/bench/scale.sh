#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The router-scale benchmark of `make bench-scale`, run as root inside one VM
# boot (tools/bench/run-scale starts it). Client, router and server
# namespaces as selftests/lib.sh topo_router builds them (a plain router:
# no accounting, timestamps or event listener), the router forwarding with
# a drop-by-default nftables ruleset that admits new connections from the
# client side (so conntrack runs in every variant). nfalg's core and its
# basic ALGs (nfalg_tcp, nfalg_udp) are loaded throughout; a variant
# without a service set is conntrack alone (nfalg registers no hook then).
# Three parts (BENCH_SCALE_PARTS, default "classify bulk keepalive"):
#
#   classify   connection-setup rate: sequential TCP connections (connect,
#              the server closes, close; tools/bench/conn.c) for
#              BENCH_SCALE_SECONDS (default 2) per measurement, through the
#              router with a service set on the client-side interface of N
#              rules (BENCH_SCALE_RULES, default "10 1000 10000") of each
#              shape (BENCH_SCALE_SHAPES, default "apps prefixes mix";
#              tools/bench/scale_rules.py), only the last rule matching,
#              each right after a measurement with no service set ("none",
#              the baseline of its ratio). Each measurement loads its rule
#              set with `nfalg -f` (timed), then connects; it fails unless
#              the last rule's matching term counted every connection, no
#              other rule counted any, and every connection carried the
#              nfalg-tcp helper (none without a service set).
#   bulk       throughput of one iperf3 TCP connection (and one UDP flow
#              at an unlimited rate) for BENCH_SCALE_BULK_SECONDS (default
#              5) through the router, with no service set ("none") or
#              classified by a user application (tcp/udp destination-port
#              5201) to the basic ALG ("nfalg": nfalg-tcp / nfalg-udp, which
#              must be attached to the flows)
#   keepalive  BENCH_KA_ENTRIES (default 100000) unrelated conntrack
#              entries in the router (tools/bench/ctfill.c), then for each
#              count of BENCH_KA_CONVS (default "0 10 1000") that many idle
#              TCP connections through the router, classified to an
#              application with inactivity-timeout BENCH_KA_IDLE (default
#              8 s, so that keepalive probes them in the window), and over
#              BENCH_KA_SECONDS (default 20): the core's keepalive_scans and
#              keepalive_scan_us counters (n/a when the core has none), the
#              keepalive probes sent, the CPU time of the kernel's kworker
#              threads and the guest's system time (/proc/stat: system, irq,
#              softirq). Fails if a conversation ended, none was probed
#              while some existed, or one was probed while none existed.
#
# Each measurement runs BENCH_SCALE_RUNS (default BENCH_RUNS, else 3) times
# per variant, the variants of a part interleaved and their order rotated
# from run to run. Output: "@raw<TAB>part<TAB>variant<TAB>run<TAB>metric<TAB>
# value" lines and "@conf<TAB>key<TAB>value" lines for
# tools/bench/scale_report.py, progress on "# " lines. Exit status non-zero
# if a measurement failed or did not measure what it claims.
. "$(dirname "$0")/../../selftests/lib.sh"

RUNS=${BENCH_SCALE_RUNS:-${BENCH_RUNS:-3}}
PARTS=${BENCH_SCALE_PARTS:-classify bulk keepalive}
RULES=${BENCH_SCALE_RULES:-10 1000 10000}
SHAPES=${BENCH_SCALE_SHAPES:-apps prefixes mix}
CONN_SECS=${BENCH_SCALE_SECONDS:-2}
BULK_SECS=${BENCH_SCALE_BULK_SECONDS:-5}
KA_ENTRIES=${BENCH_KA_ENTRIES:-100000}
KA_CONVS=${BENCH_KA_CONVS:-0 10 1000}
KA_SECS=${BENCH_KA_SECONDS:-20}
KA_IDLE=${BENCH_KA_IDLE:-8}
BIN=${BENCH_SCALE_BIN:-$NFALG_TOP/build/bench/scale}
PY=/usr/bin/python3
CONN_PORT=4242
BULK_PORT=5201
KA_PORT=7001

die() {
	echo "bench: $*" >&2
	exit 1
}

require_cmd nft conntrack iperf3
for b in conn ctfill; do
	[ -x "$BIN/$b" ] || die "$BIN/$b missing (tools/bench/run-scale builds it)"
done

modprobe nf_conntrack || die "cannot load nf_conntrack"
NFALG_PLAIN_ROUTER=1 topo_router scale || die "cannot build the topology"
nfalg_load || die "cannot load nfalg"
nfalg_insmod nfalg_tcp || die "cannot load nfalg_tcp"
nfalg_insmod nfalg_udp || die "cannot load nfalg_udp"
ip netns exec "$RTR" nft -f - <<-NFT || die "cannot load the router's ruleset"
	table inet t {
		chain c_fwd {
			type filter hook forward priority 0; policy drop;
			ct state established,related accept
			iifname eth0c ct state new accept
		}
	}
NFT
# the client's ports: connections close at the server first, so the client
# keeps no TIME_WAIT, but the router's conntrack entries of earlier
# connections stay (flushed before each measurement)
ip netns exec "$CLI" sysctl -qw net.ipv4.ip_local_port_range="1024 65000"

dir=$(mktemp -d)
defer "rm -rf $dir"

R() { ip netns exec "$RTR" "$@"; }
raw() { printf '@raw\t%s\t%s\t%s\t%s\t%s\n' "$@"; }
conf() { printf '@conf\t%s\t%s\n' "$1" "$2"; }
now() { date +%s.%N; }
# elapsed T0 T1: seconds, three decimals
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# counter NAME: the router's nfalg counter NAME, or "n/a" (lib.sh's counter
# fails on a counter the core does not have)
ctr() {
	local out
	out=$(R "$NFALG" -j show counters) || die "nfalg show counters failed"
	if [[ $out =~ \"$1\":\ *([0-9]+) ]]; then
		echo "${BASH_REMATCH[1]}"
	else
		echo n/a
	fi
}

# helpers PROTO PORT: "TOTAL WITH_HELPER" of the router's PROTO entries to
# PORT, WITH_HELPER those carrying nfalg-tcp or nfalg-udp
helpers() {
	R conntrack -L -p "$1" --dport "$2" 2> /dev/null |
		awk '{ n++ } /helper=nfalg-(tcp|udp)/ { h++ } END { print n + 0, h + 0 }'
}

# attached WHAT PROTO PORT VARIANT: the router has PROTO entries to PORT
# and, for VARIANT none, none of them carries a helper, otherwise all carry
# nfalg-PROTO; dies naming WHAT if not. Leaves the counts in ct (entries)
# and helped (with a helper) for the caller's log line.
attached() {
	read -r ct helped <<< "$(helpers "$2" "$3")"
	[ "$ct" -ge 1 ] || die "$1: no $2 conntrack entry"
	if [ "$4" = none ]; then
		[ "$helped" = 0 ] || die "$1: $helped entries with a helper"
	else
		[ "$helped" = "$ct" ] ||
			die "$1: $helped of $ct entries with nfalg-$2"
	fi
}

flush_ct() {
	R conntrack -F > /dev/null 2>&1
}

log "bench-scale: parts: $PARTS; $RUNS runs per variant; kernel $(uname -r)," \
	"$(nproc) CPUs"
conf kernel "$(uname -r)"
conf cpus "$(nproc)"
conf runs "$RUNS"
conf parts "$PARTS"

ip netns exec "$SRV" "$BIN/conn" serve "$SRV4" $CONN_PORT close &
defer "kill $!"
ip netns exec "$SRV" "$BIN/conn" serve "$SRV4" $KA_PORT hold &
defer "kill $!"
ip netns exec "$SRV" iperf3 -s -B "$SRV4" -p $BULK_PORT > "$dir/iperf3.log" 2>&1 &
defer "kill $!"
for p in $CONN_PORT $KA_PORT $BULK_PORT; do
	listening "$SRV" t "$p" || die "no server on port $p"
done

# rotate RUN WORD...: the words, rotated left by RUN - 1
rotate() {
	local r=$1
	shift
	local a=("$@")
	local k=$(((r - 1) % ${#a[@]}))
	echo "${a[@]:k}" "${a[@]:0:k}"
}

# ---- classify: connection-setup rate -----------------------------------

# use_rules VARIANT RUN: the router's nfalg configuration for VARIANT (none:
# no service set), its load time reported; empty conntrack table
use_rules() {
	local t0 t1
	if [ "$1" = none ]; then
		R "$NFALG" flush || die "nfalg flush failed"
	else
		t0=$(now)
		R "$NFALG" -f "$dir/$1.conf" || die "loading $1 failed"
		t1=$(now)
		[ "$2" = 0 ] || raw classify "$1" "$2" load_s "$(elapsed "$t0" "$t1")"
		log "classify $1 run $2: loaded in $(elapsed "$t0" "$t1") s"
	fi
	flush_ct
}

# connects VARIANT RUN SECONDS: one measurement; RUN 0 is a warm-up
connects() {
	local v=$1 r=$2 out count secs hits others ct helped rate
	out=$(ip netns exec "$CLI" timeout -k 5 $((${3%.*} + 60)) \
		"$BIN/conn" rate "$SRV4" $CONN_PORT "$3") ||
		die "classify $v run $r: the connections failed"
	read -r count secs <<< "$out"
	[ "$r" = 0 ] && return 0
	# what the connections met: the rule counters and conntrack's entries
	if [ "$v" != none ]; then
		read -r hits others <<< "$(R "$NFALG" show rule-counters | awk '
			$5 == "hits" && $4 == "hit" { h += $6; next }
			$5 == "hits" { o += $6 } END { print h + 0, o + 0 }')"
		{ [ "$hits" -ge "$count" ] && [ "$others" = 0 ]; } ||
			die "classify $v run $r: $count connections, the last rule" \
				"counted $hits, the others $others"
	fi
	# (fewer entries than connections: a connection from a client port
	# used before in the run takes over the entry left in TIME_WAIT)
	attached "classify $v run $r" tcp $CONN_PORT "$v"
	rate=$(awk -v n="$count" -v s="$secs" 'BEGIN { printf "%.1f", n / s }')
	raw classify "$v" "$r" conn_s "$rate"
	if [ "$v" = none ]; then
		base_rate=$rate
	else
		raw classify "$v" "$r" base_conn_s "$base_rate"
	fi
	log "classify $v run $r: $count connections in $secs s" \
		"(rule hits ${hits:--}, $helped/$ct with the helper)"
}

part_classify() {
	local variants=() shape n t0 v r
	[ -n "$SHAPES" ] || variants=(none)
	conf conn_seconds "$CONN_SECS"
	conf rules "$RULES"
	conf shapes "$SHAPES"
	for shape in $SHAPES; do
		for n in $RULES; do
			v=$shape-$n
			variants+=("$v")
			t0=$(now)
			$PY "$NFALG_TOP/tools/bench/scale_rules.py" "$shape" "$n" \
				$CONN_PORT eth0c > "$dir/$v.conf" ||
				die "cannot generate $v"
			log "classify $v: $(wc -l < "$dir/$v.conf") lines," \
				"$(wc -c < "$dir/$v.conf") bytes, generated in" \
				"$(elapsed "$t0" "$(now)") s"
		done
	done
	# warm-up, not reported: no service set and each shape's first size
	for v in none $(for shape in $SHAPES; do echo "$shape-${RULES%% *}"; done); do
		use_rules "$v" 0
		connects "$v" 0 1
	done
	# each measurement right after one of the baseline: the ratio of the
	# pair does not move with the machine's load the way two medians do
	for r in $(seq 1 "$RUNS"); do
		for v in $(rotate "$r" "${variants[@]}"); do
			use_rules none "$r"
			connects none "$r" "$CONN_SECS"
			[ "$v" = none ] && continue
			use_rules "$v" "$r"
			connects "$v" "$r" "$CONN_SECS"
		done
	done
	R "$NFALG" flush
}

# ---- bulk: throughput of a classified connection ------------------------

BULK_CONF="application bulk-tcp protocol tcp destination-port $BULK_PORT
application bulk-udp protocol udp destination-port $BULK_PORT
rule bulk match-direction input term t from application bulk-tcp application bulk-udp then accept
service-set bench interface eth0c rule bulk"

# iperf PROTO VARIANT RUN
iperf() {
	local p=$1 v=$2 r=$3 mbs ct helped args=()
	[ "$p" = udp ] && args=(-u -b 0 -l 1400)
	ip netns exec "$CLI" timeout -k 5 $((BULK_SECS + 60)) iperf3 -J \
		-c "$SRV4" -p $BULK_PORT -t "$BULK_SECS" "${args[@]}" \
		> "$dir/iperf.json" 2>&1 || {
		tail -n 20 "$dir/iperf.json" >&2
		die "bulk $p $v run $r: iperf3 failed"
	}
	mbs=$($PY -c '
import json, sys
d = json.load(open(sys.argv[1]))["end"]["sum_received"]
print("%.3f %d" % (d["bits_per_second"] / 8e6, d["bytes"]))' "$dir/iperf.json") ||
		die "bulk $p $v run $r: no result from iperf3"
	attached "bulk $p $v run $r" "$p" $BULK_PORT "$v"
	raw bulk "$p-$v" "$r" mb_s "${mbs% *}"
	log "bulk $p $v run $r: ${mbs% *} MB/s (${mbs#* } bytes received;" \
		"$helped/$ct $p entries with the helper)"
}

part_bulk() {
	local r v p
	conf bulk_seconds "$BULK_SECS"
	echo "$BULK_CONF" > "$dir/bulk.conf"
	for v in none nfalg; do	# warm-up
		if [ "$v" = none ]; then R "$NFALG" flush; else R "$NFALG" -f "$dir/bulk.conf"; fi
		flush_ct
		ip netns exec "$CLI" iperf3 -c "$SRV4" -p $BULK_PORT -t 1 > /dev/null ||
			die "bulk warm-up $v failed"
	done
	for r in $(seq 1 "$RUNS"); do
		for p in tcp udp; do
			for v in $(rotate "$r" none nfalg); do
				if [ "$v" = none ]; then
					R "$NFALG" flush
				else
					R "$NFALG" -f "$dir/bulk.conf" || die "cannot load bulk.conf"
				fi
				flush_ct
				iperf "$p" "$v" "$r"
			done
		done
	done
	R "$NFALG" flush
}

# ---- keepalive: CPU of the keepalive machinery ---------------------------

# kworkers: "pid nanoseconds" (on a CPU, /proc/PID/schedstat) of every
# kworker thread
kworkers() {
	local p c ns
	for p in /proc/[0-9]*; do
		read -r c < "$p/comm" 2> /dev/null || continue
		case $c in kworker*) ;; *) continue ;; esac
		read -r ns _ < "$p/schedstat" 2> /dev/null || continue
		echo "${p#/proc/} $ns"
	done
}
# kw_delta BEFORE AFTER: nanoseconds the kworkers ran between the two
# (threads gone in between are lost; new ones count from zero)
kw_delta() {
	awk 'NR == FNR { b[$1] = $2; next } { t += $2 - ($1 in b ? b[$1] : 0) }
		END { printf "%d", t }' "$1" "$2"
}
# systicks: system + irq + softirq ticks of all CPUs (/proc/stat)
systicks() {
	awk '$1 == "cpu" { print $4 + $7 + $8; exit }' /proc/stat
}
# per_s DELTA SECONDS [SCALE]: DELTA * SCALE / SECONDS, or n/a
per_s() {
	case $1 in *n/a*) echo n/a; return ;; esac
	awk -v d="$1" -v s="$2" -v k="${3:-1}" 'BEGIN { printf "%.3f", d * k / s }'
}
sub() {
	case "$1 $2" in *n/a*) echo n/a ;; *) echo $(($2 - $1)) ;; esac
}

part_keepalive() {
	local r c out t0 t1 secs hz tick_ms
	local s0 u0 p0 e0 s1 u1 p1 e1 y0 y1 h0 h1 pid max
	hz=$(getconf CLK_TCK)
	tick_ms=$(awk -v h="$hz" 'BEGIN { print 1000 / h }')
	conf ka_entries "$KA_ENTRIES"
	conf ka_seconds "$KA_SECS"
	conf ka_idle "$KA_IDLE"
	conf ka_convs "$KA_CONVS"
	modprobe nf_conntrack_netlink || die "cannot load nf_conntrack_netlink"
	max=$(sysctl -n net.netfilter.nf_conntrack_max)
	[ "$max" -ge $((KA_ENTRIES + 20000)) ] ||
		sysctl -qw net.netfilter.nf_conntrack_max=$((KA_ENTRIES + 20000)) ||
		die "cannot raise nf_conntrack_max"
	conf ct_max "$(sysctl -n net.netfilter.nf_conntrack_max)"
	conf ct_buckets "$(sysctl -n net.netfilter.nf_conntrack_buckets)"
	flush_ct
	out=$(R "$BIN/ctfill" "$KA_ENTRIES" 7200) || die "ctfill failed"
	log "keepalive: $KA_ENTRIES conntrack entries inserted in ${out#* } s;" \
		"router table: $(R cat /proc/sys/net/netfilter/nf_conntrack_count)"
	R "$NFALG" -f - <<-EOF || die "cannot load the keepalive configuration"
		application ka protocol tcp destination-port $KA_PORT inactivity-timeout $KA_IDLE
		rule ka match-direction input term t from application ka then accept
		service-set bench interface eth0c rule ka
	EOF
	log "keepalive: $(R "$NFALG" status | grep -E '^keepalive|^tcp-timeout' | tr -s ' ' | paste -sd ' ')"
	for r in $(seq 1 "$RUNS"); do
		for c in $(rotate "$r" $KA_CONVS); do
			h0=$(R "$NFALG" show rule-counters | awk '$4 == "t" { print $6 }')
			pid=
			if [ "$c" -gt 0 ]; then
				rm -f "$dir/hold"
				ip netns exec "$CLI" "$BIN/conn" hold "$SRV4" $KA_PORT "$c" \
					> "$dir/hold" 2> "$dir/hold.err" &
				pid=$!
				t0=$SECONDS
				until grep -q '^ready' "$dir/hold" 2> /dev/null; do
					kill -0 $pid 2> /dev/null ||
						die "keepalive $c: $(cat "$dir/hold.err")"
					[ $((SECONDS - t0)) -lt 300 ] ||
						die "keepalive $c: connections not open after 300 s"
					sleep 0.2
				done
				[ "$(cat "$dir/hold")" = "ready $c" ] ||
					die "keepalive $c: $(cat "$dir/hold")"
			fi
			h1=$(R "$NFALG" show rule-counters | awk '$4 == "t" { print $6 }')
			[ $((h1 - h0)) = "$c" ] ||
				die "keepalive $c run $r: $((h1 - h0)) conversations classified"
			# the scanner's state from the previous case settles
			sleep 2
			s0=$(ctr keepalive_scans) u0=$(ctr keepalive_scan_us)
			p0=$(ctr keepalive_probes) e0=$(ctr keepalive_ended)
			kworkers > "$dir/kw0"
			y0=$(systicks)
			t0=$(now)
			sleep "$KA_SECS"
			t1=$(now)
			y1=$(systicks)
			kworkers > "$dir/kw1"
			s1=$(ctr keepalive_scans) u1=$(ctr keepalive_scan_us)
			p1=$(ctr keepalive_probes) e1=$(ctr keepalive_ended)
			secs=$(elapsed "$t0" "$t1")
			if [ -n "$pid" ]; then
				kill -TERM $pid
				wait $pid
			fi
			[ "$e1" = "$e0" ] ||
				die "keepalive $c run $r: $((e1 - e0)) conversations ended"
			if [ "$c" = 0 ]; then
				[ "$p1" = "$p0" ] ||
					die "keepalive 0 run $r: $((p1 - p0)) probes without conversations"
			else
				[ $((p1 - p0)) -ge "$c" ] ||
					die "keepalive $c run $r: only $((p1 - p0)) probes in ${secs} s"
			fi
			raw keepalive "$c" "$r" scans_s "$(per_s "$(sub "$s0" "$s1")" "$secs")"
			raw keepalive "$c" "$r" scan_us_s "$(per_s "$(sub "$u0" "$u1")" "$secs")"
			raw keepalive "$c" "$r" probes_s "$(per_s $((p1 - p0)) "$secs")"
			raw keepalive "$c" "$r" kworker_ms_s \
				"$(per_s "$(kw_delta "$dir/kw0" "$dir/kw1")" "$secs" 1e-6)"
			raw keepalive "$c" "$r" system_ms_s \
				"$(per_s $((y1 - y0)) "$secs" "$tick_ms")"
			log "keepalive $c run $r: ${secs} s: scans $(sub "$s0" "$s1")," \
				"scan us $(sub "$u0" "$u1"), probes $((p1 - p0)), kworkers" \
				"$(($(kw_delta "$dir/kw0" "$dir/kw1") / 1000)) us, system" \
				"$((y1 - y0)) ticks of $tick_ms ms"
			sleep 1
		done
	done
}

t_all=$SECONDS
for part in $PARTS; do
	t_part=$SECONDS
	case $part in
	classify) part_classify ;;
	bulk) part_bulk ;;
	keepalive) part_keepalive ;;
	*) die "unknown part $part" ;;
	esac
	conf "time_$part" $((SECONDS - t_part))
	log "bench-scale: $part took $((SECONDS - t_part)) s"
done
log "bench-scale: done in $((SECONDS - t_all)) s"
__ended=1	# (lib.sh: not a test, no finish)
