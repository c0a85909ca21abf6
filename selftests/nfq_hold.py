#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A stand-in for an IPS reading packets from NFQUEUE (Suricata in NFQ
mode): it takes the packets of one queue and accepts each, but holds the
first HOLD_COUNT of them (or every one, with HOLD_COUNT 0) for HOLD
seconds before its verdict.  Raw nfnetlink, no library.

usage: nfq_hold.py QUEUE HOLD HOLD_COUNT
Prints "bound" once the queue is bound, then a line per held packet when
it is released ("released N after S s").
"""
import heapq
import select
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET, NFQNL_MSG_VERDICT, NFQNL_MSG_CONFIG = 0, 1, 2
NFQA_CFG_CMD, NFQA_CFG_PARAMS = 1, 2
NFQNL_CFG_CMD_BIND = 1
NFQNL_COPY_META = 1
NFQA_PACKET_HDR, NFQA_VERDICT_HDR = 1, 2
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
NF_ACCEPT = 1


def attr(kind, data):
    pad = (4 - len(data) % 4) % 4
    return struct.pack("=HH", 4 + len(data), kind) + data + b"\0" * pad


def message(msg, queue, attrs, flags=NLM_F_REQUEST):
    body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue))
    body += b"".join(attrs)
    hdr = struct.pack("=IHHII", 16 + len(body),
                      (NFNL_SUBSYS_QUEUE << 8) | msg, flags, 0, 0)
    return hdr + body


def attrs_of(buf):
    out = {}
    while len(buf) >= 4:
        alen, kind = struct.unpack_from("=HH", buf)
        if alen < 4:
            break
        out[kind & 0x7fff] = buf[4:alen]
        buf = buf[(alen + 3) & ~3:]
    return out


def main():
    queue, hold, count = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    s.bind((0, 0))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    for a in (attr(NFQA_CFG_CMD, struct.pack("!BBH", NFQNL_CFG_CMD_BIND, 0, 0)),
              attr(NFQA_CFG_PARAMS, struct.pack("!IB", 0, NFQNL_COPY_META))):
        s.send(message(NFQNL_MSG_CONFIG, queue, [a], NLM_F_REQUEST | NLM_F_ACK))
        reply = s.recv(65536)
        err = struct.unpack_from("=i", reply, 16)[0]
        if struct.unpack_from("=H", reply, 4)[0] == NLMSG_ERROR and err:
            sys.exit("nfq_hold: queue %d config failed: %d" % (queue, err))
    print("bound", flush=True)

    def verdict(pid):
        s.send(message(NFQNL_MSG_VERDICT, queue,
                       [attr(NFQA_VERDICT_HDR,
                             struct.pack("!II", NF_ACCEPT, pid))]))

    pending = []  # (release time, packet id, arrival)
    seen = 0
    while True:
        wait = max(0.0, pending[0][0] - time.monotonic()) if pending else None
        ready, _, _ = select.select([s], [], [], wait)
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            _, pid, came = heapq.heappop(pending)
            verdict(pid)
            print("released %d after %.1f s" % (pid, now - came), flush=True)
        if not ready:
            continue
        buf = s.recv(65536)
        while len(buf) >= 16:
            mlen, mtype = struct.unpack_from("=IH", buf)
            if mlen < 16:
                break
            if mtype == (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
                hdr = attrs_of(buf[20:mlen]).get(NFQA_PACKET_HDR)
                if hdr:
                    pid = struct.unpack_from("!I", hdr)[0]
                    seen += 1
                    if count == 0 or seen <= count:
                        heapq.heappush(pending, (now + hold, pid, now))
                    else:
                        verdict(pid)
            buf = buf[(mlen + 3) & ~3:]


if __name__ == "__main__":
    main()
