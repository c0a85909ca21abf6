#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# SIP ALG (UDP) with real SIPp peers through a router whose forwarding
# policy is drop except the client side's new connections and
# established/related: a caller (uac.xml) in the client namespace calls a
# callee (uas.xml) in the server namespace; once the call is answered
# each side sends the audio of SIPp's g711a.pcap (RTP) toward the address
# and port of the other's SDP. Counted at both ends: the callee's audio
# reaches the caller behind NAT only through the pinhole the caller's
# offer opened (and its SDP rewritten to the router's address), the
# caller's reaches the callee only through the one the answer opened.
# Through masquerade (NAPT44 and NAT66) and with the callee published by
# DNAT (IPv4 and IPv6). BYE closes the pinholes left (RTCP, unused). A
# re-INVITE moving the caller's audio closes the first offer's pinholes
# and the callee's audio reaches the new port only (uac_reinvite.xml). The
# call through nfalg's own configuration (junos-sip in a service set)
# shows the media as children of the signalling conversation. Refused,
# counted and opening nothing: an offer naming another inside host (c=),
# media on ports 22 and 3306, the dialogs of a flood of 20 calls beyond
# the 16 one conversation may track (the calls complete); a malformed
# message passes unchanged. A phone registers through NAPT44 and NAT66,
# and with the registrar behind DNAT (register.xml, registrar.xml); a
# call from the registrar's side reaches it through the registration's
# pinhole until the granted time is over; a Contact of another inside
# host opens nothing. The module unloaded in the middle of a call (audio
# flowing) leaves the call to plain conntrack and loads again.
# Without the helper the callee's audio does not reach the caller.
# The paths lane (NFALG_PATHS=1) leaves out the run without the helper,
# the IPv6 DNAT call, the offer at port 3306 (22 runs the same path),
# the registration over NAT66 and behind DNAT, the wait for a
# registration to expire and the flood.
#
# fixture: router
. "$(dirname "$0")/lib.sh"
require_cmd sipp nft conntrack socat
SIPDIR=$NFALG_TOP/selftests/sip
UAC_MP=6000 UAS_MP=7000

topo_router || bail "topology failed"
nfalg_load || bail "cannot load nfalg"
nfalg_insmod nfalg_sip || bail "cannot load nfalg_sip"

dir=$(mktemp -d)
defer rm -rf "$dir"

# RTP counters at both ends: the caller's media port (and the one two
# up, where a re-INVITE moves it), the callee's
rtp_counters "$CLI:$UAC_MP" "$SRV:$UAS_MP" || bail "counters"

# rules_router WITH_HELPER [dnat]: SIP over UDP (selftests/lib.sh sip_router)
rules_router() {
	sip_router udp "$@"
}

# call NAME CALLEE-LISTEN CALLED-ADDR CALLER-ADDR [CALLER-MEDIA-IP
# [CALLER-MEDIA-PORT]]: one call of about three seconds of audio each way;
# succeeds when the caller completed it (INVITE, 200, ACK, BYE, 200).
# SCEN=_reinvite: the caller moves its audio with a re-INVITE first.
# INBOUND=PORT: the server's side calls the client's from PORT (a phone
# registered behind the router); each side's audio port stays its own.
call() {
	local name=$1 lis=$2 to=$3 from=$4 mi=${5:-$4} mp=${6:-$UAC_MP} uas
	local ee=$SRV er=$CLI emp=$UAS_MP erp=5060
	if [ -n "${INBOUND:-}" ]; then
		ee=$CLI er=$SRV emp=$UAC_MP mp=$UAS_MP erp=$INBOUND
	fi
	rtp_reset
	ip netns exec "$ee" timeout "$(tscale 60)" sipp -sf "$SIPDIR/uas${SCEN:-}.xml" \
		-i "$lis" -p 5060 -mp $emp -m 1 -nostdin \
		-trace_msg -message_file "$dir/$name.uas.msg" \
		> "$dir/$name.uas.out" 2>&1 &
	uas=$!
	listening "$ee" u 5060
	ip netns exec "$er" timeout "$(tscale 60)" sipp -sf "$SIPDIR/uac${SCEN:-}.xml" \
		"$to" -i "$from" -p $erp -mi "$mi" -mp "$mp" -m 1 -d 3000 \
		-nostdin -timeout "$(tscale 40)" -recv_timeout "$(tscale 10)000" \
		-trace_msg -message_file "$dir/$name.uac.msg" \
		> "$dir/$name.uac.out" 2>&1
	local rc=$?
	kill $uas 2> /dev/null
	wait $uas 2> /dev/null
	# the last packets of the audio on their way
	sleep 1
	return $rc
}

# register NAME REGISTRAR-LISTEN REGISTRAR-ADDR PHONE-ADDR [CONTACT]: the
# phone registers CONTACT (default its own address; an IPv6 one in
# brackets) on its port 5060 for REG_EXPIRES seconds, granted as asked;
# succeeds when the phone got the grant
register() {
	local name=$1 lis=$2 to=$3 from=$4 contact=${5:-$4} reg rc
	ip netns exec "$SRV" timeout "$(tscale 30)" sipp -sf "$SIPDIR/registrar.xml" \
		-i "$lis" -p 5060 -m 1 -key expires "$REG_EXPIRES" -nostdin \
		-trace_msg -message_file "$dir/$name.reg.msg" \
		> "$dir/$name.reg.out" 2>&1 &
	reg=$!
	listening "$SRV" u 5060
	ip netns exec "$CLI" timeout "$(tscale 30)" sipp -sf "$SIPDIR/register.xml" \
		"$to" -i "$from" -p 5060 -m 1 -key expires "$REG_EXPIRES" \
		-key contact_ip "$contact" -nostdin \
		-recv_timeout "$(tscale 10)000" > "$dir/$name.phone.out" 2>&1
	rc=$?
	kill $reg 2> /dev/null
	wait $reg 2> /dev/null
	return $rc
}

# reg_pinhole ADDR: seconds left to the pinhole toward port 5060 of ADDR
# (conntrack's expectation list), nothing when there is none
reg_pinhole() {
	ip netns exec "$RTR" conntrack -L expect 2> /dev/null |
		awk -v a="dst=$1" '$0 ~ a " " && / dport=5060 / { print $1; exit }'
}

# media_ok DESCRIPTION: both sides received a good part of the other's
# audio (the caller's pause is 3 s: 150 packets at 50 a second, some lost
# at the start and end on a slow machine); the counts are logged
media_ok() {
	local c s
	c=$(rtp_in "$CLI") s=$(rtp_in "$SRV")
	log "RTP packets received: caller $c, callee $s"
	ok "$1" -- test "$c" -ge 30 -a "$s" -ge 30
}

ok "router rules with ct helper nfalg-sip" -- rules_router 1
p0=$(counter pinholes)
ok "v4 masquerade: the call completes" -- call v4 $SRV4 $SRV4:5060 $CLI4
media_ok "v4 masquerade: audio reaches both sides"
expect_output "v4: the callee saw the router's address in the offer" \
	"c=IN IP4 $RTR4S" -- cat "$dir/v4.uas.msg"
check "v4: nor the caller's own address anywhere but the Call-ID" 0 \
	"$(grep -v '^Call-ID:' "$dir/v4.uas.msg" | grep -c "$CLI4")"
expect_output "v4: the caller saw its own address in the answer's Via" \
	"Via: SIP/2.0/UDP $CLI4:5060" -- cat "$dir/v4.uac.msg"
check "v4: four media pinholes (RTP and RTCP each way)" $((p0 + 4)) \
	"$(counter pinholes)"
ok "v4: BYE closed the two RTCP pinholes left" -- \
	test "$(counter sip_media_closed)" -ge 2
check "v4: no pinhole left" "" \
	"$(ip netns exec "$RTR" conntrack -L expect 2> /dev/null)"

# A re-INVITE moves the caller's audio two ports up before any audio:
# the callee's audio reaches the new port only, the first offer's
# pinholes are closed (and the RTCP ones left at the BYE)
ip netns exec "$RTR" conntrack -F 2> /dev/null
c0=$(counter sip_media_closed)
SCEN=_reinvite
ok "v4 re-INVITE: the call completes" -- call re4 $SRV4 $SRV4:5060 $CLI4
SCEN=
check "v4 re-INVITE: no audio at the first port" 0 "$(rtp_in "$CLI")"
ok "v4 re-INVITE: the callee's audio reaches the new port" -- \
	test "$(rtp_in "$CLI" moved)" -ge 30
ok "v4 re-INVITE: the first offer's two pinholes and the two RTCP ones closed" -- \
	test "$(counter sip_media_closed)" -ge $((c0 + 4))

ip netns exec "$RTR" conntrack -F 2> /dev/null
ok "v6 masquerade (NAT66): the call completes" -- \
	call v6 $SRV6 "[$SRV6]:5060" $CLI6
media_ok "v6 masquerade: audio reaches both sides"
expect_output "v6: the callee saw the router's address in the offer" \
	"c=IN IP6 $RTR6S" -- cat "$dir/v6.uas.msg"

# nfalg as the router's stateful firewall: junos-sip in a service set
# attaches the ALG (no nft helper); the media are the call's children
R="ip netns exec $RTR $NFALG"
ok "router rules without an nft helper" -- rules_router 0
ok "nfalg rule: junos-sip on the client side" -- $R -b - <<-EOF
	rule add sip match-direction input term t from application junos-sip then accept
	service-set add s interface eth0c rule sip
EOF
ip netns exec "$RTR" conntrack -F 2> /dev/null
ok "junos-sip: the call completes" -- call cf $SRV4 $SRV4:5060 $CLI4
media_ok "junos-sip: audio reaches both sides"
ip netns exec "$RTR" "$NFALG" show conversations > "$dir/conv.txt" 2>&1
expect_output "show conversations: the signalling, application junos-sip, alg sip" \
	"^conversation [0-9]+ udp $CLI4:5060 -> $SRV4:5060 .*application junos-sip alg sip" -- \
	cat "$dir/conv.txt"
# both send from the port they receive on (symmetric RTP): one flow,
# begun by whichever audio reached the router first
expect_output "show conversations: the audio a child of it, packets both ways" \
	"^    child [0-9]+ udp ($SRV4:$UAS_MP -> $RTR4S:$UAC_MP|$CLI4:$UAC_MP -> $SRV4:$UAS_MP) .* packets [1-9][0-9]*/[1-9]" -- \
	cat "$dir/conv.txt"
ok "nfalg configuration flushed" -- $R flush

ok "router rules: callee behind DNAT, with the helper" -- rules_router 1 dnat
ip netns exec "$RTR" conntrack -F 2> /dev/null
ok "v4 DNAT: the call completes" -- call d4 $SRV4 $RTR4C:5060 $CLI4
media_ok "v4 DNAT: audio reaches both sides"
expect_output "v4 DNAT: the caller saw the router's address in the answer" \
	"c=IN IP4 $RTR4C" -- cat "$dir/d4.uac.msg"
if full "the IPv6 DNAT call"; then
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	ok "v6 DNAT: the call completes" -- call d6 $SRV6 "[$RTR6C]:5060" $CLI6
	media_ok "v6 DNAT: audio reaches both sides"
fi

# Refusals: the offer's media at another inside host, or at a port
# outside the media port range (a service's: NAT Slipstreaming), opens
# nothing; the call itself goes on
ok "router rules with the helper again" -- rules_router 1
ip -n "$CLI" addr add 192.0.2.3/24 dev eth0
defer ip -n "$CLI" addr del 192.0.2.3/24 dev eth0
ip netns exec "$RTR" conntrack -F 2> /dev/null
t0=$(counter third_party) p0=$(counter pinholes)
call tp $SRV4 $SRV4:5060 $CLI4 192.0.2.3 > /dev/null
check "c= of another inside host: refused and counted" $((t0 + 1)) \
	"$(counter third_party)"
check "c= of another inside host: no audio reached it" 0 "$(rtp_in "$CLI")"
check "c= of another inside host: only the answer's pinholes opened" \
	$((p0 + 2)) "$(counter pinholes)"
ports=22
full "m=audio 3306 (the same refusal as 22)" && ports="22 3306"
for port in $ports; do
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	v0=$(counter sip_media_port) p0=$(counter pinholes)
	call p$port $SRV4 $SRV4:5060 $CLI4 $CLI4 $port > /dev/null
	check "m=audio $port: refused, counted" $((v0 + 1)) \
		"$(counter sip_media_port)"
	check "m=audio $port: only the answer's pinholes opened" \
		$((p0 + 2)) "$(counter pinholes)"
done
expect_output "media port refusal logged" \
	"nfalg-sip: media pinhole refused: port 22 outside 5004-65535" -- dmesg

# Registration (RFC 3261 10) through NAPT44: the registrar sees the
# router's address in the Contact; a call from the registrar's side, on
# a flow of its own (from port 5070, not the REGISTER's), reaches the
# phone only through the registration's pinhole, carries the ALG itself
# (the phone's answer translated) and its audio flows both ways. The
# pinhole lasts as long as the registrar granted (REG_EXPIRES, shorter
# than the 32 s a REGISTER's own pinhole waits for the answer), the
# signalling conversation outlives the router's udp-timeout for it, and
# once the time is over calls no longer reach the phone. A Contact of
# another inside host opens nothing.
REG_EXPIRES=$(tscale 20)
R="ip netns exec $RTR $NFALG"
ok "router: udp-timeout $(tscale 5) s" -- $R set udp-timeout "$(tscale 5)"
defer "$R set udp-timeout 30"
ip netns exec "$RTR" conntrack -F 2> /dev/null
t_reg=$SECONDS
ok "registration v4: granted through NAPT44" -- \
	register r4 $SRV4 $SRV4:5060 $CLI4
expect_output "registration v4: the registrar saw the router's address in the Contact" \
	"^Contact: <sip:phone@$RTR4S:5060>" -- cat "$dir/r4.reg.msg"
left=$(reg_pinhole $RTR4S)
ok "registration v4: a pinhole toward the phone for the granted time (${left:-no} s)" -- \
	test -n "$left" -a "${left:-0}" -le "$REG_EXPIRES"
# past the udp-timeout, which no longer ends the registration's
# conversation; listing the table drops what expired (as conntrack's
# collector would, in its own time)
sleep "$(tscale 7)"
ip netns exec "$RTR" conntrack -L > /dev/null 2>&1
INBOUND=5070 ok "registration v4: a call from the registrar's side reaches the phone" -- \
	call in4 $CLI4 $RTR4S:5060 $SRV4
media_ok "registration v4: audio reaches both sides"
expect_output "registration v4: the phone's answer translated (the ALG on the call)" \
	"c=IN IP4 $RTR4S" -- cat "$dir/in4.uac.msg"
if full "the call after the registration expired"; then
	wait_s=$((t_reg + REG_EXPIRES + 2 - SECONDS))
	[ "$wait_s" -le 0 ] || sleep "$wait_s"
	INBOUND=5071 fails "registration v4: once expired, a call no longer reaches the phone" -- \
		call ex4 $CLI4 $RTR4S:5060 $SRV4
fi
if full "the registration over NAT66"; then
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	ok "registration v6: granted through NAT66" -- \
		register r6 $SRV6 "[$SRV6]:5060" $CLI6 "[$CLI6]"
	expect_output "registration v6: the registrar saw the router's address in the Contact" \
		"^Contact: <sip:phone@\\[$RTR6S\\]:5060>" -- cat "$dir/r6.reg.msg"
	INBOUND=5070 ok "registration v6: a call from the registrar's side reaches the phone" -- \
		call in6 $CLI6 "[$RTR6S]:5060" $SRV6
	media_ok "registration v6: audio reaches both sides"
fi
ip netns exec "$RTR" conntrack -F 2> /dev/null
t0=$(counter third_party)
ok "registration of another inside host's Contact: the registrar answers" -- \
	register tp $SRV4 $SRV4:5060 $CLI4 192.0.2.3
check "registration of another inside host's Contact: refused and counted" \
	$((t0 + 1)) "$(counter third_party)"
check "registration of another inside host's Contact: no pinhole" "" \
	"$(ip netns exec "$RTR" conntrack -L expect 2> /dev/null)"
# The registrar published by DNAT, the phone outside: the registrar's
# calls reach the phone through the registration's pinhole, from the
# router's address (the INVITE's Via translated)
if full "the registration with the registrar behind DNAT"; then
	ok "router rules: registrar behind DNAT, with the helper" -- \
		rules_router 1 dnat
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	ok "registration DNAT v4: granted" -- \
		register rd4 $SRV4 $RTR4C:5060 $CLI4
	expect_output "registration DNAT v4: the registrar saw the phone's own Contact" \
		"^Contact: <sip:phone@$CLI4:5060>" -- cat "$dir/rd4.reg.msg"
	INBOUND=5070 ok "registration DNAT v4: a call from the registrar reaches the phone" -- \
		call id4 $CLI4 $CLI4:5060 $SRV4
	media_ok "registration DNAT v4: audio reaches both sides"
	expect_output "registration DNAT v4: the call came from the router's address" \
		"^Via: SIP/2.0/UDP $RTR4C:" -- cat "$dir/id4.uas.msg"
	ok "router rules with the helper again" -- rules_router 1
fi
ok "router: udp-timeout 30 s again" -- $R set udp-timeout 30

# A flood: 20 calls at once on one signalling conversation, beyond the 16
# dialogs it may track (uac_flood.xml: each call offers audio on its own
# port, none is sent; SIPp's own callee): every call still completes, the
# dialogs over the cap get no media pinholes and are counted, so the
# caller's side never has more than 16 dialogs' RTP and RTCP pinholes.
# The paths lane leaves it out: its calls take the others' paths.
if full "the flood of 20 calls"; then
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	f0=$(counter sip_dialog_cap)
	ip netns exec "$SRV" timeout "$(tscale 120)" sipp -sn uas -i $SRV4 -p 5060 \
		-mp $UAS_MP -m 20 -nostdin -trace_err -error_file "$dir/flood.uas.err" \
		> "$dir/flood.uas.out" 2>&1 &
	uas=$!
	listening "$SRV" u 5060
	ip netns exec "$CLI" timeout "$(tscale 120)" sipp -sf "$SIPDIR/uac_flood.xml" \
		$SRV4:5060 -i $CLI4 -p 5060 -mp $UAC_MP -m 20 -r 20 -l 20 \
		-d "$(tscale 6)000" -nostdin -timeout "$(tscale 100)" \
		-trace_err -error_file "$dir/flood.uac.err" \
		> "$dir/flood.uac.out" 2>&1 &
	uac=$!
	peak=0
	while kill -0 $uac 2> /dev/null; do
		n=$(ip netns exec "$RTR" conntrack -L expect 2> /dev/null | grep -c "dst=$RTR4S ")
		[ "$n" -gt "$peak" ] && peak=$n
		sleep 0.5
	done
	wait $uac
	frc=$?
	kill $uas 2> /dev/null
	wait $uas 2> /dev/null
	log "flood: at most $peak pinholes toward the caller at once"
	# SIPp's own account of a call that failed
	[ "$frc" = 0 ] || { grep -vE '^\s*$' "$dir/flood.uac.err" | tail -n 15 |
		sed 's/^/# uac: /'; grep -E 'Failed|Successful|Retrans|Timeout' \
		"$dir/flood.uac.out" | tail -n 12 | sed 's/^/# uac: /'
		grep -vE '^\s*$' "$dir/flood.uas.err" 2> /dev/null | tail -n 10 |
		sed 's/^/# uas: /'; }
	check "flood: all 20 calls completed (sipp's status)" 0 "$frc"
	ok "flood: the dialogs over the cap refused and counted" -- \
		test "$(counter sip_dialog_cap)" -ge $((f0 + 4))
	ok "flood: never more than 16 dialogs' pinholes toward the caller" -- \
		test "$peak" -le 32
	ok "flood: yet the table filled (a cap reached, not a call lost early)" -- \
		test "$peak" -ge 24
fi

# A malformed message (no Call-ID) passes unchanged, opens nothing
u0=$(counter sip_unparsed) p0=$(counter pinholes)
ip netns exec "$SRV" timeout "$(tscale 10)" socat -u UDP-RECV:5060 \
	"OPEN:$dir/bad.rcv,creat" &
rcv=$!
sleep 1
printf 'INVITE sip:x@%s SIP/2.0\r\nVia: SIP/2.0/UDP %s:5060\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: 40\r\n\r\nv=0\r\nc=IN IP4 %s\r\nm=audio 4000 RTP/AVP 0\r\n' \
	$SRV4 $CLI4 $CLI4 > "$dir/bad.msg"
ip netns exec "$CLI" socat -u "OPEN:$dir/bad.msg" UDP:$SRV4:5060,sourceport=5062
sleep 1
kill $rcv 2> /dev/null
wait $rcv 2> /dev/null
check "malformed: counted as unparsed" $((u0 + 1)) "$(counter sip_unparsed)"
check "malformed: no pinhole" "$p0" "$(counter pinholes)"
check "malformed: delivered unchanged" "$(md5sum < "$dir/bad.msg")" \
	"$(md5sum < "$dir/bad.rcv")"
expect_output "malformed: logged" "nfalg: sip-malformed: passed unparsed proto 17" -- dmesg

# The module unloaded in the middle of a call, its audio flowing (the
# helper leaves every conversation, its pinholes go): the call completes
# on plain conntrack, and the module loads again. The ruleset loses its
# "ct helper" object first (it holds the module: rmmod would say "in
# use"), keeping masquerade and the forwarding rules.
ok "router rules with the helper, for the unload" -- rules_router 1
ip netns exec "$RTR" conntrack -F 2> /dev/null
rtp_reset
call unload $SRV4 $SRV4:5060 $CLI4 > /dev/null &
cpid=$!
for _ in $(seq "$(tscale 40)"); do
	[ "$(rtp_in "$CLI")" -gt 0 ] && break
	sleep 0.5
done
ok "unload: audio flowing when the module goes" -- test "$(rtp_in "$CLI")" -gt 0
ok "unload: the ruleset without its helper object" -- \
	alg_router '' '' 'iifname eth0c udp dport 5060 ct state new accept'
ok "unload: rmmod nfalg_sip in the middle of the call" -- rmmod nfalg_sip
wait $cpid
check "unload: the call still completed" 0 "$?"
ok "unload: the module loads again" -- nfalg_insmod nfalg_sip

if full "the run without the helper"; then
	ok "router rules without the helper" -- rules_router 0
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	call nohelper $SRV4 $SRV4:5060 $CLI4 > /dev/null
	check "without the helper the callee's audio never reaches the caller" 0 \
		"$(rtp_in "$CLI")"
fi
finish
