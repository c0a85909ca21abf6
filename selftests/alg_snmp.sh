#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# SNMP ALG with net-snmp on both sides, through a masquerading router
# (NAPT44 and NAT66) whose service set admits only the predefined
# junos-snmp-get, junos-snmp-get-next and junos-snmp-trap applications.
# The client reads the server's agent (snmpget, snmpgetnext, snmpbulkget;
# v1, v2c, and v3 with encryption) over IPv4 and IPv6; its snmpset is
# dropped and counted, and the value stays; a malformed message is
# dropped before the agent sees it.  Traps and an inform reach the
# server's snmptrapd, and a v1 Trap's agent-addr naming the client is
# translated to the router's address.  Without the ALG module the same
# set goes through.  Plain nftables ("ct helper" nfalg-snmp, no nfalg
# rules): reads pass, sets do not, also to the agent published by DNAT
# (IPv4 and IPv6).  The paths lane (NFALG_PATHS=1) leaves out the v1,
# get-next, get-bulk and v3 reads, the set over IPv6, the v2c trap and the
# inform, the snmp-command set application and the sets refused through
# the nft helper (each refused set waits for the client's timeouts).
#
# fixture: router
. "$(dirname "$0")/lib.sh"
PEERS=/opt/nfalg/peers
SNMPD=$PEERS/snmpd/usr/sbin/snmpd
TRAPD=$PEERS/snmptrapd/usr/sbin/snmptrapd
require_cmd snmpget snmpset snmptrap nft conntrack
[ -x "$SNMPD" ] && [ -x "$TRAPD" ] || skip "net-snmp peers not unpacked (make deps)"
PY=/usr/bin/python3
export MIBS= MIBDIRS=/nonexistent

topo_router || bail "topology failed"
nfalg_load || bail "cannot load nfalg"
nfalg_insmod nfalg_snmp || bail "cannot load nfalg_snmp"

dir=$(mktemp -d)
defer rm -rf "$dir"
mkdir -p "$dir/persist"
chmod 755 "$dir"
export SNMP_PERSISTENT_DIR=$dir/persist

cat > "$dir/snmpd.conf" <<CONF
agentAddress udp:0.0.0.0:161,udp6:[::]:161
rocommunity public default
rocommunity6 public default
rwcommunity private default
rwcommunity6 private default
createUser nfalg SHA authpass12 AES privpass12
rouser nfalg priv
CONF
cat > "$dir/trapd.conf" <<CONF
snmpTrapdAddr udp:0.0.0.0:162,udp6:[::]:162
disableAuthorization yes
CONF
ip netns exec "$SRV" "$SNMPD" -f -C -c "$dir/snmpd.conf" -Lf "$dir/snmpd.log" \
	-p "$dir/snmpd.pid" > /dev/null 2>&1 &
defer kill $!
ip netns exec "$SRV" "$TRAPD" -f -n -C -c "$dir/trapd.conf" -Lf "$dir/trapd.log" \
	-p "$dir/trapd.pid" -F '%a %b %N %v\n' > /dev/null 2>&1 &
defer kill $!
for _ in $(seq 50); do
	ip netns exec "$SRV" ss -Hlun 'sport = :161' | grep -q . &&
		ip netns exec "$SRV" ss -Hlun 'sport = :162' | grep -q . && break
	sleep 0.2
done

# The router: masquerade toward the server, forwarding left to nfalg.
ip netns exec "$RTR" nft -f - <<NFT || bail "router ruleset"
table inet nat {
	chain post {
		type nat hook postrouting priority 100;
		oifname eth0s masquerade
	}
}
NFT
# The server counts what reaches its agent: 19-byte messages (the
# malformed one below) apart.
ip netns exec "$SRV" nft -f - <<NFT || bail "server ruleset"
table inet count {
	chain in {
		type filter hook input priority 0;
		udp dport 161 udp length 27 counter name odd
		udp dport 161 counter name agent
	}
	counter odd { }
	counter agent { }
}
NFT
srv_count() {
	ip netns exec "$SRV" nft -j list counter inet count "$1" |
		$PY -c 'import json,sys
for o in json.load(sys.stdin)["nftables"]:
    if "counter" in o: print(o["counter"]["packets"])'
}

R="ip netns exec $RTR $NFALG"
T=$(tscale 2)
# snmp TOOL ARGS...: run a net-snmp tool from the client
snmp() {
	local tool=$1
	shift
	ip netns exec "$CLI" "$tool" -m '' -On -t "$T" -r 1 "$@" 2>&1
}
contact() {	# contact ADDR: the agent's sysContact.0, as read by the client
	snmp snmpget -v2c -c public "$1" 1.3.6.1.2.1.1.4.0 | sed -n 's/.*STRING: //p'
}

# sysContact.0: writable (not set in snmpd.conf), read before any rule
orig=$(contact "$SRV4")
check "the client reads sysContact.0 with no rule" 1 $((${#orig} > 2))

ok "rules: junos-snmp-get, junos-snmp-get-next, junos-snmp-trap" -- $R -b - <<-EOF
	rule add snmp match-direction input term t from application junos-snmp-get application junos-snmp-get-next application junos-snmp-trap then accept
	service-set add s interface eth0c rule snmp
EOF

# reads, v4 and v6
expect_output "v2c get through NAPT44" '^\.1\.3\.6\.1\.2\.1\.1\.4\.0 = STRING: ' -- \
	snmp snmpget -v2c -c public "$SRV4" 1.3.6.1.2.1.1.4.0
if full "the v1, get-next and get-bulk reads"; then
	expect_output "v1 get" 'STRING: ' -- \
		snmp snmpget -v1 -c public "$SRV4" 1.3.6.1.2.1.1.4.0
	expect_output "v2c get-next (the term's second application)" '^\.1\.3\.6\.1\.2\.1\.1\.5\.0 = ' -- \
		snmp snmpgetnext -v2c -c public "$SRV4" 1.3.6.1.2.1.1.4.0
	expect_output "v2c get-bulk (a get-next)" '^\.1\.3\.6\.1\.2\.1\.1\.2\.0 = OID' -- \
		snmp snmpbulkget -v2c -c public -Cr3 "$SRV4" 1.3.6.1.2.1.1
fi
expect_output "v2c get over NAT66" 'STRING: ' -- \
	snmp snmpget -v2c -c public "udp6:[$SRV6]" 1.3.6.1.2.1.1.4.0
expect_output "conversation carries helper nfalg-snmp" \
	"dport=161 .*helper=nfalg-snmp" -- ip netns exec "$RTR" conntrack -L -p udp
if full "the v3 encrypted read"; then
	enc0=$(counter snmp_encrypted)
	expect_output "v3 authPriv get (encrypted PDU passes)" 'STRING: ' -- \
		snmp snmpget -v3 -l authPriv -u nfalg -a SHA -A authpass12 -x AES \
		-X privpass12 "$SRV4" 1.3.6.1.2.1.1.4.0
	enc1=$(counter snmp_encrypted)
	ok "encrypted PDUs counted ($enc0 -> $enc1)" -- test "$enc1" -ge $((enc0 + 2))
fi

# sets: dropped, counted, value unchanged
den0=$(counter snmp_denied)
agent0=$(srv_count agent)
fails "v2c set is dropped (no answer)" -- \
	snmp snmpset -v2c -c private "$SRV4" 1.3.6.1.2.1.1.4.0 s changed
sets=1
if full "the set over IPv6"; then
	fails "v6 set is dropped" -- \
		snmp snmpset -v2c -c private "udp6:[$SRV6]" 1.3.6.1.2.1.1.4.0 s changed
	sets=2
fi
check "sets never reached the agent" "$agent0" "$(srv_count agent)"
check "denied sets counted ($sets x 2 tries)" $((den0 + 2 * sets)) \
	"$(counter snmp_denied)"
check "the value is unchanged" "$orig" "$(contact "$SRV4")"
expect_output "drop logged with the anomaly" \
	'nfalg: snmp-pdu-type-not-allowed: dropped proto 17' -- dmesg

# malformed: dropped before the agent
mal0=$(counter snmp_malformed)
ip netns exec "$CLI" $PY -c 'import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.sendto(b"\x30\x13\x02\x01\x01\x04\x06public\xa0\x80\x00\x00\x00\x00", (sys.argv[1], 161))' "$SRV4"
sleep 1
check "malformed message counted" $((mal0 + 1)) "$(counter snmp_malformed)"
check "malformed message did not reach the agent" 0 "$(srv_count odd)"

# notifications to the manager: v1 Trap (agent-addr translated), v2c
# trap, inform (needs its Response back)
aa0=$(counter snmp_agent_addr_rewrites)
ok "v1 trap sent" -- snmp snmptrap -v1 -c public "$SRV4:162" 1.3.6.1.4.1.8072 \
	"$CLI4" 6 1 '' 1.3.6.1.4.1.8072.2.3.2.1 i 41
v2=
if full "the v2c trap and the inform"; then
	ok "v2c trap sent" -- snmp snmptrap -v2c -c public "$SRV4:162" '' \
		1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 i 42
	ok "v2c inform answered" -- snmp snmpinform -v2c -c public "$SRV4:162" '' \
		1.3.6.1.4.1.8072.2.3.0.1 1.3.6.1.4.1.8072.2.3.2.1 i 43
	v2=1
fi
sleep 1
expect_output "v1 trap: agent-addr is the router's address" \
	"^$RTR4S .*INTEGER: 41" -- cat "$dir/trapd.log"
check "agent-addr translation counted" $((aa0 + 1)) "$(counter snmp_agent_addr_rewrites)"
if [ -n "$v2" ]; then
	expect_output "v2c trap received" "INTEGER: 42" -- cat "$dir/trapd.log"
	expect_output "inform received" "INTEGER: 43" -- cat "$dir/trapd.log"
fi
fails "the client's own address never reached the manager" -- \
	grep -q "$CLI4" "$dir/trapd.log"

# an application with snmp-command set, added to the term
app=
if full "the snmp-command set application"; then
	ok "term with an snmp-command set application" -- $R -b - <<-EOF
		application add snmp-set protocol udp destination-port 161 application-protocol snmp snmp-command set
		rule replace snmp match-direction input term t from application junos-snmp-get application junos-snmp-get-next application junos-snmp-trap application snmp-set then accept
	EOF
	app=snmp-set
	ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
	expect_output "snmp-command set: the set goes through" 'STRING: "?changed' -- \
		snmp snmpset -v2c -c private "$SRV4" 1.3.6.1.2.1.1.4.0 s changed
	check "snmp-command set: the value changed" '"changed"' "$(contact "$SRV4")"
	ok "term without it again" -- $R rule replace snmp match-direction input \
		term t from application junos-snmp-get application junos-snmp-get-next \
		application junos-snmp-trap then accept
	ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
	fails "set dropped again" -- \
		snmp snmpset -v2c -c private "$SRV4" 1.3.6.1.2.1.1.4.0 s unguarded
fi

# without the ALG module, the term admits the set
ok "rmmod nfalg_snmp" -- rmmod nfalg_snmp
ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
expect_output "no ALG: the set goes through" 'STRING: "?unguarded' -- \
	snmp snmpset -v2c -c private "$SRV4" 1.3.6.1.2.1.1.4.0 s unguarded
check "no ALG: the value changed" '"unguarded"' "$(contact "$SRV4")"

# plain nftables: the helper by name, no nfalg rules
ok "service set, rule${app:+ and application} removed" -- $R -b - <<-EOF
	service-set del s
	rule del snmp
	${app:+application del $app}
EOF
ok "nfalg_snmp loaded again" -- nfalg_insmod nfalg_snmp
ok "nft ct helper nfalg-snmp on udp 161" -- ip netns exec "$RTR" nft -f - <<NFT
table inet h {
	ct helper snmp { type "nfalg-snmp" protocol udp; l3proto inet; }
	chain pre {
		type filter hook prerouting priority 0;
		udp dport 161 ct state new ct helper set "snmp"
	}
}
NFT
ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
den0=$(counter snmp_denied)
expect_output "nft helper: get passes" 'STRING: "?unguarded' -- \
	snmp snmpget -v2c -c public "$SRV4" 1.3.6.1.2.1.1.4.0
if full "the set refused through the nft helper"; then
	fails "nft helper: set is dropped" -- \
		snmp snmpset -v2c -c private "$SRV4" 1.3.6.1.2.1.1.4.0 s again
	check "nft helper: denied set counted" $((den0 + 2)) "$(counter snmp_denied)"
	check "nft helper: the value stays" '"unguarded"' "$(contact "$SRV4")"
fi

# Port forwarding instead of masquerade: the agent published on the
# router's client-side addresses by DNAT; the ALG judges the same
ok "router: DNAT to the agent, no masquerade" -- ip netns exec "$RTR" nft -f - <<NFT
delete table inet nat
table inet d {
	chain pre {
		type nat hook prerouting priority -100;
		iifname eth0c ip daddr $RTR4C udp dport 161 dnat ip to $SRV4
		iifname eth0c ip6 daddr $RTR6C udp dport 161 dnat ip6 to $SRV6
	}
}
NFT
ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
den0=$(counter snmp_denied)
expect_output "DNAT v4: get passes" 'STRING: "?unguarded' -- \
	snmp snmpget -v2c -c public "$RTR4C" 1.3.6.1.2.1.1.4.0
expect_output "DNAT v6: get passes" 'STRING: "?unguarded' -- \
	snmp snmpget -v2c -c public "udp6:[$RTR6C]" 1.3.6.1.2.1.1.4.0
if full "the sets refused through DNAT"; then
	fails "DNAT v4: set is dropped" -- \
		snmp snmpset -v2c -c private "$RTR4C" 1.3.6.1.2.1.1.4.0 s again
	fails "DNAT v6: set is dropped" -- \
		snmp snmpset -v2c -c private "udp6:[$RTR6C]" 1.3.6.1.2.1.1.4.0 s again
	check "DNAT: denied sets counted" $((den0 + 4)) "$(counter snmp_denied)"
	check "DNAT: the value stays" '"unguarded"' "$(contact "$SRV4")"
fi
finish
