#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The TCP stream engine of the core (Documentation/alg-framework.md,
# "TCP stream engine"), seen through the FTP ALG under masquerade (NAPT44
# and NAT66), and at the end through DNAT, with pyftpdlib or a scripted
# server and scripted clients:
#  - a PORT/EPRT segment lost after the router: its retransmission is
#    rewritten the same way, the transfer works, nothing counted twice;
#  - two PORT/EPRT lines in one segment: both rewritten, both data
#    connections arrive, the control connection stays in sync;
#  - a PORT/EPRT sent in eight segments: held back, rewritten as one
#    line, the active transfer works;
#  - a 4 KiB line split in three segments: released unparsed past the
#    bound, the next command is parsed;
#  - a SYN in mid-connection pointing into the next line: ignored, the
#    line reaches the server unchanged and opens nothing;
#  - reordering before the router: parsing resumes, PORT still works;
#  - loss, duplication and reordering (tc netem) around the router: every
#    transfer of every mode intact;
#  - then through DNAT (the server published on the router): a 227 reply
#    lost after the router is rewritten again on its retransmission, and
#    every mode survives the same impaired links.
. "$(dirname "$0")/lib.sh"
require_cmd curl nft tc
PY=/usr/bin/python3
$PY -c 'import pyftpdlib' 2> /dev/null || skip "python3-pyftpdlib not installed"
PEERS="$PY $NFALG_TOP/selftests/stream_peers.py"

topo_router || bail "topology failed"
nfalg_insmod nfalg_ftp || bail "cannot load nfalg_ftp"

dir=$(mktemp -d)
defer rm -rf "$dir"
head -c 100000 /dev/urandom > "$dir/file"
want=$(md5sum < "$dir/file")

alg_router 'ct helper ftpx { type "nfalg-ftp" protocol tcp; l3proto inet; }' \
	'tcp dport { 21, 2121 } ct state new ct helper set "ftpx"' \
	'iifname eth0c tcp dport { 21, 2121 } ct state new accept' ||
	bail "router rules"

# fetch_at HOST NAME CURL-OPTIONS...: download ftp://HOST/file, print md5
fetch_at() {
	local host=$1 out=$dir/out.$2
	shift 2
	rm -f "$out"
	ip netns exec "$CLI" timeout "$(tscale 40)" curl -s \
		--connect-timeout "$(tscale 10)" -m "$(tscale 35)" \
		"$@" -o "$out" "ftp://$host/file" || return 1
	md5sum < "$out"
}

# peers MODE ARGS...: the scripted client in the client namespace
peers() {
	ip netns exec "$CLI" timeout "$(tscale 60)" $PEERS "$@"
}

# scripted MODE FAMILY SERVER CLIENT: the scripted client MODE against the
# scripted server (port 2121), which logs each line it gets to
# $dir/MODE.FAMILY.
scripted() {
	local mode=$1 fam=$2 srv=$3 cli=$4 log=$dir/$1.$2
	rm -f "$log" "$log.ready"
	ip netns exec "$SRV" timeout "$(tscale 60)" $PEERS server 2121 "$log" &
	local sp=$!
	for _ in $(seq $((50 * NFALG_TIME_SCALE))); do
		[ -e "$log.ready" ] && break
		sleep 0.2
	done
	peers "$mode" "$srv" 2121 "$cli" > "$log.out" 2>&1
	local rc=$?
	wait $sp
	cat "$log.out" "$log"
	return $rc
}

# Pipelined commands.
rw0=$(counter rewrites)
ok "v4: two PORTs in one segment, both rewritten, both data connections, NOOP answered" -- \
	scripted pipeline 4 $SRV4 $CLI4
check "v4: the two PORTs counted as two rewrites" $((rw0 + 2)) "$(counter rewrites)"
ok "v6: two EPRTs in one segment, likewise" -- scripted pipeline 6 "$SRV6" "$CLI6"

# A SYN in the middle of the connection, whose sequence number would put a
# line start inside the client's next line (just before a PORT/EPRT in its
# second segment): only the SYN that sets the connection up counts, so the
# line is one NOOP, reaches the server unchanged and opens nothing.
ph0=$(counter pinholes)
rw0=$(counter rewrites)
ok "v4: a SYN in mid-connection, then NOOP with a PORT in its second segment: NOOP answered" -- \
	scripted synjump 4 $SRV4 $CLI4
check "v4: the line reached the server unchanged" 1 \
	"$(grep -c "NOOP xxxxxxxxxxxPORT ${CLI4//./,}," "$dir/synjump.4")"
ok "v6: likewise with EPRT" -- scripted synjump 6 "$SRV6" "$CLI6"
check "v6: the line reached the server unchanged" 1 \
	"$(grep -c "NOOP xxxxxxxxxxxEPRT |2|$CLI6|" "$dir/synjump.6")"
check "no pinhole opened, nothing rewritten for them" "$ph0 $rw0" \
	"$(counter pinholes) $(counter rewrites)"
check "no expectation left" 0 \
	"$(ip netns exec "$RTR" conntrack -L expect 2> /dev/null | grep -c .)"

ftp_server "$dir" :: || bail "FTP server did not start"

# A lost rewritten segment: the server's namespace drops the first segment
# of the control connection carrying PORT or EPRT (once per connection),
# so the client's retransmission is what the server gets.
# (lose_first, lost: selftests/lib.sh)
lose_first "$SRV" 'tcp dport 21 @ih,0,32 { 0x504f5254, 0x45505254 }' ||
	bail "server drop rule"
ph0=$(counter pinholes)
rw0=$(counter rewrites)
check "v4 PORT, the rewritten segment lost once: md5 of the transfer" "$want" \
	"$(fetch_at $SRV4 rport -P - --disable-eprt)"
check "the PORT segment was dropped once" 1 "$(lost "$SRV")"
check "v4: one pinhole and one rewrite counted, not two" \
	"$((ph0 + 1)) $((rw0 + 1))" "$(counter pinholes) $(counter rewrites)"
check "v6 EPRT, the rewritten segment lost once: md5 of the transfer" "$want" \
	"$(fetch_at "[$SRV6]" reprt -P -)"
check "the EPRT segment was dropped once" 2 "$(lost "$SRV")"
ip netns exec "$SRV" nft delete table inet lose

# Split lines: a PORT/EPRT in eight segments, then a 4 KiB line.
held0=$(counter stream_held)
ok "v4: PORT sent in eight segments, active transfer" -- \
	peers split $SRV4 $CLI4 "$dir/split4"
check "v4 split: md5" "$want" "$(md5sum < "$dir/split4")"
ok "v6: EPRT sent in eight segments, active transfer" -- \
	peers split "$SRV6" "$CLI6" "$dir/split6"
check "v6 split: md5" "$want" "$(md5sum < "$dir/split6")"
log "$(ip netns exec "$RTR" "$NFALG" show counters | grep -E 'stream|rewrite|midline')"
ok "the split lines were held back" test "$(counter stream_held)" -gt "$held0"
gu0=$(counter stream_give_up)
ok "v4: a 4 KiB line in three segments, then PORT, active transfer" -- \
	peers long $SRV4 $CLI4 "$dir/long4"
check "v4 long: md5" "$want" "$(md5sum < "$dir/long4")"
log "$(ip netns exec "$RTR" "$NFALG" show counters | grep -E 'stream|rewrite|midline')"
check "the overlong line was released unparsed" $((gu0 + 1)) "$(counter stream_give_up)"

# Reordering before the router (netem on the client's link): parsing
# resumes after a gap, the PORT sent afterwards still works.
rs0=$(counter stream_resync)
ip netns exec "$CLI" tc qdisc add dev eth0 root netem delay 20ms reorder 50%
ok "v4: 30 NOOPs reordered, then PORT, active transfer" -- \
	peers reorder $SRV4 $CLI4 "$dir/reorder4"
check "v4 reorder: md5" "$want" "$(md5sum < "$dir/reorder4")"
ok "v6: likewise" -- peers reorder "$SRV6" "$CLI6" "$dir/reorder6"
check "v6 reorder: md5" "$want" "$(md5sum < "$dir/reorder6")"
ok "the gaps were counted" test "$(counter stream_resync)" -gt "$rs0"
ip netns exec "$CLI" tc qdisc del dev eth0 root

# impaired LABEL HOST TAG MODE...: each MODE ("name:curl options") fetched
# from HOST over the impaired links, its md5 checked.
impaired() {
	local label=$1 host=$2 tag=$3 m
	shift 3
	for m; do
		# shellcheck disable=SC2086
		check "$label ${m%%:*} over lossy, duplicating, reordering links: md5" "$want" \
			"$(fetch_at "$host" "$tag${m%%:*}" ${m#*:})"
	done
}

# Loss, duplication and reordering on every link around the router
# (the paths lane: one active and one passive mode here, the other two
# through DNAT below).
impair add
m4=("port:-P - --disable-eprt" "pasv:--ftp-pasv --disable-epsv"
	"eprt:-P -" "epsv:--ftp-pasv")
m6=("eprt:-P -" "epsv:--ftp-pasv")
if ! full "masquerade v4 pasv, eprt and v6 eprt over the impaired links"; then
	m4=("port:-P - --disable-eprt" "epsv:--ftp-pasv")
	m6=("epsv:--ftp-pasv")
fi
impaired v4 "$SRV4" n "${m4[@]}"
impaired v6 "[$SRV6]" n6 "${m6[@]}"
impair del

# The same through DNAT: the server published on the router's client-side
# address, no masquerade. Now the rewrites are the server's: its 227 reply
# names its private address.
ok "router rules: DNAT to the server" -- alg_router \
	'ct helper ftpx { type "nfalg-ftp" protocol tcp; l3proto inet; }' \
	'tcp dport 21 ct state new ct helper set "ftpx"' \
	'iifname eth0c tcp dport 21 ct state new accept' '' \
	"iifname eth0c ip daddr $RTR4C tcp dport 21 dnat ip to $SRV4
	iifname eth0c ip6 daddr $RTR6C tcp dport 21 dnat ip6 to $SRV6"

# A lost rewritten reply: the client's namespace drops the first segment
# of each control connection that carries a 227 reply, so what the client
# gets is the server's retransmission, which the router must rewrite the
# same way.
lose_first "$CLI" 'tcp sport 21 @ih,0,32 0x32323720' || bail "client drop rule"
ph0=$(counter pinholes)
rw0=$(counter rewrites)
check "DNAT v4 PASV, the rewritten 227 reply lost once: md5 of the transfer" "$want" \
	"$(fetch_at "$RTR4C" dpasv --ftp-pasv --disable-epsv)"
check "the 227 reply was dropped once" 1 "$(lost "$CLI")"
check "DNAT v4: one pinhole and one rewrite counted, not two" \
	"$((ph0 + 1)) $((rw0 + 1))" "$(counter pinholes) $(counter rewrites)"
ip netns exec "$CLI" nft delete table inet lose

impair add
m4=("port:-P - --disable-eprt" "pasv:--ftp-pasv --disable-epsv")
m6=("eprt:-P -" "epsv:--ftp-pasv")
if ! full "DNAT v4 port and v6 epsv over the impaired links"; then
	m4=("pasv:--ftp-pasv --disable-epsv")
	m6=("eprt:-P -")
fi
impaired "DNAT v4" "$RTR4C" dn "${m4[@]}"
impaired "DNAT v6" "[$RTR6C]" dn6 "${m6[@]}"

finish
