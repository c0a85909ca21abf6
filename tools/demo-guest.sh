#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, run inside the VM (see tools/demo.sh): a client and a server
# namespace with a router between them that masquerades the client, the
# nfalg modules loaded on the router, and real traffic crossing it.
set -euo pipefail
. "$(dirname "$0")/../selftests/lib.sh"

say() { printf '\n=== %s\n' "$*"; }
run() { printf '%s$ %s\n' "${PS:-router}" "$*"; "$@"; }

topo_router demo
say "client $CLI4 -- router -- server $SRV4 (and $CLI6 -- $SRV6)"

say "router: load the nfalg modules"
for ko in $(find "$NFALG_TOP/kernel" -name 'nfalg*.ko' | sort); do
	m=$(basename "$ko" .ko)
	nfalg_insmod "$m"
	echo "loaded $m"
done
say "router: nftables firewall, masquerade toward the server"
ip netns exec "$RTR" nft -f - <<NFT
table inet demo {
	ct helper ftp {
		type "nfalg-ftp" protocol tcp
		l3proto inet
	}
	chain prerouting {
		type filter hook prerouting priority filter;
		tcp dport 21 ct state new ct helper set "ftp"
	}
	chain forward {
		type filter hook forward priority filter; policy drop;
		ct state established,related accept
		iifname "eth0c" oifname "eth0s" accept
		meta l4proto { icmp, ipv6-icmp } accept
	}
	chain postrouting {
		type nat hook postrouting priority srcnat;
		oifname "eth0s" masquerade
	}
}
NFT
ip netns exec "$RTR" nft list ruleset

PS=router run ip netns exec "$RTR" "$NFALG" status
PS=router run ip netns exec "$RTR" "$NFALG" -j status
echo

say "server: an HTTP server with a 1 MiB file"
www=$(mktemp -d)
defer "rm -rf $www"
head -c 1048576 /dev/urandom > "$www/blob"
ip netns exec "$SRV" python3 -m http.server --bind :: -d "$www" 80 > /dev/null 2>&1 &
defer "kill $!"
for _ in $(seq 50); do
	ip netns exec "$SRV" ss -ltn | grep -q ':80 ' && break
	sleep 0.2
done

say "client: fetch it through the router, IPv4 and IPv6"
want=$(md5sum < "$www/blob")
got4=$(ip netns exec "$CLI" curl -sS --max-time 30 "http://$SRV4/blob" | md5sum)
got6=$(ip netns exec "$CLI" curl -sS --max-time 30 "http://[$SRV6]/blob" | md5sum)
echo "md5 at the server: $want"
echo "md5 over IPv4:     $got4"
echo "md5 over IPv6:     $got6"
[ "$want" = "$got4" ] && [ "$want" = "$got6" ]

say "server: who connected (the router's address, masqueraded)"
ip netns exec "$SRV" ss -tn state time-wait | sed -n '2,3p' || true

say "router: conntrack"
ip netns exec "$RTR" conntrack -L 2> /dev/null | head -n 10 || true

say "server: an FTP server (pyftpdlib) in the same directory"
ip netns exec "$SRV" /usr/bin/python3 -m pyftpdlib -i :: -p 21 -d "$www" > /dev/null 2>&1 &
defer "kill $!"
for _ in $(seq 50); do
	ip netns exec "$SRV" ss -Hltn 'sport = :21' | grep -q . && break
	sleep 0.2
done

say "client: FTP through the masquerading router, passive (EPSV) and active (PORT)"
echo "Active mode needs the ALG: the server's data connection back to the"
echo "masqueraded client passes the drop-by-default firewall only as the related"
echo "child of the control connection, toward the address the ALG wrote into PORT."
pasv=$(ip netns exec "$CLI" curl -sS --max-time 30 --ftp-pasv "ftp://$SRV4/blob" | md5sum)
active=$(ip netns exec "$CLI" curl -sS --max-time 30 -P - --disable-eprt "ftp://$SRV4/blob" | md5sum)
echo "md5 passive (EPSV): $pasv"
echo "md5 active (PORT):  $active"
[ "$want" = "$pasv" ] && [ "$want" = "$active" ]
PS=router run ip netns exec "$RTR" "$NFALG" show counters

say "demo passed: traffic crossed the router with nfalg loaded"
