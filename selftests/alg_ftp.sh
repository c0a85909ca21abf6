#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# FTP ALG through a masquerading router using plain nftables
# ("ct helper ... type \"nfalg-ftp\""): a real server (pyftpdlib) and a real
# client (curl) transfer a file in passive (EPSV, PASV) and active (EPRT,
# PORT) mode, IPv4, with md5 checked; the router's forward policy is drop
# except the control connection and established/related, so every data
# connection passes only through a pinhole.  Without the helper the same
# transfers fail.  A PORT naming a third-party host and a PORT starting a
# segment in the middle of a line open nothing and are counted.  The same
# with the server behind DNAT, and over IPv6 through NAT66 masquerade
# and DNAT (EPSV, EPRT); all four modes again while the link between
# router and server loses 10 % of the packets (netem); rmmod of the ALG in
# the middle of a transfer.
# The paths lane (NFALG_PATHS=1) runs one passive and one active mode
# through each NAT in v4 (EPSV and PORT through masquerade, PASV and PORT
# through DNAT) and each v6 mode once (EPRT through masquerade, EPSV
# through DNAT), and leaves out the other transfers, those without the
# helper, the expectation event and the pinhole listings.
#
# fixture: router
. "$(dirname "$0")/lib.sh"
require_cmd curl conntrack nft
PY=/usr/bin/python3
$PY -c 'import pyftpdlib' 2> /dev/null || skip "python3-pyftpdlib not installed"

topo_router || bail "topology failed"
nfalg_insmod nfalg_ftp || bail "cannot load nfalg_ftp"

dir=$(mktemp -d)
defer rm -rf "$dir"
head -c 300000 /dev/urandom > "$dir/file"
want=$(md5sum < "$dir/file")

ftp_server "$dir" || bail "FTP server did not start"

# rules_router WITH_HELPER [dnat]: masquerade toward the server, or (dnat)
# the server published as $RTR4C:21 and [$RTR6C]:21 by DNAT with no
# source NAT.
rules_router() {
	local set= nat='oifname eth0s masquerade' dnat=
	[ "$1" = 1 ] && set='tcp dport 21 ct state new ct helper set "ftpx"'
	if [ "${2:-}" = dnat ]; then
		nat=
		dnat="iifname eth0c ip daddr $RTR4C tcp dport 21 dnat ip to $SRV4
			iifname eth0c ip6 daddr $RTR6C tcp dport 21 dnat ip6 to $SRV6"
	fi
	alg_router 'ct helper ftpx { type "nfalg-ftp" protocol tcp; l3proto inet; }' \
		"$set" 'iifname eth0c tcp dport 21 ct state new accept' "$nat" "$dnat"
}

# fetch_at HOST NAME CURL-OPTIONS...: download ftp://HOST/file, print its md5
# (within fetch_limit seconds, scaled)
fetch_limit=15
fetch_at() {
	local host=$1 out=$dir/out.$2
	shift 2
	rm -f "$out"
	ip netns exec "$CLI" timeout "$(tscale $((fetch_limit + 5)))" curl -s \
		--connect-timeout "$(tscale 5)" -m "$(tscale "$fetch_limit")" \
		"$@" -o "$out" "ftp://$host/file" || return 1
	md5sum < "$out"
}

# fetch NAME CURL-OPTIONS...: the same from the server's IPv4 address
fetch() {
	fetch_at "$SRV4" "$@"
}


declare -A modes=(
	[epsv]="--ftp-pasv"
	[pasv]="--ftp-pasv --disable-epsv"
	[eprt]="-P -"
	[port]="-P - --disable-eprt"
)

ok "router rules with ct helper nfalg-ftp" -- rules_router 1
masq_modes="epsv pasv eprt port"
full "v4 masquerade pasv, eprt (DNAT runs pasv, v6 eprt)" ||
	masq_modes="epsv port"
for m in $masq_modes; do
	# shellcheck disable=SC2086
	check "v4 masquerade $m: md5 of the transfer" "$want" "$(fetch $m ${modes[$m]})"
done

# The pinhole is a real expectation of the control connection.
if full "the expectation event"; then
	ip netns exec "$RTR" conntrack -E expect > "$dir/events" 2>&1 &
	ev=$!
	sleep 0.5
	fetch epsv2 --ftp-pasv > /dev/null
	sleep 0.5
	kill $ev
	expect_output "expectation created by helper nfalg-ftp" \
		"NEW.*proto=6.*src=$CLI4 dst=$SRV4.*helper=nfalg-ftp" -- cat "$dir/events"
fi

# The data connection is related to (a child of) the control connection:
# it passed the forward chain as "related", which conntrack counts.
expect_output "active data connection from the server was NATed back" \
	"src=$SRV4 dst=$RTR4S .*src=$CLI4 dst=$SRV4" -- \
	ip netns exec "$RTR" conntrack -L -p tcp --orig-src $SRV4

if full "v4 masquerade without the helper"; then
	ok "router rules without the helper" -- rules_router 0
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	for m in epsv port; do
		# shellcheck disable=SC2086
		fails "v4 masquerade $m fails without the helper" -- fetch $m ${modes[$m]}
	done
fi

# Hostile control lines: a PORT naming a third-party host, and a PORT that
# starts a TCP segment in the middle of a line.  Neither opens a pinhole.
ok "router rules with the helper again" -- rules_router 1
ip netns exec "$RTR" conntrack -F 2> /dev/null
tp0=$(counter third_party)
ml0=$(counter midline)
ip netns exec "$CLI" $PY - "$SRV4" <<'PYEOF'
import os, socket, sys, time
s = socket.create_connection((sys.argv[1], 21),
                             timeout=5 * int(os.environ['NFALG_TIME_SCALE']))
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
f = s.makefile('rb')
def line():
    return f.readline()
line()
s.sendall(b"USER anonymous\r\n"); line()
s.sendall(b"PASS x\r\n"); line()
s.sendall(b"PORT 203,0,113,9,200,10\r\n"); line()
s.sendall(b"NOOP ")
time.sleep(0.5)
s.sendall(b"PORT 192,0,2,2,200,11\r\n"); line()
time.sleep(0.3)
s.close()
PYEOF
check "no expectation left open" 0 \
	"$(ip netns exec "$RTR" conntrack -L expect 2> /dev/null | wc -l)"
check "third-party PORT counted" $((tp0 + 1)) "$(counter third_party)"
check "mid-line PORT counted" $((ml0 + 1)) "$(counter midline)"
expect_output "refusal logged" 'nfalg-ftp: pinhole refused \(third-party address\)' -- dmesg

# A pending pinhole (EPSV answered, no data connection yet) is listed by
# "nfalg show pinholes" and by conntrack.
if full "the pinhole listings (nfalg show, conntrack -L expect)"; then
	rm -f /tmp/epsv-ready.$$
	ip netns exec "$CLI" $PY - "$SRV4" /tmp/epsv-ready.$$ <<'PYEOF' &
import os, socket, sys, time
scale = int(os.environ['NFALG_TIME_SCALE'])
s = socket.create_connection((sys.argv[1], 21), timeout=5 * scale)
f = s.makefile('rb')
f.readline()
s.sendall(b"USER anonymous\r\n"); f.readline()
s.sendall(b"PASS x\r\n"); f.readline()
s.sendall(b"EPSV\r\n"); f.readline()
open(sys.argv[2], 'w').close()
time.sleep(4 * scale)
s.close()
PYEOF
	epsv=$!
	# the client says when EPSV was answered (slow emulated guests)
	for _ in $(seq $((100 * NFALG_TIME_SCALE))); do
		[ -e /tmp/epsv-ready.$$ ] && break
		sleep 0.2
	done
	rm -f /tmp/epsv-ready.$$
	expect_output "show pinholes lists the EPSV pinhole" \
		"^ftp +tcp +$CLI4 -> $SRV4 port [0-9]+, expires in [0-9]+ s" -- \
		ip netns exec "$RTR" "$NFALG" show pinholes
	ok "show pinholes -j parses" -- ip netns exec "$RTR" bash -c \
		"'$NFALG' -j show pinholes | $PY -c 'import json,sys; p=json.load(sys.stdin); assert p[0][\"alg\"] == \"ftp\" and p[0][\"src\"] == \"$CLI4\", p'"
	expect_output "conntrack -L expect shows it with the helper" \
		"proto=6 .*src=$CLI4 dst=$SRV4 .*helper=nfalg-ftp" -- \
		ip netns exec "$RTR" conntrack -L expect
	expect_output "show pinholes in another netns sees none" '^\(no pinholes\)$' -- \
		ip netns exec "$CLI" "$NFALG" show pinholes
	wait $epsv
	expect_output "show counters" '^third_party +[1-9]' -- \
		ip netns exec "$RTR" "$NFALG" show counters
fi

# Server behind DNAT (published on the router's client-side address): the
# server's 227/229 are rewritten to that address, the client's PORT/EPRT
# need no rewrite, and active data comes back from the published address.
ok "router rules: DNAT to the server, with the helper" -- rules_router 1 dnat
ip netns exec "$RTR" conntrack -F 2> /dev/null
dnat_modes="epsv pasv eprt port"
full "v4 DNAT epsv, eprt (masquerade runs epsv, v6 eprt)" ||
	dnat_modes="pasv port"
for m in $dnat_modes; do
	# shellcheck disable=SC2086
	check "v4 DNAT $m: md5 of the transfer" "$want" \
		"$(fetch_at $RTR4C d$m ${modes[$m]})"
done
if full "v4 DNAT without the helper"; then
	ok "router rules: DNAT without the helper" -- rules_router 0 dnat
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	fails "v4 DNAT pasv fails without the helper" -- \
		fetch_at $RTR4C dx --ftp-pasv --disable-epsv
fi

# Over a lossy link (10 % of the packets lost each way between the router
# and the server, TCP's retransmissions carrying the commands and replies
# again): every transfer still works.
if full "the transfers over a lossy link (core_stream.sh runs netem)"; then
	ok "router rules with the helper, the outside link losing 10 %" -- \
		rules_router 1
	ok "netem loss 10 %" -- lossy_link 10
	fetch_limit=60
	for m in pasv port epsv eprt; do
		# shellcheck disable=SC2086
		check "v4 $m over the lossy link: md5 of the transfer" "$want" \
			"$(fetch lossy$m ${modes[$m]} --connect-timeout "$(tscale 30)")"
	done
	fetch_limit=15
	lossy_link 0
fi

# The ALG module goes away in the middle of a transfer: the nftables helper
# object (which pins it) is replaced first, the running data connection
# keeps flowing as an established connection.
ok "router rules with the helper" -- rules_router 1
ip netns exec "$RTR" conntrack -F 2> /dev/null
# (about 5 s at 60 kB/s: the rate and the wait scale together)
fetch slow --ftp-pasv --limit-rate $((60 / NFALG_TIME_SCALE))k > "$dir/slow.md5" &
slow=$!
sleep "$(tscale 2)"
ip netns exec "$RTR" nft -f - <<-NFT
	flush ruleset
	table inet t {
		chain c_fwd {
			type filter hook forward priority 0; policy drop;
			ct state established,related accept
		}
		chain c_post {
			type nat hook postrouting priority 100;
			oifname eth0s masquerade
		}
	}
NFT
ok "rmmod nfalg_ftp during a transfer" -- rmmod nfalg_ftp
wait $slow
check "the transfer completed intact" "$want" "$(cat "$dir/slow.md5")"
ok "nfalg_ftp loads again" -- nfalg_insmod nfalg_ftp

# IPv6 through NAT66 masquerade: EPSV and EPRT (curl uses only these on v6).
kill "$ftp_pid"
wait "$ftp_pid" 2> /dev/null
ftp_server "$dir" :: || bail "FTP server (IPv6) did not start"
ok "router rules with the helper (v6)" -- rules_router 1
masq_modes="epsv eprt"
full "v6 NAT66 epsv (v4 runs it, v6 DNAT epsv)" || masq_modes=eprt
for m in $masq_modes; do
	# shellcheck disable=SC2086
	check "v6 NAT66 $m: md5 of the transfer" "$want" \
		"$(fetch_at "[$SRV6]" 6$m ${modes[$m]})"
done
expect_output "v6 active data connection was NATed back" \
	"src=$SRV6 dst=$RTR6S .*src=$CLI6 dst=$SRV6" -- \
	ip netns exec "$RTR" conntrack -L -f ipv6 -p tcp --orig-src $SRV6
# IPv6 server behind DNAT: its 229 keeps its port, EPRT needs no rewrite
ok "router rules: DNAT to the server, with the helper (v6)" -- rules_router 1 dnat
ip netns exec "$RTR" conntrack -F 2> /dev/null
dnat_modes="epsv eprt"
full "v6 DNAT eprt (v6 NAT66 runs it, v4 DNAT port)" || dnat_modes=epsv
for m in $dnat_modes; do
	# shellcheck disable=SC2086
	check "v6 DNAT $m: md5 of the transfer" "$want" \
		"$(fetch_at "[$RTR6C]" 6d$m ${modes[$m]})"
done
if full "v6 without the helper"; then
	ok "router rules without the helper (v6)" -- rules_router 0
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	fails "v6 NAT66 eprt fails without the helper" -- \
		fetch_at "[$SRV6]" 6x -P -
fi

finish
