#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# DNS ALG over TCP (junos-dns-tcp) through a masquerading router whose
# service set admits only DNS over TCP: dig +tcp against dnsmasq over
# IPv4 and NAT66, each conversation closed by its answer; a zone transfer
# of one 9.7 KB message (longer than the 4 KiB the core hands over whole:
# the ALG reads its head) arrives whole and closes the conversation at
# its end; a server answering one query with two messages (a zone
# transfer in several messages) gets only its first through while the
# close is on, both with an application that says
# dns-close-after-answer no, which leaves the conversation open; an
# answer with a wrong ID is dropped and counted; the same through DNAT;
# dig +tcp under loss, duplication and reordering.  The paths lane
# (NFALG_PATHS=1) leaves out IPv6 DNAT and netem.
#
# fixture: router
. "$(dirname "$0")/lib.sh"
require_cmd dnsmasq dig nft conntrack
PY=/usr/bin/python3
FAKE4=198.51.100.3

topo_router || bail "topology failed"
nfalg_load || bail "cannot load nfalg"
nfalg_insmod nfalg_dns || bail "cannot load nfalg_dns"
ip -n "$SRV" addr add $FAKE4/24 dev eth0
defer ip -n "$SRV" addr del $FAKE4/24 dev eth0

dir=$(mktemp -d)
defer rm -rf "$dir"
# a zone of 400 names: its transfer is one message of about 9.7 KB
{
	for i in $(seq 400); do
		echo "10.1.$((i / 250)).$((i % 250)) host$i.zone.test"
	done
	echo "203.0.113.7 nfalg.zone.test"
	echo "2001:db8:9::7 nfalg.zone.test"
} > "$dir/hosts"
ip netns exec "$SRV" dnsmasq -k -C /dev/null -u root --no-resolv --no-hosts \
	--bind-interfaces --listen-address="$SRV4" --listen-address="$SRV6" \
	--addn-hosts="$dir/hosts" --auth-server=ns.zone.test,$SRV4,$SRV6 \
	--auth-zone=zone.test --auth-peer=$RTR4S,$CLI4,$RTR6S,$CLI6 \
	--pid-file="$dir/dnsmasq.pid" > "$dir/dnsmasq.log" 2>&1 &
defer kill $!

# The fake server (TCP): a query with ID 1 gets two answer messages, 0.3 s
# apart (a transfer in two messages); ID 2 an answer with the wrong ID,
# then the right one.  It prints nothing; the client counts.
cat > "$dir/fake.py" <<'PY'
import socket, sys, threading, time
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((sys.argv[1], 53))
s.listen(8)
def msg(qid, body):
    m = qid.to_bytes(2, "big") + b"\x84\x00" + body[4:]
    return len(m).to_bytes(2, "big") + m
def serve(c):
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    q = c.recv(512)
    qid, body = int.from_bytes(q[2:4], "big"), q[4:]
    if qid == 1:
        c.sendall(msg(1, q[2:]))
        time.sleep(0.3)
        c.sendall(msg(1, q[2:]))
    elif qid == 2:
        c.sendall(msg(0xbad, q[2:]))
        time.sleep(0.3)
        c.sendall(msg(2, q[2:]))
    time.sleep(2)
    c.close()
while True:
    c, _ = s.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
PY
ip netns exec "$SRV" $PY "$dir/fake.py" $FAKE4 > /dev/null 2>&1 &
defer kill $!

# client.py ADDR ID WAIT: one query over TCP, then the IDs of the answer
# messages received within WAIT seconds
cat > "$dir/client.py" <<'PY'
import socket, sys, time
addr, qid, wait = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
q = qid.to_bytes(2, "big") + b"\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00" \
    b"\x04zone\x04test\x00\x00\xfc\x00\x01"
s = socket.create_connection((addr, 53), timeout=wait)
s.sendall(len(q).to_bytes(2, "big") + q)
end, data, got = time.time() + wait, b"", []
while time.time() < end:
    s.settimeout(max(end - time.time(), 0.01))
    try:
        b = s.recv(4096)
    except (socket.timeout, OSError):
        break
    if not b:
        break
    data += b
    while len(data) >= 4 and len(data) >= 2 + int.from_bytes(data[:2], "big"):
        n = int.from_bytes(data[:2], "big")
        got.append(int.from_bytes(data[2:4], "big"))
        data = data[2 + n:]
print(" ".join(str(i) for i in got))
PY
for _ in $(seq 50); do
	ip netns exec "$SRV" ss -Hltn 'sport = :53' | grep -q "$FAKE4" &&
		ip netns exec "$SRV" ss -Hltn 'sport = :53' | grep -q "$SRV4" && break
	sleep 0.2
done

ip netns exec "$RTR" nft -f - <<NFT || bail "router ruleset"
table inet nat {
	chain post {
		type nat hook postrouting priority 100;
		oifname eth0s masquerade
	}
}
NFT
R="ip netns exec $RTR $NFALG"
ok "rule: junos-dns-tcp only" -- $R -b - <<-EOF
	rule add dns match-direction input term t from application junos-dns-tcp then accept
	service-set add s interface eth0c rule dns
EOF

W=$(tscale 3)
XFR="XFR size: 405 records (messages 1"
dig_() {	# dig_ SERVER TYPE
	ip netns exec "$CLI" dig +tcp +short +tries=1 +time="$W" @"$1" nfalg.zone.test "$2"
}
axfr() {	# axfr SERVER: the transfer's summary line
	ip netns exec "$CLI" dig +tries=1 +time="$W" @"$1" zone.test AXFR |
		grep -o 'XFR size: [0-9]* records (messages [0-9]*' ||
		echo "transfer failed"
}
dns_entries() {
	ip netns exec "$RTR" conntrack -L -p tcp --dport 53 2> /dev/null | grep -c dport=53
}
two() {	# two SERVER ID: the IDs of the answers to one query
	ip netns exec "$CLI" $PY "$dir/client.py" "$1" "$2" "$W"
}

c0=$(counter dns_closed)
check "v4 through NAPT44: the answer over TCP" "203.0.113.7" "$(dig_ "$SRV4" A)"
check "v4: conversation closed by its answer" 0 "$(dns_entries)"
check "v6 over NAT66: the answer over TCP" "2001:db8:9::7" "$(dig_ "$SRV6" AAAA)"
check "v6: conversation closed by its answer" 0 "$(dns_entries)"
check "both closes counted" $((c0 + 2)) "$(counter dns_closed)"

# a message longer than the 4 KiB handed over whole: its head is read,
# the close waits for its end
check "a 9.7 KB zone transfer in one message: whole" \
	"$XFR" "$(axfr "$SRV4")"
check "closed once its answer has passed" $((c0 + 3)) "$(counter dns_closed)"
check "no conversation left after it" 0 "$(dns_entries)"

# several messages per query: the close (Junos' warning) breaks them
check "two answer messages, close on: only the first arrives" "1" \
	"$(two $FAKE4 1)"
u0=$(counter dns_unsolicited_answer)
# dropped over TCP too: the server's stream goes no further (its
# retransmissions of the answer are dropped as well)
check "wrong ID over TCP: nothing reaches the client" "" "$(two $FAKE4 2)"
ok "the wrong ID counted" -- \
	test "$(counter dns_unsolicited_answer)" -gt "$u0"
expect_output "drop logged" 'nfalg: dns-answer-to-no-query: dropped proto 6' -- dmesg
ip netns exec "$RTR" conntrack -F > /dev/null 2>&1

ok "application with dns-close-after-answer no" -- $R -b - <<-EOF
	application add dns-keep protocol tcp destination-port 53 application-protocol dns dns-close-after-answer no
	rule replace dns match-direction input term t from application dns-keep then accept
EOF
expect_output "listed with the setting" \
	"dns-keep protocol tcp destination-port 53 application-protocol dns dns-close-after-answer no" \
	-- $R show applications
reject "dns-close-after-answer needs application-protocol dns" \
	"dns-close-after-answer no: dns-close-after-answer needs application-protocol dns" \
	$R application add bad protocol tcp destination-port 53 dns-close-after-answer no
c1=$(counter dns_closed)
check "kept open: both answer messages arrive" "1 1" "$(two $FAKE4 1)"
check "kept open: the zone transfer" \
	"$XFR" "$(axfr "$SRV4")"
check "kept open: nothing closed" "$c1" "$(counter dns_closed)"
ok "kept open: the conversations stay until their FIN" -- \
	test "$(dns_entries)" -ge 2
ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
ok "back to junos-dns-tcp" -- $R rule replace dns match-direction input \
	term t from application junos-dns-tcp then accept

# Port forwarding instead of masquerade
ok "router: DNAT to the server, no masquerade" -- ip netns exec "$RTR" nft -f - <<NFT
delete table inet nat
table inet d {
	chain pre {
		type nat hook prerouting priority -100;
		iifname eth0c ip daddr $RTR4C tcp dport 53 dnat ip to $SRV4
		iifname eth0c ip6 daddr $RTR6C tcp dport 53 dnat ip6 to $SRV6
	}
}
NFT
c2=$(counter dns_closed) n=2
check "DNAT v4: the answer" "203.0.113.7" "$(dig_ "$RTR4C" A)"
check "DNAT v4: the zone transfer" \
	"$XFR" "$(axfr "$RTR4C")"
if full "DNAT over IPv6"; then
	check "DNAT v6: the answer" "2001:db8:9::7" "$(dig_ "$RTR6C" AAAA)"
	n=3
fi
check "DNAT: conversations closed by their answers" 0 "$(dns_entries)"
check "DNAT: the closes counted" $((c2 + n)) "$(counter dns_closed)"

# Loss, duplication and reordering on both links: every answer arrives
if full "netem"; then
	defer impair del
	ok "netem: loss, duplication and reordering around the router" -- impair add 10
	W=$(tscale 10)
	n=0
	for i in 1 2 3 4 5; do
		[ "$(axfr "$RTR4C")" = "$XFR" ] &&
			n=$((n + 1))
	done
	check "impaired links: five zone transfers through DNAT, all whole" 5 "$n"
	impair del
fi
finish
