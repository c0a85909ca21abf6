#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# TCP and UDP sanity checks (Documentation/datapath-sanity.md): every
# anomaly sent from the client through the router (IPv4 and IPv6) must be
# dropped there (a sniffer on the server sees none of them, while it sees
# the valid control packets sent in the same burst), counted in its own
# counter of `nfalg -j show counters` and logged.  The checks apply on
# interfaces covered by a service set, and, for nft-only users, to every
# conversation carrying an nfalg helper attached by nftables.
. "$(dirname "$0")/lib.sh"
require_cmd nft tcpdump
PY=/usr/bin/python3
PKT="$PY $NFALG_TOP/selftests/dp_pkt.py"
$PY -c "import scapy" 2> /dev/null || skip "python3-scapy not installed"

topo_router || bail "topology failed"
nfalg_insmod nfalg_tcp && nfalg_insmod nfalg_udp ||
	bail "cannot load the basic ALGs"
dir=$(mktemp -d)
defer rm -rf "$dir"
sniff_dir=$dir

R() { ip netns exec "$RTR" "$@"; }
RMAC=$(ip -n "$RTR" -br link show eth0c | awk '{ print $3 }')

# seen NAME ID: the server received the IPv4 packet with IP id ID
seen() { grep -q "id $2," "$dir/$1.txt"; }
# seen6 NAME LABEL: the server received the IPv6 packet with flow label LABEL
seen6() { grep -q "flowlabel 0x$(printf %05x "$2")," "$dir/$1.txt"; }
# send4 ID L4: client sends IP(id=ID)/L4 to the server
send4() {
	local a=() id
	while [ $# -gt 1 ]; do
		a+=("IP(src='$CLI4', dst='$SRV4', id=$1)/$2")
		shift 2
	done
	ip netns exec "$CLI" $PKT send6 eth0 "$RMAC" "${a[@]}"
}
send6() {
	local a=()
	while [ $# -gt 1 ]; do
		a+=("IPv6(src='$CLI6', dst='$SRV6', fl=$1)/$2")
		shift 2
	done
	ip netns exec "$CLI" $PKT send6 eth0 "$RMAC" "${a[@]}"
}

ok "rule and service-set on the client interface" -- sh -c "
	ip netns exec $RTR $NFALG rule add all match-direction input-output term any then accept &&
	ip netns exec $RTR $NFALG service-set add ss interface eth0c rule all"

T='TCP(sport=1234, dport=80'
U='UDP(sport=1234, dport=53'
ok "sniffer on the server" -- sniff "$SRV" s1 'tcp or udp'
ok "send every anomaly, IPv4 and IPv6" -- send4 \
	101 "TCP(sport=0, dport=80, flags='S', seq=1)" \
	102 "TCP(sport=1234, dport=0, flags='S', seq=1)" \
	103 "$T, flags='S', seq=1, dataofs=15)" \
	104 "$T, flags='S', seq=1, dataofs=3)" \
	105 "$T, flags='', seq=0)" \
	106 "$T, flags='F', seq=0)" \
	107 "$T, flags='FP', seq=0)" \
	108 "$T, flags='R', seq=0)" \
	109 "$T, flags='FR', seq=5)" \
	110 "$T, flags='SU', seq=5)" \
	111 "$T, flags='SF', seq=5)" \
	112 "$T, flags='SR', seq=5)" \
	113 "UDP(sport=0, dport=53)/Raw(b'abcd')" \
	114 "UDP(sport=1234, dport=0)/Raw(b'abcd')" \
	115 "$U, len=100)/Raw(b'abcd')" \
	116 "$U, len=4)/Raw(b'abcd')" \
	120 "$T, flags='S', seq=1)" \
	121 "$U)/Raw(b'fine')" \
	122 "$T, flags='RA', seq=0)"
ok "send IPv6 anomalies" -- send6 \
	201 "TCP(sport=0, dport=80, flags='S', seq=1)" \
	202 "$T, flags='FR', seq=5)" \
	203 "$U, len=100)/Raw(b'abcd')" \
	210 "$T, flags='S', seq=1)"
stop_sniff s1

ok "control packets reached the server (v4 SYN, UDP, RST+ACK seq 0; v6 SYN)" -- \
	sh -c "grep -q 'id 120,' $dir/s1.txt && grep -q 'id 121,' $dir/s1.txt &&
		grep -q 'id 122,' $dir/s1.txt && grep -q 'flowlabel 0x000d2,' $dir/s1.txt"
leaked=
for id in $(seq 101 116); do
	seen s1 $id && leaked+=" $id"
done
for fl in 201 202 203; do
	seen6 s1 $fl && leaked+=" v6:$fl"
done
check "no anomaly reached the server" "" "$leaked"

check "tcp_port_zero counted" 3 "$(counter tcp_port_zero)"
check "tcp_header_length counted" 2 "$(counter tcp_header_length)"
check "tcp_seq_zero_no_flags counted" 1 "$(counter tcp_seq_zero_no_flags)"
check "tcp_seq_zero_fin_psh_rst counted" 3 "$(counter tcp_seq_zero_fin_psh_rst)"
check "tcp_bad_flags counted" 5 "$(counter tcp_bad_flags)"
check "udp_port_zero counted" 2 "$(counter udp_port_zero)"
check "udp_length counted" 3 "$(counter udp_length)"
expect_output "text counters" '^tcp_bad_flags +5$' -- R "$NFALG" show counters
expect_output "logged with the anomaly and the 5-tuple" \
	"nfalg: tcp-port-zero: dropped proto 6 $CLI4 -> $SRV4 sport 0 dport 80" -- dmesg

# Sequence number zero is an anomaly only without ACK: inside a connection
# the sequence numbers wrap through zero, and the segment starting there
# (PSH+ACK, seq 0) must reach the server like any other.
WRAP_SRV="import socket; s = socket.socket(); \
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); \
s.bind(('$SRV4', 8080)); s.listen(1); s.settimeout($(tscale 30)); \
c, _ = s.accept(); c.settimeout($(tscale 8)); d = b''
try:
    while True:
        b = c.recv(100)
        if not b: break
        d += b
except OSError: pass
open('$dir/wrap.out', 'wb').write(d)"
ip netns exec "$SRV" $PY -c "$WRAP_SRV" &
wrap_pid=$!
ok "client's kernel sends no reset for the hand-made connection" -- \
	ip netns exec "$CLI" nft add table ip norst \; \
	add chain ip norst o '{ type filter hook output priority 0; }' \; \
	add rule ip norst o tcp flags rst drop
sleep 1
ok "hand-made connection whose second segment has sequence number 0" -- \
	ip netns exec "$CLI" $PKT wrap "$SRV4" 8080
wait $wrap_pid
check "the server received both segments, the one at seq 0 too" \
	helloworld "$(cat "$dir/wrap.out" 2> /dev/null)"
check "seq 0 with ACK not counted" 3 "$(counter tcp_seq_zero_fin_psh_rst)"

# Only covered interfaces: without the service set the anomaly passes
ok "service-set removed" -- R "$NFALG" service-set del ss
ok "sniffer on the server" -- sniff "$SRV" s2 'tcp or udp'
ok "send a port-zero SYN again" -- send4 130 "TCP(sport=0, dport=80, flags='S', seq=1)"
stop_sniff s2
ok "uncovered interface: not checked, reached the server" -- seen s2 130
check "uncovered interface: not counted" 3 "$(counter tcp_port_zero)"

# nft-only: the helpers attached by nftables apply the same checks
ok "nftables attaches nfalg-tcp and nfalg-udp" -- R nft -f - <<-NFT
	table inet t {
		ct helper tcph { type "nfalg-tcp" protocol tcp; l3proto inet; }
		ct helper udph { type "nfalg-udp" protocol udp; l3proto inet; }
		chain pre {
			type filter hook prerouting priority 0;
			meta l4proto tcp ct helper set "tcph"
			meta l4proto udp ct helper set "udph"
		}
	}
NFT
ok "sniffer on the server" -- sniff "$SRV" s3 'tcp or udp'
ok "send port-zero TCP and UDP and a valid SYN" -- send4 \
	140 "TCP(sport=0, dport=80, flags='S', seq=1)" \
	141 "UDP(sport=0, dport=53)/Raw(b'abcd')" \
	142 "$T, flags='S', seq=1)"
stop_sniff s3
ok "nft-only: valid SYN with the helper reached the server" -- seen s3 142
fails "nft-only: port-zero TCP dropped" -- seen s3 140
fails "nft-only: port-zero UDP dropped" -- seen s3 141
check "nft-only: tcp_port_zero counted" 4 "$(counter tcp_port_zero)"
check "nft-only: udp_port_zero counted" 3 "$(counter udp_port_zero)"
finish
