#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Basic UDP ALG (Documentation/algs/udp.md): with nfalg-udp attached by
# plain nftables, a UDP exchange creates one bidirectional flow (the
# server's replies pass a forward policy of drop), whose conntrack timeout
# is the namespace's udp-timeout (here 3 s instead of conntrack's 30/120 s):
# traffic keeps it alive, and it vanishes from `conntrack -L` about 3 s
# after its last packet (conntrack's DESTROY event), IPv4 and IPv6.
. "$(dirname "$0")/lib.sh"
require_cmd nft conntrack
PY=/usr/bin/python3

topo_router || bail "topology failed"
nfalg_insmod nfalg_udp || bail "cannot load nfalg_udp"
dir=$(mktemp -d)
defer rm -rf "$dir"

R() { ip netns exec "$RTR" "$@"; }
ct() { R conntrack -L -p udp --sport "$1" 2> /dev/null | grep "sport=$1 "; }
# gone SPORT: wait (at most 20 s) until the flow from SPORT is no longer
# listed; listing removes expired entries, as any dump does
gone() {
	for _ in $(seq 100); do
		[ -z "$(ct "$1")" ] && return 0
		sleep 0.2
	done
	return 1
}
# lifetime SPORT T MIN MAX: the flow from SPORT was destroyed between MIN
# and MAX seconds after time T
lifetime() {
	awk -v p="sport=$1 " -v t="$2" -v lo="$3" -v hi="$4" '
		index($0, p) && /\[DESTROY\]/ { gsub(/[][]/, "", $1); d = $1 }
		END { printf "destroyed %.2f s after its last packet\n", d - t; exit !(d && d - t >= lo && d - t <= hi) }' "$dir/ev"
}
# exchange ADDR SPORT N: N datagrams 1 s apart from port SPORT to the echo
# server; prints how many answers came back, and writes the time of the
# last one to $dir/last.SPORT
exchange() {
	ip netns exec "$CLI" $PY -c "
import socket, time
s = socket.socket(socket.AF_INET6 if ':' in '$1' else socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('', $2))
s.settimeout(5)
got = 0
for i in range($3):
    if i:
        time.sleep(1)
    s.sendto(b'ping', ('$1', 9000))
    try:
        got += s.recv(100) == b'ping'
    except OSError:
        pass
print(got)
open('$dir/last.$2', 'w').write('%.3f' % time.time())
"
}

ok "nftables attaches nfalg-udp, forward policy drop" -- R nft -f - <<-NFT
	table inet t {
		ct helper udph { type "nfalg-udp" protocol udp; l3proto inet; }
		chain pre {
			type filter hook prerouting priority 0;
			meta l4proto udp ct helper set "udph"
		}
		chain forward {
			type filter hook forward priority 0; policy drop;
			ct state established,related accept
			iifname eth0c udp dport 9000 accept
		}
	}
NFT
ok "udp-timeout 3 s" -- R "$NFALG" set udp-timeout 3
ip netns exec "$SRV" $PY -c "
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
s.bind(('::', 9000))
while True:
    data, peer = s.recvfrom(100)
    s.sendto(data, peer)
" &
defer kill $!
R conntrack -E -p udp -o timestamp > "$dir/ev" 2>&1 &
defer kill $!
# expired entries are removed (DESTROY event) when a dump meets them
(while :; do R conntrack -L > /dev/null 2>&1; sleep 0.3; done) &
defer kill $!
for _ in $(seq 50); do
	ip netns exec "$SRV" ss -uln | grep -q ':9000 ' && break
	sleep 0.2
done

check "v4: 6 datagrams 1 s apart, all answered" 6 "$(exchange $SRV4 41000 6)"
expect_output "v4: one bidirectional flow with the udp-timeout" \
	"^udp +17 [0-3] src=$CLI4 dst=$SRV4 sport=41000 dport=9000 (packets=[0-9]+ bytes=[0-9]+ )?src=$SRV4 dst=$CLI4 sport=9000 dport=41000 .*helper=nfalg-udp" -- \
	R conntrack -L -p udp
check "v6: 2 datagrams answered" 2 "$(exchange $SRV6 41001 2)"
ok "v4 flow removed when idle" -- gone 41000
ok "v6 flow removed when idle" -- gone 41001
check "v4: traffic kept one flow alive for 5 s" 1 "$(grep -c "NEW.*sport=41000 " "$dir/ev")"
ok "v4: removed about 3 s after its last packet" -- lifetime 41000 "$(cat "$dir/last.41000")" 2.8 $((3 + $(tscale 3)))
ok "v6: removed about 3 s after its last packet" -- lifetime 41001 "$(cat "$dir/last.41001")" 2.8 $((3 + $(tscale 3)))
finish
