#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Scripted SIP-over-TCP clients of alg_sip_tcp.sh (the peer is a recording
listener, socat, in the server namespace; the real calls are SIPp's).

Each client connects from LOCALADDR:LOCALPORT (bound, so that the Via and
Contact it writes name its real source and the router translates them) to
HOST:PORT with TCP_NODELAY (each write its own segment), sends its bytes as
described below, writes a copy of them to SENT, half-closes (after
SIP_PEER_LINGER seconds, default 0) and waits for the peer to close.

sip_tcp_peer.py split HOST PORT LOCALADDR LOCALPORT SENT AT PAUSE [next]
    one INVITE with an SDP offer (audio on port 6100 of LOCALADDR) in two
    writes PAUSE seconds apart: AT=body splits it after the headers' blank
    line (the body in the second write), AT=cline in the middle of the
    c= line's address; with "next" the second write ends with another
    INVITE (audio on port 6102).

sip_tcp_peer.py big HOST PORT LOCALADDR LOCALPORT SENT SIZE [CUT]
    an INVITE of SIZE bytes (its offer padded with a= lines) in one write,
    or with CUT in two, the first of CUT bytes, 0.05 s apart; then 0.3 s
    later another INVITE (audio on port 6102).

sip_tcp_peer.py pipeline HOST PORT LOCALADDR LOCALPORT SENT
    an OPTIONS and the same INVITE in one write.

sip_tcp_peer.py malformed HOST PORT LOCALADDR LOCALPORT SENT
    an INVITE whose CSeq names another method (malformed: the ALG lets it
    pass as it is) and a good INVITE (audio on port 6102) in one write.

sip_tcp_peer.py slip HOST PORT LOCALADDR LOCALPORT SENT
    NAT Slipstreaming: an HTTP POST whose body, sent in pieces a moment
    apart, puts a REGISTER (Contact LOCALADDR:1234) and an INVITE with an
    SDP offer (audio at LOCALADDR port 5555, and at 192.0.2.3 port 3306) at
    the start of segments of their own.

sip_tcp_peer.py summary FILE
    what a peer received: the SIP messages of the byte stream FILE, one line
    each, delimited by their Content-Length:
      <start line> | clen N | <Via sent-by> | <c= lines> | <m= lines> | end ok|cut
    ("end ok": the body ends with the offer's last line, "cut": it does
    not, so the Content-Length is wrong), then "rest N" (bytes after the
    last message; a Content-Length too short or too long shows there or as
    "short N" when the stream ends inside a body).
"""
import os
import socket
import sys
import time

SCALE = int(os.environ.get('NFALG_TIME_SCALE', '1'))
T = 20 * SCALE
LAST_LINE = b'a=rtpmap:0 PCMU/8000\r\n'


def ipv(addr):
    return '6' if ':' in addr else '4'


def host(addr):
    return '[%s]' % addr if ':' in addr else addr


def sdp(addr, port):
    return ('v=0\r\n'
            'o=tester 1 1 IN IP%s %s\r\n'
            's=-\r\n'
            'c=IN IP%s %s\r\n'
            't=0 0\r\n'
            'm=audio %d RTP/AVP 0\r\n'
            % (ipv(addr), addr, ipv(addr), addr, port)).encode() + LAST_LINE


def request(method, dst, laddr, lport, tag, body=b'', ctype=None):
    h = ('%s sip:callee@%s SIP/2.0\r\n'
         'Via: SIP/2.0/TCP %s:%d;branch=z9hG4bK-%s\r\n'
         'From: <sip:tester@%s:%d>;tag=%s\r\n'
         'To: <sip:callee@%s>\r\n'
         'Call-ID: %s@%s\r\n'
         'CSeq: 1 %s\r\n'
         'Contact: <sip:tester@%s:%d;transport=tcp>\r\n'
         'Max-Forwards: 70\r\n'
         % (method, host(dst), host(laddr), lport, tag, host(laddr), lport,
            tag, host(dst), tag, host(laddr), method, host(laddr), lport))
    if ctype:
        h += 'Content-Type: %s\r\n' % ctype
    h += 'Content-Length: %d\r\n\r\n' % len(body)
    return h.encode() + body


def invite(dst, laddr, lport, tag='t1', mport=6100):
    return request('INVITE', dst, laddr, lport, tag, sdp(laddr, mport),
                   'application/sdp')


def connect(dst, port, laddr, lport):
    fam = socket.AF_INET6 if ':' in dst else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.bind((laddr, lport))
    s.settimeout(T)
    s.connect((dst, port))
    return s


def send(args, pieces, pause):
    dst, port, laddr, lport, sent = args[0], int(args[1]), args[2], \
        int(args[3]), args[4]
    with open(sent, 'wb') as f:
        f.write(b''.join(pieces))
    s = connect(dst, port, laddr, lport)
    for i, p in enumerate(pieces):
        if i:
            time.sleep(pause[i - 1] if isinstance(pause, list) else pause)
        s.sendall(p)
    # a while before the half-close (SIP_PEER_LINGER seconds): the last
    # segment sent is data, which a tail loss probe resends
    time.sleep(float(os.environ.get('SIP_PEER_LINGER', '0')))
    s.shutdown(socket.SHUT_WR)
    while s.recv(4096):
        pass
    s.close()


def split(args):
    msg = invite(args[0], args[2], int(args[3]))
    at, pause = args[5], float(args[6])
    if at == 'body':
        cut = msg.index(b'\r\n\r\n') + 4
    else:
        c = msg.index(b'\r\nc=IN IP')
        cut = c + len(b'\r\nc=IN IP4 ') + 3
    more = b''
    if len(args) > 7 and args[7] == 'next':
        more = invite(args[0], args[2], int(args[3]), 't2', 6102)
    send(args, [msg[:cut], msg[cut:] + more], pause)


def big(args):
    dst, laddr, lport, size = args[0], args[2], int(args[3]), int(args[5])
    msg = invite(dst, laddr, lport, 'b1')
    pad = size - len(msg)
    body = sdp(laddr, 6100)[:-len(LAST_LINE)]
    while pad > 0:
        n = max(min(pad, 72) - len('a=pad:\r\n'), 1)
        body += b'a=pad:' + b'x' * n + b'\r\n'
        pad -= n + len('a=pad:\r\n')
    msg = request('INVITE', dst, laddr, lport, 'b1', body + LAST_LINE,
                  'application/sdp')
    nxt = invite(dst, laddr, lport, 'b2', 6102)
    cut = int(args[6]) if len(args) > 6 else 0
    if cut:
        send(args, [msg[:cut], msg[cut:], nxt], [0.05, 0.3 * SCALE])
    else:
        send(args, [msg, nxt], 0.3 * SCALE)


def pipeline(args):
    opt = request('OPTIONS', args[0], args[2], int(args[3]), 'o1')
    send(args, [opt + invite(args[0], args[2], int(args[3]), 'p1')], 0)


def malformed(args):
    bad = invite(args[0], args[2], int(args[3]), 'm1')
    bad = bad.replace(b'CSeq: 1 INVITE', b'CSeq: 1 BYE')
    send(args, [bad + invite(args[0], args[2], int(args[3]), 'm2', 6102)], 0)


def slip(args):
    dst, laddr, lport = args[0], args[2], int(args[3])
    reg = ('REGISTER sip:x SIP/2.0\r\n'
           'Via: SIP/2.0/TCP %s:%d;branch=z9hG4bK-slip1\r\n'
           'From: <sip:x@x>;tag=slip1\r\n'
           'To: <sip:x@x>\r\n'
           'Call-ID: slip1@x\r\n'
           'CSeq: 1 REGISTER\r\n'
           'Contact: <sip:x@%s:1234;transport=tcp>\r\n'
           'Expires: 3600\r\n'
           'Content-Length: 0\r\n\r\n'
           % (host(laddr), lport, host(laddr))).encode()
    other = '192.0.2.3' if ipv(laddr) == '4' else '2001:db8:1::3'
    body = sdp(laddr, 5555) + ('m=audio 3306 RTP/AVP 0\r\n'
                               'c=IN IP%s %s\r\n'
                               % (ipv(other), other)).encode()
    inv = request('INVITE', dst, laddr, lport, 'slip2', body,
                  'application/sdp')
    head = b'xxxxxxxx\r\n'
    tail = b'\r\nyyyyyyyy\r\n'
    clen = len(head) + len(reg) + len(inv) + len(tail)
    post = ('POST /upload HTTP/1.1\r\n'
            'Host: %s:%s\r\n'
            'Content-Type: application/octet-stream\r\n'
            'Content-Length: %d\r\n\r\n' % (host(dst), args[1], clen)).encode()
    # each piece a segment of its own: the REGISTER's and the INVITE's
    # segments begin with them (what the attack's padding arranges)
    send(args, [post + head, reg, inv, tail], 0.2 * SCALE)


def field(hdr, name):
    for line in hdr.split(b'\r\n'):
        if line.lower().startswith(name.lower() + b':'):
            return line.split(b':', 1)[1].strip()
    return None


def summary(path):
    data = open(path, 'rb').read()
    pos = 0
    while pos < len(data):
        end = data.find(b'\r\n\r\n', pos)
        if end < 0:
            break
        hdr = data[pos:end]
        start = hdr.split(b'\r\n', 1)[0]
        if not (start.endswith(b'SIP/2.0') or start.startswith(b'SIP/2.0')):
            break
        clen = int(field(hdr, b'Content-Length') or b'0')
        body = data[end + 4:end + 4 + clen]
        via = (field(hdr, b'Via') or b'').split(b';')[0]
        cs = [l for l in body.split(b'\r\n') if l.startswith(b'c=')]
        ms = [l for l in body.split(b'\r\n') if l.startswith(b'm=')]
        if len(body) < clen:
            print('%s | clen %d | short %d' % (start.decode(), clen,
                                                clen - len(body)))
            return
        okend = clen == 0 or body.endswith(LAST_LINE)
        print('%s | clen %d | %s | %s | %s | end %s' %
              (start.decode(), clen, via.decode(), b' '.join(cs).decode(),
               b' '.join(ms).decode(), 'ok' if okend else 'cut'))
        pos = end + 4 + clen
    print('rest %d' % (len(data) - pos))


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == 'summary':
        summary(args[0])
    elif mode == 'split':
        split(args)
    elif mode == 'big':
        big(args)
    elif mode == 'pipeline':
        pipeline(args)
    elif mode == 'malformed':
        malformed(args)
    elif mode == 'slip':
        slip(args)
    else:
        raise SystemExit('unknown mode ' + mode)


if __name__ == '__main__':
    main()
