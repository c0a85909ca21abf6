#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Traceroute ALG with a real traceroute over three hops, through a
# masquerading router whose only admitted traffic is the traceroute
# application:
#   CLI 192.0.2.2 - RTR (nfalg, masquerade) - R2 - SRV 203.0.113.2
# With a TTL threshold of 30 every hop answers: the router itself, R2's
# ICMP time-exceeded (sent to the masqueraded address, NATed back) and
# SRV's port-unreachable.  With threshold 2 the probe reaching the router
# with TTL 3 is dropped and counted, so SRV stays silent.  Without the ALG
# module no threshold applies.  Then the same over IPv6 (no NAT).  The
# paths lane leaves out the probes to other ports, the IPv6 drop at
# threshold 2 and the run without the module.
. "$(dirname "$0")/lib.sh"
require_cmd traceroute nft
PY=/usr/bin/python3

sfx=$$
CLI=cli-$sfx RTR=rtr-$sfx R2=r2-$sfx SRV=srv-$sfx
netns_add "$CLI" "$RTR" "$R2" "$SRV" || bail "netns failed"
link() {	# link NS1 IF1 NS2 IF2
	ip -n "$1" link add "$2" type veth peer name "$4" netns "$3"
	ip -n "$1" link set "$2" up
	ip -n "$3" link set "$4" up
}
for ns in "$CLI" "$RTR" "$R2" "$SRV"; do
	ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
		net.ipv6.conf.default.accept_dad=0 net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1
done
link "$CLI" eth0 "$RTR" eth0c
link "$RTR" eth0s "$R2" eth0
link "$R2" eth1 "$SRV" eth0
ip -n "$CLI" addr add 192.0.2.2/24 dev eth0
ip -n "$CLI" addr add 2001:db8:1::2/64 dev eth0 nodad
ip -n "$RTR" addr add 192.0.2.1/24 dev eth0c
ip -n "$RTR" addr add 2001:db8:1::1/64 dev eth0c nodad
ip -n "$RTR" addr add 198.51.100.1/24 dev eth0s
ip -n "$RTR" addr add 2001:db8:2::1/64 dev eth0s nodad
ip -n "$R2" addr add 198.51.100.2/24 dev eth0
ip -n "$R2" addr add 2001:db8:2::2/64 dev eth0 nodad
ip -n "$R2" addr add 203.0.113.1/24 dev eth1
ip -n "$R2" addr add 2001:db8:3::1/64 dev eth1 nodad
ip -n "$SRV" addr add 203.0.113.2/24 dev eth0
ip -n "$SRV" addr add 2001:db8:3::2/64 dev eth0 nodad
ip -n "$CLI" route add default via 192.0.2.1
ip -n "$CLI" -6 route add default via 2001:db8:1::1
ip -n "$RTR" route add default via 198.51.100.2
ip -n "$RTR" -6 route add default via 2001:db8:2::2
ip -n "$R2" -6 route add 2001:db8:1::/64 via 2001:db8:2::1
ip -n "$SRV" route add default via 203.0.113.1
ip -n "$SRV" -6 route add default via 2001:db8:3::1
# R2 and SRV have no route to the client's network: only NAT gets back
ip netns exec "$RTR" nft -f - <<-EOF
	table ip nat {
		chain post {
			type nat hook postrouting priority 100;
			oifname eth0s masquerade
		}
	}
EOF

ok "load nfalg_traceroute" -- nfalg_insmod nfalg_traceroute
R="ip netns exec $RTR $NFALG"

# trace DEST: the hop addresses, one per line ("*" for silence)
trace() {
	ip netns exec "$CLI" traceroute -n -q 1 -w 2 -N 1 -m 3 -p 33434 "$1" |
		awk 'NR > 1 { print $2 }' | tr '\n' ' '
}

ok "traceroute application, threshold 30, only rule" -- $R -b - <<-EOF
	application add tr protocol udp destination-port 33434-33450 application-protocol traceroute ttl-threshold 30
	rule add t match-direction input term t from application tr then accept
	service-set add s interface eth0c rule t
EOF
check "threshold 30: all hops, time-exceeded and unreachable NATed back" \
	"192.0.2.1 198.51.100.2 203.0.113.2 " "$(trace 203.0.113.2)"
expect_output "probes carried helper nfalg-trace" \
	"dport=3343[4-9] .*helper=nfalg-trace" -- \
	ip netns exec "$RTR" conntrack -L -p udp
if full "the probes to other ports"; then
	other_port_reaches() {
		ip netns exec "$CLI" traceroute -n -q 1 -w 1 -N 1 -m 3 -f 2 -p 40000 \
			203.0.113.2 2> /dev/null | awk 'NR > 1' | grep -q 203.0.113.2
	}
	fails "probes to other ports match no term: discarded" -- other_port_reaches
fi

ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
before=$(counter traceroute_ttl_drops)
ok "threshold lowered to 2" -- $R application replace tr protocol udp \
	destination-port 33434-33450 application-protocol traceroute ttl-threshold 2
check "threshold 2: the probe with TTL 3 is dropped" \
	"192.0.2.1 198.51.100.2 * " "$(trace 203.0.113.2)"
after=$(counter traceroute_ttl_drops)
ok "TTL drops counted ($before -> $after)" -- test "$after" -gt "$before"

if full "the IPv6 drop at threshold 2"; then
	check "IPv6, threshold 2: hop 3 dropped" \
		"2001:db8:1::1 2001:db8:2::2 * " "$(trace 2001:db8:3::2)"
fi
ok "threshold 30 again" -- $R application replace tr protocol udp \
	destination-port 33434-33450 application-protocol traceroute ttl-threshold 30
ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
check "IPv6, threshold 30: all hops" \
	"2001:db8:1::1 2001:db8:2::2 2001:db8:3::2 " "$(trace 2001:db8:3::2)"

if full "the run without the module"; then
	# without the ALG, the threshold is not enforced
	ok "threshold 2, ALG module unloaded" -- $R application replace tr \
		protocol udp destination-port 33434-33450 application-protocol traceroute ttl-threshold 2
	ok "rmmod nfalg_traceroute" -- rmmod nfalg_traceroute
	ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
	check "no ALG: hop 3 answers" "192.0.2.1 198.51.100.2 203.0.113.2 " \
		"$(trace 203.0.113.2)"
fi
finish
