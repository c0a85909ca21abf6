#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Stress: TCP traffic flows client -> server through a masquerading router
# while, concurrently, our modules are unloaded and reloaded 50 times, the
# router's nfalg configuration is changed in a loop, and pairs of network
# namespaces holding live conntrack entries and FTP expectations (pinholes)
# are created and deleted. Nothing may crash, warn or leak (run.sh and the
# VM harness check the kernel log; the debug lane adds KASAN, lockdep and
# kmemleak), the traffic must keep flowing, and every module must unload at
# the end.
. "$(dirname "$0")/lib.sh"

require_cmd iperf3 nft conntrack python3
RELOADS=${STRESS_RELOADS:-50}
# die MESSAGE: a setup step failed; that fails the test.
die() {
	log "$*"
	__failed=$((__failed + 1))
	finish
}

t_start=$SECONDS
tmp=$(mktemp -d)
defer "rm -rf $tmp"
traffic= setter= churner=

nfalg_load || die "cannot load nfalg"
t_core=$SECONDS
topo_router stress || die "cannot build the topology"
t_topo=$SECONDS

ip netns exec "$RTR" nft -f - <<NFT || die "cannot load the ruleset"
table inet nfalg_stress {
	chain forward {
		type filter hook forward priority 0; policy accept;
		ct state established,related counter accept
		ct state new counter accept
	}
	chain postrouting {
		type nat hook postrouting priority 100;
		oifname "eth0s" masquerade
	}
}
NFT

# Our modules, core first, then every ALG built here: the stress covers
# ALGs as they are added. Loaded by path with insmod (their in-tree
# dependencies stay loaded from the first nfalg_load), to keep each cycle
# cheap under emulation. The core is reloaded every cycle, the ALGs with it
# every ALG_EVERY-th cycle (each insmod costs about a second in the VM).
ALG_EVERY=${STRESS_ALG_EVERY:-10}
ko_core=$(nfalg_ko nfalg)
ko_algs=()
# (nfalg_ko: run.sh's copy in the guest's tmpfs, not the checkout's 9p.)
for ko in "$NFALG_TOP"/kernel/algs/nfalg_*.ko; do
	[ -e "$ko" ] && ko_algs+=("$(nfalg_ko "$(basename "$ko" .ko)")")
done
[ ${#ko_algs[@]} -gt 0 ] || die "no ALG module found under kernel/algs"
log "ALG modules: ${#ko_algs[@]}"
for ko in "${ko_algs[@]}"; do
	nfalg_insmod "$(basename "$ko" .ko)" || die "cannot load $ko"
done
algs_loaded=1
log "setup took $((SECONDS - t_start)) s: core $((t_core - t_start)) s," \
	"topology $((t_topo - t_core)) s, ${#ko_algs[@]} ALGs $((SECONDS - t_topo)) s"

# load_all WITH_ALGS
load_all() {
	insmod "$ko_core" || return 1
	[ "$1" = 1 ] || return 0
	for ko in "${ko_algs[@]}"; do
		insmod "$ko" || return 1
	done
	alg_reloads=$((alg_reloads + 1))
}

unload_all() {
	local i
	if [ "$algs_loaded" = 1 ]; then
		for ((i = ${#ko_algs[@]} - 1; i >= 0; i--)); do
			rmmod "$(basename "${ko_algs[i]}" .ko)" || return 1
		done
	fi
	rmmod nfalg
}

# The two ends of an FTP control connection: the server's PASV reply
# announces 203.0.113.2 port 50000.
cat > "$tmp/ftpd.sh" <<'SH'
printf '220 stress\r\n'
read -r l
printf '227 Entering Passive Mode (203,0,113,2,195,80)\r\n'
sleep 60
SH
cat > "$tmp/ftp.sh" <<'SH'
sleep 0.3
printf 'PASV\r\n'
sleep 60
SH

# A pair of namespaces with a live ping, a UDP flow and an FTP control
# connection whose PASV reply the in-kernel ftp helper turned into an
# expectation; deleted while all of them are live.
churn_once() {
	local a=chna-$1 b=chnb-$1 n
	echo "$a $b" > "$tmp/churning"
	ip netns add "$a" || return 1
	ip netns add "$b" || return 1
	ip -n "$a" link set lo up
	ip -n "$b" link set lo up
	ip -n "$a" link add eth0 type veth peer name eth0 netns "$b"
	ip -n "$a" addr add 203.0.113.1/24 dev eth0
	ip -n "$b" addr add 203.0.113.2/24 dev eth0
	ip -n "$a" link set eth0 up
	ip -n "$b" link set eth0 up
	ip netns exec "$b" nft -f - <<-NFT
	table ip churn {
		ct helper ftp { type "ftp" protocol tcp; }
		chain pre {
			type filter hook prerouting priority 0;
			tcp dport 21 ct helper set "ftp"
			ct state new,established counter
		}
	}
	NFT
	ip netns exec "$b" "$NFALG" set udp-timeout $((30 + $1 % 50)) > /dev/null 2>&1
	ip netns exec "$b" socat TCP-LISTEN:21,bind=203.0.113.2,reuseaddr \
		EXEC:"sh $tmp/ftpd.sh" > /dev/null 2>&1 &
	ip netns exec "$a" socat -u EXEC:"sh $tmp/ftp.sh" \
		TCP:203.0.113.2:21,retry=50,interval=0.1 > /dev/null 2>&1 &
	ip netns exec "$a" ping -q -i 0.2 203.0.113.2 > /dev/null 2>&1 &
	ip netns exec "$a" bash -c 'while :; do echo x > /dev/udp/203.0.113.2/9; sleep 0.2; done' \
		> /dev/null 2>&1 &
	for n in $(seq 1 50); do
		ip netns exec "$b" conntrack -L expect 2> /dev/null | grep -q 'dport=50000' && break
		sleep 0.2
	done
	local ct exp
	ct=$(ip netns exec "$b" conntrack -C 2> /dev/null)
	exp=$(ip netns exec "$b" conntrack -L expect 2> /dev/null | grep -c 'dport=50000')
	echo "$1 ct=$ct exp=$exp" >> "$tmp/churn"
	ip netns pids "$a" | xargs -r kill -9
	ip netns pids "$b" | xargs -r kill -9
	ip netns del "$a"
	ip netns del "$b"
	rm -f "$tmp/churning"
}

# At exit, however the test ends: stop the loops below, then remove the
# namespace pair a churn may have left half built.
stop_loops() {
	local ns
	rm -f "$tmp/run"
	# (once the loops have ended the list is empty, and a bare wait would
	# wait for every child, the router's event listener among them)
	if [ -n "$traffic$setter$churner" ]; then
		kill $traffic $setter $churner 2> /dev/null
		wait $traffic $setter $churner 2> /dev/null
	fi
	for ns in $(cat "$tmp/churning" 2> /dev/null); do
		ip netns pids "$ns" 2> /dev/null | xargs -r kill -9
		ip netns del "$ns" 2> /dev/null
	done
	true
}
defer stop_loops

# Traffic: back-to-back iperf3 runs (rate-limited: under emulation an
# unlimited one takes every CPU and starves the rest of the test) until told to stop; each run's received
# bytes go to $tmp/bytes.
ip netns exec "$SRV" iperf3 -s -D -I "$tmp/iperf3.pid" || die "no iperf3 server"
defer "kill \$(cat $tmp/iperf3.pid)"
touch "$tmp/run"
sleep 1
(
	while [ -e "$tmp/run" ]; do
		ip netns exec "$CLI" timeout 30 iperf3 -c "$SRV4" -t 2 -b 20M -J > "$tmp/iperf.json" 2>&1
		python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["end"]["sum_received"]["bytes"])' \
			"$tmp/iperf.json" >> "$tmp/bytes" 2> /dev/null || echo 0 >> "$tmp/bytes"
	done
) &
traffic=$!
(
	i=0
	while [ -e "$tmp/run" ]; do
		i=$((i + 1))
		ip netns exec "$RTR" "$NFALG" set syn-timeout $((4 + i % 10)) \
			udp-timeout $((30 + i % 60)) > /dev/null 2>&1 && echo ok >> "$tmp/sets"
		sleep 0.3
	done
) &
setter=$!
(
	i=0
	while [ -e "$tmp/run" ]; do
		i=$((i + 1))
		churn_once $i
	done
) 2> /dev/null &
churner=$!

# Let the first transfer get going, then reload under load.
for _ in $(seq 1 40); do
	[ -s "$tmp/bytes" ] && break
	sleep 0.5
done
ct_live=$(ip netns exec "$RTR" conntrack -L 2> /dev/null | grep -c 'dport=5201.*dst=198.51.100.1')

reloaded=0
t0=$SECONDS
alg_reloads=0
for i in $(seq 1 "$RELOADS"); do
	unload_all || { log "unload $i failed"; break; }
	with=0
	[ $((i % ALG_EVERY)) = 0 ] || [ "$i" = "$RELOADS" ] && with=1
	algs_loaded=$with
	load_all $with || { log "load $i failed"; break; }
	reloaded=$i
done
log "$reloaded reloads took $((SECONDS - t0)) s"
# Keep the last reload's modules under traffic for a moment, then stop.
sleep 2
t0=$SECONDS
rm -f "$tmp/run"
wait $traffic $setter $churner
traffic= setter= churner=
log "stopping the loops took $((SECONDS - t0)) s"

check "modules reloaded $RELOADS times under traffic" "$RELOADS" "$reloaded"
check "ALG modules reloaded with it" $(( (RELOADS + ALG_EVERY - 1) / ALG_EVERY )) "$alg_reloads"
check "the router masqueraded a live iperf3 connection" 1 $((ct_live > 0))
runs=$(wc -l < "$tmp/bytes" 2> /dev/null || echo 0)
good=$(awk '$1 > 0' "$tmp/bytes" 2> /dev/null | wc -l)
log "iperf3: $runs runs, $(awk '{ s += $1 } END { print s + 0 }' "$tmp/bytes") bytes received"
check "every iperf3 run completed with bytes received" "$runs" "$good"
check "traffic ran throughout (>= 2 iperf3 runs)" 1 $((runs >= 2))
check "config changes succeeded while loaded" 1 $(( $(wc -l < "$tmp/sets" 2> /dev/null || echo 0) > 0 ))
churned=$(wc -l < "$tmp/churn" 2> /dev/null || echo 0)
log "namespace pairs churned: $churned; $(tail -n 1 "$tmp/churn" 2> /dev/null)"
check "namespace pairs with live conntrack entries deleted (>= 2)" 1 \
	$(( $(awk '{ split($2, a, "="); if (a[2] > 0) n++ } END { print n + 0 }' "$tmp/churn") >= 2 ))
check "namespace pairs with a live expectation deleted (>= 2)" 1 \
	$(( $(grep -c 'exp=[1-9]' "$tmp/churn") >= 2 ))
ok "every module unloads at the end" -- nfalg_unload
check "no nfalg module left" "" "$(nfalg_modules)"
finish
