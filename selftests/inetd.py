#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""inetd's "nowait" service for the selftests: accept TCP connections on
PORT (IPv4 or IPv6 only) and run SERVER for each, the connection as its
standard input, output and error, as inetd does for in.rshd, in.rexecd
and in.rlogind.

    inetd.py 4|6 PORT SERVER [ARG...]
"""
import os
import signal
import socket
import sys

fam = socket.AF_INET6 if sys.argv[1] == '6' else socket.AF_INET
port = int(sys.argv[2])
argv = sys.argv[3:]
signal.signal(signal.SIGCHLD, signal.SIG_IGN)
s = socket.socket(fam, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
if fam == socket.AF_INET6:
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
s.bind(('::' if fam == socket.AF_INET6 else '0.0.0.0', port))
s.listen(16)
while True:
    c, _ = s.accept()
    if os.fork() == 0:
        s.close()
        for fd in (0, 1, 2):
            os.dup2(c.fileno(), fd)
        c.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.execv(argv[0], argv)
    c.close()
