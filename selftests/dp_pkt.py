#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Packet helper of the datapath selftests (scapy).

usage: dp_pkt.py send EXPR...
  Build each EXPR (a scapy expression, e.g. 'IP(dst="198.51.100.2",
  id=101)/TCP(sport=0, dport=80)') and send it at layer 3 from this
  network namespace, in order, with a short pause between packets.
usage: dp_pkt.py send6 IFACE DSTMAC EXPR...
  The same at layer 2 out of IFACE to DSTMAC (IPv6, no neighbour
  discovery by scapy).
usage: dp_pkt.py wrap DST DPORT
  Open a TCP connection to DST:DPORT by hand (IPv4), with the initial
  sequence number chosen so that the second data segment ("world", PSH+ACK)
  starts at sequence number 0, as after a wrap-around; send "hello",
  "world" and a FIN.  The caller keeps its own kernel from resetting the
  connection (it knows no socket for it).
"""
import sys
import time

from scapy.all import (sr1, ICMP, IP, TCP, UDP, Ether, IPv6, ICMPv6EchoRequest,
                       ICMPv6EchoReply, ICMPv6DestUnreach, Raw, UDPerror,
                       IPerror, conf, send, sendp)

conf.verb = 0
NS = {n: globals()[n] for n in (
    "ICMP", "IP", "TCP", "UDP", "Ether", "IPv6", "ICMPv6EchoRequest",
    "ICMPv6EchoReply", "ICMPv6DestUnreach", "Raw", "UDPerror", "IPerror")}


def wrap(dst, dport):
    """hello at 2^32 - 5, world at 0, FIN at 5"""
    isn = (1 << 32) - 6
    ip = IP(dst=dst)
    sport = 40123
    synack = None
    for _ in range(5):
        synack = sr1(ip / TCP(sport=sport, dport=dport, flags="S", seq=isn),
                     timeout=2)
        if synack is not None and synack.haslayer(TCP) and \
                synack[TCP].flags & 0x12 == 0x12:
            break
        synack = None
    if synack is None:
        print("no SYN+ACK", file=sys.stderr)
        return 1
    ack = synack[TCP].seq + 1
    seq = isn + 1
    send(ip / TCP(sport=sport, dport=dport, flags="A", seq=seq, ack=ack))
    for data in (b"hello", b"world"):
        send(ip / TCP(sport=sport, dport=dport, flags="PA", seq=seq, ack=ack)
             / Raw(data))
        seq = (seq + len(data)) & 0xffffffff
        time.sleep(0.3)
    send(ip / TCP(sport=sport, dport=dport, flags="FA", seq=seq, ack=ack))
    return 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "send":
        for expr in argv[2:]:
            send(eval(expr, NS))  # pylint: disable=eval-used
            time.sleep(0.05)
        return 0
    if len(argv) >= 4 and argv[1] == "send6":
        for expr in argv[4:]:
            sendp(Ether(dst=argv[3]) / eval(expr, NS), iface=argv[2])
            time.sleep(0.05)
        return 0
    if len(argv) == 4 and argv[1] == "wrap":
        return wrap(argv[2], int(argv[3]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
