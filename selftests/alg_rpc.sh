#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Sun RPC portmap ALG with real peers: Debian's rpcbind and rpc.statd
# (program 100024, fixed port 32769, TCP and UDP, IPv4 and IPv6) in the
# server namespace, rpcinfo in the client's, through a router whose
# service set admits only junos-rpc-portmap-udp and -tcp (port 111):
# every other new connection is discarded, so statd is reached only
# through the pinhole the portmap answer opened.
#  - Masquerade (NAPT44, NAT66): rpcinfo -T tcp, udp, tcp6 and udp6 (an
#    rpcbind v4 GETADDR each); portmap v2 GETPORT over UDP (rpcinfo with
#    RPCB_V2FIRST), asking for UDP and for TCP; GETPORT over TCP,
#    GETVERSADDR and a GETADDR record whose record mark and body come in
#    two segments (a scripted client); GETADDRLIST (rpcinfo -l) opens the
#    TCP pinhole that rpcinfo -a then uses; rpcinfo -p (DUMP) opens
#    nothing.
#  - A user application with rpc-program-number: a program outside its
#    list gets no pinhole (refusal counted), a listed one does.
#  - SET, UNSET and CALLIT from the client side are dropped and counted;
#    rpcbind's own statistics show it never got them.
#  - A lying portmapper (fake.py, on a second server address): an answer
#    with the wrong xid opens nothing (the right one after it does); an
#    answer naming a third host opens nothing.
#  - DNAT (rpcbind published on the router's client-side addresses, IPv4
#    and IPv6): rpcinfo -T tcp, udp, tcp6, udp6, GETPORT and rpcinfo -l
#    work; the universal addresses in the answers name the router's
#    address (IPv4: three characters shorter, so the UDP length and the
#    TCP record mark change with them).
#  - Without nfalg_rpc the portmap answer arrives but statd's port stays
#    closed.
# The paths lane (NFALG_PATHS=1) runs GETADDR over TCP and UDP (IPv4) and
# UDP (IPv6) through masquerade, GETPORT over UDP, the split record, the
# program-number refusal, the refused SET, and DNAT over TCP (IPv4, the
# rewrite and the record mark) and UDP (IPv6); it leaves out the other
# GETPORT and GETADDR forms, GETADDRLIST, DUMP, the listings, the listed
# program, UNSET and CALLIT, the lying portmapper, the other DNAT runs
# and the run without the module.
#
# Counter names marked "# COUNTER:" and log lines marked "# LOG:" are
# those of nfalg_rpc as planned; fix them here if the module names them
# otherwise.
#
# fixture: router
. "$(dirname "$0")/lib.sh"
require_cmd nft conntrack unshare nsenter
PY=/usr/bin/python3
# rpcbind and rpc.statd, unpacked (not installed: both packages start
# daemons) by tools/deps.sh
PEERS=/opt/nfalg/peers
RPCBIND=$PEERS/rpcbind/sbin/rpcbind
RPCINFO=$PEERS/rpcbind/usr/bin/rpcinfo
STATD=$PEERS/nfs-common/sbin/rpc.statd
for f in "$RPCBIND" "$RPCINFO" "$STATD"; do
	[ -x "$f" ] || skip "$f missing: run tools/deps.sh"
done
STATD_PORT=32769	# universal address suffix .128.1
FAKE4=198.51.100.3

topo_router || bail "topology failed"
nfalg_load || bail "cannot load nfalg"
nfalg_insmod nfalg_rpc || bail "cannot load nfalg_rpc"
R="ip netns exec $RTR $NFALG"

dir=$(mktemp -d)
defer rm -rf "$dir"

# rpcbind in the server namespace, in a mount namespace of its own: a
# tmpfs on /run for its socket (/run/rpcbind.sock, through which statd
# registers), lock and state files, and an /etc/passwd naming the user
# _rpc it drops to (Debian's build insists on it; the package would
# create it) as nobody.  Nothing of this machine's /run or /etc changes.
{
	grep -v '^_rpc:' /etc/passwd
	echo "_rpc:x:$(id -u nobody):$(id -g nobody):rpcbind:/nonexistent:/usr/sbin/nologin"
} > "$dir/passwd"
ip netns exec "$SRV" unshare -m sh -c '
	mount -t tmpfs nfalg-rpc /run &&
	mkdir /run/rpcbind && chown nobody /run/rpcbind &&
	mount --bind "$1" /etc/passwd &&
	exec "$2" -f' - "$dir/passwd" "$RPCBIND" > "$dir/rpcbind.log" 2>&1 &
rpcbind_pid=$!
defer kill $rpcbind_pid
listening "$SRV" t 111 || bail "rpcbind did not start: $(cat "$dir/rpcbind.log")"
# rpc.statd in the foreground, its state in $dir, no reboot notification,
# on one fixed port (TCP and UDP, IPv4 and IPv6); it registers through
# rpcbind's socket in that mount namespace
mkdir -p "$dir/statd/sm" "$dir/statd/sm.bak"
nsenter -t $rpcbind_pid -m -n "$STATD" -F -d -L -p $STATD_PORT \
	-P "$dir/statd" > "$dir/statd.log" 2>&1 &
defer kill $!
listening "$SRV" u $STATD_PORT || bail "rpc.statd did not start: $(cat "$dir/statd.log")"
for _ in $(seq 50); do
	ip netns exec "$SRV" "$RPCINFO" -p 127.0.0.1 2> /dev/null |
		grep -q " tcp  *$STATD_PORT  *status" && break
	sleep 0.2
done

# rpcb_writes: the SET, UNSET and CALLIT calls rpcbind has counted, per
# version (rpcinfo -m over the server's loopback, not through the router)
rpcb_writes() {
	ip netns exec "$SRV" "$RPCINFO" -m 127.0.0.1 |
		awk '/^NULL +SET +UNSET/ { getline; printf "%s %s %s; ", $2, $3, $6 }'
}

# rpcinfo_ LIMIT ARGS...: rpcinfo in the client namespace, killed after
# LIMIT seconds (scaled); V2FIRST=1: libtirpc asks with portmap v2
# GETPORT first (IPv4 only) instead of rpcbind v4 GETADDR
# (libtirpc blocks signals while it connects and waits for an answer:
# SIGKILL a second after SIGTERM; the shell's "Killed" goes to /dev/null)
rpcinfo_() {
	local t=$1
	shift
	{
		ip netns exec "$CLI" env ${V2FIRST:+RPCB_V2FIRST=1} \
			timeout -k 1 "$(tscale "$t")" "$RPCINFO" "$@" 2>&1
	} 2> /dev/null
}
rpcinfo_v2() {
	V2FIRST=1 rpcinfo_ "$@"
}
READY='^program 100024 version 1 ready and waiting'

# The scripted client: one portmap or rpcbind call, then (call) the
# asked program's procedure 0 at the port of the answer.
cat > "$dir/rpc.py" <<'PY'
import os, random, socket, struct, sys, time

# rpc.py ADDR udp|tcp QUERY... [split] [call] [wait=S]
#  QUERY: getport PROG VERS tcp|udp        portmap v2 GETPORT
#         getaddr 3|4 PROG VERS NETID      rpcbind GETADDR
#         getversaddr PROG VERS NETID      rpcbind v4 GETVERSADDR
#         getaddrlist PROG VERS NETID      rpcbind v4 GETADDRLIST
#         set | unset | callit             portmap v2 SET, UNSET, CALLIT
#         unset4                           rpcbind v4 UNSET
#  split: over TCP, the record mark and the body in two writes 0.3 s apart
#         (not scaled)
#  call:  then call PROG VERS procedure 0 where the answer says (GETPORT:
#         at ADDR), over the protocol asked for: "call ok" or "call failed"
#  wait:  seconds to wait for each answer (default 5, scaled)
# Prints the answer: "port N", "uaddr U", "list U NETID ...", "reply",
# "reply (rejected)" or "no reply"; fails on no reply or a failed call.
scale = int(os.environ.get('NFALG_TIME_SCALE', '1'))
flags = [a for a in sys.argv[1:] if a in ('split', 'call')]
opts = dict(a.split('=', 1) for a in sys.argv[1:] if '=' in a)
args = [a for a in sys.argv[1:] if a not in flags and '=' not in a]
split, call = 'split' in flags, 'call' in flags
wait = float(opts.get('wait', 5)) * scale
addr, trans, query, q = args[0], args[1], args[2], args[3:]
fam = socket.AF_INET6 if ':' in addr else socket.AF_INET


def xstr(s):
    b = s.encode()
    return struct.pack('>I', len(b)) + b + b'\0' * (-len(b) % 4)


def unxstr(b, o):
    n = struct.unpack_from('>I', b, o)[0]
    return b[o + 4:o + 4 + n].decode(), o + 4 + n + (-n % 4)


def callmsg(xid, prog, vers, proc, body):
    # credentials and verifier AUTH_NONE
    return struct.pack('>IIIIII', xid, 0, 2, prog, vers, proc) + \
        b'\0' * 16 + body


def connect(host, port, proto):
    s = socket.socket(fam, socket.SOCK_STREAM if proto == 'tcp'
                      else socket.SOCK_DGRAM)
    s.settimeout(wait)
    s.connect((host, port))
    if proto == 'tcp':
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def exchange(s, proto, msg, xid):
    """send msg; the reply with xid, or None"""
    if proto == 'tcp':
        mark = struct.pack('>I', 0x80000000 | len(msg))
        if split:
            s.sendall(mark)
            # not scaled: the core joins a record whose rest follows
            # within the sender's first tail loss probe (a few hundred
            # milliseconds), and releases it unparsed after that
            time.sleep(0.3)
            s.sendall(msg)
        else:
            s.sendall(mark + msg)
    else:
        s.send(msg)
    end, buf = time.time() + wait, b''
    while time.time() < end:
        s.settimeout(max(end - time.time(), 0.01))
        try:
            d = s.recv(65536)
        except (socket.timeout, ConnectionError):
            return None
        if proto == 'udp':
            recs = [d]
        else:
            if not d:
                return None
            buf, recs = buf + d, []
            while len(buf) >= 4:
                mark = struct.unpack_from('>I', buf)[0]
                n = mark & 0x7fffffff
                if len(buf) < 4 + n:
                    break
                recs.append(buf[4:4 + n])
                buf = buf[4 + n:]
                if not mark & 0x80000000:
                    print('record mark without the last-fragment bit')
        for rec in recs:
            if len(rec) >= 12 and struct.unpack_from('>I', rec)[0] == xid:
                return rec
    return None


def results(rec):
    """the results of an accepted, successful reply, or None"""
    _, mtype, stat = struct.unpack_from('>III', rec)
    if mtype != 1 or stat != 0:
        return None
    n = struct.unpack_from('>I', rec, 16)[0]
    o = 20 + n + (-n % 4)
    if struct.unpack_from('>I', rec, o)[0] != 0:
        return None
    return rec[o + 4:]


def uaddr_split(u):
    host, hi, lo = u.rsplit('.', 2)
    return host, int(hi) * 256 + int(lo)


xid = random.getrandbits(32)
proto, prog, vers, host = trans, 0, 0, addr
if query == 'getport':
    prog, vers, proto = int(q[0]), int(q[1]), q[2]
    msg = callmsg(xid, 100000, 2, 3, struct.pack(
        '>IIII', prog, vers, 6 if proto == 'tcp' else 17, 0))
elif query in ('getaddr', 'getversaddr', 'getaddrlist'):
    rv = 4
    if query == 'getaddr':
        rv, q = int(q[0]), q[1:]
    prog, vers, netid = int(q[0]), int(q[1]), q[2]
    proto = 'tcp' if netid.startswith('tcp') else 'udp'
    proc = {'getaddr': 3, 'getversaddr': 9, 'getaddrlist': 11}[query]
    # r_addr: the rpcbind address the caller used, as rpcinfo sends it
    msg = callmsg(xid, 100000, rv, proc, struct.pack('>II', prog, vers) +
                  xstr(netid) + xstr(addr + '.0.111') + xstr('nfalg'))
elif query in ('set', 'unset'):
    msg = callmsg(xid, 100000, 2, 1 if query == 'set' else 2,
                  struct.pack('>IIII', 300099, 1, 17, 40099))
elif query == 'unset4':
    msg = callmsg(xid, 100000, 4, 2, struct.pack('>II', 100024, 1) +
                  xstr('udp') + xstr('') + xstr('nfalg'))
elif query == 'callit':
    # statd's procedure 0, by way of rpcbind
    msg = callmsg(xid, 100000, 2, 5, struct.pack('>IIII', 100024, 1, 0, 0))
else:
    sys.exit('unknown query ' + query)

try:
    rec = exchange(connect(addr, 111, trans), trans, msg, xid)
except OSError:
    rec = None
if rec is None:
    print('no reply')
    sys.exit(1)
r = results(rec)
port = 0
if r is None:
    print('reply (rejected)')
elif query == 'getport':
    port = struct.unpack_from('>I', r)[0]
    print('port %d' % port)
elif query in ('getaddr', 'getversaddr'):
    u, o = unxstr(r, 0)
    # a rewrite that left the lengths wrong shows here
    print('uaddr %s%s' % (u, '' if o == len(r) else
                          ' (%d bytes after it)' % (len(r) - o)))
    if u:
        host, port = uaddr_split(u)
elif query == 'getaddrlist':
    o, out = 0, []
    while struct.unpack_from('>I', r, o)[0]:
        u, o = unxstr(r, o + 4)
        nid, o = unxstr(r, o)
        o += 4
        _, o = unxstr(r, o)
        _, o = unxstr(r, o)
        out.append('%s %s' % (u, nid))
        if nid == netid:
            host, port = uaddr_split(u)
    print('list ' + ' '.join(out))
else:
    print('reply')
if call:
    ok = False
    if port:
        cx = random.getrandbits(32)
        try:
            c = connect(host, port, proto)
            a = exchange(c, proto, callmsg(cx, prog, vers, 0, b''), cx)
            ok = a is not None and results(a) is not None
        except OSError:
            pass
    print('call ok' if ok else 'call failed')
    sys.exit(0 if ok else 1)
PY
# rpcpy ARGS...: rpc.py in the client namespace, its lines joined in one
rpcpy() {
	local out rc
	out=$(ip netns exec "$CLI" $PY "$dir/rpc.py" "$@" 2>&1)
	rc=$?
	echo "${out//$'\n'/ }"
	return $rc
}

ip netns exec "$RTR" nft -f - <<NFT || bail "router ruleset"
table inet nat {
	chain post {
		type nat hook postrouting priority 100;
		oifname eth0s masquerade
	}
}
NFT
ok "rules: junos-rpc-portmap-udp and -tcp only" -- $R -b - <<-EOF
	rule add rpc match-direction input term t from application junos-rpc-portmap-udp application junos-rpc-portmap-tcp then accept
	service-set add s interface eth0c rule rpc
EOF

# --- masquerade: the client asks the server's own addresses
if full "rpcinfo -p (DUMP)"; then
	p0=$(counter pinholes)
	expect_output "rpcinfo -p (v2 DUMP over TCP) lists statd" \
		"100024 +1 +tcp +$STATD_PORT +status" -- rpcinfo_ 20 -p $SRV4
	check "DUMP opened no pinhole" "$p0" "$(counter pinholes)"
	expect_output "no pinhole listed" '^\(no pinholes\)$' -- $R show pinholes
fi

p0=$(counter pinholes)
expect_output "v4 udp: rpcinfo -T udp (GETADDR over UDP)" "$READY" -- \
	rpcinfo_ 20 -T udp $SRV4 100024
check "v4 udp: one pinhole opened" $((p0 + 1)) "$(counter pinholes)"
expect_output "the portmap conversation carries helper nfalg-rpc" \
	"dport=111 .*helper=nfalg-rpc" -- ip netns exec "$RTR" conntrack -L -p udp
if full "show conversations"; then
	ip netns exec "$RTR" "$NFALG" show conversations > "$dir/conv.txt" 2>&1
	expect_output "show conversations: the query, application junos-rpc-portmap-udp" \
		"^conversation [0-9]+ udp $CLI4:[0-9]+ -> $SRV4:111 .*application junos-rpc-portmap-udp alg rpc" -- \
		cat "$dir/conv.txt"
	expect_output "show conversations: the call to statd a child of it" \
		"^    child [0-9]+ udp $CLI4:[0-9]+ -> $SRV4:$STATD_PORT " -- cat "$dir/conv.txt"
fi
expect_output "v4 tcp: rpcinfo -T tcp (GETADDR over TCP)" "$READY" -- \
	rpcinfo_ 20 -T tcp $SRV4 100024
expect_output "v6 udp6 over NAT66: rpcinfo -T udp6" "$READY" -- \
	rpcinfo_ 20 -T udp6 $SRV6 100024
if full "rpcinfo -T tcp6 through masquerade (DNAT runs tcp6)"; then
	expect_output "v6 tcp6 over NAT66: rpcinfo -T tcp6" "$READY" -- \
		rpcinfo_ 20 -T tcp6 $SRV6 100024
fi
expect_output "v2 GETPORT over UDP for UDP: rpcinfo -T udp, RPCB_V2FIRST" "$READY" -- \
	rpcinfo_v2 20 -T udp $SRV4 100024
if full "GETPORT for TCP, over TCP; GETVERSADDR"; then
	expect_output "v2 GETPORT over UDP for TCP: a TCP pinhole (rpcinfo -T tcp, RPCB_V2FIRST)" "$READY" -- \
		rpcinfo_v2 20 -T tcp $SRV4 100024
	expect_output "v2 GETPORT over TCP, then the call" "port $STATD_PORT call ok" -- \
		rpcpy $SRV4 tcp getport 100024 1 tcp call
	expect_output "v4 GETVERSADDR over TCP (tcp6), then the call" \
		"uaddr $SRV6.128.1 call ok" -- \
		rpcpy $SRV6 tcp getversaddr 100024 1 tcp6 call
	expect_output "v3 GETADDR over UDP, then the call" \
		"uaddr $SRV4.128.1 call ok" -- \
		rpcpy $SRV4 udp getaddr 3 100024 1 udp call
fi
expect_output "GETADDR record split after its record mark: the pinhole opens" \
	"uaddr $SRV4.128.1 call ok" -- \
	rpcpy $SRV4 tcp getaddr 4 100024 1 tcp split call

if full "GETADDRLIST and the pinhole listing"; then
	expect_output "rpcinfo -l (v4 GETADDRLIST over TCP) lists statd's addresses" \
		"^ +100024 +1 +inet/tcp/cots_ord +$SRV4.128.1 " -- rpcinfo_ 20 -l $SRV4 100024 1
	expect_output "show pinholes: the TCP pinhole to statd it opened" \
		"^rpc +tcp +$CLI4 -> $SRV4 port $STATD_PORT, expires in [0-9]+ s" -- \
		$R show pinholes
	expect_output "rpcinfo -a (no portmap query) gets through that pinhole" "$READY" -- \
		rpcinfo_ 20 -a $SRV4.128.1 -T tcp 100024 1
fi

# --- the application's program numbers
ok "application rpc-nfs (udp 111, programs 100003 and 100005) in the term for UDP" -- $R -b - <<-EOF
	application add rpc-nfs protocol udp destination-port 111 application-protocol rpc rpc-program-number 100003,100005
	rule replace rpc match-direction input term t from application rpc-nfs application junos-rpc-portmap-tcp then accept
EOF
ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
pd0=$(counter rpc_program)	# COUNTER: a program outside the application's list
p0=$(counter pinholes)
fails "statd (100024) is not in the list: rpcinfo -T udp fails" -- \
	rpcinfo_ 3 -T udp $SRV4 100024
check "no pinhole opened" "$p0" "$(counter pinholes)"
# (rpcinfo may send its GETADDR more than once)
ok "the program refused and counted" -- \
	test "$(counter rpc_program)" -gt "$pd0"	# COUNTER:
expect_output "the program's refusal logged" 'nfalg-rpc: pinhole refused: program 100024 not in' -- dmesg	# LOG:
if full "a program in the application's list"; then
	ok "rpc-nfs now lists 100021-100024 too" -- $R application replace rpc-nfs \
		protocol udp destination-port 111 application-protocol rpc \
		rpc-program-number 100003,100005,100021-100024
	ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
	expect_output "a listed program: rpcinfo -T udp works" "$READY" -- \
		rpcinfo_ 20 -T udp $SRV4 100024
	expect_output "TCP (junos-rpc-portmap-tcp, no list) allows every program" "$READY" -- \
		rpcinfo_ 20 -T tcp $SRV4 100024
fi
ok "term back to the predefined applications, rpc-nfs deleted" -- $R -b - <<-EOF
	rule replace rpc match-direction input term t from application junos-rpc-portmap-udp application junos-rpc-portmap-tcp then accept
	application del rpc-nfs
EOF
ip netns exec "$RTR" conntrack -F > /dev/null 2>&1

# --- registrations from the client side
w0=$(rpcb_writes)
dn0=$(counter rpc_refused)	# COUNTER: SET, UNSET, CALLIT from the client side
fails "v2 SET over UDP: dropped (no answer)" -- rpcpy $SRV4 udp set wait=2
n=1
if full "UNSET and CALLIT"; then
	fails "v2 UNSET over UDP: dropped" -- rpcpy $SRV4 udp unset wait=2
	# (rpcbind, run without -r, would not answer CALLIT either: its
	# statistics below tell whether it got one)
	fails "v2 CALLIT over UDP: dropped" -- rpcpy $SRV4 udp callit wait=2
	n=3
fi
check "counted, once each ($n over UDP)" $((dn0 + n)) "$(counter rpc_refused)"	# COUNTER:
if full "UNSET over TCP"; then
	fails "v4 UNSET over TCP: dropped" -- rpcpy $SRV4 tcp unset4 wait=2
	# (each retransmission of the dropped segment may count again)
	ok "the TCP UNSET counted" -- test "$(counter rpc_refused)" -gt $((dn0 + n))	# COUNTER:
fi
check "rpcbind got none of them (its own statistics)" "$w0" "$(rpcb_writes)"
expect_output "the drop logged" 'nfalg: rpc-portmap-set-or-callit: dropped proto 17' -- dmesg	# LOG:

# --- a lying portmapper: fake.py on $FAKE4, reached at port 111 through
# the server namespace's own DNAT to its port 1111 (rpcbind holds 111)
if full "the lying portmapper"; then
	ip -n "$SRV" addr add $FAKE4/24 dev eth0
	defer ip -n "$SRV" addr del $FAKE4/24 dev eth0
	ip netns exec "$SRV" nft -f - <<-NFT
	table ip fake {
		chain pre {
			type nat hook prerouting priority -100;
			ip daddr $FAKE4 meta l4proto { tcp, udp } th dport 111 dnat to $FAKE4:1111
		}
	}
	NFT
	defer ip netns exec "$SRV" nft delete table ip fake
	cat > "$dir/fake.py" <<-'PY'
	import socket, struct, sys, threading, time
	# fake.py ADDR PORT: answers GETPORT (v2), GETADDR (v3, v4) and
	# GETVERSADDR (v4), on UDP and TCP, by the program and version V asked
	# (each query its own ports: pinholes of equal tuples would clash):
	#   300001: first with the wrong xid naming port 40001 + 10 V, then
	#           (0.2 s later) rightly naming port 40002 + 10 V
	#   300003: only with the wrong xid, naming port 40001 + 10 V
	#   300002: a universal address of a third host, 203.0.113.9 port
	#           40003 + 10 V (GETPORT: that port)
	#   other:  not registered
	addr, port = sys.argv[1], int(sys.argv[2])
	def xstr(s):
	    b = s.encode()
	    return struct.pack('>I', len(b)) + b + b'\0' * (-len(b) % 4)
	def answers(q):
	    xid, mtype, _, prog, vers, proc = struct.unpack_from('>IIIIII', q)
	    if mtype != 0 or prog != 100000 or proc not in (3, 9):
	        return []
	    o = 24
	    for _ in range(2):
	        o += 8 + (struct.unpack_from('>I', q, o + 4)[0] + 3) // 4 * 4
	    asked, v = struct.unpack_from('>II', q, o)
	    def reply(x, p, host=addr):
	        if vers == 2:
	            res = struct.pack('>I', p)
	        else:
	            res = xstr('%s.%d.%d' % (host, p >> 8, p & 255) if p else '')
	        return struct.pack('>IIIIII', x, 1, 0, 0, 0, 0) + res
	    if asked == 300001:
	        return [reply(xid ^ 0xffffffff, 40001 + 10 * v),
	                reply(xid, 40002 + 10 * v)]
	    if asked == 300002:
	        return [reply(xid, 40003 + 10 * v, '203.0.113.9')]
	    if asked == 300003:
	        return [reply(xid ^ 0xffffffff, 40001 + 10 * v)]
	    return [reply(xid, 0)]
	def udp():
	    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	    s.bind((addr, port))
	    while True:
	        q, peer = s.recvfrom(4096)
	        for i, a in enumerate(answers(q)):
	            time.sleep(0.2 if i else 0)
	            s.sendto(a, peer)
	def conn(c):
	    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
	    buf = b''
	    while True:
	        d = c.recv(4096)
	        if not d:
	            return
	        buf += d
	        while len(buf) >= 4:
	            n = struct.unpack_from('>I', buf)[0] & 0x7fffffff
	            if len(buf) < 4 + n:
	                break
	            q, buf = buf[4:4 + n], buf[4 + n:]
	            for i, a in enumerate(answers(q)):
	                time.sleep(0.2 if i else 0)
	                c.sendall(struct.pack('>I', 0x80000000 | len(a)) + a)
	threading.Thread(target=udp, daemon=True).start()
	t = socket.socket()
	t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
	t.bind((addr, port))
	t.listen(8)
	while True:
	    threading.Thread(target=conn, args=(t.accept()[0],), daemon=True).start()
	PY
	ip netns exec "$SRV" $PY "$dir/fake.py" $FAKE4 1111 > "$dir/fake.log" 2>&1 &
	defer kill $!
	{ listening "$SRV" t 1111 && listening "$SRV" u 1111; } ||
		bail "fake.py did not start: $(cat "$dir/fake.log")"
	# ua HOST PORT: the universal address
	ua() {
		echo "$1.$(($2 >> 8)).$(($2 & 255))"
	}
	pinholes() {
		$R show pinholes
	}

	# the wrong xid: versions 1 (GETADDR over UDP) and 3 (GETPORT over
	# UDP), each followed by the right answer; version 2 over TCP, alone
	# (were it dropped, an answer behind it in the stream would wait
	# behind its retransmissions)
	u0=$(counter rpc_unmatched)	# COUNTER: an answer with the wrong xid
	check "wrong xid, then the right answer (GETADDR over UDP): the client gets the right one" \
		"uaddr $(ua $FAKE4 40012)" "$(rpcpy $FAKE4 udp getaddr 4 300001 1 udp)"
	check "the same with GETPORT" "port 40032" "$(rpcpy $FAKE4 udp getport 300001 3 udp)"
	check "both wrong xids counted" $((u0 + 2)) "$(counter rpc_unmatched)"	# COUNTER:
	fails "only a wrong xid over TCP (GETADDR): no answer for the client" -- \
		rpcpy $FAKE4 tcp getaddr 4 300003 2 tcp wait=2
	ok "the TCP one counted" -- test "$(counter rpc_unmatched)" -gt $((u0 + 2))	# COUNTER:
	expect_output "the right answers opened their pinholes: GETADDR's" \
		"^rpc +udp +$CLI4 -> $FAKE4 port 40012," -- pinholes
	expect_output "GETPORT's" "^rpc +udp +$CLI4 -> $FAKE4 port 40032," -- pinholes
	fails "the wrong xids' ports have none" -- \
		bash -c "$R show pinholes | grep -E 'port 400[123]1,'"

	# a third host: versions 4 (GETADDR over UDP), 5 (GETVERSADDR over
	# TCP) and 6 (GETPORT cannot name one: its port only, at $FAKE4)
	t0=$(counter third_party)	# COUNTER: the core's third-party refusal
	rpcpy $FAKE4 udp getaddr 4 300002 4 udp wait=2 > "$dir/third.out"
	rpcpy $FAKE4 tcp getversaddr 300002 5 tcp wait=2 >> "$dir/third.out"
	log "answers naming 203.0.113.9 as the client saw them: $(tr '\n' ' ' < "$dir/third.out")"
	fails "no pinhole to the third host" -- \
		bash -c "$R show pinholes | grep -E '203\.0\.113\.9|port 400[45]3,'"
	ok "both refused and counted" -- test "$(counter third_party)" -ge $((t0 + 2))	# COUNTER:
	expect_output "the third-party refusal logged" \
		'nfalg-rpc: pinhole refused \(third-party address\)' -- dmesg	# LOG:
	check "GETPORT (a port, no address) opens its pinhole at the answering host" \
		"port 40063" "$(rpcpy $FAKE4 udp getport 300002 6 udp)"
	expect_output "at $FAKE4" "^rpc +udp +$CLI4 -> $FAKE4 port 40063," -- pinholes
	# (rpcbind names the server's first address when the client's hint
	# is none of its own, as under DNAT: $SRV4 stays the only one)
	ip -n "$SRV" addr del $FAKE4/24 dev eth0
fi

# --- port forwarding: rpcbind published on the router's client-side
# addresses by DNAT, no masquerade; statd reached through the pinholes
ok "router: DNAT of port 111 to the server, no masquerade" -- ip netns exec "$RTR" nft -f - <<NFT
delete table inet nat
table inet d {
	chain pre {
		type nat hook prerouting priority -100;
		iifname eth0c ip daddr $RTR4C meta l4proto { tcp, udp } th dport 111 dnat ip to $SRV4
		iifname eth0c ip6 daddr $RTR6C meta l4proto { tcp, udp } th dport 111 dnat ip6 to $SRV6
	}
}
NFT
ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
rw0=$(counter rewrites)	# COUNTER: the core's payload rewrites
# rpcbind answers 198.51.100.2.128.1 (18 characters, 20 bytes with XDR's
# padding); the router's 192.0.2.1.128.1 has 15 (16 bytes)
check "DNAT v4 over TCP: GETADDR answers the router's address, record mark fixed" \
	"uaddr $RTR4C.128.1 call ok" "$(rpcpy $RTR4C tcp getaddr 4 100024 1 tcp call)"
# (the ALG may rewrite the call's r_addr the other way too)
ok "the universal address rewritten (counted)" -- \
	test "$(counter rewrites)" -gt "$rw0"	# COUNTER:
expect_output "DNAT v4: rpcinfo -T tcp" "$READY" -- rpcinfo_ 20 -T tcp $RTR4C 100024
expect_output "DNAT v6: rpcinfo -T udp6" "$READY" -- rpcinfo_ 20 -T udp6 $RTR6C 100024
if full "the other DNAT runs"; then
	check "DNAT v4 over UDP: GETADDR answers the router's address, UDP length fixed" \
		"uaddr $RTR4C.128.1 call ok" "$(rpcpy $RTR4C udp getaddr 4 100024 1 udp call)"
	check "DNAT v6 over TCP: the router's address (same length)" \
		"uaddr $RTR6C.128.1 call ok" "$(rpcpy $RTR6C tcp getaddr 4 100024 1 tcp6 call)"
	expect_output "DNAT v4: rpcinfo -T udp" "$READY" -- rpcinfo_ 20 -T udp $RTR4C 100024
	expect_output "DNAT v6: rpcinfo -T tcp6" "$READY" -- rpcinfo_ 20 -T tcp6 $RTR6C 100024
	expect_output "DNAT v4: GETPORT (rpcinfo -T udp, RPCB_V2FIRST)" "$READY" -- \
		rpcinfo_v2 20 -T udp $RTR4C 100024
	# both entries of the list rewritten (the record 8 bytes shorter)
	rpcinfo_ 20 -l $RTR4C 100024 1 > "$dir/list.out"
	expect_output "DNAT v4: GETADDRLIST (rpcinfo -l) names the router's address, TCP" \
		"^ +100024 +1 +inet/tcp/cots_ord +$RTR4C.128.1 +status" -- cat "$dir/list.out"
	expect_output "UDP" "^ +100024 +1 +inet/udp/clts +$RTR4C.128.1 +status" -- cat "$dir/list.out"
	expect_output "rpcinfo -a gets through the TCP pinhole it opened" "$READY" -- \
		rpcinfo_ 20 -a $RTR4C.128.1 -T tcp 100024 1
fi

if full "the run without the ALG module"; then
	ok "rmmod nfalg_rpc" -- rmmod nfalg_rpc
	ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
	nl0=$(counter alg_not_loaded)
	nm0=$(counter no_match_discards)
	check "no ALG: the portmap answer arrives (unrewritten), statd's port stays closed" \
		"uaddr $SRV4.128.1 call failed" \
		"$(rpcpy $RTR4C udp getaddr 4 100024 1 udp call wait=2)"
	fails "no ALG: rpcinfo -T tcp fails" -- rpcinfo_ 3 -T tcp $RTR4C 100024
	ok "no ALG: the queries were admitted without their ALG" -- \
		test "$(counter alg_not_loaded)" -ge $((nl0 + 2))
	ok "no ALG: the calls to statd discarded (no matching term)" -- \
		test "$(counter no_match_discards)" -gt "$nm0"
fi
finish
