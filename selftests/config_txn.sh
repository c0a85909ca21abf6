#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Atomic configuration loads (nfalg -f FILE) and show config: a round trip
# through a file is identical, a failing line in the middle leaves the
# running configuration byte-identical and is named with the kernel's
# message, another socket's open transaction locks changes out until its
# socket closes, service sets of thousands of rules, RPC program number
# lists (shown and classified), 10,000 rules loaded from one file (the load
# time is logged, not asserted).
. "$(dirname "$0")/lib.sh"

nfalg_load || bail "cannot load nfalg"
N=$NFALG
here=$(cd "$(dirname "$0")" && pwd)
d=$(mktemp -d); defer "rm -rf $d"
gen() { "$N" -j status | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])'; }

# a configuration with every kind of object, an override and nested sets
cat > "$d/a.conf" <<'EOF'
# applications first, then sets, rules, service sets
application my-ftp protocol tcp destination-port 2121 application-protocol ftp inactivity-timeout 600
application my-rpc protocol udp destination-port 111 application-protocol rpc rpc-program-number 100003,100005-100010
application junos-ftp protocol tcp destination-port 2021 application-protocol ftp
application-set z-inner my-ftp junos-tftp
application-set a-outer z-inner my-rpc
rule r1 match-direction input term t1 from source-address 192.0.2.0/24 source-address 192.0.2.128/25 except application-set a-outer then accept syslog term t2 from then discard
rule r2 match-direction output term t from destination-address 2001:db8::/32 application junos-ftp then reject
service-set ss1 interface eth0c interface eth0s rule r1 rule r2
service-set ss2 global rule r2
EOF
ok "load a configuration file" -- "$N" -f "$d/a.conf"
"$N" show config > "$d/shown"
check "show config: the file's objects in the file format" "application junos-ftp protocol tcp destination-port 2021 application-protocol ftp
application my-ftp protocol tcp destination-port 2121 application-protocol ftp inactivity-timeout 600
application my-rpc protocol udp destination-port 111 application-protocol rpc rpc-program-number 100003,100005-100010
application-set z-inner my-ftp junos-tftp
application-set a-outer z-inner my-rpc
rule r1 match-direction input term t1 from source-address 192.0.2.0/24 source-address 192.0.2.128/25 except application-set a-outer then accept syslog term t2 from then discard
rule r2 match-direction output term t from destination-address 2001:db8::/32 application junos-ftp then reject
service-set ss1 interface eth0c interface eth0s rule r1 rule r2
service-set ss2 global rule r2" "$(cat "$d/shown")"
ok "flush" -- "$N" flush
check "flushed" "" "$("$N" show config)"
ok "load what show config printed" -- "$N" -f "$d/shown"
check "round trip: show config again identical" "$(cat "$d/shown")" "$("$N" show config)"
check "show config -j lists every kind" "2 2 2 2" "$("$N" -j show config | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(len(d["application_sets"]), len(d["rules"]), len(d["service_sets"]), len(d["applications"]) - 1)')"

# -f replaces: objects not in the file go
printf '%s\n' 'application only-one protocol tcp destination-port 1' > "$d/b.conf"
ok "load a smaller file" -- "$N" -f "$d/b.conf"
check "the file replaced the whole configuration" "application only-one protocol tcp destination-port 1" "$("$N" show config)"
ok "back to the big one" -- "$N" -f "$d/shown"

# a failing line in the middle: nothing changes, the line is named
snap() { "$N" show config; "$N" -j rule show; "$N" -j service-set show; gen; }
before=$(snap)
{
	head -n 4 "$d/shown"
	echo 'rule bad match-direction input term t application nope then accept'
	tail -n +5 "$d/shown"
} > "$d/bad.conf"
expect_output "the error names FILE:LINE and the kernel's message" \
	"^nfalg: $d/bad.conf:5: rule 'bad': nope: no such application$" -- "$N" -f "$d/bad.conf"
expect_output "and says nothing changed" "not loaded, the configuration is unchanged" -- "$N" -f "$d/bad.conf"
"$N" -f "$d/bad.conf" 2> /dev/null
check "exit status 1" 1 $?
check "running configuration byte-identical, generation unchanged" "$before" "$(snap)"
printf '%s\n' 'application x protocol tcp' 'gadget y' > "$d/word.conf"
expect_output "an unknown object is a usage error naming the line" \
	"^nfalg: $d/word.conf:2: unknown object 'gadget'" -- "$N" -f "$d/word.conf"
check "usage error: nothing changed" "$before" "$(snap)"
expect_output "a missing file" "nope.conf: No such file" -- "$N" -f "$d/nope.conf"

# another socket holds a transaction: changes are refused until it closes
fifo=$d/hold; mkfifo "$fifo"
python3 - "$here" "$fifo" > "$d/holder.log" 2>&1 <<'EOF' &
import sys
sys.path.insert(0, sys.argv[1])
import config_malformed as m
g = m.Genl()
g.request(m.CMD_BEGIN)
g.request(m.CMD_NEW_APP, m.app(m.s(m.APP_NAME, "held"), m.u8(m.APP_PROTOCOL, 6)))
print("open", flush=True)
open(sys.argv[2]).read()     # until the test writes to the fifo
EOF
holder=$!
for _ in $(seq 100); do grep -q open "$d/holder.log" && break; sleep 0.1; done
reject "a change while another socket's transaction is open" \
	"configuration locked: another socket has a transaction open" \
	"$N" application add blocked protocol tcp
expect_output "a whole-file load is refused too" \
	"$d/shown: begin: configuration locked" -- "$N" -f "$d/shown"
check "the other transaction is not visible" "$before" "$(snap)"
echo done > "$fifo"; wait $holder
ok "after its socket closed, changes work" -- "$N" application add unblocked protocol tcp
fails "and the held change was discarded" -- "$N" application show held
ok "delete" -- "$N" application del unblocked

# service sets of more rules than one netlink attribute holds
python3 -c '
print("application-set web junos-http junos-https")
for i in range(2500):
    print("rule big-%04d match-direction input term t from destination-address 10.%d.%d.0/24 application-set web then accept" % (i, i // 256, i % 256))
print("service-set big interface eth0s " + " ".join("rule big-%04d" % i for i in range(2500)))
' > "$d/big.conf"
ok "a service-set of 2,500 rules loads" -- "$N" -f "$d/big.conf"
check "all 2,500 rules are in it, in order" "2500 big-0000 big-2499" \
	"$("$N" -j service-set show big | python3 -c 'import json,sys; r=json.load(sys.stdin)[0]["rules"]; print(len(r), r[0], r[-1])')"
expect_output "the last rule classifies" "^service-set big rule big-2499 term t application junos-https " -- \
	"$N" classify iface eth0s dir input from 198.51.100.1 to 10.9.195.7 proto tcp dport 443
ok "one command with 2,500 rules (several messages, one transaction)" -- \
	"$N" service-set add big2 interface eth9 $(for i in $(seq 0 2499); do printf 'rule big-%04d ' "$i"; done)
check "its rules" 2500 "$("$N" -j service-set show big2 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[0]["rules"]))')"
"$N" show config > "$d/big.shown"
ok "flush" -- "$N" flush
ok "reload it" -- "$N" -f "$d/big.shown"
check "big round trip identical" "$(cat "$d/big.shown")" "$("$N" show config)"

# RPC program number lists: shown, classified, old single range still read
ok "rpc list" -- "$N" application replace my-rpc protocol udp destination-port 111 application-protocol rpc rpc-program-number 100003 rpc-program-number 100005-100010
expect_output "shown as one list" "^my-rpc protocol udp destination-port 111 application-protocol rpc rpc-program-number 100003,100005-100010$" -- "$N" application show my-rpc
check "JSON: every range" "[{'low': 100003, 'high': 100003}, {'low': 100005, 'high': 100010}]" \
	"$("$N" -j application show my-rpc | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["rpc_program_number"])')"
reject "overlapping ranges" "rpc-program-number 100004-100006: rpc-program-number ranges overlap" \
	"$N" application add r2 protocol udp application-protocol rpc rpc-program-number 100003-100005,100004-100006
ok "rule and service-set for rpc" -- "$N" rule add rpc-r match-direction input term t application my-rpc then accept
ok "service-set" -- "$N" service-set add rpc-ss interface rpc0 rule rpc-r
expect_output "program in the second range matches" "^service-set rpc-ss rule rpc-r term t application my-rpc alg rpc" -- \
	"$N" classify iface rpc0 dir input from 192.0.2.1 to 192.0.2.2 proto udp dport 111 rpc-program 100007
expect_output "program outside every range does not" "^no match$" -- \
	"$N" classify iface rpc0 dir input from 192.0.2.1 to 192.0.2.2 proto udp dport 111 rpc-program 100004
expect_output "without a program number the ranges are not compared" "application my-rpc" -- \
	"$N" classify iface rpc0 dir input from 192.0.2.1 to 192.0.2.2 proto udp dport 111

# 10,000 rules from one file (the time is logged, not asserted)
python3 -c '
for i in range(10000):
    print("rule bulk-%05d match-direction input term t%d from source-address 10.%d.%d.0/24 application junos-ftp then accept" % (i, i, i // 256, i % 256))
print("service-set bulk global " + " ".join("rule bulk-%05d" % i for i in range(10000)))
' > "$d/bulk.conf"
t0=$(date +%s%N)
ok "load 10,000 rules and a service-set of all of them from one file" -- "$N" -f "$d/bulk.conf"
t1=$(date +%s%N)
log "loading 10,000 rules with nfalg -f took $(( (t1 - t0) / 1000000 )) ms"
check "10,000 rules listed" 10000 "$("$N" rule show | wc -l)"
expect_output "rule 9999 classifies through the global set" "^service-set bulk rule bulk-09999 term t9999 application junos-ftp" -- \
	"$N" classify iface any0 dir input from 10.39.15.9 to 192.0.2.1 proto tcp dport 21
ok "flush" -- "$N" flush
finish
