#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nfalg monitor: while an FTP client works through a masquerading router
# whose nfalg rule admits junos-ftp, `nfalg monitor` (text) and
# `nfalg -j monitor` (one JSON object per line) report the control
# conversation's start (ALG, application, addresses) and end (with
# packet counts under accounting), the data pinhole opened, a PORT naming
# a third-party host refused with its reason, a packet dropped by a TCP
# sanity check, and the configuration generation changing.  An
# unprivileged user cannot listen.
. "$(dirname "$0")/lib.sh"
require_cmd curl conntrack nft
PY=/usr/bin/python3
$PY -c 'import pyftpdlib' 2> /dev/null || skip "python3-pyftpdlib not installed"

topo_router || bail "topology failed"
nfalg_insmod nfalg_ftp || bail "cannot load nfalg_ftp"
R="ip netns exec $RTR $NFALG"

dir=$(mktemp -d)
defer rm -rf "$dir"
head -c 100000 /dev/urandom > "$dir/file"
want=$(md5sum < "$dir/file")
ftp_server "$dir" || bail "FTP server did not start"

ok "router: masquerade" -- ip netns exec "$RTR" nft -f - <<-EOF
	flush ruleset
	table ip nat {
		chain post {
			type nat hook postrouting priority 100;
			oifname eth0s masquerade
		}
	}
EOF

$R monitor > "$dir/text" 2> "$dir/text.err" &
mon_text=$!
defer kill $mon_text
$R -j monitor > "$dir/json" 2> "$dir/json.err" &
mon_json=$!
defer kill $mon_json
sleep 1

ok "rule: junos-ftp accepted on the client side" -- $R -b - <<-EOF
	rule add ftp match-direction input term ftp from application junos-ftp then accept
	service-set add s interface eth0c rule ftp
EOF
gen=$($R -j status | $PY -c 'import json,sys; print(json.load(sys.stdin)["generation"])')

out=$dir/out
check "passive transfer" "$want" "$(ip netns exec "$CLI" timeout "$(tscale 20)" \
	curl -s --ftp-pasv -m "$(tscale 15)" -o "$out" "ftp://$SRV4/file" && md5sum < "$out")"

# a PORT naming a third-party host
ip netns exec "$CLI" $PY - "$SRV4" <<'PYEOF'
import os, socket, sys
s = socket.create_connection((sys.argv[1], 21),
                             timeout=5 * int(os.environ['NFALG_TIME_SCALE']))
f = s.makefile('rb')
f.readline()
s.sendall(b"USER anonymous\r\n"); f.readline()
s.sendall(b"PASS x\r\n"); f.readline()
s.sendall(b"PORT 203,0,113,9,200,10\r\n"); f.readline()
s.sendall(b"QUIT\r\n"); f.readline()
s.close()
PYEOF

# a TCP segment with SYN and FIN, dropped by the sanity check
ip netns exec "$CLI" $PY "$NFALG_TOP/selftests/dp_pkt.py" send \
	"IP(dst='$SRV4')/TCP(sport=40000, dport=21, flags='SF', seq=7)"

# the control conversations end
ip netns exec "$RTR" conntrack -D -p tcp --dport 21 > /dev/null 2>&1
sleep 1
kill $mon_text $mon_json
wait $mon_text $mon_json 2> /dev/null

T=$dir/text
expect_output "text: configuration change with the new generation" \
	"^config generation=$gen\$" -- cat "$T"
expect_output "text: conversation start with ALG, application and tuple" \
	"^conversation-start alg=ftp application=junos-ftp proto=6 src=$CLI4 dst=$SRV4 sport=[0-9]+ dport=21\$" \
	-- cat "$T"
expect_output "text: data pinhole opened toward the client's NAT address" \
	"^pinhole-open alg=ftp proto=6 src=$CLI4 dst=$SRV4 dport=[0-9]+\$" -- cat "$T"
expect_output "text: third-party PORT refused, with its reason" \
	"^pinhole-refused reason=third-party address alg=ftp proto=6 src=$CLI4 dst=$SRV4 sport=[0-9]+ dport=21 announced=203.0.113.9 port=51210\$" \
	-- cat "$T"
expect_output "text: anomaly drop" \
	"^anomaly reason=tcp-bad-flags proto=6 src=$CLI4 dst=$SRV4 sport=40000 dport=21\$" \
	-- cat "$T"
expect_output "text: conversation end with packet counts" \
	"^conversation-end alg=ftp application=junos-ftp proto=6 src=$CLI4 dst=$SRV4 sport=[0-9]+ dport=21 packets=[1-9][0-9]* bytes=[1-9][0-9]*\$" \
	-- cat "$T"
check "text: as many ends as starts" "$(grep -c '^conversation-start' "$T")" \
	"$(grep -c '^conversation-end' "$T")"
check "text: no error" "" "$(cat "$dir/text.err")"

ok "json: one valid object per line, the same events" -- $PY - "$dir/json" "$T" <<'PYEOF'
import json, sys
events = [json.loads(l) for l in open(sys.argv[1])]
text = [l.split()[0] for l in open(sys.argv[2])]
assert [e["event"] for e in events] == text, ([e["event"] for e in events], text)
ref = [e for e in events if e["event"] == "pinhole-refused"][0]
assert ref["reason"] == "third-party address" and ref["announced"] == "203.0.113.9" \
    and ref["port"] == 51210 and ref["alg"] == "ftp" and ref["family"] == "ipv4", ref
start = [e for e in events if e["event"] == "conversation-start"][0]
assert start["application"] == "junos-ftp" and start["dport"] == 21, start
PYEOF

reject "an unprivileged user cannot listen" "cannot listen to events" \
	ip netns exec "$RTR" setpriv --reuid=65534 --regid=65534 --clear-groups \
	timeout 5 "$NFALG" monitor

finish
