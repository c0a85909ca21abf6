#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# FTP ALG through a masquerading router using plain nftables
# ("ct helper ... type \"nfalg-ftp\""): a real server (pyftpdlib) and a real
# client (curl) transfer a file in passive (EPSV, PASV) and active (EPRT,
# PORT) mode, IPv4, with md5 checked; the router's forward policy is drop
# except the control connection and established/related, so every data
# connection passes only through a pinhole.  Without the helper the same
# transfers fail.  A PORT naming a third-party host and a PORT starting a
# segment in the middle of a line open nothing and are counted.
. "$(dirname "$0")/lib.sh"
require_cmd curl conntrack nft
PY=/usr/bin/python3
$PY -c 'import pyftpdlib' 2> /dev/null || skip "python3-pyftpdlib not installed"

topo_router || { log "topology failed"; finish; }
nfalg_insmod nfalg_ftp || { log "cannot load nfalg_ftp"; finish; }

dir=$(mktemp -d)
defer rm -rf "$dir"
head -c 300000 /dev/urandom > "$dir/file"
want=$(md5sum < "$dir/file")

ip netns exec "$SRV" $PY -m pyftpdlib -i 0.0.0.0 -p 21 -d "$dir" \
	> /tmp/pyftpd.log 2>&1 &
defer kill $!
for _ in $(seq 50); do
	ip netns exec "$SRV" ss -Hltn 'sport = :21' | grep -q . && break
	sleep 0.2
done

# rules_router WITH_HELPER
rules_router() {
	local set=
	[ "$1" = 1 ] && set='tcp dport 21 ct state new ct helper set "ftpx"'
	ip netns exec "$RTR" nft -f - <<-NFT
	flush ruleset
	table inet t {
		ct helper ftpx {
			type "nfalg-ftp" protocol tcp
			l3proto inet
		}
		chain c_pre {
			type filter hook prerouting priority 0;
			$set
		}
		chain c_fwd {
			type filter hook forward priority 0; policy drop;
			ct state established,related accept
			iifname eth0c tcp dport 21 ct state new accept
		}
		chain c_post {
			type nat hook postrouting priority 100;
			oifname eth0s masquerade
		}
	}
	NFT
}

# fetch NAME CURL-OPTIONS...: download the file, print its md5
fetch() {
	local out=$dir/out.$1
	shift
	rm -f "$out"
	ip netns exec "$CLI" timeout 20 curl -s --connect-timeout 5 -m 15 \
		"$@" -o "$out" "ftp://$SRV4/file" || return 1
	md5sum < "$out"
}

counter() {
	ip netns exec "$RTR" "$NFALG" -j status | $PY -c "import json,sys; print(json.load(sys.stdin)['counters']['$1'])"
}

declare -A modes=(
	[epsv]="--ftp-pasv"
	[pasv]="--ftp-pasv --disable-epsv"
	[eprt]="-P -"
	[port]="-P - --disable-eprt"
)

ok "router rules with ct helper nfalg-ftp" -- rules_router 1
for m in epsv pasv eprt port; do
	# shellcheck disable=SC2086
	check "v4 masquerade $m: md5 of the transfer" "$want" "$(fetch $m ${modes[$m]})"
done

# The pinhole is a real expectation of the control connection.
ip netns exec "$RTR" conntrack -E expect > "$dir/events" 2>&1 &
ev=$!
sleep 0.5
fetch epsv2 --ftp-pasv > /dev/null
sleep 0.5
kill $ev
expect_output "expectation created by helper nfalg-ftp" \
	"NEW.*proto=6.*src=$CLI4 dst=$SRV4.*helper=nfalg-ftp" -- cat "$dir/events"

# The data connection is related to (a child of) the control connection:
# it passed the forward chain as "related", which conntrack counts.
expect_output "active data connection from the server was NATed back" \
	"src=$SRV4 dst=$RTR4S .*src=$CLI4 dst=$SRV4" -- \
	ip netns exec "$RTR" conntrack -L -p tcp --orig-src $SRV4

ok "router rules without the helper" -- rules_router 0
ip netns exec "$RTR" conntrack -F 2> /dev/null
for m in epsv port; do
	# shellcheck disable=SC2086
	fails "v4 masquerade $m fails without the helper" -- fetch $m ${modes[$m]}
done

# Hostile control lines: a PORT naming a third-party host, and a PORT that
# starts a TCP segment in the middle of a line.  Neither opens a pinhole.
ok "router rules with the helper again" -- rules_router 1
ip netns exec "$RTR" conntrack -F 2> /dev/null
tp0=$(counter third_party)
ml0=$(counter midline)
ip netns exec "$CLI" $PY - "$SRV4" <<'PYEOF'
import socket, sys, time
s = socket.create_connection((sys.argv[1], 21), timeout=5)
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

finish
