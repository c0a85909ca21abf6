#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Conversations through a masquerading router whose only ALG configuration
# is an nfalg rule naming junos-ftp (no "ct helper" in nftables): the
# classification attaches nfalg-ftp, so passive and active transfers work
# and their data connections pass as children of the control connection
# while anything else is discarded.  "nfalg show conversations" shows a
# live FTP session as parent, child and pinhole (text and JSON, with
# packet counts under conntrack accounting); "nfalg clear conversations"
# removes parent, children and pinholes, as conntrack -L confirms.  Without
# the ALG module the passive transfer fails.
. "$(dirname "$0")/lib.sh"
require_cmd curl conntrack nft
PY=/usr/bin/python3
$PY -c 'import pyftpdlib' 2> /dev/null || skip "python3-pyftpdlib not installed"

topo_router || bail "topology failed"
nfalg_insmod nfalg_ftp || bail "cannot load nfalg_ftp"
N=$NFALG
R="ip netns exec $RTR $N"

dir=$(mktemp -d)
defer rm -rf "$dir"
head -c 200000 /dev/urandom > "$dir/file"
want=$(md5sum < "$dir/file")

ftp_server "$dir" || bail "FTP server did not start"

ip netns exec "$RTR" sysctl -qw net.netfilter.nf_conntrack_acct=1
ok "router: masquerade only, no ct helper" -- ip netns exec "$RTR" nft -f - <<-EOF
	flush ruleset
	table ip nat {
		chain post {
			type nat hook postrouting priority 100;
			oifname eth0s masquerade
		}
	}
EOF
ok "rule: junos-ftp accepted on the client side" -- $R -b - <<-EOF
	rule add ftp match-direction input term ftp from application junos-ftp then accept
	service-set add s interface eth0c rule ftp
EOF

fetch() {
	local out=$dir/out.$1
	shift
	rm -f "$out"
	ip netns exec "$CLI" timeout 20 curl -s --connect-timeout 5 -m 15 \
		"$@" -o "$out" "ftp://$SRV4/file" || return 1
	md5sum < "$out"
}

check "passive (EPSV) transfer through the rule's ALG" "$want" \
	"$(fetch epsv --ftp-pasv)"
check "active (PORT) transfer through the rule's ALG" "$want" \
	"$(fetch port -P - --disable-eprt)"
expect_output "control connection carries helper nfalg-ftp" \
	"dport=21 .*helper=nfalg-ftp" -- \
	ip netns exec "$RTR" conntrack -L -p tcp --dport 21

# A live session: login, one passive data connection (a child), then a
# second PASV left unused (a pinhole).
ip netns exec "$CLI" $PY - "$SRV4" > "$dir/session" 2>&1 <<-'EOF' &
	import ftplib, socket, sys, time
	f = ftplib.FTP()
	f.connect(sys.argv[1], 21, timeout=5)
	f.login()
	f.voidcmd("TYPE I")
	host, port = ftplib.parse227(f.sendcmd("PASV"))
	s = socket.create_connection((host, port), timeout=5)
	host, port = ftplib.parse227(f.sendcmd("PASV"))
	print("ready", port, flush=True)
	time.sleep(60)
EOF
sess=$!
defer kill $sess
for _ in $(seq 50); do
	grep -q ready "$dir/session" && break
	sleep 0.2
done
ok "FTP session ready" -- grep -q ready "$dir/session"

ip netns exec "$RTR" "$N" -j show conversations > "$dir/conv.json"
tree() {
	$PY - "$dir/conv.json" "$1" <<-'EOF'
	import json, sys
	convs = json.load(open(sys.argv[1]))
	live = [c for c in convs if c["dport"] == 21 and c["pinholes"]]
	if not live:
	    sys.exit(1)
	p = live[0]
	what = sys.argv[2]
	if what == "parent":
	    ok = p["application"] == "junos-ftp" and p["alg"] == "ftp" and \
	        p["reply_dst"] == "198.51.100.1" and p["age"] >= 0
	elif what == "child":
	    ok = any(c["protocol"] == "tcp" and c["dst"] == "198.51.100.2" and
	             c["alg"] is None for c in p["children"])
	elif what == "pinhole":
	    ok = any(h["protocol"] == "tcp" and h["dst"] == "198.51.100.2" and
	             h["expires"] > 0 for h in p["pinholes"])
	elif what == "acct":
	    ok = p["packets_orig"] > 0 and p["bytes_reply"] > 0
	sys.exit(0 if ok else 1)
	EOF
}
ok "JSON: parent FTP conversation, application and ALG, NATed reply" -- \
	tree parent
ok "JSON: its passive data connection is a child" -- tree child
ok "JSON: its unused PASV is a pinhole" -- tree pinhole
ok "JSON: packet and byte counts (conntrack accounting)" -- tree acct
ip netns exec "$RTR" "$N" show conversations > "$dir/conv.txt"
expect_output "text: parent line" \
	"^conversation [0-9]+ tcp $CLI4:[0-9]+ -> $SRV4:21 \(reply $SRV4:21 -> $RTR4S:[0-9]+\) application junos-ftp alg ftp age [0-9]+s" \
	-- cat "$dir/conv.txt"
expect_output "text: child line" "^    child [0-9]+ tcp $CLI4:[0-9]+ -> $SRV4:[0-9]+" \
	-- cat "$dir/conv.txt"
expect_output "text: pinhole line" "^    pinhole tcp .* -> $SRV4 port [0-9]+" \
	-- cat "$dir/conv.txt"

ok "clear with a filter that matches nothing" -- \
	$R clear conversations application junos-http
expect_output "FTP conversation still there" "alg ftp" -- \
	ip netns exec "$RTR" "$N" show conversations
ok "clear conversations application junos-ftp" -- \
	$R clear conversations application junos-ftp
check "conntrack: no control connection left" "" \
	"$(ip netns exec "$RTR" conntrack -L -p tcp --dport 21 2> /dev/null)"
check "conntrack: no child of it left" "" \
	"$(ip netns exec "$RTR" conntrack -L -p tcp --orig-src $CLI4 2> /dev/null)"
check "conntrack: no pinhole left" "" \
	"$(ip netns exec "$RTR" conntrack -L expect 2> /dev/null)"
expect_output "show conversations: empty" "^\(no conversations\)" -- \
	ip netns exec "$RTR" "$N" show conversations

check "another passive transfer" "$want" \
	"$(fetch epsv2 --ftp-pasv)"
ok "clear conversations address $CLI4" -- \
	$R clear conversations address $CLI4
check "conntrack: none left for the client" "" \
	"$(ip netns exec "$RTR" conntrack -L -p tcp --dport 21 2> /dev/null)"
fails "bad filter address refused" -- \
	ip netns exec "$RTR" "$N" clear conversations address 300.1.1.1

ok "ALG module unloaded" -- rmmod nfalg_ftp
check "without the ALG the passive transfer fails" "" \
	"$(fetch epsv3 --ftp-pasv)"
ok "counted as ALG not loaded" -- test "$(ip netns exec "$RTR" "$N" -j show counters |
	$PY -c 'import json,sys; print(json.load(sys.stdin)["alg_not_loaded"])')" -gt 0
finish
