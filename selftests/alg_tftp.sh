#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# TFTP ALG through a masquerading router using plain nftables
# ("ct helper ... type \"nfalg-tftp\""): a real server (in.tftpd) and a
# real client (tftp-hpa) fetch a file over IPv4 and IPv6 (NAT66
# masquerade), and from the server published by DNAT (IPv4 and IPv6), md5
# checked.  The forward policy is drop except the request
# and established/related, so the reply passes only through the pinhole;
# without the helper the same transfer fails.  The paths lane
# (NFALG_PATHS=1) leaves out the transfers without the helper.
#
# fixture: router
. "$(dirname "$0")/lib.sh"
require_cmd in.tftpd tftp conntrack nft

topo_router || bail "topology failed"
nfalg_insmod nfalg_tftp || bail "cannot load nfalg_tftp"

dir=$(mktemp -d)
defer rm -rf "$dir"
head -c 100000 /dev/urandom > "$dir/file"
chmod 755 "$dir"
chmod 644 "$dir/file"
want=$(md5sum < "$dir/file")

ip netns exec "$SRV" in.tftpd -L -4 -u root -s "$dir" -a 0.0.0.0:69 \
	> /dev/null 2>&1 &
defer kill $!
ip netns exec "$SRV" in.tftpd -L -6 -u root -s "$dir" -a "[::]:69" \
	> /dev/null 2>&1 &
defer kill $!
sleep 1

# rules_router WITH_HELPER [dnat]: masquerade toward the server, or (dnat)
# the server published on $RTR4C/$RTR6C port 69 by DNAT with no source NAT
rules_router() {
	local set= nat='oifname eth0s masquerade' dnat=
	[ "$1" = 1 ] && set='udp dport 69 ct state new ct helper set "tftpx"'
	if [ "${2:-}" = dnat ]; then
		nat=
		dnat="iifname eth0c ip daddr $RTR4C udp dport 69 dnat ip to $SRV4
			iifname eth0c ip6 daddr $RTR6C udp dport 69 dnat ip6 to $SRV6"
	fi
	alg_router 'ct helper tftpx { type "nfalg-tftp" protocol udp; l3proto inet; }' \
		"$set" 'iifname eth0c udp dport 69 ct state new accept' "$nat" "$dnat"
}

# fetch NAME SERVER-ADDRESS: download the file, print its md5
fetch() {
	local out=$dir/out.$1
	rm -f "$out"
	(cd "$dir" && ip netns exec "$CLI" timeout "$(tscale 15)" tftp -m binary "$2" \
		-c get file "out.$1") > /dev/null 2>&1 || return 1
	[ -s "$out" ] || return 1
	md5sum < "$out"
}

ok "router rules with ct helper nfalg-tftp" -- rules_router 1
check "v4 masquerade: md5 of the transfer" "$want" "$(fetch v4 $SRV4)"
check "v6 masquerade (NAT66): md5 of the transfer" "$want" "$(fetch v6 $SRV6)"
expect_output "reply connection NATed back to the client" \
	"udp .*src=$SRV4 dst=$RTR4S .*src=$CLI4 dst=$SRV4" -- \
	ip netns exec "$RTR" conntrack -L -p udp --orig-src $SRV4

# Port forwarding: the client asks the router's address, DNAT takes the
# request to the server; the reply, from another server port, comes back
# through the pinhole
ok "router rules: server behind DNAT, with the helper" -- rules_router 1 dnat
ip netns exec "$RTR" conntrack -F 2> /dev/null
check "v4 DNAT: md5 of the transfer" "$want" "$(fetch d4 $RTR4C)"
check "v6 DNAT: md5 of the transfer" "$want" "$(fetch d6 $RTR6C)"
if full "the transfers without the helper"; then
	ok "router rules: DNAT without the helper" -- rules_router 0 dnat
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	fails "v4 DNAT fails without the helper" -- fetch d4b $RTR4C

	ok "router rules without the helper" -- rules_router 0
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	fails "v4 masquerade fails without the helper" -- fetch v4b $SRV4
fi
finish
