#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Datapath classification on a router: new connections are matched against
# the service set bound to the client-side interface and get the term's
# action - accept, discard (silence), reject (TCP reset, ICMP port
# unreachable) - as a real client sees it; traffic no term matches is
# discarded; interfaces without a service set are not inspected; per-term
# hit counters, the no-match counter, syslog lines, ICMP type and code
# filters; an application's
# inactivity timeout becomes the conntrack timeout; without service sets
# nothing is inspected.  Every listener exists on the server, so a missing
# action would show as an open port or an answer.
. "$(dirname "$0")/lib.sh"
require_cmd conntrack socat
PY=/usr/bin/python3

topo_router || bail "topology failed"
nfalg_load || bail "cannot load nfalg"
N=$NFALG

# try PROTO HOST PORT (from the client): open|reply, refused or timeout
try() {
	ip netns exec "$CLI" $PY - "$@" <<-'EOF'
	import socket, sys
	proto, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
	fam = socket.AF_INET6 if ":" in host else socket.AF_INET
	if proto == "tcp":
	    s = socket.socket(fam, socket.SOCK_STREAM)
	    s.settimeout(3)
	    try:
	        s.connect((host, port)); print("open")
	    except ConnectionRefusedError:
	        print("refused")
	    except (socket.timeout, OSError):
	        print("timeout")
	else:
	    s = socket.socket(fam, socket.SOCK_DGRAM)
	    s.settimeout(3)
	    s.connect((host, port))
	    try:
	        s.send(b"x"); s.recv(100); print("reply")
	    except ConnectionRefusedError:
	        print("refused")
	    except (socket.timeout, OSError):
	        print("timeout")
	EOF
}

# server listeners: TCP 80, 22, 8080; UDP echo 5000
for p in 80 22 8080; do
	ip netns exec "$SRV" socat TCP6-LISTEN:$p,ipv6only=0,fork,reuseaddr \
		EXEC:/bin/true > /dev/null 2>&1 &
	defer kill $!
done
ip netns exec "$SRV" socat UDP6-RECVFROM:5000,ipv6only=0,fork,reuseaddr \
	EXEC:/bin/cat > /dev/null 2>&1 &
defer kill $!
sleep 1

hits() {
	ip netns exec "$RTR" "$N" -j show rule-counters | $PY -c "
import json,sys
for t in json.load(sys.stdin):
    if t['rule'] == '$1' and t['term'] == '$2': print(t['hits'])"
}

check "no service set: unmatched port open" open "$(try tcp $SRV4 8080)"

R="ip netns exec $RTR $N"
ok "applications" -- $R -b - <<-EOF
	application add ssh22 protocol tcp destination-port 22
	application add echo5000 protocol udp destination-port 5000
	application add slowudp protocol udp destination-port 5001 inactivity-timeout 777
EOF
ok "rule and service set on the client side" -- $R -b - <<-EOF
	rule add r1 match-direction input term web from application junos-http then accept syslog term ssh from application ssh22 then reject term ping from application junos-icmp-ping then discard syslog term echo from application echo5000 then reject term slow from application slowudp then accept
	service-set add s1 interface eth0c rule r1
EOF

check "accept: TCP 80 open" open "$(try tcp $SRV4 80)"
check "accept over IPv6: TCP 80 open" open "$(try tcp $SRV6 80)"
check "reject: TCP 22 refused (reset)" refused "$(try tcp $SRV4 22)"
check "reject over IPv6: TCP 22 refused" refused "$(try tcp $SRV6 22)"
check "reject: UDP 5000 refused (ICMP unreachable)" refused "$(try udp $SRV4 5000)"
check "reject over IPv6: UDP 5000 refused (ICMPv6)" refused "$(try udp $SRV6 5000)"
fails "discard: ping gets no answer" -- \
	ip netns exec "$CLI" ping -c 2 -W 1 -q $SRV4
before=$(counter no_match_discards)
check "no term matches: TCP 8080 silently discarded" timeout \
	"$(try tcp $SRV4 8080)"
after=$(counter no_match_discards)
ok "no-match counter grew ($before -> $after)" -- test "$after" -gt "$before"
# the server's new connections leave through eth0c: direction output, which
# the input rule does not cover
fails "server to client: no output term, discarded" -- \
	ip netns exec "$SRV" ping -c 1 -W 1 -q $CLI4

ok "hits of term web" -- test "$(hits r1 web)" -ge 2
ok "hits of term ssh" -- test "$(hits r1 ssh)" -ge 2
ok "hits of term ping" -- test "$(hits r1 ping)" -ge 2
ok "hits of term echo" -- test "$(hits r1 echo)" -ge 2
expect_output "rule-counters text" "^rule r1 term web hits [0-9]+" -- \
	ip netns exec "$RTR" "$N" show rule-counters
expect_output "rule show -j carries hits" '"hits": ?[1-9]' -- \
	ip netns exec "$RTR" "$N" -j rule show r1
expect_output "syslog line for an accept term" \
	"nfalg: accept: service-set s1 rule r1 term web application junos-http: proto 6 $CLI4" \
	-- dmesg
expect_output "syslog line for a discard term" \
	"nfalg: discard: service-set s1 rule r1 term ping application junos-icmp-ping" \
	-- dmesg

# the application's inactivity timeout is the conversation's timeout
try udp $SRV4 5001 > /dev/null
t=$(ip netns exec "$RTR" conntrack -L -p udp --dport 5001 2> /dev/null |
	awk '{ print $3 }' | head -n 1)
ok "inactivity-timeout 777 in conntrack -L (got '$t')" -- \
	test -n "$t" -a "${t:-0}" -gt 700 -a "${t:-0}" -le 777

# an established connection is not classified again: the rule change
# affects new connections only
ok "rule replaced: web discarded" -- $R rule replace r1 \
	match-direction input term web from application junos-http then discard
check "TCP 80 now discarded" timeout "$(try tcp $SRV4 80)"
ok "hits restart with the replaced rule" -- test "$(hits r1 web)" -ge 1

ok "service set deleted" -- $R service-set del s1
check "no service set: TCP 8080 open again" open "$(try tcp $SRV4 8080)"

# global service set: both sides of the router fall under it, so an input
# term on the client side admits the connection
ok "global service set" -- $R -b - <<-EOF
	rule add r2 match-direction input term any from source-address 192.0.2.0/24 then accept
	service-set add g global rule r2
EOF
check "global: client to server open" open "$(try tcp $SRV4 8080)"
fails "global: server to client discarded" -- \
	ip netns exec "$SRV" ping -c 1 -W 1 -q $CLI4
ok "loopback never inspected" -- ip netns exec "$RTR" ping -c 1 -W 1 -q 127.0.0.1

# ICMP type and code of an application
icmp_echo() {
	ip netns exec "$CLI" $PY - "$SRV4" "$1" <<-'EOF'
	import sys
	from scapy.all import IP, ICMP, sr1
	r = sr1(IP(dst=sys.argv[1]) / ICMP(type=8, code=int(sys.argv[2]), id=4242),
	        timeout=2, verbose=0)
	print("reply" if r is not None and r.haslayer(ICMP) and r[ICMP].type == 0
	      else "none")
	EOF
}
ok "application with icmp-type 8 icmp-code 0" -- $R -b - <<-EOF
	application add echo0 protocol icmp icmp-type 8 icmp-code 0
	rule replace r2 match-direction input term e from application echo0 then accept
EOF
check "echo request code 0 matches: answered" reply "$(icmp_echo 0)"
check "echo request code 1 matches no term: discarded" none "$(icmp_echo 1)"
ok "flush" -- $R flush
finish
