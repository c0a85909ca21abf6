#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IP ALG (junos-ip) on a router: with match-direction input the flow is
# unidirectional - the server receives the client's pings, the replies are
# dropped and counted; with input-output they pass (IPv4, IPv6, and TCP
# through address-only masquerade).  Under port translation (masquerade to
# a port range) the conversation is dropped and counted.  Without the ALG
# module the reply direction is not restricted.  The paths lane leaves out
# the CLI listing, the ping through masquerade, the NAPT drop and the run
# without the module.
#
# fixture: router
. "$(dirname "$0")/lib.sh"
require_cmd conntrack nft socat
PY=/usr/bin/python3

topo_router || bail "topology failed"
ok "load nfalg_ip" -- nfalg_insmod nfalg_ip
R="ip netns exec $RTR $NFALG"

# echo requests the server received
srv_requests() {
	ip netns exec "$SRV" nft -j list counter inet t req |
		$PY -c "import json,sys; print([o['counter']['packets'] for o in json.load(sys.stdin)['nftables'] if 'counter' in o][0])"
}
ping_cli() {
	ip netns exec "$CLI" ping -c 2 -i 0.3 -W 1 -q "$@"
}
tcp_open() {
	ip netns exec "$CLI" $PY -c "
import socket
s = socket.create_connection(('$SRV4', 7000), timeout=3)
s.sendall(b'hello\n')
assert s.recv(100) == b'hello\n'"
}
ip netns exec "$SRV" socat TCP-LISTEN:7000,fork,reuseaddr EXEC:/bin/cat \
	> /dev/null 2>&1 &
defer kill $!
ip netns exec "$SRV" nft -f - <<-EOF
	table inet t {
		counter req { }
		chain in {
			type filter hook input priority 0;
			icmp type echo-request counter name req
		}
	}
EOF

ok "rule: junos-ip, match-direction input" -- $R -b - <<-EOF
	rule add ipr match-direction input term t from application junos-ip then accept
	service-set add s interface eth0c rule ipr
EOF
fails "input only: ping gets no reply" -- ping_cli $SRV4
ok "the server received the requests" -- test "$(srv_requests)" -ge 2
ok "reply drops counted" -- test "$(counter ip_reply_drops)" -ge 2
expect_output "conversation carries helper nfalg-ip" \
	"icmp .*helper=nfalg-ip" -- ip netns exec "$RTR" conntrack -L -p icmp
if full "the CLI listing of the conversation"; then
	expect_output "show conversations: application junos-ip, alg ip" \
		"application junos-ip alg ip" -- ip netns exec "$RTR" "$NFALG" show conversations
fi

ok "rule replaced: input-output" -- $R rule replace ipr \
	match-direction input-output term t from application junos-ip then accept
ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
ok "input-output: ping answered" -- ping_cli $SRV4
ok "input-output: IPv6 ping answered" -- ping_cli $SRV6
ok "input-output: TCP echo" -- tcp_open

ok "address-only masquerade" -- ip netns exec "$RTR" nft -f - <<-EOF
	table ip nat {
		chain post {
			type nat hook postrouting priority 100;
			oifname eth0s masquerade
		}
	}
EOF
ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
ok "masquerade without port change: TCP echo" -- tcp_open
if full "the ping through masquerade, the NAPT drop, the run without the module"; then
	ok "masquerade without port change: ping answered" -- ping_cli $SRV4

	ok "masquerade to a port range (NAPT)" -- ip netns exec "$RTR" nft -f - <<-EOF
		flush table ip nat
		table ip nat {
			chain post {
				type nat hook postrouting priority 100;
				oifname eth0s meta l4proto tcp masquerade to :20000-20010
				oifname eth0s masquerade
			}
		}
	EOF
	before=$(counter ip_napt_drops)
	fails "NAPT: TCP through the IP ALG dropped" -- tcp_open
	after=$(counter ip_napt_drops)
	ok "NAPT drops counted ($before -> $after)" -- test "$after" -gt "$before"

	ok "rule back to input only" -- $R rule replace ipr \
		match-direction input term t from application junos-ip then accept
	ok "rmmod nfalg_ip" -- rmmod nfalg_ip
	ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
	ok "no ALG: the reply direction is not restricted" -- ping_cli $SRV4
fi
finish
