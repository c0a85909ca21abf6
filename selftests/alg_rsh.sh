#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Remote-shell ALGs through a masquerading router: real servers (netkit
# in.rshd, in.rexecd, in.rlogind, started the way inetd does) and the real
# rsh client, plus an rexec(3) client (Debian ships none).  The router's
# forward policy is drop except new connections to the services and
# established/related, so the server's secondary connection (standard
# error) passes only through the ALG's pinhole.
#  - nft "ct helper ... type nfalg-rsh": rsh over IPv4 and IPv6 (NAT66),
#    and to the server published by DNAT (IPv4 and IPv6), returns standard
#    output and standard error, also while the link between router and
#    server loses 10 % of the packets (netem); without the helper rsh fails.
#  - nfalg-rexec: rexec over IPv4 returns both; with the announced port already
#    pinholed for another connection, the ALG moves the new pinhole to a
#    port conntrack picks (five digits) and rewrites "9999" to it in the
#    stream (one byte longer: the rest of the session runs on adjusted
#    sequence numbers).
#  - the pinhole policy: rexec may not announce a privileged port, rsh
#    only one of rresvport()'s 512..1023, a malformed field opens nothing,
#    one pinhole per control connection.
#  - nfalg rules naming junos-rsh, junos-rexec and junos-rlogin attach the
#    helpers by classification alone; an rlogin session passes.
# The paths lane (NFALG_PATHS=1) runs rsh over IPv4 masquerade and IPv6
# DNAT, rexec once (the session whose port is rewritten), one refusal (a
# privileged rexec port) and rlogin, and leaves out the other rsh
# sessions, the plain rexec, the other pinhole refusals, rsh without the
# helper and the pinhole listing.
#
# fixture: router
. "$(dirname "$0")/lib.sh"
require_cmd conntrack nft
PY=/usr/bin/python3
HERE=$NFALG_TOP/selftests
# netkit's servers and client, unpacked (not installed) by tools/deps.sh
PEERS=/opt/nfalg/peers
SBIN=$PEERS/rsh-server/usr/sbin
RSH=$PEERS/rsh-client/usr/bin/netkit-rsh
for f in "$SBIN/in.rshd" "$SBIN/in.rexecd" "$SBIN/in.rlogind" "$RSH"; do
	[ -x "$f" ] || bail "$f missing: run tools/deps.sh"
done

topo_router || bail "topology failed"
nfalg_insmod nfalg_rsh || bail "cannot load nfalg_rsh"
R="ip netns exec $RTR $NFALG"

dir=$(mktemp -d)
defer rm -rf "$dir"

# The servers' view of the world: names for the peers (no resolver), any
# host may rsh/rlogin as root (.rhosts), root's password for rexec.
mkdir -p "/etc/netns/$SRV"
defer rm -rf "/etc/netns/$SRV"
printf '%s\n' "$CLI4 cli" "$RTR4S rtr" "$SRV4 srv" "$CLI6 cli6" \
	"$RTR6S rtr6" "$SRV6 srv6" "127.0.0.1 localhost" > "/etc/netns/$SRV/hosts"
: > "/etc/netns/$SRV/resolv.conf"
# the servers' PAM services, as the package would install them
for f in rsh rexec rlogin; do
	[ -e "/etc/pam.d/$f" ] && continue
	cp "$PEERS/rsh-server/etc/pam.d/$f" /etc/pam.d/ || bail "no PAM service $f"
	defer rm -f "/etc/pam.d/$f"
done
[ -e /root/.rhosts ] && bail "/root/.rhosts exists"
echo "+ root" > /root/.rhosts
chmod 600 /root/.rhosts
defer rm -f /root/.rhosts
cp -p /etc/shadow "$dir/shadow"
defer cp -p "$dir/shadow" /etc/shadow
echo 'root:nfalg-rexec' | chpasswd || bail "chpasswd failed"

for f in 4 6; do
	for svc in "512:$SBIN/in.rexecd" "513:$SBIN/in.rlogind" \
		"514:$SBIN/in.rshd"; do
		ip netns exec "$SRV" $PY "$HERE/inetd.py" $f "${svc%%:*}" \
			"${svc#*:}" > /dev/null 2>&1 &
		defer kill $!
	done
done
# A service that only listens (and discards what it is sent): the other
# end of connections that announce a port and then wait.
ip netns exec "$SRV" $PY - > /dev/null 2>&1 <<-'EOF' &
	import socket, threading
	def serve(c):
	    while c.recv(4096):
	        pass
	def listen(port):
	    s = socket.socket()
	    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	    s.bind(('0.0.0.0', port))
	    s.listen(16)
	    while True:
	        threading.Thread(target=serve, args=(s.accept()[0],), daemon=True).start()
	threading.Thread(target=listen, args=(5140,), daemon=True).start()
	listen(5120)
EOF
defer kill $!
listening() {
	local p
	for p in 512 513 514 5120 5140; do
		ip netns exec "$SRV" ss -Hltn "sport = :$p" | grep -q . || return 1
	done
}
for _ in $(seq 50); do
	listening && break
	sleep 0.2
done
listening || bail "servers did not start"

# rules_router WITH_HELPER [dnat]: nftables attaches the helpers (1) or
# none (0); masquerade toward the server, or (dnat) the rsh server
# published on $RTR4C/$RTR6C port 514 by DNAT with no source NAT
rules_router() {
	local set= nat='oifname eth0s masquerade' dnat=
	if [ "${2:-}" = dnat ]; then
		nat=
		dnat="iifname eth0c ip daddr $RTR4C tcp dport 514 dnat ip to $SRV4
			iifname eth0c ip6 daddr $RTR6C tcp dport 514 dnat ip6 to $SRV6"
	fi
	[ "$1" = 1 ] && set='tcp dport { 514, 5140 } ct state new ct helper set "rshx"
		tcp dport { 512, 5120 } ct state new ct helper set "rexecx"'
	alg_router 'ct helper rshx { type "nfalg-rsh" protocol tcp; l3proto inet; }
		ct helper rexecx { type "nfalg-rexec" protocol tcp; l3proto inet; }' \
		"$set" 'iifname eth0c tcp dport { 512, 513, 514, 5120, 5140 } ct state new accept' \
		"$nat" "$dnat"
}

# rsh_run NAME SERVER: rsh a command printing one line on standard output
# and one on standard error; the two land in $dir/NAME.out and .err
rsh_run() {
	ip netns exec "$CLI" timeout "$(tscale 120)" "$RSH" -l root "$2" \
		"echo out-$1; echo err-$1 >&2" > "$dir/$1.out" 2> "$dir/$1.err"
}
# rexec_line SERVER ERRPORT COMMAND: the rexec client's report on one line
rexec_line() {
	ip netns exec "$CLI" timeout "$(tscale 120)" $PY "$HERE/rexec.py" \
		"$1" "$2" root nfalg-rexec "$3" | tr '\n' ' '
}

ok "router rules with ct helpers nfalg-rsh and nfalg-rexec" -- rules_router 1

ok "rsh over IPv4 masquerade" -- rsh_run v4 $SRV4
check "rsh v4: standard output" "out-v4" "$(cat "$dir/v4.out")"
check "rsh v4: standard error over the secondary connection" "err-v4" \
	"$(cat "$dir/v4.err")"
expect_output "rsh v4: secondary connection NATed back to the client" \
	"tcp .*src=$SRV4 dst=$RTR4S sport=[0-9]+ dport=(5[1-9][0-9]|[6-9][0-9][0-9]|10[0-2][0-9]) .*src=$CLI4 dst=$SRV4" -- \
	ip netns exec "$RTR" conntrack -L -p tcp --orig-src $SRV4
# Over a lossy link (10 % of the packets lost each way between the router
# and the server): the command line and the secondary connection's port
# arrive by retransmission, and the session works.
if full "rsh over a lossy link"; then
	ok "netem loss 10 % between router and server" -- lossy_link 10
	ok "rsh over IPv4 masquerade, the link losing 10 %" -- rsh_run l4 $SRV4
	check "rsh lossy: standard output" "out-l4" "$(cat "$dir/l4.out")"
	check "rsh lossy: standard error over the secondary connection" "err-l4" \
		"$(cat "$dir/l4.err")"
	lossy_link 0
fi
if full "rsh over IPv6 masquerade (IPv6 runs through DNAT)"; then
	ok "rsh over IPv6 NAT66 masquerade" -- rsh_run v6 $SRV6
	check "rsh v6: standard error over the secondary connection" "err-v6" \
		"$(cat "$dir/v6.err")"
fi

# Port forwarding: the client asks the router's address, DNAT takes it to
# the server, whose secondary connection comes back through the pinhole
ok "router rules: rsh server behind DNAT, with the helper" -- rules_router 1 dnat
if full "rsh over IPv4 DNAT (IPv4 runs through masquerade)"; then
	ok "rsh over IPv4 DNAT" -- rsh_run d4 $RTR4C
	check "rsh DNAT v4: standard output" "out-d4" "$(cat "$dir/d4.out")"
	check "rsh DNAT v4: standard error over the secondary connection" "err-d4" \
		"$(cat "$dir/d4.err")"
fi
ok "rsh over IPv6 DNAT" -- rsh_run d6 $RTR6C
check "rsh DNAT v6: standard error over the secondary connection" "err-d6" \
	"$(cat "$dir/d6.err")"
ok "router rules with the helpers, masquerade" -- rules_router 1

if full "rexec with no rewrite (rexec runs once, rewritten)"; then
	expect_output "rexec v4: status 0, output and error" \
		'status 0.*out: out-rexec.*err: err-rexec' -- \
		rexec_line $SRV4 40001 'echo out-rexec; echo err-rexec >&2'
fi

# announce PORT...: one connection to the listening service announcing
# each port in turn (as rexec's first field; to port $ANNOUNCE_TO, default
# 5120 with nfalg-rexec, 5140 has nfalg-rsh) and staying open; prints
# "ready" once sent.  Its pid is in $announce_pid.
announce() {
	ip netns exec "$CLI" $PY - "$SRV4" "${ANNOUNCE_TO:-5120}" "$@" \
		> "$dir/announce" 2>&1 <<-'EOF' &
	import os, socket, sys, time
	conns = []
	for f in sys.argv[3:]:
	    c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=10)
	    c.sendall(f.encode() + b'\0')
	    conns.append(c)
	time.sleep(0.5 * int(os.environ['NFALG_TIME_SCALE']))
	print('ready', flush=True)
	time.sleep(600)
	EOF
	announce_pid=$!
	for _ in $(seq $((50 * NFALG_TIME_SCALE))); do
		grep -q ready "$dir/announce" && return 0
		sleep 0.2
	done
	return 1
}

ok "a connection announces port 9999 and waits" -- announce 9999
if full "the pinhole listing"; then
	expect_output "show pinholes lists it" \
		"^rexec +tcp +$SRV4 -> $RTR4S port 9999, expires in [0-9]+ s" -- $R show pinholes
fi
rw0=$(counter rewrites)
expect_output "rexec announcing the taken port 9999: status 0, output and error" \
	'status 0.*out: out-rw.*err: err-rw' -- \
	rexec_line $SRV4 9999 'echo out-rw; echo err-rw >&2'
check "the announced port was rewritten once" $((rw0 + 1)) "$(counter rewrites)"
expect_output "its secondary connection went to the new port, NATed back to 9999" \
	"tcp .*src=$SRV4 dst=$RTR4S sport=[0-9]+ dport=[1-6][0-9]{4} .*src=$CLI4 dst=$SRV4 sport=9999 dport=[0-9]+" -- \
	ip netns exec "$RTR" conntrack -L -p tcp --orig-src $SRV4
kill $announce_pid
wait $announce_pid 2> /dev/null

priv0=$(counter privileged_port)
ok "connections announce 1000, 01234 and 70000" -- announce 1000 01234 70000
check "rexec may not announce a privileged port" $((priv0 + 1)) \
	"$(counter privileged_port)"
fails "malformed and out-of-range fields open nothing" -- \
	bash -c "$R show pinholes | grep -E 'port (1000|1234|70000|4464),'"
kill $announce_pid
wait $announce_pid 2> /dev/null

if full "the refusals of rsh ports outside 512..1023"; then
	# rsh's secondary port comes from rresvport(): 512..1023 and nothing else
	priv0=$(counter privileged_port)
	ANNOUNCE_TO=5140
	ok "rsh connections announce 100, 511, 1024 and 1023" -- \
		announce 100 511 1024 1023
	ANNOUNCE_TO=
	check "rsh ports outside 512..1023 refused and counted" $((priv0 + 3)) \
		"$(counter privileged_port)"
	fails "no pinhole for them" -- \
		bash -c "$R show pinholes | grep -E '^rsh .* port (100|511|1024),'"
	expect_output "1023 opened the pinhole" "^rsh +tcp +$SRV4 -> $RTR4S port 1023," -- \
		$R show pinholes
	kill $announce_pid
	wait $announce_pid 2> /dev/null
fi

if full "one pinhole per control connection"; then
	cap0=$(counter pinhole_cap)
	ok "one connection announces twice, then three fields in one segment" -- \
		ip netns exec "$CLI" $PY - "$SRV4" <<-'EOF'
		import os, socket, sys, time
		c = socket.create_connection((sys.argv[1], 5120), timeout=10)
		c.sendall(b'41000\0')
		time.sleep(0.5 * int(os.environ['NFALG_TIME_SCALE']))
		c.sendall(b'41001\0')
		d = socket.create_connection((sys.argv[1], 5120), timeout=10)
		d.sendall(b'42000\0' + b'42001\0' + b'42002\0')
		time.sleep(0.5 * int(os.environ['NFALG_TIME_SCALE']))
		EOF
	expect_output "the first connection's first field opened a pinhole" \
		"port 41000," -- $R show pinholes
	expect_output "the second connection's first field opened a pinhole" \
		"port 42000," -- $R show pinholes
	fails "no pinhole for the later fields" -- \
		bash -c "$R show pinholes | grep -E 'port (41001|42001|42002),'"
	check "not counted as a cap refusal: later fields are not parsed" "$cap0" \
		"$(counter pinhole_cap)"
fi

if full "rsh without the helper (a negative control)"; then
	ok "router rules without the helpers" -- rules_router 0
	ip netns exec "$RTR" conntrack -F 2> /dev/null
	fails "rsh fails without the helper" -- rsh_run none $SRV4
else
	# the helpers below must be attached by the rules alone
	ip netns exec "$RTR" conntrack -F 2> /dev/null
fi

# Classification alone: masquerade in nftables, the ALGs from nfalg rules
ok "router: masquerade only" -- ip netns exec "$RTR" nft -f - <<-EOF
	flush ruleset
	table inet nat {
		chain post {
			type nat hook postrouting priority 100;
			oifname eth0s masquerade
		}
	}
EOF
ok "rules: junos-rsh, junos-rexec, junos-rlogin accepted from the clients" -- $R -b - <<-EOF
	rule add rshell match-direction input term sh from application junos-rsh then accept term ex from application junos-rexec then accept term lg from application junos-rlogin then accept
	service-set add s interface eth0c rule rshell
EOF
if full "rsh through the junos-rsh rule"; then
	ok "rsh through the junos-rsh rule" -- rsh_run rule $SRV4
	check "rsh by rule: standard error over the secondary connection" "err-rule" \
		"$(cat "$dir/rule.err")"
	expect_output "rsh control connection carries helper nfalg-rsh" \
		"dport=514 .*helper=nfalg-rsh" -- \
		ip netns exec "$RTR" conntrack -L -p tcp --dport 514
fi
# (rexec itself is slow under PAM on the debug kernel: the helper is shown
# on a connection that announces no port and leaves)
ok "a connection to the rexec port, announcing none" -- \
	ip netns exec "$CLI" $PY -c "import socket; socket.create_connection(('$SRV4', 512), timeout=10).sendall(b'0\\0')"
expect_output "rexec control connection carries helper nfalg-rexec" \
	"dport=512 .*helper=nfalg-rexec" -- \
	ip netns exec "$RTR" conntrack -L -p tcp --dport 512
# rlogin (RFC 1282) from a privileged port, as rlogin does: the shell's
# answer to $((6*7)) proves the session (the terminal echoes the command
# itself, not the answer).
expect_output "rlogin session through the junos-rlogin rule" '42rl' -- \
	ip netns exec "$CLI" timeout "$(tscale 120)" $PY - "$SRV4" <<-'EOF'
	import os, socket, sys, time
	c = socket.socket()
	c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	for port in range(1020, 600, -1):
	    try:
	        c.bind(('0.0.0.0', port))
	        break
	    except OSError:
	        pass
	scale = int(os.environ['NFALG_TIME_SCALE'])
	c.settimeout(60 * scale)
	c.connect((sys.argv[1], 513))
	c.sendall(b'\0root\0root\0dumb/38400\0')
	assert c.recv(1) == b'\0'
	# login may discard what the terminal received before the shell
	# started (slow under the debug kernel): the command goes again
	# after every quiet spell until its answer is seen
	cmd = b'echo $((6*7))rl; exit\n'
	c.sendall(cmd)
	c.settimeout(3 * scale)
	out, end = b'', time.monotonic() + 100 * scale
	while time.monotonic() < end:
	    try:
	        d = c.recv(4096)
	    except socket.timeout:
	        if b'42rl' not in out:
	            c.sendall(cmd)
	        continue
	    if not d:
	        break
	    out += d
	print(out.decode(errors='replace'))
	EOF
expect_output "rlogin connection carries helper nfalg-rlogin" \
	"dport=513 .*helper=nfalg-rlogin" -- \
	ip netns exec "$RTR" conntrack -L -p tcp --dport 513
finish
