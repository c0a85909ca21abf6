#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The demo, run inside the VM (see tools/demo.sh): a client and a server
# namespace with a router between them that masquerades the client.
# Part 1: nfalg is the router's stateful firewall, configured from a
# Junos-style file (nfalg -f): HTTP and FTP pass, the FTP ALG attached by
# the rule, what the rules refuse does not, a live FTP conversation with
# its data connection, the counters that moved. Part 2: the same ALG
# attached by plain nftables (ct helper) instead.
set -euo pipefail
. "$(dirname "$0")/../selftests/lib.sh"

# The demo says its own verdict, last; lib.sh's exit handler still
# removes the namespaces and servers.
trap 'echo "demo: failed at: $BASH_COMMAND" >&2' ERR
demo_exit() {
	local rc=$?
	__ended=1
	[ $rc -eq 0 ] || printf '\n=== demo FAILED (exit status %s)\n' "$rc"
	__cleanup
}
trap demo_exit EXIT

say() { printf '\n=== %s\n' "$*"; }
run() { printf '%s$ %s\n' "${PS:-router}" "$*"; "$@"; }
R() { ip netns exec "$RTR" "$NFALG" "$@"; }
py=/usr/bin/python3
# same WHAT A B: two md5 sums that must be equal.
same() {
	[ "$2" = "$3" ] || { echo "$1: md5 $3, want $2" >&2; return 1; }
}

topo_router demo
say "client $CLI4 -- router -- server $SRV4 (and $CLI6 -- $SRV6)"

say "router: load the nfalg modules"
for ko in $(find "$NFALG_TOP/kernel" -name 'nfalg*.ko' | sort); do
	m=$(basename "$ko" .ko)
	nfalg_insmod "$m"
	echo "loaded $m"
done
PS=router run ip netns exec "$RTR" "$NFALG" status

# ftp_both: the file over FTP, passive (EPSV) and active (PORT), md5-checked.
ftp_both() {
	local pasv active
	pasv=$(ip netns exec "$CLI" curl -sS --max-time 30 --ftp-pasv "ftp://$SRV4/blob" | md5sum)
	active=$(ip netns exec "$CLI" curl -sS --max-time 30 -P - --disable-eprt "ftp://$SRV4/blob" | md5sum)
	echo "md5 passive (EPSV): $pasv"
	echo "md5 active (PORT):  $active"
	same "FTP passive" "$want" "$pasv"
	same "FTP active" "$want" "$active"
}

say "server: HTTP on ports 80, 8080 and 8081, FTP on 21, serving a 1 MiB file"
www=$(mktemp -d)
defer "rm -rf $www"
head -c 1048576 /dev/urandom > "$www/blob"
want=$(md5sum < "$www/blob")
for port in 80 8080 8081; do
	ip netns exec "$SRV" $py -m http.server --bind :: -d "$www" $port > /dev/null 2>&1 &
	defer "kill $!"
done
ip netns exec "$SRV" $py -m pyftpdlib -i :: -p 21 -d "$www" > /dev/null 2>&1 &
defer "kill $!"
for _ in $(seq 50); do
	[ "$(ip netns exec "$SRV" ss -Hltn | grep -cE ':(21|80|8080|8081) ')" -ge 4 ] && break
	sleep 0.2
done

say "part 1: nfalg as the router's stateful firewall"
echo "nftables only masquerades; which connections the clients may open, and"
echo "which ALG handles them, is nfalg's configuration, one file:"
ip netns exec "$RTR" nft -f - <<NFT
table inet demo_nat {
	chain postrouting {
		type nat hook postrouting priority srcnat;
		oifname "eth0s" masquerade
	}
}
NFT
conf=$www/router.conf
cat > "$conf" <<CONF
# Applications: what traffic is (and which ALG handles it).
application demo-web protocol tcp destination-port 80
application demo-alt-web protocol tcp destination-port 8080
# An application set: a named list of applications and sets.
application-set demo-client-apps demo-web junos-ftp
# A rule of terms, first match wins, for connections the clients open
# (input on the client-side interface): the set passes, the FTP ALG
# attached by junos-ftp; port 8080 is refused with a reset; anything
# else (port 8081) matches no term and is discarded.
rule demo-clients match-direction input term allowed from application-set demo-client-apps then accept term alt-web from application demo-alt-web then reject syslog
# A service set binds rules to interfaces.
service-set demo-router interface eth0c rule demo-clients
CONF
cat "$conf"
echo
PS=router run ip netns exec "$RTR" "$NFALG" -f "$conf"
PS=router run ip netns exec "$RTR" "$NFALG" show config
R -j show counters > "$www/counters.before"

say "client: HTTP (port 80) through the router, IPv4 and IPv6"
got4=$(ip netns exec "$CLI" curl -sS --max-time 30 "http://$SRV4/blob" | md5sum)
got6=$(ip netns exec "$CLI" curl -sS --max-time 30 "http://[$SRV6]/blob" | md5sum)
echo "md5 at the server: $want"
echo "md5 over IPv4:     $got4"
echo "md5 over IPv6:     $got6"
same "HTTP over IPv4" "$want" "$got4"
same "HTTP over IPv6" "$want" "$got6"

say "client: FTP, passive (EPSV) and active (PORT): junos-ftp attaches the ALG"
echo "Active mode needs the ALG: the server's data connection back to the"
echo "masqueraded client matches no rule; it passes only as the related child"
echo "of the control connection, toward the address the ALG wrote into PORT."
ftp_both

say "client: what the rules refuse"
if ip netns exec "$CLI" curl -sS --max-time 10 "http://$SRV4:8080/blob" -o /dev/null 2> "$www/err"; then
	echo "port 8080 passed, but the rule rejects it" >&2
	false
fi
echo "port 8080 (term alt-web, reject): $(cat "$www/err")"
if ip netns exec "$CLI" curl -sS --connect-timeout 3 "http://$SRV4:8081/blob" -o /dev/null 2> "$www/err"; then
	echo "port 8081 passed, but no term admits it" >&2
	false
fi
echo "port 8081 (no matching term, discarded): $(cat "$www/err")"

say "client: a slow FTP download (100 KiB/s), the router looking at it"
ip netns exec "$CLI" curl -sS --max-time 60 --limit-rate 100k --ftp-pasv \
	"ftp://$SRV4/blob" -o /dev/null &
defer "kill $!"
for _ in $(seq 50); do
	conv=$(R show conversations)
	grep -q "^    child " <<< "$conv" && break
	sleep 0.2
done
echo "The control connection is the conversation, the data connection its child:"
PS=router run ip netns exec "$RTR" "$NFALG" show conversations
conv=$(R show conversations)
grep -q "^conversation .*:21 .*alg ftp" <<< "$conv"
grep -q "^    child " <<< "$conv"

say "router: the counters that moved"
PS=router run ip netns exec "$RTR" "$NFALG" show rule-counters
R -j show counters > "$www/counters.after"
$py - "$www/counters.before" "$www/counters.after" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
moved = [k for k in b if isinstance(b[k], int) and b[k] != a.get(k)]
for k in moved:
    print(f"  {k}: {a.get(k)} -> {b[k]}")
sys.exit(0 if moved else 1)
PY

say "part 2: the same ALG from plain nftables (ct helper), nfalg's rules flushed"
PS=router run ip netns exec "$RTR" "$NFALG" flush
ip netns exec "$RTR" nft -f - <<NFT
flush ruleset
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
ftp_both
PS=router run ip netns exec "$RTR" "$NFALG" show counters

say "demo passed: nfalg filtered the router's traffic from its configuration file and its FTP ALG worked, from nfalg's rules and from nftables"
