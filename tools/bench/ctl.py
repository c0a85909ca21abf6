#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""FTP control-channel load for `make bench` (tools/bench/ftp.sh).

  ctl.py serve ADDR PORT        answer FTP control commands, never open a
                                data connection (one client at a time)
  ctl.py sessions HOST PORT N   N short sessions: greeting, EPSV, PORT, QUIT
  ctl.py commands HOST PORT N   one session, N lock-step NOOP exchanges

The clients print the elapsed wall-clock seconds of the whole loop and fail
on any unexpected reply.  Both ends stay deliberately simple and identical
for every variant: what differs between runs is only the router's helper.
"""

import socket
import sys
import time


def serve(addr, port):
    lsock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((addr, port))
    lsock.listen(16)
    k = 0
    while True:
        conn, _ = lsock.accept()
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        rfile = conn.makefile('rb')
        try:
            conn.sendall(b'220 nfalg bench\r\n')
            for line in rfile:
                cmd = line.strip().split(b' ', 1)[0].upper()
                if cmd == b'EPSV':
                    k += 1
                    data = 40000 + k % 20000
                    conn.sendall(b'229 Entering Extended Passive Mode '
                                 b'(|||%d|)\r\n' % data)
                elif cmd in (b'PORT', b'EPRT'):
                    conn.sendall(b'200 PORT command successful\r\n')
                elif cmd == b'NOOP':
                    conn.sendall(b'200 NOOP ok\r\n')
                elif cmd == b'QUIT':
                    conn.sendall(b'221 bye\r\n')
                    break
                else:
                    conn.sendall(b'500 unknown command\r\n')
        except OSError:
            pass
        rfile.close()
        conn.close()


def expect(rfile, code):
    line = rfile.readline()
    if not line.startswith(code):
        raise SystemExit('unexpected reply %r (wanted %s)' % (line, code))


def connect(host, port):
    sock = socket.create_connection((host, port), timeout=10)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    rfile = sock.makefile('rb')
    expect(rfile, b'220')
    return sock, rfile


def sessions(host, port, n):
    t0 = time.perf_counter()
    for i in range(n):
        sock, rfile = connect(host, port)
        sock.sendall(b'EPSV\r\n')
        expect(rfile, b'229')
        own = sock.getsockname()[0].replace('.', ',').encode()
        data = 50000 + i % 10000
        sock.sendall(b'PORT %s,%d,%d\r\n' % (own, data >> 8, data & 255))
        expect(rfile, b'200')
        sock.sendall(b'QUIT\r\n')
        expect(rfile, b'221')
        rfile.close()
        sock.close()
    return time.perf_counter() - t0


def commands(host, port, n):
    sock, rfile = connect(host, port)
    t0 = time.perf_counter()
    for _ in range(n):
        sock.sendall(b'NOOP\r\n')
        expect(rfile, b'200')
    elapsed = time.perf_counter() - t0
    sock.sendall(b'QUIT\r\n')
    expect(rfile, b'221')
    sock.close()
    return elapsed


def main():
    if len(sys.argv) == 4 and sys.argv[1] == 'serve':
        serve(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 5 and sys.argv[1] in ('sessions', 'commands'):
        run = sessions if sys.argv[1] == 'sessions' else commands
        print('%.6f' % run(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
    else:
        raise SystemExit(__doc__)


if __name__ == '__main__':
    main()
