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
"""
import sys
import time

from scapy.all import (ICMP, IP, TCP, UDP, Ether, IPv6, ICMPv6EchoRequest,
                       ICMPv6EchoReply, ICMPv6DestUnreach, Raw, UDPerror,
                       IPerror, conf, send, sendp)

conf.verb = 0
NS = {n: globals()[n] for n in (
    "ICMP", "IP", "TCP", "UDP", "Ether", "IPv6", "ICMPv6EchoRequest",
    "ICMPv6EchoReply", "ICMPv6DestUnreach", "Raw", "UDPerror", "IPerror")}


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
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
