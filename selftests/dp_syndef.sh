#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# SYN defense and the TCP inactivity timeout (Documentation/algs/tcp.md):
# with nfalg-tcp attached (plain nftables), a SYN to a silent server
# vanishes from `conntrack -L` once the syn-timeout (4 s, then a configured
# 8 s) has passed (measured between conntrack's NEW and DESTROY events),
# IPv4 and IPv6, and is counted; a real connection that
# stays idle longer than that is unaffected, and once established gets the
# tcp-timeout (plus the keepalive lead) as its conntrack timeout.  The
# paths lane leaves out the configured 8 s syn-timeout.
. "$(dirname "$0")/lib.sh"
require_cmd nft conntrack socat
PY=/usr/bin/python3
PKT="$PY $NFALG_TOP/selftests/dp_pkt.py"
$PY -c "import scapy" 2> /dev/null || skip "python3-scapy not installed"

topo_router || bail "topology failed"
nfalg_insmod nfalg_tcp || bail "cannot load nfalg_tcp"

R() { ip netns exec "$RTR" "$@"; }
# ct SPORT: the router's conntrack entry of the TCP flow from port SPORT
ct() { R conntrack -L -p tcp --sport "$1" 2> /dev/null | grep "sport=$1 "; }
RMAC=$(ip -n "$RTR" -br link show eth0c | awk '{ print $3 }')

ok "nftables attaches nfalg-tcp" -- R nft -f - <<-NFT
	table inet t {
		ct helper tcph { type "nfalg-tcp" protocol tcp; l3proto inet; }
		chain pre {
			type filter hook prerouting priority 0;
			meta l4proto tcp ct helper set "tcph"
		}
	}
NFT
ok "silent server: drops port 7" -- ip netns exec "$SRV" nft -f - <<-NFT
	table inet s {
		chain in {
			type filter hook input priority 0;
			tcp dport 7 drop
		}
	}
NFT
ok "tcp-timeout 100 s" -- R "$NFALG" set tcp-timeout 100
ip netns exec "$SRV" socat TCP6-LISTEN:8000,fork,reuseaddr EXEC:cat &
defer kill $!
dir=$(mktemp -d)
defer rm -rf "$dir"
R conntrack -E -p tcp -o timestamp > "$dir/ev" 2>&1 &
defer kill $!
# expired entries are removed (DESTROY event) when a dump meets them: list
# every 0.3 s so that the events tell when entries expired
(while :; do R conntrack -L > /dev/null 2>&1; sleep 0.3; done) &
defer kill $!

# idle_echo ADDR [SECONDS]: a real connection, idle 6 s (scaled: it must
# outlast the checks below on a slow kernel), or SECONDS,
# between its handshake and its data
idle_echo() {
	ip netns exec "$CLI" $PY -c "
import socket, sys, time
s = socket.create_connection(('$1', 8000), timeout=20)
time.sleep(${2:-$(tscale 6)})
s.sendall(b'hello')
print(s.recv(100).decode())
"
}
# established: wait (at most 15 s, scaled) until a connection to port
# 8000 is ESTABLISHED in the router's conntrack table
established() {
	for _ in $(seq "$(tscale 75)"); do
		R conntrack -L -p tcp --dport 8000 2> /dev/null | grep -q ESTABLISHED &&
			return 0
		sleep 0.2
	done
	return 1
}
# gone SPORT: wait (at most 20 s, scaled) until the flow from SPORT is no
# longer listed; listing removes expired entries, as any dump does
gone() {
	for _ in $(seq "$(tscale 100)"); do
		[ -z "$(ct "$1")" ] && return 0
		sleep 0.2
	done
	return 1
}
# lifetime SPORT MIN MAX: seconds between the conntrack NEW and DESTROY
# events of the flow from SPORT are within [MIN, MAX]. MAX is the SYN-defense
# time plus the latency of conntrack's garbage collection and event
# delivery, which grows on a slow (debug) kernel: slack() scales it.
slack() {
	echo $(($1 + $(tscale 3)))
}
lifetime() {
	local out rc
	out=$(awk -v s="$1" -v p="sport=$1 " -v lo="$2" -v hi="$3" '
		index($0, p) && /\[NEW\]/ { gsub(/[][]/, "", $1); n = $1 }
		index($0, p) && /\[DESTROY\]/ { gsub(/[][]/, "", $1); d = $1 }
		END { printf "sport %s: lifetime %.2f s (want %s to %s)\n", s, d - n, lo, hi
		      exit !(n && d && d - n >= lo && d - n <= hi) }' "$dir/ev")
	rc=$?
	# logged at the end too, for calibrating slack(); awk's verdict stands
	echo "$out" | tee -a "$dir/lifetimes"
	return $rc
}

ok "one SYN each (v4, v6) to the silent server" -- \
	ip netns exec "$CLI" $PKT send6 eth0 "$RMAC" \
	"IP(src='$CLI4', dst='$SRV4')/TCP(sport=40000, dport=7, flags='S', seq=100)" \
	"IPv6(src='$CLI6', dst='$SRV6')/TCP(sport=40001, dport=7, flags='S', seq=100)"
idle_echo $SRV4 > "$dir/echo4" 2>&1 &
e4=$!
idle_echo $SRV6 > "$dir/echo6" 2>&1 &
e6=$!
established
# the tcp-timeout, plus the default keepalive lead (3 + 1 probes) x 10 s
expect_output "established connection gets the tcp-timeout + keepalive lead" \
	"^tcp +6 (140|13[0-9]) ESTABLISHED .*dport=8000" -- \
	R conntrack -L -p tcp --dport 8000
ok "v4 half-open conversation removed" -- gone 40000
ok "v6 half-open conversation removed" -- gone 40001
ok "v4: removed 4 s after it appeared" -- lifetime 40000 3.8 "$(slack 4)"
ok "v6: removed 4 s after it appeared" -- lifetime 40001 3.8 "$(slack 4)"
check "syn_defense counted both" 2 "$(counter syn_defense)"

wait $e4 $e6
check "idle v4 connection unaffected" hello "$(cat "$dir/echo4")"
check "idle v6 connection unaffected" hello "$(cat "$dir/echo6")"

if full "the configured 8 s syn-timeout"; then
	ok "syn-timeout 8 s" -- R "$NFALG" set syn-timeout 8
	ok "another SYN" -- ip netns exec "$CLI" $PKT send6 eth0 "$RMAC" \
		"IP(src='$CLI4', dst='$SRV4')/TCP(sport=40002, dport=7, flags='S', seq=100)"
	ok "half-open conversation removed" -- gone 40002
	ok "removed 8 s after it appeared" -- lifetime 40002 7.8 "$(slack 8)"
	check "syn_defense counted it" 3 "$(counter syn_defense)"
fi
# the measured lifetimes, for calibrating slack() on slow kernels
while read -r l; do log "$l"; done < "$dir/lifetimes"

# unloading the ALG with a live conversation: it goes on without the helper
idle_echo $SRV4 10 > "$dir/echo4" 2>&1 &
e4=$!
established
expect_output "live connection carries nfalg-tcp" "ESTABLISHED .*dport=8000 .*helper=nfalg-tcp" -- \
	R conntrack -L -p tcp --dport 8000
ok "nftables releases the helper" -- R nft delete table inet t
ok "rmmod nfalg_tcp with the connection live" -- rmmod nfalg_tcp
wait $e4
check "the connection completes" hello "$(cat "$dir/echo4")"
finish
