#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The classifier (nfalg classify): first matching term wins, except
# prefixes, IPv4 and IPv6, direction, the IP ALG only when no more specific
# application matches (among IP ALG applications, rule and term order
# decides, not the protocol), global service-set, ICMP type, no match; then
# 1,000 applications and NFALG_BULK (10,000) rules in 20 service sets
# loaded in batch mode and the last rule's term found.
. "$(dirname "$0")/lib.sh"

nfalg_load || bail "cannot load nfalg"
N=$NFALG
jq_py() { python3 -c "import json,sys; d=json.load(sys.stdin); $1"; }
cls() { "$N" classify "$@"; }

ok "rule with the IP ALG" -- "$N" rule add r-ip match-direction input-output term any-ip application junos-ip then discard
ok "rule with prefixes" -- "$N" rule add r-first match-direction input term deny-host from source-address 192.0.2.66 then discard term web from source-address 192.0.2.0/24 source-address 192.0.2.128/25 except application junos-http then accept syslog term ftp application junos-ftp then accept
ok "IPv6 rule" -- "$N" rule add r-v6 match-direction input term v6 from source-address 2001:db8:1::/48 application-set junos-rpc-portmap application junos-dns-udp then reject
ok "output rule" -- "$N" rule add r-out match-direction output term all then reject
ok "ICMP rule" -- "$N" rule add r-icmp match-direction input term ping application junos-icmp-ping then accept
ok "service-set on veth0" -- "$N" service-set add ss1 interface veth0 rule r-ip rule r-first rule r-v6 rule r-out

check "a term without applications matches first" "service-set ss1 rule r-first term deny-host action discard" \
	"$(cls iface veth0 dir input from 192.0.2.66 to 198.51.100.1 proto tcp sport 40000 dport 80)"
check "application and prefix match" "service-set ss1 rule r-first term web application junos-http action accept syslog" \
	"$(cls iface veth0 dir input from 192.0.2.10 to 198.51.100.1 proto tcp sport 40000 dport 80)"
check "except prefix: falls through to the IP ALG" "service-set ss1 rule r-ip term any-ip application junos-ip alg ip action discard" \
	"$(cls iface veth0 dir input from 192.0.2.200 to 198.51.100.1 proto tcp sport 40000 dport 80)"
check "a more specific application wins over an earlier IP ALG" "service-set ss1 rule r-first term ftp application junos-ftp alg ftp action accept" \
	"$(cls iface veth0 dir input from 203.0.113.5 to 198.51.100.1 proto tcp sport 40000 dport 21)"
check "IPv6 through an application" "service-set ss1 rule r-v6 term v6 application junos-dns-udp alg dns action reject" \
	"$(cls iface veth0 dir input from 2001:db8:1::5 to 2001:db8:2::1 proto udp sport 5353 dport 53)"
check "IPv6 through a predefined application-set" "service-set ss1 rule r-v6 term v6 application junos-rpc-portmap-udp alg rpc action reject" \
	"$(cls iface veth0 dir input from 2001:db8:1::5 to 2001:db8:2::1 proto udp sport 5353 dport 111)"
check "IPv6 outside the prefix: IP ALG" "service-set ss1 rule r-ip term any-ip application junos-ip alg ip action discard" \
	"$(cls iface veth0 dir input from 2001:db8:9::5 to 2001:db8:2::1 proto udp sport 5353 dport 53)"
check "IPv4 prefixes do not match IPv6" "service-set ss1 rule r-ip term any-ip application junos-ip alg ip action discard" \
	"$(cls iface veth0 dir input from ::ffff:192.0.2.66 to 2001:db8:2::1 proto tcp dport 22)"
check "output direction" "service-set ss1 rule r-out term all action reject" \
	"$(cls iface veth0 dir output from 198.51.100.1 to 192.0.2.10 proto tcp sport 80 dport 40000)"
# IP ALG applications rank by rule and term order alone, whatever their
# protocol: here the tcp one comes first and wins, then the other way round
ok "IP ALG application for tcp" -- "$N" application add ip-tcp protocol tcp application-protocol ip
ok "rule: tcp IP ALG term, then junos-ip" -- "$N" rule add r-ipo match-direction input term t-tcp application ip-tcp then accept term t-any application junos-ip then discard
ok "service-set on veth7" -- "$N" service-set add ss-ipo interface veth7 rule r-ipo
check "IP ALG: the first term wins (tcp application)" "service-set ss-ipo rule r-ipo term t-tcp application ip-tcp alg ip action accept" \
	"$(cls iface veth7 dir input from 192.0.2.1 to 198.51.100.1 proto tcp sport 40000 dport 22)"
ok "rule: junos-ip term, then the tcp one" -- "$N" rule replace r-ipo match-direction input term t-any application junos-ip then discard term t-tcp application ip-tcp then accept
check "IP ALG: the first term wins (junos-ip)" "service-set ss-ipo rule r-ipo term t-any application junos-ip alg ip action discard" \
	"$(cls iface veth7 dir input from 192.0.2.1 to 198.51.100.1 proto tcp sport 40000 dport 22)"
check "no service-set for the interface" "no match" \
	"$(cls iface veth1 dir input from 192.0.2.10 to 198.51.100.1 proto tcp dport 80)"
check "JSON" "True ss1 r-first web junos-http None accept True" \
	"$("$N" -j classify iface veth0 dir input from 192.0.2.10 to 198.51.100.1 proto tcp dport 80 | jq_py 'print(d["match"], d["service_set"], d["rule"], d["term"], d["application"], d["alg"], d["action"], d["syslog"])')"
check "JSON without a match" "False" \
	"$("$N" -j classify iface veth1 dir input from 192.0.2.10 to 198.51.100.1 proto tcp dport 80 | jq_py 'print(d["match"])')"

ok "global service-set" -- "$N" service-set add ss-g global rule r-first rule r-icmp
check "global set for other interfaces" "service-set ss-g rule r-first term web application junos-http action accept syslog" \
	"$(cls iface eth7 dir input from 192.0.2.10 to 198.51.100.1 proto tcp dport 80)"
check "ICMP type matches" "service-set ss-g rule r-icmp term ping application junos-icmp-ping alg icmp action accept" \
	"$(cls iface eth7 dir input from 203.0.113.1 to 198.51.100.1 proto icmp icmp-type 8)"
check "other ICMP type: no match" "no match" \
	"$(cls iface eth7 dir input from 203.0.113.1 to 198.51.100.1 proto icmp icmp-type 0)"
ok "replace changes the order" -- "$N" rule replace r-first match-direction input term ftp application junos-ftp then reject
check "the lookup follows the change" "service-set ss1 rule r-first term ftp application junos-ftp alg ftp action reject" \
	"$(cls iface veth0 dir input from 192.0.2.66 to 198.51.100.1 proto tcp dport 21)"
expect_output "mixed families refused" "from and to must be of the same family" -- "$N" classify iface veth0 dir input from 192.0.2.1 to 2001:db8::1 proto tcp
netns_add cls-a
check "another netns has no service-set" "no match" \
	"$(ip netns exec cls-a "$N" classify iface veth0 dir input from 192.0.2.10 to 198.51.100.1 proto tcp dport 21)"

# 1,000 applications and NFALG_BULK (default 10,000) rules in 20 service
# sets, one batch
ok "flush" -- "$N" flush
b=$(mktemp); defer "rm -f $b"
python3 -c '
import sys
n = int(sys.argv[1])
for i in range(1000):
    print("application add app-%04d protocol tcp destination-port %d" % (i, 10000 + i))
for i in range(n):
    print("rule add bulk-%05d match-direction input term t%d from destination-address 10.%d.%d.0/24 application app-%04d then accept" % (i, i, i // 256, i % 256, i % 1000))
per = n // 20
for s in range(20):
    print("service-set add ss-bulk%02d interface bulk%02d " % (s, s) + " ".join("rule bulk-%05d" % i for i in range(s * per, s * per + per)))
' "$NFALG_BULK" > "$b"
t0=$(date +%s%N)
ok "load 1,000 applications, $NFALG_BULK rules, 20 service-sets" -- "$N" -b "$b"
t1=$(date +%s%N)
log "loading took $(( (t1 - t0) / 1000000 )) ms"
check "$NFALG_BULK rules" "$NFALG_BULK" "$("$N" rule show | wc -l)"
# the last rule: in the last service set, on application app-0999 (port 10999)
l=$((NFALG_BULK - 1))
check "the last rule's term is found" \
	"$(printf 'service-set ss-bulk19 rule bulk-%05d term t%d application app-%04d action accept' $l $l $((l % 1000)))" \
	"$(cls iface bulk19 dir input from 192.0.2.1 to 10.$((l / 256)).$((l % 256)).9 proto tcp dport $((10000 + l % 1000)))"
check "a neighbour address does not match it" "no match" \
	"$(cls iface bulk19 dir input from 192.0.2.1 to 10.$(((l + 1) / 256)).$(((l + 1) % 256)).9 proto tcp dport $((10000 + l % 1000)))"
finish
