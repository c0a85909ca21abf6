#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Keepalive of idle TCP conversations (Documentation/datapath-sanity.md):
# a TCP conversation accepted by an nfalg rule (inactivity-timeout 4 s,
# keepalive-probes 2, keepalive-interval 1 s) through masquerade,
#  - whose two ends are alive, survives idle far longer than its timeout:
#    both ends get probes (bare ACKs with correct checksums, to the
#    server from the masquerade address) and answer them;
#  - whose server has gone silent ends: the client gets a TCP reset, the
#    conntrack entry goes, the end is counted and logged (IPv4, IPv6);
#  - whose client has gone silent ends with a reset to the server;
#  - an FTP control connection whose PORT command the ALG rewrote to a
#    shorter address (its sequence numbers shifted) is probed with the
#    shifted numbers and stays alive;
#  - with keepalive-probes 0, simply expires after its 4 s;
#  - keepalive's worker never runs before the first established TCP
#    conversation and stops once none is left (keepalive_scans).
. "$(dirname "$0")/lib.sh"
require_cmd nft conntrack socat tcpdump
PY=/usr/bin/python3

topo_router || bail "topology failed"
nfalg_insmod nfalg_tcp || bail "cannot load nfalg_tcp"
nfalg_insmod nfalg_ftp || bail "cannot load nfalg_ftp"
dir=$(mktemp -d)
defer rm -rf "$dir"
sniff_dir=$dir

R() { ip netns exec "$RTR" "$@"; }
ct() { R conntrack -L -p tcp --sport "$1" 2> /dev/null | grep "sport=$1 "; }
# gone SPORT: wait (at most 20 s, scaled) until the flow from SPORT is no
# longer listed
gone() {
	for _ in $(seq $((100 * $(tscale 1)))); do
		[ -z "$(ct "$1")" ] && return 0
		sleep 0.2
	done
	return 1
}
# silence NS: NS drops every TCP packet to or from port 7000
silence() {
	ip netns exec "$1" nft -f - <<-NFT
		table inet quiet {
			chain in {
				type filter hook input priority 0;
				tcp sport 7000 drop
				tcp dport 7000 drop
			}
		}
	NFT
}
unsilence() { ip netns exec "$1" nft delete table inet quiet; }

# client ADDR SPORT MODE SECONDS: connect from SPORT to the echo server,
# exchange one byte, write $dir/ready.SPORT, then
#  idle: stay idle SECONDS, exchange one more byte: prints "echo";
#  wait: wait at most SECONDS for the connection to be reset: prints
#        "reset" (or "timeout", "closed", "data").
client() {
	ip netns exec "$CLI" $PY -c "
import socket, time
s = socket.socket(socket.AF_INET6 if ':' in '$1' else socket.AF_INET)
s.bind(('', $2))
s.settimeout(10)
s.connect(('$1', 7000))
s.sendall(b'a')
assert s.recv(10) == b'a'
open('$dir/ready.$2', 'w').write('%.3f' % time.time())
if '$3' == 'idle':
    time.sleep($4)
    s.sendall(b'b')
    print('echo' if s.recv(10) == b'b' else 'bad')
else:
    s.settimeout($4)
    try:
        print('data' if s.recv(10) else 'closed')
    except ConnectionResetError:
        print('reset')
    except socket.timeout:
        print('timeout')
"
}
ready() {
	for _ in $(seq 100); do
		[ -s "$dir/ready.$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# FTP control connections leave from 10.0.0.1, shorter in a PORT command
# than the client's 192.0.2.2
ok "router masquerades toward the server (IPv4 and IPv6)" -- R nft -f - <<-NFT
	table inet nat {
		chain post {
			type nat hook postrouting priority 100;
			oifname eth0s tcp dport 21 snat ip to 10.0.0.1
			oifname eth0s masquerade
		}
	}
NFT
ok "router owns 10.0.0.1" -- ip -n "$RTR" addr add 10.0.0.1/32 dev eth0s
ok "application ka: TCP 7000, inactivity-timeout 4 s, accepted" -- \
	R "$NFALG" -b - <<-EOF
	application add ka protocol tcp destination-port 7000 inactivity-timeout 4
	rule add r match-direction input term t from application ka then accept term ftp from application junos-ftp then accept
	service-set add s interface eth0c rule r
EOF
ok "keepalive-probes 2, keepalive-interval 1 s" -- \
	R "$NFALG" set keepalive-probes 2 keepalive-interval 1
expect_output "status shows them" "keepalive-probes: +2$" -- R "$NFALG" status
# keepalive's worker runs only while established nfalg TCP conversations
# exist: none yet, so it has never run
sleep "$(tscale 2)"
check "no TCP conversation: keepalive never ran" 0 "$(counter keepalive_scans)"
ip netns exec "$SRV" socat TCP6-LISTEN:7000,fork,reuseaddr EXEC:cat &
defer kill $!
R conntrack -E -p tcp -o timestamp > "$dir/ev" 2>&1 &
defer kill $!
for _ in $(seq 50); do
	ip netns exec "$SRV" ss -Hltn 'sport = :7000' | grep -q . && break
	sleep 0.2
done

# --- both ends alive: idle 15 s (the entry alone would live 4 + 3 s) ---
p0=$(counter keepalive_probes)
sniff "$SRV" srv-alive "tcp port 7000"
client $SRV4 41000 idle 15 > "$dir/alive" 2>&1 &
c=$!
ok "client connected" -- ready 41000
expect_output "the flow carries nfalg-tcp" \
	"^tcp +6 [0-9]+ ESTABLISHED .*sport=41000 .*helper=nfalg-tcp" -- ct 41000
wait $c
check "after 15 s idle the connection still echoes" echo "$(cat "$dir/alive")"
stop_sniff srv-alive
p1=$(counter keepalive_probes)
ok "probes sent to both ends, several rounds ($p0 -> $p1)" -- \
	test $((p1 - p0)) -ge 4
check "the conversation was never removed while idle" 0 \
	"$(grep -c "DESTROY.*sport=41000 " "$dir/ev")"
ok "the server got probes from the masquerade address: bare ACKs, checksum correct" -- \
	grep -Eq "$RTR4S\.41000 > $SRV4\.7000: Flags \[\.\], cksum 0x[0-9a-f]+ \(correct\), .*length 0" \
	"$dir/srv-alive.txt"
ok "and answered them" -- grep -Eq "$SRV4\.7000 > $RTR4S\.41000: Flags \[\.\]" \
	"$dir/srv-alive.txt"
check "nothing ended" 0 "$(counter keepalive_ended)"

# --- the server goes silent: the client is reset ---
# dead_server ADDR SPORT SRVADDR CLIADDR
dead_server() {
	rm -f "$dir/ready.$2"
	sniff "$CLI" "cli-$2" "tcp port 7000"
	client "$1" "$2" wait $((20 * $(tscale 1))) > "$dir/dead.$2" 2>&1 &
	c=$!
	ok "v$5: client connected" -- ready "$2"
	ok "v$5: server silenced" -- silence "$SRV"
	wait $c
	check "v$5: client reset after the server did not answer" reset \
		"$(cat "$dir/dead.$2")"
	ok "v$5: conversation removed" -- gone "$2"
	ok "v$5: server back" -- unsilence "$SRV"
	stop_sniff "cli-$2"
	ok "v$5: the client got probes (bare ACKs from the server's address)" -- \
		grep -Eq "$3\.7000 > $4\.$2: Flags \[\.\], cksum 0x[0-9a-f]+ \(correct\), .*length 0" \
		"$dir/cli-$2.txt"
	ok "v$5: then a reset with a correct checksum" -- \
		grep -Eq "$3\.7000 > $4\.$2: Flags \[R\.\], cksum 0x[0-9a-f]+ \(correct\)" \
		"$dir/cli-$2.txt"
}
dead_server $SRV4 41001 $SRV4 $CLI4 4
check "v4: end counted" 1 "$(counter keepalive_ended)"
expect_output "v4: end logged" \
	"nfalg: keepalive: no answer from responder to 2 probes: TCP $CLI4:41001 -> $SRV4:7000 ended" \
	-- dmesg
dead_server $SRV6 41002 $SRV6 $CLI6 6
check "v6: end counted" 2 "$(counter keepalive_ended)"
expect_output "v6: end logged" \
	"nfalg: keepalive: no answer from responder to 2 probes: TCP \[$CLI6\]:41002 -> \[$SRV6\]:7000 ended" \
	-- dmesg

# --- the client goes silent: the server is reset ---
rm -f "$dir/ready.41003"
sniff "$SRV" srv-dead "tcp port 7000"
client $SRV4 41003 wait 60 > /dev/null 2>&1 &
c=$!
ok "client connected" -- ready 41003
ok "client silenced" -- silence "$CLI"
ok "conversation removed" -- gone 41003
kill $c 2> /dev/null
stop_sniff srv-dead
ok "the server got a reset from the masquerade address" -- \
	grep -Eq "$RTR4S\.41003 > $SRV4\.7000: Flags \[R\.\], cksum 0x[0-9a-f]+ \(correct\)" \
	"$dir/srv-dead.txt"
check "end counted" 3 "$(counter keepalive_ended)"
expect_output "end logged" \
	"nfalg: keepalive: no answer from initiator to 2 probes: TCP $CLI4:41003" -- dmesg
ok "client back" -- unsilence "$CLI"

# --- FTP: the probes follow the ALG's sequence-number shift ---
mkdir "$dir/ftp"
head -c 100000 /dev/urandom > "$dir/ftp/file"
ftp_server "$dir/ftp" || bail "FTP server did not start"
ok "tcp-timeout 4 s (junos-ftp sets no inactivity timeout)" -- \
	R "$NFALG" set tcp-timeout 4
p0=$(counter keepalive_probes)
w0=$(counter rewrites)
ip netns exec "$CLI" $PY - "$SRV4" "$dir/ftp/file" > "$dir/ftp.out" 2>&1 <<-'EOF' &
	import ftplib, io, sys, time
	f = ftplib.FTP()
	f.connect(sys.argv[1], 21, timeout=20)
	f.login()
	f.set_pasv(False)
	buf = io.BytesIO()
	f.retrbinary('RETR file', buf.write)
	print('transfer', buf.getvalue() == open(sys.argv[2], 'rb').read())
	sys.stdout.flush()
	time.sleep(15)
	print('noop', f.voidcmd('NOOP')[:3])
	f.quit()
EOF
wait $!
check "active-mode transfer through the ALG" "transfer True" \
	"$(grep transfer "$dir/ftp.out")"
check "after 15 s idle the control connection still answers" "noop 200" \
	"$(grep noop "$dir/ftp.out")"
ok "the ALG rewrote the PORT command (one byte shorter)" -- \
	test "$(counter rewrites)" -gt "$w0"
p1=$(counter keepalive_probes)
ok "its ends were probed ($p0 -> $p1)" -- test $((p1 - p0)) -ge 4
check "nothing more ended" 3 "$(counter keepalive_ended)"

# --- keepalive off: the idle conversation expires after 4 s ---
# (a 10 s interval: had the earlier lead (P + 1) x I stayed, it would now
# add 30 s, far beyond any scheduling delay of the expiry)
ok "keepalive-probes 0, keepalive-interval 10" -- \
	R "$NFALG" set keepalive-probes 0 keepalive-interval 10
p0=$(counter keepalive_probes)
client $SRV4 41004 idle 12 > "$dir/off" 2>&1 &
c=$!
ok "client connected" -- ready 41004
ok "idle conversation expired" -- gone 41004
# the DESTROY event comes when a listing meets the expired entry: gone()
# lists every 0.2 s (much slower on a loaded debug kernel: up to 3 s seen),
# so the upper bound scales; a keepalive lead would add 30 s
sleep 1
ok "it lived the bare 4 s after its last exchange" -- awk -v r="$(cat "$dir/ready.41004")" \
	-v max=$((4 + 3 * NFALG_TIME_SCALE)) '
	/\[DESTROY\]/ && /sport=41004 / { gsub(/[][]/, "", $1); d = $1 }
	END { printf "destroyed %.2f s after\n", d - r; exit !(d && d - r >= 3.8 && d - r <= max) }' "$dir/ev"
wait $c
check "no probe sent" "$p0" "$(counter keepalive_probes)"
check "nothing more ended" 3 "$(counter keepalive_ended)"

# every conversation gone or closing: the worker drops them and stops
# (it ran while they lived)
still() {
	local a b
	for _ in $(seq 10); do
		a=$(counter keepalive_scans)
		sleep "$(tscale 4)"
		b=$(counter keepalive_scans)
		[ "$a" = "$b" ] && echo "stopped after $b runs" && return 0
	done
	echo "still running: $a -> $b"
}
ok "keepalive ran while conversations lived" -- test "$(counter keepalive_scans)" -gt 0
expect_output "no conversation left: keepalive stops" "^stopped after" -- still
finish
