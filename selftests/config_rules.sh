#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Stateful firewall rules and service sets: round trips (text and JSON),
# rejected requests leave the configuration unchanged, references to
# applications, sets and rules are checked both ways, per-netns isolation,
# batch mode.
. "$(dirname "$0")/lib.sh"

nfalg_load || bail "cannot load nfalg"
N=$NFALG
jq_py() { python3 -c "import json,sys; d=json.load(sys.stdin); $1"; }

# round trips
ok "application for the rules" -- "$N" application add my-web protocol tcp destination-port 8080
ok "application-set for the rules" -- "$N" application-set add web-set junos-http junos-https
ok "rule with every kind of match" -- "$N" rule add r1 match-direction input term t1 from source-address 192.0.2.0/24 source-address 192.0.2.128/25 except destination-address 2001:db8::/32 application junos-ftp application my-web application-set web-set then accept syslog term t2 then discard
ok "rule with an output direction" -- "$N" rule add r2 match-direction output term only from destination-address 198.51.100.7 then reject
ok "rule matching both directions" -- "$N" rule add r3 match-direction input-output term any then accept
check "text round trip" "r1 match-direction input term t1 from source-address 192.0.2.0/24 source-address 192.0.2.128/25 except destination-address 2001:db8::/32 application junos-ftp application my-web application-set web-set then accept syslog term t2 from then discard
r2 match-direction output term only from destination-address 198.51.100.7/32 then reject
r3 match-direction input-output term any from then accept" "$("$N" rule show)"
check "JSON round trip" "input t1 192.0.2.128/25 True ['junos-ftp', 'my-web'] ['web-set'] accept True t2 discard False" \
	"$("$N" -j rule show r1 | jq_py 'r=d[0]; t=r["terms"]; print(r["match_direction"], t[0]["name"], t[0]["source"][1]["prefix"], t[0]["source"][1]["except"], t[0]["applications"], t[0]["application_sets"], t[0]["action"], t[0]["syslog"], t[1]["name"], t[1]["action"], t[1]["syslog"])')"
ok "replace a rule" -- "$N" rule replace r3 match-direction input term any then discard
expect_output "replaced rule shows the new action" '^r3 match-direction input term any from then discard$' -- "$N" rule show r3

ok "service-set on interfaces" -- "$N" service-set add ss1 interface lo interface dummy0 rule r1 rule r2
ok "global service-set" -- "$N" service-set add ss-all global rule r3
check "service-set text round trip" "ss-all global rule r3
ss1 interface lo interface dummy0 rule r1 rule r2" "$("$N" service-set show)"
check "service-set JSON round trip" "ss1 False ['lo', 'dummy0'] ['r1', 'r2']" \
	"$("$N" -j service-set show ss1 | jq_py 's=d[0]; print(s["name"], s["global"], s["interfaces"], s["rules"])')"

# rejected requests: message, exit status 1, nothing changed
gen() { "$N" -j status | jq_py 'print(d["generation"])'; }
snap() { "$N" -j rule show; "$N" -j service-set show; "$N" -j application show; "$N" -j application-set show; }
before=$(snap)
g0=$(gen)
reject "duplicate rule" "rule 'r1': rule exists" "$N" rule add r1 match-direction input term t then accept
reject "missing application" "rule 'x': nope: no such application$" "$N" rule add x match-direction input term t application nope then accept
reject "set named as application" "web-set: no such application$" "$N" rule add x match-direction input term t application web-set then accept
reject "missing application-set" "nope: no such application-set" "$N" rule add x match-direction input term t application-set nope then accept
reject "duplicate term" "t: duplicate term name" "$N" rule add x match-direction input term t then accept term t then discard
reject "host bits set" "192.0.2.1/24: address has bits set beyond the prefix length" "$N" rule add x match-direction input term t from source-address 192.0.2.1/24 then accept
reject "duplicate prefix" "duplicate prefix" "$N" rule add x match-direction input term t from source-address 192.0.2.0/24 source-address 192.0.2.0/24 except then accept
reject "no action" "term needs an action" "$N" rule add x match-direction input term t from source-address 192.0.2.0/24
reject "no direction" "rule needs a match-direction" "$N" rule add x term t then accept
reject "no term" "rule needs at least one term" "$N" rule add x match-direction input
reject "too many terms" "too many terms \(limit 16\)" "$N" rule add x match-direction input $(for i in $(seq 17); do echo "term t$i then accept"; done)
reject "too many prefixes" "a prefix list has 1..16 prefixes" "$N" rule add x match-direction input term t from $(for i in $(seq 17); do echo "source-address 10.0.$i.0/24"; done) then accept
reject "bad rule name" "bad name" "$N" rule add -x match-direction input term t then accept
reject "bad term name" "bad term name" "$N" rule add x match-direction input term -t then accept
reject "delete missing rule" "rule 'nope': no such rule" "$N" rule del nope
reject "service-set with missing rule" "nope: no such rule" "$N" service-set add x interface lo rule nope
reject "service-set with duplicate rule" "r1: duplicate rule" "$N" service-set add x interface eth9 rule r1 rule r1
reject "service-set without rules" "service-set needs at least one rule" "$N" service-set add x interface lo
reject "service-set without interface or global" "either interfaces or global" "$N" service-set add x rule r1
reject "service-set with both" "either interfaces or global" "$N" service-set add x global interface eth9 rule r1
reject "interface already bound" "lo: interface is bound to another service-set" "$N" service-set add x interface lo rule r1
reject "second global service-set" "another service-set is global" "$N" service-set add x global rule r1
reject "bad interface name" "a/b: bad interface name" "$N" service-set add x interface a/b rule r1
reject "interface name too long" "0123456789abcdef" "$N" service-set add x interface 0123456789abcdef rule r1
reject "duplicate service-set" "service-set 'ss1': service-set exists" "$N" service-set add ss1 interface eth9 rule r1
reject "delete an application in use" "application 'my-web': application is used by a rule" "$N" application del my-web
reject "delete a set in use" "application-set 'web-set': application-set is used by a rule" "$N" application-set del web-set
reject "delete a rule in use" "rule 'r1': rule is used by a service-set" "$N" rule del r1
check "rejected requests left the configuration" "$before" "$(snap)"
check "rejected requests left the generation" "$g0" "$(gen)"
"$N" rule add x match-direction sideways term t then accept 2> /dev/null
check "bad direction: usage error" 2 $?
"$N" rule add x match-direction input term t from source-address 300.0.0.0/8 then accept 2> /dev/null
check "unparsable prefix: usage error" 2 $?

# replacing keeps references valid; deleting in order works
ok "replace a service-set" -- "$N" service-set replace ss1 interface dummy0 rule r2
ok "r1 is free now" -- "$N" rule del r1
ok "my-web is free now" -- "$N" application del my-web

# per-netns isolation
netns_add rules-a
expect_output "another netns does not see r2" "no rule 'r2'" -- ip netns exec rules-a "$N" rule show r2
ok "another netns may define its own r2" -- ip netns exec rules-a "$N" rule add r2 match-direction input term t then accept
expect_output "ours is unchanged" '^r2 match-direction output ' -- "$N" rule show r2
ok "flush in the other netns" -- ip netns exec rules-a "$N" flush
ok "ours survives the other flush" -- "$N" service-set show ss1

# batch mode: one process, one command per line; a failing line is named
b=$(mktemp); defer "rm -f $b"
printf '%s\n' '# comment' 'rule add b1 match-direction input term t then accept' '' \
	'rule add b2 match-direction input term t application nope then accept' \
	'rule add b3 match-direction input term t then accept' > "$b"
expect_output "batch names the failing line" "^nfalg: $b:4: command failed$" -- "$N" -b "$b"
expect_output "batch ran the lines before it" '^b1 ' -- "$N" rule show b1
expect_output "batch stopped at the failing line" "no rule 'b3'" -- "$N" rule show b3

# NFALG_BULK (default 10,000) rules in one batch (the load time is logged,
# not asserted)
"$N" flush
python3 -c '
import sys
for i in range(int(sys.argv[1])):
    print("rule add bulk-%05d match-direction input term t%d from source-address 10.%d.%d.0/24 destination-address 2001:db8:%x::/48 except application junos-ftp then accept" % (i, i, i // 256, i % 256, i))
' "$NFALG_BULK" > "$b"
t0=$(date +%s%N)
ok "load $NFALG_BULK rules in batch mode" -- "$N" -b "$b"
t1=$(date +%s%N)
log "loading $NFALG_BULK rules took $(( (t1 - t0) / 1000000 )) ms"
check "$NFALG_BULK rules listed" "$NFALG_BULK" "$("$N" rule show | wc -l)"
l=$((NFALG_BULK - 1))
expect_output "the last rule round trip" \
	"$(printf '^bulk-%05d match-direction input term t%d from source-address 10.%d.%d.0/24 destination-address 2001:db8:%x::/48 except application junos-ftp then accept$' \
	$l $l $((l / 256)) $((l % 256)) $l)" -- "$N" rule show "$(printf bulk-%05d $l)"

# flush removes rules and service-sets
ok "flush" -- "$N" flush
check "flush removed every rule and service-set" "" "$("$N" rule show; "$N" service-set show)"
finish
