#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ICMP (Documentation/algs/icmp.md), IPv4 and IPv6, through the router:
#  - ping flows carrying nfalg-icmp (attached by classification: a global
#    service set accepting everything gives ICMP flows the basic ICMP ALG;
#    nftables "ct helper" objects take only tcp and udp): ping works; with a server
#    that does not answer, the 21st outstanding echo request is dropped
#    (the server's sniffer sees requests 1-20 only); an echo reply with a
#    sequence number nothing asked for is dropped while one answering an
#    outstanding request passes (the client's sniffer decides); both counted;
#  - ICMP errors on interfaces of a service set: a forged port unreachable
#    for a flow that does not exist is dropped and counted, a real one for
#    a real UDP flow reaches the client's socket (ECONNREFUSED).
# The paths lane leaves out the replies to the unanswered requests.
. "$(dirname "$0")/lib.sh"
require_cmd tcpdump ping
PY=/usr/bin/python3
PKT="$PY $NFALG_TOP/selftests/dp_pkt.py"
$PY -c "import scapy" 2> /dev/null || skip "python3-scapy not installed"

topo_router || bail "topology failed"
nfalg_insmod nfalg_icmp || bail "cannot load nfalg_icmp"
dir=$(mktemp -d)
defer rm -rf "$dir"
sniff_dir=$dir

R() { ip netns exec "$RTR" "$@"; }
RMACC=$(ip -n "$RTR" -br link show eth0c | awk '{ print $3 }')
RMACS=$(ip -n "$RTR" -br link show eth0s | awk '{ print $3 }')


ok "global service-set" -- sh -c "
	ip netns exec $RTR $NFALG rule add all match-direction input-output term any then accept &&
	ip netns exec $RTR $NFALG service-set add ss global rule all"

# the ping flows below must outlive the checks between the requests and
# the replies, which take more than conntrack's 30 s on a slow kernel
ok "ICMP flows live 300 s" -- R sysctl -qw net.netfilter.nf_conntrack_icmp_timeout=300 \
	net.netfilter.nf_conntrack_icmpv6_timeout=300
ok "ping v4 through the router" -- ip netns exec "$CLI" ping -c 3 -i 0.3 -W 5 $SRV4
ok "ping v6 through the router" -- ip netns exec "$CLI" ping -6 -c 3 -i 0.3 -W 5 $SRV6
expect_output "ping flow carries nfalg-icmp" "icmp .*helper=nfalg-icmp" -- \
	R conntrack -L -p icmp

ok "server stops answering pings" -- ip netns exec "$SRV" sysctl -qw \
	net.ipv4.icmp_echo_ignore_all=1 net.ipv6.icmp.echo_ignore_all=1
ok "sniffer on the server" -- sniff "$SRV" s1 'icmp or icmp6'
req=()
for i in $(seq 21); do
	req+=("IP(src='$CLI4', dst='$SRV4')/ICMP(type=8, id=777, seq=$i)")
	req+=("IPv6(src='$CLI6', dst='$SRV6')/ICMPv6EchoRequest(id=778, seq=$i)")
done
ok "21 echo requests v4 and v6" -- ip netns exec "$CLI" $PKT send6 eth0 "$RMACC" "${req[@]}"
stop_sniff s1
check "v4: requests 1-20 reached the server" 20 \
	"$(grep -Ec 'echo request, id 777, seq ([1-9]|1[0-9]|20)(,|$)' "$dir/s1.txt")"
check "v6: requests 1-20 reached the server" 20 \
	"$(grep -Ec 'echo request, id 778, seq ([1-9]|1[0-9]|20)(,|$)' "$dir/s1.txt")"
fails "v4: the 21st did not" -- grep -Eq 'id 777, seq 21(,|$)' "$dir/s1.txt"
fails "v6: the 21st did not" -- grep -Eq 'id 778, seq 21(,|$)' "$dir/s1.txt"
check "ping_excess_request counted" 2 "$(counter ping_excess_request)"

if full "the replies to the unanswered requests"; then
	ok "sniffer on the client" -- sniff "$CLI" c1 'icmp or icmp6'
	ok "server sends replies: seq 50 (never asked), seq 5 (outstanding)" -- \
		ip netns exec "$SRV" $PKT send6 eth0 "$RMACS" \
		"IP(src='$SRV4', dst='$CLI4')/ICMP(type=0, id=777, seq=50)" \
		"IP(src='$SRV4', dst='$CLI4')/ICMP(type=0, id=777, seq=5)" \
		"IPv6(src='$SRV6', dst='$CLI6')/ICMPv6EchoReply(id=778, seq=50)" \
		"IPv6(src='$SRV6', dst='$CLI6')/ICMPv6EchoReply(id=778, seq=5)"
	stop_sniff c1
	ok "v4: the answering reply reached the client" -- grep -Eq 'echo reply, id 777, seq 5(,|$)' "$dir/c1.txt"
	ok "v6: the answering reply reached the client" -- grep -Eq 'echo reply, id 778, seq 5(,|$)' "$dir/c1.txt"
	fails "v4: the spoofed reply did not" -- grep -Eq 'id 777, seq 50(,|$)' "$dir/c1.txt"
	fails "v6: the spoofed reply did not" -- grep -Eq 'id 778, seq 50(,|$)' "$dir/c1.txt"
	check "ping_unsolicited_reply counted" 2 "$(counter ping_unsolicited_reply)"
fi

# ICMP errors
refused() {
	ip netns exec "$CLI" $PY -c "
import socket
s = socket.socket(socket.AF_INET6 if ':' in '$1' else socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(5)
s.connect(('$1', 9))
s.send(b'x')
try:
    s.recv(10)
    print('answered')
except ConnectionRefusedError:
    print('refused')
except OSError as e:
    print(e)
"
}
ok "sniffer on the client" -- sniff "$CLI" c2 'icmp or icmp6'
ok "server forges port unreachable errors for flows that do not exist" -- \
	ip netns exec "$SRV" $PKT send6 eth0 "$RMACS" \
	"IP(src='$SRV4', dst='$CLI4')/ICMP(type=3, code=3)/IPerror(src='$CLI4', dst='$SRV4')/UDPerror(sport=40404, dport=9)" \
	"IPv6(src='$SRV6', dst='$CLI6')/ICMPv6DestUnreach(code=4)/IPv6(src='$CLI6', dst='$SRV6')/UDP(sport=40405, dport=9)"
check "v4: a real flow's port unreachable reaches the client" refused "$(refused $SRV4)"
check "v6: a real flow's port unreachable reaches the client" refused "$(refused $SRV6)"
stop_sniff c2
fails "v4: the forged error did not" -- grep -q '40404' "$dir/c2.txt"
fails "v6: the forged error did not" -- grep -q '40405' "$dir/c2.txt"
ok "the real errors did (sniffer check)" -- grep -q 'port 9 unreachable' "$dir/c2.txt"
check "icmp_error_no_flow counted" 2 "$(counter icmp_error_no_flow)"
expect_output "logged" "nfalg: icmp-error-no-flow: dropped proto 1 $SRV4 -> $CLI4 type 3 code 3" -- dmesg
finish
