#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A BSD rexec(3) client for the selftests (Debian ships rexecd but no
client): runs COMMAND on HOST as USER with PASSWORD, the server's
standard error coming back over a secondary connection to ERRPORT (0:
none, the server then sends standard error on the control connection).
Prints "status N", then "out: ..." and "err: ..." lines.

    rexec.py HOST ERRPORT USER PASSWORD COMMAND
"""
import os
import socket
import sys

host, errport, user, password, command = sys.argv[1:6]
# slow kernels (selftests/lib.sh tscale) stretch every wait
timeout = 60 * int(os.environ.get('NFALG_TIME_SCALE', '1'))
errport = int(errport)
fam = socket.AF_INET6 if ':' in host else socket.AF_INET
ls = None
if errport:
    ls = socket.socket(fam, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(('', errport))
    ls.listen(1)
    ls.settimeout(timeout)
c = socket.create_connection((host, 512), timeout=timeout)
c.sendall(b'%d\0' % errport)
err = None
if ls:
    err, _ = ls.accept()
    err.settimeout(timeout)
c.sendall(user.encode() + b'\0' + password.encode() + b'\0' +
          command.encode() + b'\0')


def drain(s):
    data = b''
    while True:
        d = s.recv(4096)
        if not d:
            return data
        data += d


status = c.recv(1)
out = drain(c)
print('status', status[0] if status else 'none')
for line in out.decode(errors='replace').splitlines():
    print('out:', line)
if err:
    for line in drain(err).decode(errors='replace').splitlines():
        print('err:', line)
