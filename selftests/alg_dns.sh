#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# DNS ALG through a masquerading router whose service set admits only
# junos-dns-udp: dig against dnsmasq over IPv4 and NAT66, each
# conversation closed (gone from conntrack) by its answer; a client with
# two queries in flight from one socket gets both answers; a fake server
# answering each query first with a wrong ID, then rightly, then once
# more late: only the right answer reaches the client, the wrong one is
# counted, the late one finds the conversation closed; a fourth query in
# flight is dropped and counted.  dig through DNAT to the server (IPv4
# and IPv6) gets its answers, conversations closed.  Without the ALG
# module the conversation stays after its answer.  The paths lane
# (NFALG_PATHS=1) leaves out the two and the four queries in flight and
# the run without the ALG module.
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
ip netns exec "$SRV" dnsmasq -k -C /dev/null -u root --no-resolv --no-hosts \
	--bind-interfaces --listen-address="$SRV4" --listen-address="$SRV6" \
	--address=/nfalg.test/203.0.113.7 --address=/nfalg.test/2001:db8:9::7 \
	--pid-file="$dir/dnsmasq.pid" > "$dir/dnsmasq.log" 2>&1 &
defer kill $!

# The fake server: a query with an ID under 100 gets an answer with the
# wrong ID, the right answer, and the right answer again 0.5 s later;
# higher IDs get none.  Every query's ID is logged.
cat > "$dir/fake.py" <<'PY'
import socket, sys, threading
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[1], 53))
log = open(sys.argv[2], "a", buffering=1)
def answer(q, peer, qid):
    return (qid.to_bytes(2, "big") + b"\x81\x80" + q[4:])
while True:
    q, peer = s.recvfrom(512)
    qid = int.from_bytes(q[:2], "big")
    log.write("%d\n" % qid)
    if qid >= 100:
        continue
    s.sendto(answer(q, peer, qid ^ 0xffff), peer)
    s.sendto(answer(q, peer, qid), peer)
    threading.Timer(0.5, s.sendto, (answer(q, peer, qid), peer)).start()
PY
ip netns exec "$SRV" $PY "$dir/fake.py" $FAKE4 "$dir/fake.log" > /dev/null 2>&1 &
defer kill $!

# client.py ADDR WAIT ID...: send one query per ID from one socket, print
# the IDs of every answer received within WAIT seconds
cat > "$dir/client.py" <<'PY'
import socket, sys, time
addr, wait, ids = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
q = b"\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x05nfalg\x04test\x00\x00\x01\x00\x01"
for i in ids:
    s.sendto(int(i).to_bytes(2, "big") + q, (addr, 53))
end = time.time() + wait
got = []
while True:
    s.settimeout(max(end - time.time(), 0.01))
    try:
        a = s.recv(512)
    except socket.timeout:
        break
    got.append(int.from_bytes(a[:2], "big"))
print(" ".join(str(i) for i in sorted(got)))
PY
for _ in $(seq 50); do
	ip netns exec "$SRV" ss -Hlun 'sport = :53' | grep -q "$FAKE4" &&
		ip netns exec "$SRV" ss -Hlun 'sport = :53' | grep -q "$SRV4" && break
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
ok "rule: junos-dns-udp only" -- $R -b - <<-EOF
	rule add dns match-direction input term t from application junos-dns-udp then accept
	service-set add s interface eth0c rule dns
EOF

W=$(tscale 3)
dig_() {	# dig_ SERVER TYPE
	ip netns exec "$CLI" dig +short +tries=1 +time="$W" @"$1" nfalg.test "$2"
}
dns_entries() {
	ip netns exec "$RTR" conntrack -L -p udp --dport 53 2> /dev/null | grep -c dport=53
}

c0=$(counter dns_closed)
check "v4 through NAPT44: the answer" "203.0.113.7" "$(dig_ "$SRV4" A)"
check "v4: conversation closed by its answer" 0 "$(dns_entries)"
check "v6 over NAT66: the answer" "2001:db8:9::7" "$(dig_ "$SRV6" AAAA)"
check "v6: conversation closed by its answer" 0 "$(dns_entries)"
check "both closes counted" $((c0 + 2)) "$(counter dns_closed)"

if full "two queries in flight"; then
	check "two queries in flight from one socket: both answered" "1 2" \
		"$(ip netns exec "$CLI" $PY "$dir/client.py" "$SRV4" "$W" 1 2)"
	# One conversation closed after the second answer; or, on a slow host
	# where the first answer is back before the second query reaches the
	# router, one conversation per query, each closed by its answer.
	n=$(counter dns_closed)
	ok "closed once after the second answer, or once per query" -- \
		test "$n" -eq $((c0 + 3)) -o "$n" -eq $((c0 + 4))
	check "no conversation left after both answers" 0 "$(dns_entries)"
fi

u0=$(counter dns_unsolicited_answer)
check "fake server: only the right answer, once" "7" \
	"$(ip netns exec "$CLI" $PY "$dir/client.py" $FAKE4 "$W" 7)"
check "the wrong ID dropped and counted" $((u0 + 1)) "$(counter dns_unsolicited_answer)"
expect_output "drop logged" 'nfalg: dns-answer-to-no-query: dropped proto 17' -- dmesg
check "the late answer found no conversation" 0 "$(dns_entries)"

if full "four queries in flight (a second refusal)"; then
	e0=$(counter dns_excess_query)
	check "four queries in flight: no answers (the server keeps quiet)" "" \
		"$(ip netns exec "$CLI" $PY "$dir/client.py" $FAKE4 1 100 101 102 103)"
	check "the fourth query dropped and counted" $((e0 + 1)) "$(counter dns_excess_query)"
	check "the server saw three" "100 101 102" "$(grep -E '^10[0-9]$' "$dir/fake.log" | sort -n | tr '\n' ' ' | sed 's/ $//')"
fi
ip netns exec "$RTR" conntrack -F > /dev/null 2>&1

# Port forwarding instead of masquerade: dnsmasq published on the router's
# client-side addresses by DNAT
ok "router: DNAT to the server, no masquerade" -- ip netns exec "$RTR" nft -f - <<NFT
delete table inet nat
table inet d {
	chain pre {
		type nat hook prerouting priority -100;
		iifname eth0c ip daddr $RTR4C udp dport 53 dnat ip to $SRV4
		iifname eth0c ip6 daddr $RTR6C udp dport 53 dnat ip6 to $SRV6
	}
}
NFT
c1=$(counter dns_closed)
check "DNAT v4: the answer" "203.0.113.7" "$(dig_ "$RTR4C" A)"
check "DNAT v6: the answer" "2001:db8:9::7" "$(dig_ "$RTR6C" AAAA)"
check "DNAT: conversations closed by their answers" 0 "$(dns_entries)"
check "DNAT: both closes counted" $((c1 + 2)) "$(counter dns_closed)"

if full "the run without the ALG module"; then
	ok "rmmod nfalg_dns" -- rmmod nfalg_dns
	check "no ALG: the answer" "203.0.113.7" "$(dig_ "$SRV4" A)"
	check "no ALG: the conversation stays" 1 "$(dns_entries)"
fi
finish
