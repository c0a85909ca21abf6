#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# SIP ALG over TCP (signalling on TCP port 5060, media RTP on UDP) with
# real SIPp peers (-t t1: one TCP connection, the caller's from its own
# port) through a router whose forwarding policy is drop except the
# client side's new connections and established/related: a caller
# (uac.xml, the UDP test's scenario: it names its transport) in the
# client namespace calls a callee (uas.xml) in the server namespace; once
# the call is answered each side sends the audio of SIPp's g711a.pcap
# (RTP) toward the address and port of the other's SDP. Counted at both
# ends: the callee's audio reaches the caller behind NAT only through the
# pinhole the caller's offer opened (and its SDP rewritten to the
# router's address), the caller's reaches the callee only through the
# one the answer opened. Through masquerade (NAPT44 and NAT66) and with
# the callee published by DNAT (IPv4; IPv6 too outside the paths lane);
# BYE closes the pinholes left. The stream: an INVITE segment lost after
# the router is rewritten the same way on its retransmission (the callee
# saw the router's address, one set of pinholes), and so is a 180
# Ringing lost after the router once the 200 OK behind it has passed (its
# retransmission is put back at its own place in the stream); the call survives
# loss, duplication and reordering around the router (netem); an INVITE
# split over two segments (after its headers, or inside the c= address)
# reaches the callee as one translated message with a Content-Length
# that fits its body, and opens its pinholes; with its second part 0.3 s
# late (after the sender's tail loss probe resent the first, which the
# router drops and keeps holding) it arrives translated too, and so does
# the INVITE after it in the same write. The INVITE after a message the
# router let pass untranslated is translated (parsing resumed at the
# next message, found by the first one's Content-Length): after one of
# 2,000 bytes (in one write; in two segments, whose join would exceed
# the MTU) and after one of 5,000 (over the 4 KiB parsed), which arrive
# whole; an OPTIONS and an INVITE in one segment both arrive translated, the
# INVITE's pinholes open; a malformed INVITE passes as sent, counted,
# and the good one after it in the segment is translated. NAT Slipstreaming: an HTTP POST to port 5060
# whose body puts a REGISTER and an INVITE with an offer at the start of
# segments of their own is never parsed (the connection did not begin
# with a SIP message): nothing opens or is refused, its bytes arrive
# unchanged. The call through
# nfalg's own configuration (an application sip-tcp in a service set)
# shows the TCP signalling conversation with alg sip and the media as its
# children. Without the helper the callee's audio does not reach the
# caller. Registrations are not tested: over TCP they open no pinhole
# (the registrar calls back over the phone's connection).
# Each caller uses a port of its own (-p): its side closes first and
# keeps the connection in TIME-WAIT, where a second connect of the same
# addresses and ports would fail.
# The paths lane (NFALG_PATHS=1) leaves out the run without the helper,
# the IPv6 DNAT call, the IPv6 split message, the split inside c= and
# the 2,000-byte INVITE in one write (paths the others take).
#
# fixture: router
. "$(dirname "$0")/lib.sh"
require_cmd sipp nft conntrack socat tc
SIPDIR=$NFALG_TOP/selftests/sip
PEER="/usr/bin/python3 $NFALG_TOP/selftests/sip_tcp_peer.py"
UAC_MP=6000 UAS_MP=7000

topo_router || bail "topology failed"
nfalg_load || bail "cannot load nfalg"
nfalg_insmod nfalg_sip || bail "cannot load nfalg_sip"

dir=$(mktemp -d)
defer rm -rf "$dir"

# RTP counters at both ends: the caller's media port, the callee's
rtp_counters "$CLI:$UAC_MP" "$SRV:$UAS_MP" || bail "counters"

# rules_router WITH_HELPER [dnat]: SIP over TCP (selftests/lib.sh sip_router)
rules_router() {
	sip_router tcp "$@"
}

# call NAME CALLEE-LISTEN CALLED-ADDR CALLER-ADDR CALLER-PORT: one call
# over TCP from CALLER-ADDR:CALLER-PORT, about three seconds of audio each
# way; succeeds when the caller completed it (INVITE, 200, ACK, BYE, 200)
call() {
	local name=$1 lis=$2 to=$3 from=$4 cp=$5 uas rc
	rtp_reset
	ip netns exec "$SRV" timeout "$(tscale 60)" sipp -sf "$SIPDIR/uas.xml" \
		-t t1 -i "$lis" -p 5060 -mp $UAS_MP -m 1 -nostdin \
		-trace_msg -message_file "$dir/$name.uas.msg" \
		-trace_err -error_file "$dir/$name.uas.err" \
		> "$dir/$name.uas.out" 2>&1 &
	uas=$!
	listening "$SRV" t 5060
	ip netns exec "$CLI" timeout "$(tscale 60)" sipp -sf "$SIPDIR/uac.xml" \
		"$to" -t t1 -i "$from" -p "$cp" -mi "$from" -mp $UAC_MP -m 1 \
		-d 3000 -nostdin -timeout "$(tscale 40)" \
		-recv_timeout "$(tscale 10)000" \
		-trace_msg -message_file "$dir/$name.uac.msg" \
		-trace_err -error_file "$dir/$name.uac.err" \
		> "$dir/$name.uac.out" 2>&1
	rc=$?
	kill $uas 2> /dev/null
	wait $uas 2> /dev/null
	# SIPp's own account of a call that failed, the messages each side
	# got last and the router's stream counters
	if [ $rc != 0 ]; then
		grep -E 'Failed|Successful|Timeout|rror' \
			"$dir/$name.uac.out" | tail -n 8
		head -n 20 "$dir/$name".ua[cs].err 2> /dev/null
		tail -n 30 "$dir/$name.uac.msg" "$dir/$name.uas.msg"
		ip netns exec "$RTR" "$NFALG" show counters | grep -E 'stream|sip'
	fi
	# the last packets of the audio on their way
	sleep 1
	return $rc
}

# rcvd MSGFILE: the messages a SIPp peer received (its -message_file
# holds those it sent too)
rcvd() {
	awk '/^-----------------/ { r = 0 } /message received/ { r = 1; next } r' "$1"
}

# media_ok DESCRIPTION [MIN]: both sides received at least MIN (30) of
# the other's audio packets (the caller's pause is 3 s: 150 packets at 50
# a second, some lost at the start and end on a slow machine); the
# counts are logged
media_ok() {
	local c s
	c=$(rtp_in "$CLI") s=$(rtp_in "$SRV")
	log "RTP packets received: caller $c, callee $s"
	ok "$1" -- test "$c" -ge "${2:-30}" -a "$s" -ge "${2:-30}"
}

# retrans NS: TCP segments namespace NS retransmitted so far
retrans() {
	ip netns exec "$1" awk '/^Tcp:/ { if (!h) { for (i = 1; i <= NF; i++)
		if ($i == "RetransSegs") c = i; h = 1 } else print $c }' /proc/net/snmp
}

# scripted NAME MODE DST LOCALADDR LOCALPORT [ARGS...]: the scripted
# client MODE (sip_tcp_peer.py) from LOCALADDR:LOCALPORT to port 5060 of
# DST, against a recording listener (socat) on the server's port 5060:
# what the client sent is in $dir/NAME.sent, what the server got in
# $dir/NAME.rcv, its SIP messages summed up in $dir/NAME.sum (printed),
# the segments the client retransmitted counted in $dir/NAME.rx
scripted() {
	local name=$1 mode=$2 dst=$3 la=$4 lp=$5 fam=4 rec rc r0
	shift 5
	case $dst in *:*) fam=6 ;; esac
	rm -f "$dir/$name.rcv"
	ip netns exec "$SRV" timeout "$(tscale 30)" socat -u \
		"TCP$fam-LISTEN:5060,reuseaddr" "OPEN:$dir/$name.rcv,creat" &
	rec=$!
	listening "$SRV" t 5060
	r0=$(retrans "$CLI")
	ip netns exec "$CLI" timeout "$(tscale 30)" $PEER "$mode" "$dst" 5060 \
		"$la" "$lp" "$dir/$name.sent" "$@"
	rc=$?
	[ $rc = 0 ] || kill $rec 2> /dev/null
	wait $rec 2> /dev/null
	echo $(($(retrans "$CLI") - r0)) > "$dir/$name.rx"
	$PEER summary "$dir/$name.rcv" > "$dir/$name.sum" 2>&1
	cat "$dir/$name.sum"
	return $rc
}

# expect_list: the router's expectations (pinholes)
expect_list() {
	ip netns exec "$RTR" conntrack -L expect 2> /dev/null
}

# 1. The router: TCP 5060 from the client side attached to nfalg-sip
ok "router rules with ct helper nfalg-sip for TCP" -- rules_router 1

# 2. NAPT44: the whole call translated (Via, Contact, From, SDP c= and
# o=), the pinholes opened by offer and answer let the audio through
# both ways, the answer's Via translated back, BYE closes what is left
p0=$(counter pinholes)
ok "v4 masquerade: the call over TCP completes" -- \
	call v4 $SRV4 $SRV4:5060 $CLI4 5060
media_ok "v4 masquerade: audio reaches both sides"
expect_output "v4: the callee saw the router's address in the offer" \
	"c=IN IP4 $RTR4S" -- rcvd "$dir/v4.uas.msg"
check "v4: nor the caller's own address anywhere but the Call-ID" 0 \
	"$(grep -v '^Call-ID:' "$dir/v4.uas.msg" | grep -c "$CLI4")"
expect_output "v4: the caller saw its own address in the answer's Via" \
	"^Via: SIP/2.0/TCP $CLI4:5060;" -- rcvd "$dir/v4.uac.msg"
check "v4: four media pinholes (RTP and RTCP each way)" $((p0 + 4)) \
	"$(counter pinholes)"
check "v4: no pinhole left after the BYE" "" "$(expect_list)"

# 3. NAT66 the same
ip netns exec "$RTR" conntrack -F 2> /dev/null
p0=$(counter pinholes)
ok "v6 masquerade (NAT66): the call over TCP completes" -- \
	call v6 $SRV6 "[$SRV6]:5060" $CLI6 5060
media_ok "v6 masquerade: audio reaches both sides"
expect_output "v6: the callee saw the router's address in the offer" \
	"c=IN IP6 $RTR6S" -- rcvd "$dir/v6.uas.msg"
check "v6: nor the caller's own address anywhere but the Call-ID" 0 \
	"$(grep -v '^Call-ID:' "$dir/v6.uas.msg" | grep -ci "$CLI6")"
check "v6: four media pinholes" $((p0 + 4)) "$(counter pinholes)"

# 4. A lost rewritten segment: the server's namespace drops the first
# segment of each connection to port 5060 that begins with "INVITE", so
# the callee gets the caller's retransmission, which the router must
# rewrite as it did the first time; nothing is opened twice.
# (lose_first, lost: selftests/lib.sh)
ok "server drops the first INVITE segment of each connection" -- \
	lose_first "$SRV" 'tcp dport 5060 @ih,0,48 0x494e56495445'
ip netns exec "$RTR" conntrack -F 2> /dev/null
p0=$(counter pinholes)
ok "lost INVITE segment: the call completes" -- \
	call lost $SRV4 $SRV4:5060 $CLI4 5062
check "lost INVITE segment: it was dropped once" 1 "$(lost "$SRV")"
expect_output "lost INVITE segment: the retransmission reached the callee rewritten" \
	"c=IN IP4 $RTR4S" -- rcvd "$dir/lost.uas.msg"
check "lost INVITE segment: nor the caller's address in it" 0 \
	"$(grep -v '^Call-ID:' "$dir/lost.uas.msg" | grep -c "$CLI4")"
media_ok "lost INVITE segment: audio reaches both sides"
check "lost INVITE segment: four pinholes counted, not more" $((p0 + 4)) \
	"$(counter pinholes)"
ip netns exec "$SRV" nft delete table inet lose

# A rewritten segment lost after the router once a later one has passed:
# the caller's namespace drops the first segment beginning with "SIP/2.0
# 180", so the callee's 200 OK (rewritten too) gets through first and the
# 180 comes again after it. Conntrack keeps one correction position per
# direction and would shift the retransmitted 180 by the 200's offset,
# putting its bytes at the wrong place in the caller's stream; the call
# completes with every message intact.
ok "caller drops the first 180 Ringing" -- \
	lose_first "$CLI" 'tcp sport 5060 @ih,0,88 0x5349502f322e3020313830'
ip netns exec "$RTR" conntrack -F 2> /dev/null
ok "180 lost after the 200 passed: the call completes" -- \
	call late180 $SRV4 $SRV4:5060 $CLI4 5063
check "180 lost after the 200 passed: it was dropped once" 1 "$(lost "$CLI")"
media_ok "180 lost after the 200 passed: audio reaches both sides"
ip netns exec "$CLI" nft delete table inet lose

# 5. A message split over two segments (the client's writes a moment
# apart, TCP_NODELAY): held by the router until complete and forwarded
# as one translated message; its Content-Length fits the body the server
# got (summary "end ok", nothing after it); its offer's RTP and RTCP
# pinholes are opened. Split after the headers (the body's length known
# only from Content-Length) and inside the c= address. The pause is
# 0.05 s: shorter than the sender's tail loss probe (about 0.2 s on
# these links), which retransmits the held bytes alone, and on which the
# router releases a held message unparsed (see the third case).
# split_ok NAME LABEL ROUTER-ADDR CLIENT-ADDR [P0]: the asserts on a
# received INVITE, and with P0 (the pinhole count before) its two pinholes
split_ok() {
	log "$2: the client retransmitted $(cat "$dir/$1.rx") segments"
	expect_output "$2: the INVITE arrived whole, translated, its Content-Length right" \
		"^INVITE sip:callee@[^ ]* SIP/2.0 \| clen [0-9]+ \| SIP/2.0/TCP \[?$3\]?:[0-9]+ \| c=IN IP[46] $3 \| m=audio [0-9]+ RTP/AVP 0 \| end ok$" -- \
		cat "$dir/$1.sum"
	check "$2: nothing after it" "rest 0" "$(tail -n 1 "$dir/$1.sum")"
	check "$2: nor the client's address anywhere but the Call-ID" 0 \
		"$(grep -av '^Call-ID:' "$dir/$1.rcv" | grep -aci "$4")"
	[ -z "${5:-}" ] ||
		check "$2: its two pinholes" $(($5 + 2)) "$(counter pinholes)"
}
ip netns exec "$RTR" conntrack -F 2> /dev/null
p0=$(counter pinholes)
ok "v4 INVITE split after its headers: sent" -- \
	scripted split4 split $SRV4 $CLI4 5080 body 0.05
split_ok split4 "v4 split after the headers" "$RTR4S" "$CLI4" "$p0"
if full "the split inside c= (the same path as after the headers)"; then
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	p0=$(counter pinholes)
	ok "v4 INVITE split inside c=: sent" -- \
		scripted splitc4 split $SRV4 $CLI4 5081 cline 0.05
	split_ok splitc4 "v4 split inside c=" "$RTR4S" "$CLI4" "$p0"
fi
if full "the IPv6 split message"; then
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	ok "v6 INVITE split after its headers: sent" -- \
		scripted split6 split "$SRV6" "$CLI6" 5080 body 0.05
	split_ok split6 "v6 split after the headers" "$RTR6S" "$CLI6"
fi
# A message split over two segments whose joined segment is lost after
# the router: the server drops the first segment beginning with
# "INVITE", the one the router joined; the client sends its pieces
# again (the client half-closes only 2 s later, so its tail loss probe
# resends the last piece alone), and the peer still gets the INVITE once,
# translated, with a Content-Length that fits (the stream is not shifted
# by the sequence adjustment the lost translation recorded), and its two
# pinholes.
ok "server drops the first INVITE segment of each connection (split)" -- \
	lose_first "$SRV" 'tcp dport 5060 @ih,0,48 0x494e56495445'
ip netns exec "$RTR" conntrack -F 2> /dev/null
p0=$(counter pinholes)
export SIP_PEER_LINGER=2
ok "v4 INVITE split after its headers, the joined segment lost: sent" -- \
	scripted joinlost4 split $SRV4 $CLI4 5086 body 0.05
unset SIP_PEER_LINGER
check "joined segment lost: it was dropped once" 1 "$(lost "$SRV")"
split_ok joinlost4 "joined segment lost" "$RTR4S" "$CLI4" "$p0"
ip netns exec "$SRV" nft delete table inet lose
# resumed_ok NAME LABEL LOCALPORT P0 [translated]: a first INVITE the router may
# have released unparsed, then another after it (scripted NAME from
# LOCALPORT, P0 the pinhole count before): the first arrived whole and
# consistent, translated with its two pinholes or untouched without any;
# the parser resumed at the next message, found by the first one's
# Content-Length: the second INVITE arrived translated and opened its
# two pinholes
resumed_ok() {
	local first late want pat
	first=$(sed -n 1p "$dir/$1.sum")
	late=untouched
	[[ $first == *"c=IN IP4 $RTR4S "* ]] && late=translated
	log "$2: the client retransmitted $(cat "$dir/$1.rx") segments, the first INVITE arrived $late"
	[ "${5:-}" = translated ] && late=translated
	if [ $late = translated ]; then
		want=$(($4 + 4))
		pat="SIP/2.0/TCP $RTR4S:[0-9]+ \| c=IN IP4 $RTR4S \|"
	else
		want=$(($4 + 2))
		pat="SIP/2.0/TCP $CLI4:$3 \| c=IN IP4 $CLI4 \| m=audio 6100 "
	fi
	expect_output "$2: the first INVITE arrived whole and $late, its Content-Length right" \
		"^INVITE sip:callee@[^ ]* SIP/2.0 \| clen [0-9]+ \| $pat.*\| end ok$" -- \
		echo "$first"
	expect_output "$2: the next INVITE translated, its Content-Length right" \
		"^INVITE sip:callee@[^ ]* SIP/2.0 \| clen [0-9]+ \| SIP/2.0/TCP $RTR4S:[0-9]+ \| c=IN IP4 $RTR4S \| m=audio [0-9]+ RTP/AVP 0 \| end ok$" -- \
		sed -n 2p "$dir/$1.sum"
	check "$2: nothing after them" "rest 0" "$(sed -n 3p "$dir/$1.sum")"
	check "$2: pinholes of the translated INVITEs only" "$want" \
		"$(counter pinholes)"
}
# The second part 0.3 s late, after the client's tail loss probe resent
# the first part alone (dropped: the router keeps holding the message),
# another INVITE in the same write right after it: both translated
ip netns exec "$RTR" conntrack -F 2> /dev/null
p0=$(counter pinholes) g0=$(counter stream_give_up)
ok "v4 INVITE split inside c=, 0.3 s apart, another INVITE after it: sent" -- \
	scripted late4 split $SRV4 $CLI4 5082 cline 0.3 next
log "late second part: the router gave up $(($(counter stream_give_up) - g0)) held messages"
resumed_ok late4 "late second part" 5082 "$p0" translated
# Large messages, each followed 0.3 s later by another INVITE: one of
# 2,000 bytes in one write (one GSO packet through the router here: it
# may be translated whole); the same in two writes of 1,200 and 800
# bytes 0.05 s apart, whose join would exceed the route's MTU (1,500):
# released unparsed; one of 5,000 bytes, over the 4 KiB a message may
# have to be parsed: skipped. Each arrives whole, and the INVITE after
# it is parsed.
# big_msg NAME LOCALPORT SIZE CUT LABEL: scripted big (CUT empty: one write)
big_msg() {
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	p0=$(counter pinholes)
	ok "v4 $5, then another INVITE: sent" -- \
		scripted "$1" big $SRV4 $CLI4 "$2" "$3" $4
	resumed_ok "$1" "$5" "$2" "$p0"
}
if full "the INVITE of 2000 bytes in one write (a whole message)"; then
	big_msg big2000 5088 2000 "" "INVITE of 2000 bytes in one write"
fi
big_msg cut2000 5089 2000 1200 "INVITE of 2000 bytes in two segments"
big_msg big5000 5090 5000 "" "INVITE of 5000 bytes"

# 6. Pipelined: an OPTIONS and an INVITE with an offer in one segment,
# both translated, the INVITE's pinholes open
ip netns exec "$RTR" conntrack -F 2> /dev/null
p0=$(counter pinholes)
ok "v4 OPTIONS and INVITE in one segment: sent" -- \
	scripted pipe4 pipeline $SRV4 $CLI4 5084
expect_output "pipelined: the OPTIONS arrived translated" \
	"^OPTIONS sip:callee@$SRV4 SIP/2.0 \| clen 0 \| SIP/2.0/TCP $RTR4S:[0-9]+ \|" -- \
	cat "$dir/pipe4.sum"
split_ok pipe4 "pipelined" "$RTR4S" "$CLI4" "$p0"

# A malformed message (an INVITE whose CSeq names another method) and a
# good INVITE in one segment: the first passes as it was sent, counted,
# opening nothing; parsing goes on at the next message, found by its
# Content-Length: the good INVITE is translated and opens its pinholes
ip netns exec "$RTR" conntrack -F 2> /dev/null
p0=$(counter pinholes) u0=$(counter sip_unparsed)
ok "v4 malformed INVITE, then a good one: sent" -- \
	scripted bad4 malformed $SRV4 $CLI4 5087
expect_output "malformed: it arrived as sent" \
	"^INVITE sip:callee@[^ ]* SIP/2.0 \| clen [0-9]+ \| SIP/2.0/TCP $CLI4:5087 \| c=IN IP4 $CLI4 \| m=audio 6100 .*\| end ok$" -- \
	sed -n 1p "$dir/bad4.sum"
expect_output "malformed: the good INVITE after it translated" \
	"^INVITE sip:callee@[^ ]* SIP/2.0 \| clen [0-9]+ \| SIP/2.0/TCP $RTR4S:[0-9]+ \| c=IN IP4 $RTR4S \| m=audio [0-9]+ RTP/AVP 0 \| end ok$" -- \
	sed -n 2p "$dir/bad4.sum"
check "malformed: counted as unparsed" $((u0 + 1)) "$(counter sip_unparsed)"
check "malformed: only the good INVITE's two pinholes" $((p0 + 2)) \
	"$(counter pinholes)"

# 7. NAT Slipstreaming: an HTTP POST to the server's port 5060 (a plain
# TCP listener) whose body, sent in pieces, puts a REGISTER (Contact
# toward the client's port 1234) and an INVITE with an offer (audio at the
# client's port 5555, and at another inside host's port 3306) at the
# start of segments of their own. The connection carries the helper but
# did not begin with a SIP message: nothing is parsed, opened or refused,
# and the bytes arrive as sent.
ip netns exec "$RTR" conntrack -F 2> /dev/null
p0=$(counter pinholes) t0=$(counter third_party) v0=$(counter sip_media_port)
n0=$(counter stream_not_protocol)
ok "slipstreaming: the HTTP POST delivered" -- \
	scripted slip4 slip $SRV4 $CLI4 5085
check "slipstreaming: counted as a stream that is not SIP" $((n0 + 1)) \
	"$(counter stream_not_protocol)"
expect_output "slipstreaming: logged" \
	"nfalg-sip: stream is not sip, no longer parsed" -- dmesg
check "slipstreaming: the server got the bytes unchanged" \
	"$(md5sum < "$dir/slip4.sent")" "$(md5sum < "$dir/slip4.rcv")"
expect_output "slipstreaming: the connection had the helper" \
	"dport=5060 .*helper=nfalg-sip" -- \
	ip netns exec "$RTR" conntrack -L -p tcp --dport 5060
check "slipstreaming: no pinhole opened, none refused" "$p0 $t0 $v0" \
	"$(counter pinholes) $(counter third_party) $(counter sip_media_port)"
check "slipstreaming: no expectation on the router" "" "$(expect_list)"

# 8. Loss, duplication and reordering (netem) on every link around the
# router: the call still completes with audio (a lower bar: the audio
# itself is lost too)
defer impair del
ok "netem: loss, duplication and reordering around the router" -- impair add
ip netns exec "$RTR" conntrack -F 2> /dev/null
r0=$(retrans "$CLI") s0=$(retrans "$SRV")
ok "impaired links: the call completes" -- \
	call lossy $SRV4 $SRV4:5060 $CLI4 5064
log "impaired links: segments retransmitted: caller $(($(retrans "$CLI") - r0)), callee $(($(retrans "$SRV") - s0))"
media_ok "impaired links: audio reaches both sides" 20
expect_output "impaired links: the callee saw the router's address in the offer" \
	"c=IN IP4 $RTR4S" -- rcvd "$dir/lossy.uas.msg"
ok "netem removed" -- impair del

# 9. nfalg as the router's stateful firewall: an application sip-tcp in
# a service set attaches the ALG (no nft helper); the TCP signalling
# conversation carries alg sip, the media are its children
R="ip netns exec $RTR $NFALG"
ok "router rules without an nft helper" -- rules_router 0
ok "nfalg rule: application sip-tcp on the client side" -- $R -b - <<-EOF
	application add sip-tcp protocol tcp destination-port 5060 application-protocol sip
	rule add sipt match-direction input term t from application sip-tcp then accept
	service-set add s interface eth0c rule sipt
EOF
ip netns exec "$RTR" conntrack -F 2> /dev/null
ok "sip-tcp: the call completes" -- call cf $SRV4 $SRV4:5060 $CLI4 5066
media_ok "sip-tcp: audio reaches both sides"
$R show conversations > "$dir/conv.txt" 2>&1
expect_output "show conversations: the signalling over TCP, application sip-tcp, alg sip" \
	"^conversation [0-9]+ tcp $CLI4:5066 -> $SRV4:5060 .*application sip-tcp alg sip" -- \
	cat "$dir/conv.txt"
# both send from the port they receive on (symmetric RTP): one flow,
# begun by whichever audio reached the router first
expect_output "show conversations: the audio a child of it, packets both ways" \
	"^    child [0-9]+ udp ($SRV4:$UAS_MP -> $RTR4S:$UAC_MP|$CLI4:$UAC_MP -> $SRV4:$UAS_MP) .* packets [1-9][0-9]*/[1-9]" -- \
	cat "$dir/conv.txt"
ok "nfalg configuration flushed" -- $R flush

# 10. The callee published by DNAT: the answer's c= becomes the router's
# address, the pinholes let the audio through both ways
ok "router rules: callee behind DNAT, with the helper" -- rules_router 1 dnat
ip netns exec "$RTR" conntrack -F 2> /dev/null
ok "v4 DNAT: the call completes" -- call d4 $SRV4 $RTR4C:5060 $CLI4 5068
media_ok "v4 DNAT: audio reaches both sides"
expect_output "v4 DNAT: the caller saw the router's address in the answer" \
	"c=IN IP4 $RTR4C" -- rcvd "$dir/d4.uac.msg"
if full "the IPv6 DNAT call"; then
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	ok "v6 DNAT: the call completes" -- \
		call d6 $SRV6 "[$RTR6C]:5060" $CLI6 5068
	media_ok "v6 DNAT: audio reaches both sides"
	expect_output "v6 DNAT: the caller saw the router's address in the answer" \
		"c=IN IP6 $RTR6C" -- rcvd "$dir/d6.uac.msg"
fi

# 11. The control: without the helper the call still completes, but the
# callee's audio never reaches the caller (the offer names the caller's
# own address, which the router forwards nothing new to)
if full "the run without the helper"; then
	ok "router rules without the helper" -- rules_router 0
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	ok "without the helper: the call completes" -- \
		call nohelper $SRV4 $SRV4:5060 $CLI4 5070
	check "without the helper the callee's audio never reaches the caller" 0 \
		"$(rtp_in "$CLI")"
fi
finish
