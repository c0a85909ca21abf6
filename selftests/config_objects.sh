#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Applications and application sets: round trips of every attribute,
# override and restore of a predefined application, set references and
# cycles, rejected requests leave the configuration unchanged, flush,
# per-netns isolation, and a set too large for one dump message.
. "$(dirname "$0")/lib.sh"

nfalg_load || bail "cannot load nfalg"
N=$NFALG
jq_py() { python3 -c "import json,sys; d=json.load(sys.stdin); $1"; }

# predefined objects
expect_output "show defaults lists junos-ftp" '^junos-ftp protocol tcp destination-port 21 application-protocol ftp \(predefined\)$' -- "$N" show defaults
expect_output "show defaults lists junos-h323-suite" '^junos-h323-suite \[ junos-h323 junos-ras \] \(predefined\)$' -- "$N" show defaults
check "every predefined name of the issue is there" "" \
	"$("$N" -j show defaults | jq_py '
names = {a["name"] for a in d["applications"]} | {s["name"] for s in d["application_sets"]}
want = """junos-ftp junos-tftp junos-sip junos-rtsp junos-h323 junos-ras junos-h323-suite
junos-pptp junos-icmp-all junos-icmp-ping junos-traceroute junos-traceroute-ttl-1 junos-dns-udp
junos-dns-tcp junos-rpc-portmap-tcp junos-rpc-portmap-udp junos-dce-rpc-portmap junos-sqlnet
junos-rsh junos-rexec junos-rlogin junos-netbios-session junos-netshow junos-realaudio
junos-iiop-java junos-iiop-orbix junos-winframe junos-bootp junos-ike junos-snmp-get
junos-snmp-get-next junos-snmp-response junos-snmp-trap junos-ip""".split()
print(" ".join(n for n in want if n not in names))')"

# round trip of every application attribute
ok "add application with ports and timeout" -- "$N" application add my-ftp protocol tcp destination-port 2121 source-port 1024-65535 application-protocol ftp inactivity-timeout 60
ok "add rpc application" -- "$N" application add my-rpc protocol udp destination-port 111 application-protocol rpc rpc-program-number 100000-100005
ok "add dce-rpc application" -- "$N" application add my-dce protocol tcp destination-port 135 application-protocol dce-rpc uuid 12345678-1234-ABCD-ef00-0123456789ab
ok "add icmp application" -- "$N" application add my-ping protocol icmp6 icmp-type 128 icmp-code 0 application-protocol icmp
ok "add traceroute application" -- "$N" application add my-tr protocol udp destination-port 33435-33450 application-protocol traceroute ttl-threshold 5
ok "add snmp application" -- "$N" application add my-snmp protocol udp destination-port 161 application-protocol snmp snmp-command get-response
ok "add application by protocol number" -- "$N" application add my-gre protocol 47
check "text round trip" "my-dce protocol tcp destination-port 135 application-protocol dce-rpc uuid 12345678-1234-abcd-ef00-0123456789ab
my-ftp protocol tcp destination-port 2121 source-port 1024-65535 application-protocol ftp inactivity-timeout 60
my-gre protocol gre
my-ping protocol icmp6 application-protocol icmp icmp-type 128 icmp-code 0
my-rpc protocol udp destination-port 111 application-protocol rpc rpc-program-number 100000-100005
my-snmp protocol udp destination-port 161 application-protocol snmp snmp-command get-response
my-tr protocol udp destination-port 33435-33450 application-protocol traceroute ttl-threshold 5" \
	"$("$N" application show | grep '^my-')"
check "JSON round trip" "2121 2121 1024 65535 ftp 60 False" \
	"$("$N" -j application show my-ftp | jq_py 'a=d[0]; print(a["destination_port"]["low"], a["destination_port"]["high"], a["source_port"]["low"], a["source_port"]["high"], a["application_protocol"], a["inactivity_timeout"], a["predefined"])')"
ok "replace an application" -- "$N" application replace my-gre protocol esp
expect_output "replaced application shows the new value" '^my-gre protocol esp$' -- "$N" application show my-gre

# rejected requests: message, exit status, nothing changed
gen() { "$N" -j status | jq_py 'print(d["generation"])'; }
before=$("$N" -j application show; "$N" -j application-set show)
g0=$(gen)
reject "duplicate" "application 'my-ftp': application exists" "$N" application add my-ftp protocol tcp
reject "reversed port range" "destination-port 30-20: destination port range reversed" "$N" application add bad protocol tcp destination-port 30-20
reject "reversed source range" "source-port 9-8: source port range reversed" "$N" application add bad protocol udp source-port 9-8
reject "unknown ALG" "application-protocol foo: unknown application-protocol" "$N" application add bad protocol tcp application-protocol foo
reject "ports without tcp/udp" "ports need protocol tcp, udp or sctp" "$N" application add bad protocol icmp destination-port 1
reject "bad name" "bad name" "$N" application add -bad protocol tcp
reject "name too long" "application '$(printf 'a%.0s' {1..64})'" "$N" application add "$(printf 'a%.0s' {1..64})" protocol tcp
reject "timeout out of range" "inactivity-timeout 0" "$N" application add bad protocol tcp inactivity-timeout 0
reject "ttl without traceroute" "ttl-threshold needs application-protocol traceroute" "$N" application add bad protocol udp ttl-threshold 3
reject "uuid without dce-rpc" "uuid needs application-protocol dce-rpc" "$N" application add bad protocol tcp uuid 12345678-1234-abcd-ef00-0123456789ab
reject "icmp-type on tcp" "icmp-type needs protocol icmp or icmp6" "$N" application add bad protocol tcp icmp-type 8
reject "delete missing" "application 'nope': no such application" "$N" application del nope
reject "delete predefined" "predefined application: cannot be deleted" "$N" application del junos-tftp
reject "set with missing member" "application-set 'web' member nope: no such application or application-set" "$N" application-set add web junos-http nope
reject "set with duplicate member" "member junos-http: duplicate member" "$N" application-set add web junos-http junos-http
reject "set named like an application" "an application of that name exists" "$N" application-set add my-ftp junos-http
reject "set containing itself" "cycle" "$N" application-set add web web
check "rejected requests left the configuration" "$before" "$("$N" -j application show; "$N" -j application-set show)"
check "rejected requests left the generation" "$g0" "$(gen)"
"$N" application add 2> /dev/null
check "usage error: exit status 2" 2 $?

# sets and cycles
ok "set of applications" -- "$N" application-set add web junos-http my-ftp
ok "set of sets" -- "$N" application-set add all web junos-h323-suite
expect_output "set shows its members in order" '^all \[ web junos-h323-suite \]$' -- "$N" application-set show all
reject "cycle through an override of a predefined set" "application-set 'junos-h323-suite': application-set cycle" "$N" application-set add junos-h323-suite all
reject "cycle by replace" "application-set cycle" "$N" application-set replace web all
reject "delete an application in use" "application 'my-ftp': application is used by an application-set" "$N" application del my-ftp
reject "delete a set in use" "application-set 'web': application-set is used by another application-set" "$N" application-set del web
ok "delete the outer set" -- "$N" application-set del all
ok "then the inner one" -- "$N" application-set del web

# override and restore of a predefined application
ok "override junos-ftp" -- "$N" application add junos-ftp protocol tcp destination-port 2021 application-protocol ftp
expect_output "override shown" '^junos-ftp protocol tcp destination-port 2021 application-protocol ftp \(overrides predefined\)$' -- "$N" application show junos-ftp
expect_output "show defaults still has the original" '^junos-ftp protocol tcp destination-port 21 ' -- "$N" show defaults
ok "delete the override" -- "$N" application del junos-ftp
expect_output "predefined junos-ftp is back" '^junos-ftp protocol tcp destination-port 21 application-protocol ftp \(predefined\)$' -- "$N" application show junos-ftp

# per-netns isolation
netns_add cfg-a
expect_output "another netns does not see my-ftp" "no application 'my-ftp'" -- ip netns exec cfg-a "$N" application show my-ftp
ok "another netns has the defaults" -- ip netns exec cfg-a "$N" application show junos-ftp
ok "another netns may define its own my-ftp" -- ip netns exec cfg-a "$N" application add my-ftp protocol udp
expect_output "ours is unchanged" '^my-ftp protocol tcp destination-port 2121 ' -- "$N" application show my-ftp
ok "flush in the other netns" -- ip netns exec cfg-a "$N" flush
ok "ours survives the other flush" -- "$N" application show my-ftp

# flush
ok "flush" -- "$N" flush
check "flush removed every user object" "0 0" \
	"$("$N" -j application show | jq_py 'print(sum(not a["predefined"] for a in d), end=" ")'; "$N" -j application-set show | jq_py 'print(sum(not a["predefined"] for a in d))')"

# a set larger than one dump message (256 members of 63 characters, 17 KB):
# its member list continues over several messages, the CLI joins them
big=$(mktemp); defer "rm -f $big"
python3 -c '
names = ["m%062d" % i for i in range(256)]
for n in names:
    print("application %s protocol tcp destination-port 7" % n)
print("application-set big-set " + " ".join(names))' > "$big"
ok "load a set of 256 members with long names" -- "$N" -f "$big"
check "show config: the big set round-trips" "$(cat "$big")" "$("$N" show config)"
check "application-set show -j: 256 members in order" "256 True" \
	"$("$N" -j application-set show big-set | jq_py 'm = d[0]["members"]; print(len(m), m == sorted(m))')"
check "application-set show: one line" "1 259" \
	"$("$N" application-set show big-set | wc -l) $("$N" application-set show big-set | wc -w)"
ok "flush the big set" -- "$N" flush
finish
