#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Scripted FTP peers of core_stream.sh (the real server is pyftpdlib).

stream_peers.py server PORT LOG
    a minimal FTP control server on [::]:PORT (dual stack) for one client:
    every PORT/EPRT line makes it connect to the announced address and
    reply "200"; NOOP gets "200 NOOP ok", QUIT ends.  Each line received is
    appended to LOG, so the test can see whether the stream stayed in sync.

stream_peers.py pipeline HOST PORT LOCALADDR
    connect, send two PORT (IPv4) or EPRT (IPv6) lines in ONE write, each
    with a listener of its own; both data connections must arrive; then
    NOOP must be answered.

stream_peers.py synjump HOST PORT LOCALADDR
    connect, then inject a SYN of the connection (raw socket, the
    socket's own next sequence number moved forward) that would place a
    line start in the middle of the next line, "NOOP xxxxxxxxxxx" followed
    by a PORT/EPRT line in a second segment; the whole line must reach the
    server as one NOOP, which must be answered.

stream_peers.py split|long|reorder HOST LOCALADDR OUTFILE
    pyftpdlib client (anonymous): split sends its PORT/EPRT in eight
    segments, the keyword one byte per segment; long first sends a 4 KiB line starting with "PORT " in three
    segments; reorder first sends 30 NOOPs one segment each.  Then RETR file
    in active mode into OUTFILE.
"""
import os
import socket
import struct
import sys
import time

SCALE = int(os.environ.get('NFALG_TIME_SCALE', '1'))
T = 10 * SCALE


def port_line(addr, port):
    if ':' in addr:
        return 'EPRT |2|%s|%d|\r\n' % (addr, port)
    return 'PORT %s,%d,%d\r\n' % (addr.replace('.', ','), port >> 8, port & 255)


def listener(addr):
    fam = socket.AF_INET6 if ':' in addr else socket.AF_INET
    ls = socket.socket(fam, socket.SOCK_STREAM)
    ls.bind((addr, 0))
    ls.listen(2)
    ls.settimeout(T)
    return ls, ls.getsockname()[1]


def connect(host, port):
    s = socket.create_connection((host, port), timeout=T)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s, s.makefile('rb')


def reply(f):
    line = f.readline()
    if not line:
        raise SystemExit('control connection closed')
    return line.decode(errors='replace').strip()


def expect(f, code):
    r = reply(f)
    if not r.startswith(code):
        raise SystemExit('expected %s, got %r' % (code, r))
    return r


def server(port, log):
    ls = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    ls.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(('::', port))
    ls.listen(1)
    open(log + '.ready', 'w').close()
    c, _ = ls.accept()
    f = c.makefile('rb')
    c.sendall(b'220 stream test\r\n')
    data = []
    while True:
        line = f.readline()
        if not line:
            break
        with open(log, 'a') as lf:
            lf.write(repr(line) + '\n')
        text = line.decode(errors='replace').strip()
        word = text.split(' ')[0].upper()
        if word in ('PORT', 'EPRT'):
            if word == 'PORT':
                n = text[5:].split(',')
                addr, p = '.'.join(n[:4]), int(n[4]) * 256 + int(n[5])
            else:
                d = text[5]
                _, _, addr, p, _ = text[5:].split(d)
                p = int(p)
            try:
                data.append(socket.create_connection((addr, p), timeout=T))
                c.sendall(b'200 connected to %s port %d\r\n' %
                          (addr.encode(), p))
            except OSError as e:
                c.sendall(b'425 %s\r\n' % str(e).encode())
        elif word == 'NOOP':
            c.sendall(b'200 NOOP ok\r\n')
        elif word == 'QUIT':
            c.sendall(b'221 bye\r\n')
            break
        else:
            c.sendall(b'500 what\r\n')


def pipeline(host, port, local):
    l1, p1 = listener(local)
    l2, p2 = listener(local)
    s, f = connect(host, port)
    expect(f, '220')
    s.sendall((port_line(local, p1) + port_line(local, p2)).encode())
    for ls in (l1, l2):
        d, peer = ls.accept()
        d.close()
    expect(f, '200')
    expect(f, '200')
    s.sendall(b'NOOP\r\n')
    expect(f, '200 NOOP ok')
    s.sendall(b'QUIT\r\n')
    expect(f, '221')
    print('ok')


def send_seq(s):
    """The sequence number of the next byte s sends (TCP_REPAIR: root)."""
    TCP_REPAIR, TCP_REPAIR_QUEUE, TCP_QUEUE_SEQ, TCP_SEND_QUEUE = 19, 20, 21, 2
    s.setsockopt(socket.IPPROTO_TCP, TCP_REPAIR, 1)
    s.setsockopt(socket.IPPROTO_TCP, TCP_REPAIR_QUEUE, TCP_SEND_QUEUE)
    seq = s.getsockopt(socket.IPPROTO_TCP, TCP_QUEUE_SEQ) & 0xffffffff
    s.setsockopt(socket.IPPROTO_TCP, TCP_REPAIR, 0)
    return seq


def csum(data):
    if len(data) % 2:
        data += b'\0'
    t = sum(struct.unpack('!%dH' % (len(data) // 2), data))
    while t >> 16:
        t = (t & 0xffff) + (t >> 16)
    return ~t & 0xffff


def inject_syn(s, seq):
    """A SYN with s's addresses and ports and sequence number seq."""
    src, sport = s.getsockname()[:2]
    dst, dport = s.getpeername()[:2]
    fam = socket.AF_INET6 if ':' in src else socket.AF_INET
    tcp = struct.pack('!HHIIBBHHH', sport, dport, seq, 0, 5 << 4, 0x02,
                      1024, 0, 0)
    r = socket.socket(fam, socket.SOCK_RAW, socket.IPPROTO_TCP)
    if fam == socket.AF_INET:
        pseudo = (socket.inet_pton(fam, src) + socket.inet_pton(fam, dst) +
                  struct.pack('!BBH', 0, socket.IPPROTO_TCP, len(tcp)))
        tcp = tcp[:16] + struct.pack('!H', csum(pseudo + tcp)) + tcp[18:]
    else:
        # the kernel fills in the checksum at offset 16
        r.setsockopt(socket.IPPROTO_IPV6, 7, 16)  # IPV6_CHECKSUM
    r.sendto(tcp, (dst, 0))
    r.close()


def synjump(host, port, local):
    s, f = connect(host, port)
    expect(f, '220')
    ls, p = listener(local)
    head = b'NOOP xxxxxxxxxxx'
    # the engine of old reset its position to a SYN's sequence number + 1:
    # here, the first byte of the second segment, the PORT/EPRT
    inject_syn(s, (send_seq(s) + len(head) - 1) & 0xffffffff)
    time.sleep(0.5)
    s.sendall(head)
    time.sleep(0.3)
    s.sendall(port_line(local, p).encode())
    expect(f, '200 NOOP ok')
    s.sendall(b'QUIT\r\n')
    expect(f, '221')
    print('ok')


def ftp_client(host, local, out, mode):
    s, f = connect(host, 21)
    expect(f, '220')
    s.sendall(b'USER anonymous\r\n')
    expect(f, '331')
    s.sendall(b'PASS x\r\n')
    expect(f, '230')
    s.sendall(b'TYPE I\r\n')
    expect(f, '200')
    if mode == 'long':
        # a 4 KiB line in three segments: more than a line may be held
        s.sendall(b'PORT ')
        time.sleep(0.3)
        s.sendall(b'x' * 2000)
        time.sleep(0.3)
        s.sendall(b'x' * 2091 + b'\r\n')
        expect(f, '5')
        # (pyftpdlib may answer the overlong line in pieces)
        s.sendall(b'NOOP\r\n')
        while not reply(f).startswith('200'):
            pass
    elif mode == 'reorder':
        for _ in range(30):
            s.sendall(b'NOOP\r\n')
            time.sleep(0.002)
        for _ in range(30):
            expect(f, '200')
    ls, p = listener(local)
    line = port_line(local, p).encode()
    if mode == 'split':
        # one byte per segment for the keyword, then the address in four
        # pieces: eight segments, within the sender's initial congestion
        # window (ten segments), so it need not wait for an ACK
        cuts = [1, 2, 3, 4, 5, 5 + (len(line) - 5) // 4,
                5 + (len(line) - 5) // 2, 5 + 3 * (len(line) - 5) // 4]
        prev = 0
        for c in cuts + [len(line)]:
            s.sendall(line[prev:c])
            prev = c
            time.sleep(0.01)
    else:
        s.sendall(line)
    expect(f, '200')
    s.sendall(b'RETR file\r\n')
    d, _ = ls.accept()
    d.settimeout(T)
    with open(out, 'wb') as o:
        while True:
            b = d.recv(65536)
            if not b:
                break
            o.write(b)
    d.close()
    expect(f, '1')
    expect(f, '226')
    s.sendall(b'QUIT\r\n')
    expect(f, '221')
    print('ok')


def main():
    cmd = sys.argv[1]
    if cmd == 'server':
        server(int(sys.argv[2]), sys.argv[3])
    elif cmd == 'pipeline':
        pipeline(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif cmd == 'synjump':
        synjump(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        ftp_client(sys.argv[2], sys.argv[3], sys.argv[4], cmd)


main()
