#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# DCE RPC ALG (junos-dce-rpc-portmap, TCP 135) with real peers: Samba's
# samba-dcerpcd in the server namespace (the endpoint mapper on port 135,
# srvsvc, lsarpc, samr and winreg on dynamic ports from 49152), and in the
# client's rpcclient and impacket (ept_map, then a bind at the port the
# answer names: the second connection), through a router whose service
# set admits only junos-dce-rpc-portmap: every other new connection is
# discarded, so the dynamic ports are reached only through the pinholes
# the endpoint mapper's answers opened.
#  - Masquerade: rpcclient srvinfo (a call to srvsvc), ept_map and a bind
#    to srvsvc, impacket's epm.hept_map and a bind to lsarpc; one pinhole
#    per answer, to the server's address at the port of its tower.
#  - A fake endpoint mapper (fake, on a second server address): an answer
#    whose towers name a third host, ports 445 and 139, and a port of its
#    own opens only the last; a tower naming 0.0.0.0 opens a pinhole to
#    the server's address; impacket-rpcdump (ept_lookup) opens the
#    pinhole of the entry naming the server, not that of a third host; an
#    HTTP POST to port 135 whose answer carries a bind_ack and an ept_map
#    answer later is not DCE RPC: it opens nothing.
#  - A user application with a uuid (srvsvc's): ept_map for srvsvc opens
#    its pinhole, for lsarpc none (counted).
#  - DNAT (the endpoint mapper published on the router's client-side
#    address): the tower's address is rewritten to the router's, and the
#    client reaches srvsvc there.
#  - Without nfalg_dcerpc the answer arrives, unrewritten, and the bind
#    fails.
# IPv4 only: towers carry IPv4 addresses.  The paths lane (NFALG_PATHS=1)
# runs ept_map and the binds through masquerade, the fake's mixed answer,
# the 0.0.0.0 tower, the HTTP POST, the uuid refusal and DNAT; it leaves
# out rpcclient, the pinhole listing, the bind at port 445, ept_lookup,
# the application listing and the run without the module.
#
# Counter names marked "# COUNTER:" and log lines marked "# LOG:" are
# those of nfalg_dcerpc as planned; fix them here if the module names them
# otherwise.
#
# fixture: router
. "$(dirname "$0")/lib.sh"
require_cmd nft conntrack impacket-rpcdump
PY=/usr/bin/python3
# samba-dcerpcd with its services and rpcclient, unpacked by tools/deps.sh
# (they run against the installed samba-libs)
PEERS=/opt/nfalg/peers
SAMBA=$PEERS/samba-common-bin/usr/libexec/samba
RPCCLIENT=$PEERS/smbclient/usr/bin/rpcclient
for f in "$SAMBA/samba-dcerpcd" "$SAMBA/rpcd_epmapper" "$SAMBA/rpcd_lsad" \
	"$SAMBA/rpcd_classic" "$SAMBA/rpcd_winreg" "$RPCCLIENT"; do
	[ -x "$f" ] || skip "$f missing: run tools/deps.sh"
done
$PY -c 'import impacket' 2> /dev/null || skip "python3-impacket missing: run tools/deps.sh"
FAKE4=198.51.100.3
SRVSVC=4b324fc8-1670-01d3-1278-5a47bf6ee188
# the fake's interfaces (dce.py: MAP, LOOKUP)
F=6e66616c-6463-4500-8000-0000000000

topo_router || bail "topology failed"
nfalg_load || bail "cannot load nfalg"
nfalg_insmod nfalg_dcerpc || bail "cannot load nfalg_dcerpc"
R="ip netns exec $RTR $NFALG"
ip -n "$SRV" addr add $FAKE4/24 dev eth0
defer ip -n "$SRV" addr del $FAKE4/24 dev eth0

dir=$(mktemp -d)
defer rm -rf "$dir"

# samba-dcerpcd standalone (rpc start on demand helpers = false), in the
# foreground, its state, locks and sockets in $dir, on $SRV4 only ($FAKE4
# is the fake's): it starts its services (the rpcd_* helpers given), which
# each listen on a port of their own from 49152 and register their
# interfaces with the endpoint mapper; Samba's ept_map answers with the
# address the client reached it at.  (Its ept_lookup answers nothing:
# ept_s_not_registered; the services log that they cannot open
# /var/log/samba/log.rpcd_*, harmlessly.)
mkdir -p "$dir/samba" "$dir/client"
cat > "$dir/smb.conf" <<EOF
[global]
	server role = standalone server
	rpc start on demand helpers = false
	interfaces = $SRV4
	bind interfaces only = yes
	state directory = $dir/samba
	lock directory = $dir/samba
	cache directory = $dir/samba
	private dir = $dir/samba
	pid directory = $dir/samba
	ncalrpc dir = $dir/samba/ncalrpc
	load printers = no
	printcap name = /dev/null
	disable spoolss = yes
	log file = $dir/samba/log.%m
EOF
# rpcclient's own (its locks and caches in $dir too)
cat > "$dir/client.conf" <<EOF
[global]
	state directory = $dir/client
	lock directory = $dir/client
	cache directory = $dir/client
	private dir = $dir/client
EOF
ip netns exec "$SRV" "$SAMBA/samba-dcerpcd" -F --debug-stdout -d 1 \
	-s "$dir/smb.conf" "$SAMBA/rpcd_epmapper" "$SAMBA/rpcd_lsad" \
	"$SAMBA/rpcd_classic" "$SAMBA/rpcd_winreg" > "$dir/samba.log" 2>&1 &
defer kill $!
cat > "$dir/dce.py" <<'PY'
import socket, struct, sys, threading, time, uuid

# dce.py serve ADDR PORT...       the fake endpoint mapper (below)
# dce.py HOST map IFACE [bind]    ept_map (max_towers 4) over TCP 135 with
#     impacket's transport: "tower ADDR PORT" per ncacn_ip_tcp tower; bind:
#     then connect to the first tower naming a port >= 1024 (at HOST when
#     it says 0.0.0.0) and bind to IFACE: "bind ok" or "bind failed"
# dce.py HOST hept IFACE          impacket's epm.hept_map, then
#     DCERPCTransportFactory and a bind to the binding it returns
# dce.py HOST bind PORT IFACE     a bind at HOST:PORT
# dce.py HOST slip PORT           an HTTP POST to port 135 whose body (a
#     segment of its own) is a bind and an ept_map request; the answer's
#     bytes, then a bind at HOST:PORT
# IFACE: srvsvc, lsarpc, samr or a UUID (version 1.0).  wait=S: the
# timeout of the second connection (default 3 s), epm=S: that of the
# endpoint mapper's (default 20 s).  Exit status 0 when the last step
# worked.
NDR = ('8a885d04-1ceb-11c9-9fe8-08002b104860', 2, 0)
EPM = ('e1af8308-5d1f-11c9-91a4-08002b14a0fa', 3, 0)
IFACES = {
    'srvsvc': ('4b324fc8-1670-01d3-1278-5a47bf6ee188', 3, 0),
    'lsarpc': ('12345778-1234-abcd-ef00-0123456789ab', 0, 0),
    'samr': ('12345778-1234-abcd-ef00-0123456789ac', 1, 0),
}


def iface(name):
    return IFACES.get(name) or (name, 1, 0)


def ubytes(u):
    return uuid.UUID(u).bytes_le


def floor(lhs, rhs):
    return struct.pack('<H', len(lhs)) + lhs + struct.pack('<H', len(rhs)) + rhs


def tower(ifc, addr, port):
    """ncacn_ip_tcp tower octets"""
    u, ma, mi = ifc
    return struct.pack('<H', 5) + \
        floor(b'\x0d' + ubytes(u) + struct.pack('<H', ma), struct.pack('<H', mi)) + \
        floor(b'\x0d' + ubytes(NDR[0]) + struct.pack('<H', NDR[1]), b'\0\0') + \
        floor(b'\x0b', b'\0\0') + \
        floor(b'\x07', struct.pack('>H', port)) + \
        floor(b'\x09', socket.inet_aton(addr))


def pad4(b):
    return b + b'\0' * (-len(b) % 4)


def twr(t):
    """a twr_t referent: conformance, tower_length, octets (NDR)"""
    return pad4(struct.pack('<II', len(t), len(t)) + t)


def pdu(ptype, call_id, body, flags=3):
    return struct.pack('<BBBB4sHHI', 5, 0, ptype, flags, b'\x10\0\0\0',
                       16 + len(body), 0, call_id) + body


def fragments(call_id, stub, cuts):
    """a response cut into fragments at the stub offsets CUTS"""
    bounds = [0] + cuts + [len(stub)]
    return [pdu(2, call_id, struct.pack('<IHBB', len(stub), 0, 0, 0) +
                stub[a:b], (1 if i == 0 else 0) | (2 if b == len(stub) else 0))
            for i, (a, b) in enumerate(zip(bounds, bounds[1:]))]


def bind_pdu(call_id, ifc):
    u, ma, mi = ifc
    ctx = struct.pack('<HBB', 0, 1, 0) + ubytes(u) + struct.pack('<HH', ma, mi) + \
        ubytes(NDR[0]) + struct.pack('<I', NDR[1])
    return pdu(11, call_id, struct.pack('<HHIB3x', 4280, 4280, 0, 1) + ctx)


def request_pdu(call_id, opnum, stub):
    return pdu(0, call_id, struct.pack('<IHH', len(stub), 0, opnum) + stub)


def map_stub(ifc, max_towers):
    t = tower(ifc, '0.0.0.0', 0)
    return struct.pack('<I', 1) + b'\0' * 16 + struct.pack('<I', 2) + twr(t) + \
        b'\0' * 20 + struct.pack('<I', max_towers)


def parse_tower(t):
    """(uuid, addr, port) of an ncacn_ip_tcp tower, else None"""
    n, = struct.unpack_from('<H', t)
    pos, fl = 2, []
    for _ in range(n):
        l, = struct.unpack_from('<H', t, pos)
        lhs = t[pos + 2:pos + 2 + l]
        pos += 2 + l
        r, = struct.unpack_from('<H', t, pos)
        fl.append((lhs, t[pos + 2:pos + 2 + r]))
        pos += 2 + r
    if n != 5 or fl[3][0] != b'\x07' or fl[4][0] != b'\x09':
        return None
    return (str(uuid.UUID(bytes_le=fl[0][0][1:17])),
            socket.inet_ntoa(fl[4][1]), struct.unpack('>H', fl[3][1])[0])


def map_towers(stub):
    """the towers of an ept_map answer's stub, and its status"""
    n, mx, off, act = struct.unpack_from('<IIII', stub, 20)
    pos = 36
    ptrs = struct.unpack_from('<%dI' % act, stub, pos)
    pos += 4 * act
    out = []
    for p in ptrs:
        if not p:
            continue
        pos += -pos % 4
        _, l = struct.unpack_from('<II', stub, pos)
        out.append(parse_tower(stub[pos + 8:pos + 8 + l]))
        pos += 8 + l
    pos += -pos % 4
    return out, struct.unpack_from('<I', stub, pos)[0]


# ---- the fake endpoint mapper ----
#
# Answers a bind to any interface with a bind_ack accepting it (NDR); on
# port 135, ept_map by the interface asked (MAP below, the server's own
# address for None) and ept_lookup with LOOKUP; every other request an
# empty response.  A connection that does not begin with a PDU (an HTTP
# request) gets an HTTP answer, then 0.2 s later a bind_ack and an ept_map
# answer naming its port 50099, and the end of its stream.
FAKE = '6e66616c-6463-4500-8000-0000000000'
MAP = {
    FAKE + '01': [('203.0.113.9', 50091), (None, 445), (None, 139), (None, 50095)],
    FAKE + '02': [('0.0.0.0', 50093)],
    FAKE + '03': [(None, 50094)],
}
LOOKUP = [(FAKE + '05', None, 50096, b'nfalg lookup\0'),
          (FAKE + '06', '203.0.113.9', 50097, b'nfalg third\0')]


def recv_pdu(c, buf):
    while len(buf) < 16 or len(buf) < struct.unpack_from('<H', buf, 8)[0]:
        d = c.recv(65536)
        if not d:
            return None, buf
        buf += d
    n = struct.unpack_from('<H', buf, 8)[0]
    return buf[:n], buf[n:]


def bind_ack(call_id, body, port):
    n = body[8]
    pos, res = 12, b''
    for _ in range(n):
        nts = body[pos + 2]
        ts = [body[pos + 24 + 20 * i:pos + 44 + 20 * i] for i in range(nts)]
        ndr = ubytes(NDR[0]) + struct.pack('<I', NDR[1])
        if ndr in ts:
            res += struct.pack('<HH', 0, 0) + ndr
        else:
            res += struct.pack('<HH', 2, 2) + b'\0' * 20
        pos += 24 + 20 * nts
    sec = str(port).encode() + b'\0'
    head = struct.pack('<HHIH', 4280, 4280, 0x4e46, len(sec)) + sec
    head += b'\0' * (-(16 + len(head)) % 4)
    return pdu(12, call_id, head + struct.pack('<B3x', n) + res)


def response(call_id, stub):
    return pdu(2, call_id, struct.pack('<IHBB', len(stub), 0, 0, 0) + stub)


def map_answer(towers, max_towers):
    """ept_map's answer: the towers (octets), status ept_s_not_registered
    for none"""
    stub = b'\0' * 20 + struct.pack('<IIII', len(towers), max(max_towers, len(towers)),
                                    0, len(towers))
    stub += b''.join(struct.pack('<I', 3 + i) for i in range(len(towers)))
    stub += b''.join(twr(t) for t in towers)
    return stub + struct.pack('<I', 0 if towers else 0x16c9a0d6)


def lookup_answer(me):
    ents, refs = b'', b''
    for i, (u, a, p, ann) in enumerate(LOOKUP):
        ents += pad4(ubytes(u) + struct.pack('<III', 3 + i, 0, len(ann)) + ann)
        refs += twr(tower((u, 1, 0), a or me, p))
    stub = b'\0' * 20 + struct.pack('<IIII', len(LOOKUP), 500, 0, len(LOOKUP))
    return stub + ents + refs + struct.pack('<I', 0)


def serve_conn(c, me, port):
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    buf = c.recv(65536)
    if buf[:1] != b'\x05':
        while b'\r\n\r\n' not in buf:
            d = c.recv(65536)
            if not d:
                return
            buf += d
        head, body = buf.split(b'\r\n\r\n', 1)
        clen = int(head.lower().split(b'content-length:')[1].split(b'\r\n')[0])
        while len(body) < clen:
            body += c.recv(65536)
        c.sendall(b'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')
        time.sleep(0.2)
        c.sendall(bind_ack(1, bind_pdu(1, EPM)[16:], 135) +
                  response(2, map_answer([tower(iface('srvsvc'), me, 50099)], 4)))
        c.shutdown(socket.SHUT_WR)
        return
    while True:
        p, buf = recv_pdu(c, buf)
        if p is None:
            return
        ptype, call_id = p[2], struct.unpack_from('<I', p, 12)[0]
        if ptype in (11, 14):
            c.sendall(bind_ack(call_id, p[16:], port))
        elif ptype == 0:
            opnum, stub = struct.unpack_from('<H', p, 22)[0], p[24:]
            if port == 135 and opnum == 3:
                t = parse_tower(stub[32:32 + struct.unpack_from('<I', stub, 28)[0]])
                mt = struct.unpack_from('<I', stub, len(stub) - 4)[0]
                towers = [tower((t[0], 1, 0), a or me, p)
                          for a, p in MAP.get(t[0] if t else None, [])]
                stub = map_answer(towers, mt)
                if t and t[0] == FAKE + '03':
                    # three fragments, three segments: the second cut
                    # inside the tower's address (status, padding, the
                    # address's last 2 bytes after it)
                    n = len(stub) - 4 - (-len(towers[0]) % 4) - 2
                    for f in fragments(call_id, stub, [40, n]):
                        c.sendall(f)
                        time.sleep(0.05)
                else:
                    c.sendall(response(call_id, stub))
            elif port == 135 and opnum == 2:
                c.sendall(response(call_id, lookup_answer(me)))
            else:
                c.sendall(response(call_id, b'\0' * 4))


def listen(me, port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((me, port))
    s.listen(16)
    while True:
        c = s.accept()[0]
        threading.Thread(target=serve_conn, args=(c, me, port), daemon=True).start()


def serve(me, ports):
    for p in ports[1:]:
        threading.Thread(target=listen, args=(me, p), daemon=True).start()
    listen(me, ports[0])


# ---- the clients ----

def rpc(host, port, wait):
    from impacket.dcerpc.v5 import transport
    t = transport.DCERPCTransportFactory('ncacn_ip_tcp:%s[%d]' % (host, port))
    t.set_connect_timeout(wait)
    d = t.get_dce_rpc()
    d.connect()
    return d


def bind_at(host, port, ifc, wait):
    from impacket.uuid import uuidtup_to_bin
    try:
        d = rpc(host, port, wait)
        d.bind(uuidtup_to_bin((ifc[0], '%d.%d' % ifc[1:])))
        d.disconnect()
        print('bind ok')
        return 0
    except Exception as e:
        print('bind failed: %s' % (str(e) or type(e).__name__))
        return 1


def main():
    args = sys.argv[1:]
    wait, epm_wait = 3.0, 20.0
    for a in list(args):
        if a.startswith('wait='):
            wait = float(a[5:])
            args.remove(a)
        elif a.startswith('epm='):
            epm_wait = float(a[4:])
            args.remove(a)
    if args[0] == 'serve':
        serve(args[1], [int(p) for p in args[2:]])
        return 0
    host, cmd = args[0], args[1]
    socket.setdefaulttimeout(epm_wait)
    if cmd == 'map':
        from impacket.uuid import uuidtup_to_bin
        ifc = iface(args[2])
        d = rpc(host, 135, epm_wait)
        d.bind(uuidtup_to_bin((EPM[0], '3.0')))
        d.call(3, map_stub(ifc, 4))
        r = d.recv()
        towers, status = map_towers(r)
        for t in towers:
            print('tower %s %d' % (t[1], t[2]) if t else 'tower (not ncacn_ip_tcp)')
        print('status 0x%x' % status)
        d.disconnect()
        if 'bind' not in args[3:]:
            return 0 if towers else 1
        usable = [t for t in towers if t and t[2] >= 1024]
        usable.sort(key=lambda t: t[1] not in (host, '0.0.0.0'))
        for t in usable[:1]:
            return bind_at(host if t[1] == '0.0.0.0' else t[1], t[2], ifc, wait)
        print('no tower to bind to')
        return 1
    if cmd == 'hept':
        from impacket.dcerpc.v5 import epm, transport
        from impacket.uuid import uuidtup_to_bin
        ifc = iface(args[2])
        b = epm.hept_map(host, uuidtup_to_bin((ifc[0], '%d.%d' % ifc[1:])),
                         protocol='ncacn_ip_tcp')
        print(b)
        try:
            t = transport.DCERPCTransportFactory(b)
            t.set_connect_timeout(wait)
            d = t.get_dce_rpc()
            d.connect()
            d.bind(uuidtup_to_bin((ifc[0], '%d.%d' % ifc[1:])))
            d.disconnect()
        except Exception as e:
            print('bind failed: %s' % (str(e) or type(e).__name__))
            return 1
        print('bind ok')
        return 0
    if cmd == 'bind':
        return bind_at(host, int(args[2]), iface(args[3]), wait)
    if cmd == 'slip':
        body = bind_pdu(1, EPM) + request_pdu(2, 3, map_stub(iface('srvsvc'), 4))
        c = socket.create_connection((host, 135), timeout=epm_wait)
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        c.sendall(b'POST /rpc HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n\r\n'
                  % (host.encode(), len(body)))
        time.sleep(0.2)
        c.sendall(body)
        got = b''
        while True:
            d = c.recv(65536)
            if not d:
                break
            got += d
        print('answer %d bytes, %s' % (len(got), 'with the crafted tower'
                                       if struct.pack('>H', int(args[2])) in got else 'no tower'))
        c.close()
        return bind_at(host, int(args[2]), EPM, wait)
    return 2


sys.exit(main())
PY
ip netns exec "$SRV" $PY "$dir/dce.py" serve $FAKE4 135 139 445 50093 50094 50095 \
	50096 50099 > "$dir/fake.log" 2>&1 &
defer kill $!
# samba-dcerpcd listens on 135 once its services have registered: one
# port each for lsad, classic and winreg
samba_up() {
	ip netns exec "$SRV" ss -Hltn "src $SRV4" |
		awk '{ sub(/.*:/, "", $4) } $4 == 135 { e = 1 } $4 >= 49152 { n++ }
			END { exit !(e && n >= 3) }'
}
for _ in $(seq "$(tscale 150)"); do
	samba_up && break
	sleep 0.2
done
samba_up || bail "samba-dcerpcd did not start: $(tail -n 20 "$dir/samba.log")"
listening "$SRV" t 50099 || bail "the fake did not start: $(cat "$dir/fake.log")"

# dce ARGS...: dce.py in the client namespace; FW: the timeout of a
# second connection that is to fail
FW=$(tscale 2)
dce() {
	ip netns exec "$CLI" $PY "$dir/dce.py" wait="$(tscale 10)" \
		epm="$(tscale 20)" "$@" 2>&1
}
rpcclient_() {
	ip netns exec "$CLI" timeout "$(tscale 60)" "$RPCCLIENT" \
		-s "$dir/client.conf" -U% -N -c srvinfo "ncacn_ip_tcp:$1" 2>&1
}
# impacket-rpcdump's script runs the python3 it finds first
rpcdump() {
	ip netns exec "$CLI" env PATH=/usr/bin:/bin \
		timeout "$(tscale 60)" impacket-rpcdump -port 135 "$1" 2>&1
}
# flush: the router's conversations and pinholes
flush() {
	ip netns exec "$RTR" conntrack -F > /dev/null 2>&1
	ip netns exec "$RTR" conntrack -F expect > /dev/null 2>&1
}
SRVINFO='platform_id[[:space:]]+:[[:space:]]+500'
# oneline COMMAND...: its output on one line
oneline() {
	"$@" | tr '\n' ' '
}
# towers FILE: the towers dce.py printed, on one line
towers() {
	awk '/^tower / { printf "%s%s:%s", s, $2, $3; s = " " }' "$1"
}

ip netns exec "$RTR" nft -f - <<NFT || bail "router ruleset"
table inet nat {
	chain post {
		type nat hook postrouting priority 100;
		oifname eth0s masquerade
	}
}
NFT
ok "rule: junos-dce-rpc-portmap only" -- $R -b - <<-EOF
	rule add dce match-direction input term t from application junos-dce-rpc-portmap then accept
	service-set add s interface eth0c rule dce
EOF

# --- masquerade: Samba
if full "rpcclient"; then
	p0=$(counter pinholes)	# COUNTER: the core's pinholes opened
	expect_output "rpcclient srvinfo: ept_map, then srvsvc at its port" \
		"$SRVINFO" -- rpcclient_ $SRV4
	ok "a pinhole opened" -- test "$(counter pinholes)" -gt "$p0"	# COUNTER:
fi
p0=$(counter pinholes)	# COUNTER:
dce $SRV4 map srvsvc bind > "$dir/srvsvc.out"
SRVSVC_PORT=$(awk '/^tower / { print $3; exit }' "$dir/srvsvc.out")
check "ept_map srvsvc: one tower, the server's address and a dynamic port" \
	"$SRV4:$SRVSVC_PORT" "$(towers "$dir/srvsvc.out")"
expect_output "the bind at that port (the second connection)" "^bind ok$" -- \
	cat "$dir/srvsvc.out"
check "one pinhole opened" $((p0 + 1)) "$(counter pinholes)"	# COUNTER:
expect_output "the endpoint mapper's conversation carries helper nfalg-dce-rpc" \
	"dport=135 .*helper=nfalg-dce-rpc" -- ip netns exec "$RTR" conntrack -L -p tcp
if full "show pinholes"; then
	dce $SRV4 map samr > "$dir/samr.out"
	SAMR_PORT=$(awk '/^tower / { print $3; exit }' "$dir/samr.out")
	expect_output "ept_map samr, no bind: its pinhole listed" \
		"^dce-rpc +tcp +$CLI4 -> $SRV4 port $SAMR_PORT, expires in [0-9]+ s" -- \
		$R show pinholes
fi
expect_output "impacket epm.hept_map lsarpc, then the bind" \
	"^ncacn_ip_tcp:$SRV4\[[0-9]+\] bind ok $" -- oneline dce $SRV4 hept lsarpc

# --- masquerade: the fake endpoint mapper
p0=$(counter pinholes)	# COUNTER:
t0=$(counter third_party)	# COUNTER: the core's third-party refusal
v0=$(counter privileged_port)	# COUNTER: the core's privileged-port refusal
dce $FAKE4 map ${F}01 bind > "$dir/mixed.out"
check "fake: towers naming a third host, ports 445 and 139, and 50095" \
	"203.0.113.9:50091 $FAKE4:445 $FAKE4:139 $FAKE4:50095" "$(towers "$dir/mixed.out")"
expect_output "fake: the bind at 50095" "^bind ok$" -- cat "$dir/mixed.out"
check "only its pinhole opened" $((p0 + 1)) "$(counter pinholes)"	# COUNTER:
check "the third host refused" $((t0 + 1)) "$(counter third_party)"	# COUNTER:
check "ports 445 and 139 refused" $((v0 + 2)) "$(counter privileged_port)"	# COUNTER:
expect_output "the refusal logged" \
	'nfalg-dce-rpc: pinhole refused \(privileged port\)' -- dmesg	# LOG:
if full "the bind at port 445"; then
	fails "fake: no bind at port 445" -- dce $FAKE4 bind 445 srvsvc wait=$FW
fi
p0=$(counter pinholes)	# COUNTER:
dce $FAKE4 map ${F}02 bind > "$dir/any.out"
check "fake: a tower naming 0.0.0.0" "0.0.0.0:50093" "$(towers "$dir/any.out")"
expect_output "taken as the server's address: the bind at $FAKE4 port 50093" \
	"^bind ok$" -- cat "$dir/any.out"
check "its pinhole opened" $((p0 + 1)) "$(counter pinholes)"	# COUNTER:
# an answer in three fragments, sent in three segments: joined by the
# core, reassembled by the ALG
p0=$(counter pinholes)	# COUNTER:
dce $FAKE4 map ${F}03 bind > "$dir/frag.out"
check "fake: an answer in three fragments" "$FAKE4:50094" "$(towers "$dir/frag.out")"
expect_output "reassembled: the bind at port 50094" "^bind ok$" -- cat "$dir/frag.out"
check "its pinhole opened" $((p0 + 1)) "$(counter pinholes)"	# COUNTER:
if full "ept_lookup (impacket-rpcdump)"; then
	p0=$(counter pinholes)	# COUNTER:
	t0=$(counter third_party)	# COUNTER:
	rpcdump $FAKE4 > "$dir/lookup.out"
	expect_output "impacket-rpcdump: the fake's entry" \
		"ncacn_ip_tcp:$FAKE4\[50096\]" -- cat "$dir/lookup.out"
	expect_output "impacket-rpcdump: the third host's entry" \
		"ncacn_ip_tcp:203\.0\.113\.9\[50097\]" -- cat "$dir/lookup.out"
	check "ept_lookup: one pinhole opened" $((p0 + 1)) "$(counter pinholes)"	# COUNTER:
	check "ept_lookup: the third host refused" $((t0 + 1)) "$(counter third_party)"	# COUNTER:
	ok "the bind at the entry's port 50096" -- dce $FAKE4 bind 50096 ${F}05
fi
# NAT Slipstreaming's way in: an HTTP POST to port 135 with a bind and an
# ept_map request in its body (a segment of its own), answered by HTTP,
# then a bind_ack and an ept_map answer naming port 50099
p0=$(counter pinholes)	# COUNTER:
n0=$(counter stream_not_protocol)	# COUNTER: the core's, a stream not of the protocol
dce $FAKE4 slip 50099 wait=$FW > "$dir/slip.out"
expect_output "HTTP POST to port 135: the crafted answer reached the client" \
	"^answer [0-9]+ bytes, with the crafted tower$" -- cat "$dir/slip.out"
expect_output "no bind at the port it names" "^bind failed" -- cat "$dir/slip.out"
check "no pinhole opened" "$p0" "$(counter pinholes)"	# COUNTER:
ok "counted as a stream that is not DCE RPC" -- \
	test "$(counter stream_not_protocol)" -gt "$n0"	# COUNTER:
expect_output "logged" "nfalg-dce-rpc: stream is not dce-rpc, no longer parsed" -- dmesg	# LOG:

# --- the application's uuid
ok "application epm-x (TCP 135, uuid of srvsvc) in the term" -- $R -b - <<-EOF
	application add epm-x protocol tcp destination-port 135 application-protocol dce-rpc uuid $SRVSVC
	rule replace dce match-direction input term t from application epm-x then accept
EOF
if full "the application listing"; then
	expect_output "listed with its uuid" \
		"epm-x protocol tcp destination-port 135 application-protocol dce-rpc uuid $SRVSVC" -- \
		$R show applications
	reject "uuid needs application-protocol dce-rpc" \
		"uuid needs application-protocol dce-rpc" \
		$R application add bad protocol tcp destination-port 135 uuid $SRVSVC
fi
flush
p0=$(counter pinholes)	# COUNTER:
u0=$(counter dcerpc_uuid)	# COUNTER: towers of an interface the application does not list
expect_output "srvsvc, the application's: ept_map and the bind" "^bind ok$" -- \
	dce $SRV4 map srvsvc bind
check "its pinhole opened" $((p0 + 1)) "$(counter pinholes)"	# COUNTER:
dce $SRV4 map lsarpc bind wait=$FW > "$dir/lsarpc.out"
expect_output "lsarpc, another interface: the answer arrives" \
	"^tower $SRV4 [0-9]+$" -- cat "$dir/lsarpc.out"
expect_output "but the bind at its port fails" "^bind failed" -- cat "$dir/lsarpc.out"
check "lsarpc: no pinhole opened" $((p0 + 1)) "$(counter pinholes)"	# COUNTER:
check "lsarpc: the tower refused and counted" $((u0 + 1)) "$(counter dcerpc_uuid)"	# COUNTER:
if full "rpcclient with the application"; then
	expect_output "rpcclient srvinfo (srvsvc) still works" "$SRVINFO" -- \
		rpcclient_ $SRV4
fi
ok "term back to junos-dce-rpc-portmap, epm-x deleted" -- $R -b - <<-EOF
	rule replace dce match-direction input term t from application junos-dce-rpc-portmap then accept
	application del epm-x
EOF
flush

# --- port forwarding: the endpoint mapper published on the router's
# client-side address by DNAT, no masquerade
ok "router: DNAT of port 135 to the server, no masquerade" -- ip netns exec "$RTR" nft -f - <<NFT
delete table inet nat
table inet d {
	chain pre {
		type nat hook prerouting priority -100;
		iifname eth0c ip daddr $RTR4C tcp dport 135 dnat ip to $SRV4
	}
}
NFT
flush
rw0=$(counter rewrites)	# COUNTER: the core's payload rewrites
dce $RTR4C map srvsvc bind > "$dir/dnat.out"
check "DNAT: the tower names the router's address (rewritten), srvsvc's port" \
	"$RTR4C:$SRVSVC_PORT" "$(towers "$dir/dnat.out")"
expect_output "DNAT: the bind at the router's address" "^bind ok$" -- \
	cat "$dir/dnat.out"
ok "the rewrite counted" -- test "$(counter rewrites)" -gt "$rw0"	# COUNTER:
if full "rpcclient through DNAT"; then
	expect_output "DNAT: rpcclient srvinfo" "$SRVINFO" -- rpcclient_ $RTR4C
fi

if full "the run without the ALG module"; then
	ok "rmmod nfalg_dcerpc" -- rmmod nfalg_dcerpc
	flush
	nl0=$(counter alg_not_loaded)
	dce $RTR4C map srvsvc bind wait=$FW > "$dir/noalg.out"
	check "no ALG: the answer arrives, unrewritten" "$SRV4:$SRVSVC_PORT" \
		"$(towers "$dir/noalg.out")"
	expect_output "no ALG: the bind fails" "^bind failed" -- cat "$dir/noalg.out"
	ok "no ALG: the endpoint mapper's conversation admitted without its ALG" -- \
		test "$(counter alg_not_loaded)" -gt "$nl0"
fi
finish
