#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A router as routers run: conntrack accounting, timestamps and an event
# listener on (lib.sh's standard router), an FTP server published by port
# forwarding (DNAT, IPv4 and IPv6), nfalg classifying with a junos-ftp rule
# and no nft "ct helper".  Every accepted control connection carries
# nfalg-ftp (the helper extension is filled after every other extension
# is added: adding one may move them all), so active transfers work.
# Then an IPS in front of the ALG: an NFQUEUE consumer holding the first
# SYN, or every SYN, for 6 s with syn-timeout 4 s, between classification
# and the helper.  The router does not crash (SYN defense never removes an
# unconfirmed entry) and the connection completes: its handshake deadline
# starts when its entry is confirmed.
. "$(dirname "$0")/lib.sh"
require_cmd curl conntrack nft
PY=/usr/bin/python3
$PY -c 'import pyftpdlib' 2> /dev/null || skip "python3-pyftpdlib not installed"

topo_router || bail "topology failed"
nfalg_insmod nfalg_ftp || bail "cannot load nfalg_ftp"
R="ip netns exec $RTR $NFALG"

dir=$(mktemp -d)
defer rm -rf "$dir"
head -c 200000 /dev/urandom > "$dir/file"
want=$(md5sum < "$dir/file")
ftp_server "$dir" "::" || bail "FTP server did not start"

check "router: accounting on" 1 \
	"$(ip netns exec "$RTR" sysctl -n net.netfilter.nf_conntrack_acct)"
# a kernel without CONFIG_NF_CONNTRACK_TIMESTAMP (the debug lane's before 2 December 2026) runs
# the rounds without timestamps only
ts=/proc/sys/net/netfilter/nf_conntrack_timestamp
[ ! -e $ts ] || check "router: timestamps on" 1 \
	"$(ip netns exec "$RTR" sysctl -n net.netfilter.nf_conntrack_timestamp)"

# rules IPS: the server published on the router's client-side addresses;
# IPS (an nft statement) runs on new connections to port 21 in a forward
# chain after nfalg's classification (priority filter + 1), before the
# helper (postrouting, priority 300).
rules() {
	ip netns exec "$RTR" nft -f - <<-EOF
	flush ruleset
	table inet t {
		chain c_dnat {
			type nat hook prerouting priority -100;
			iifname eth0c ip daddr $RTR4C tcp dport 21 dnat ip to $SRV4
			iifname eth0c ip6 daddr $RTR6C tcp dport 21 dnat ip6 to $SRV6
		}
		chain c_ips {
			type filter hook forward priority 10;
			${1:-}
		}
	}
	EOF
}
ok "router: DNAT of port 21" -- rules
ok "rule: junos-ftp accepted on the client side" -- $R -b - <<-EOF
	rule add ftp match-direction input term ftp from application junos-ftp then accept
	service-set add s interface eth0c rule ftp
EOF

# fetch HOST NAME CURL-OPTIONS...: ftp://HOST/file, its md5
fetch() {
	local host=$1 out=$dir/out.$2
	shift 2
	rm -f "$out"
	ip netns exec "$CLI" timeout "$(tscale 40)" curl -s -g \
		--connect-timeout "$(tscale 20)" -m "$(tscale 30)" \
		"$@" -o "$out" "ftp://$host/file" || return 1
	md5sum < "$out"
}

# round NAME ACCT TSTAMP: with accounting and timestamps as given, an
# active transfer over IPv4 and IPv6, then both control connections must
# carry the helper.  Which extensions an entry has decides whether adding
# the sequence adjustment after the helper moves them (kmalloc sizes), so
# several combinations are tried, with and without the event listener.
round() {
	if [ ! -e $ts ]; then
		[ "$3" = 0 ] || return 0
	else
		ip netns exec "$RTR" sysctl -qw net.netfilter.nf_conntrack_timestamp=$3
	fi
	ip netns exec "$RTR" sysctl -qw net.netfilter.nf_conntrack_acct=$2
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	check "$1: v4 DNAT active (PORT) transfer" "$want" \
		"$(fetch $RTR4C "port-$1" -P - --disable-eprt)"
	check "$1: v6 DNAT active (EPRT) transfer" "$want" \
		"$(fetch "[$RTR6C]" "eprt-$1" -P -)"
	# conntrack-tools lists both families without -f
	ip netns exec "$RTR" conntrack -L -p tcp --dport 21 > "$dir/ct" 2> /dev/null
	check "$1: both control connections carry nfalg-ftp" 2 \
		"$(grep -c 'helper=nfalg-ftp' "$dir/ct")"
}
check "v6 DNAT passive (EPSV) transfer" "$want" "$(fetch "[$RTR6C]" epsv --ftp-pasv)"
round "acct+events" 1 0
expect_output "entries carry accounting" "packets=[0-9]+ bytes=[0-9]+" -- cat "$dir/ct"
round "acct+tstamp+events" 1 1
round "tstamp+events" 0 1
kill "$listener_pid"
wait "$listener_pid" 2> /dev/null
round "acct" 1 0
round "acct+tstamp" 1 1
router_listener "$RTR"

ok "syn-timeout 4 s" -- $R set syn-timeout 4
ok "IPS: SYNs to port 21 go to NFQUEUE 3" -- \
	rules "tcp dport 21 tcp flags & (syn | ack) == syn queue num 3"
sd0=$(counter syn_defense)

# ips COUNT: the IPS (nfq_hold.py on queue 3) holding the first COUNT SYNs
# (0: every one) 6 s, as $nfq; returns once it has bound the queue
ips() {
	ip netns exec "$RTR" sh -c "exec $PY $NFALG_TOP/selftests/nfq_hold.py 3 6 $1" \
		> "$dir/nfq" 2>&1 &
	nfq=$!
	defer kill $nfq
	for _ in $(seq 50); do
		grep -q bound "$dir/nfq" && return 0
		sleep 0.1
	done
	return 1
}

ips 1
check "IPS bound to the queue" bound "$(head -n 1 "$dir/nfq")"
check "first SYN held 6 s: passive transfer still works" "$want" \
	"$(fetch $RTR4C held1 --ftp-pasv)"
# the held SYN is released after the connection went through on a
# retransmission; it must not take the router down
sleep 7
expect_output "the IPS released the held SYN after 6 s" "released [0-9]+ after 6" -- \
	cat "$dir/nfq"
kill $nfq
wait $nfq 2> /dev/null

ips 0
check "every SYN held 6 s: active transfer still works" "$want" \
	"$(fetch $RTR4C held-all -P - --disable-eprt)"
check "v6: every SYN held 6 s: passive transfer still works" "$want" \
	"$(fetch "[$RTR6C]" held-all6 --ftp-pasv)"
sleep 7
kill $nfq
wait $nfq 2> /dev/null
check "no connection removed by SYN defense" "$sd0" "$(counter syn_defense)"

finish
