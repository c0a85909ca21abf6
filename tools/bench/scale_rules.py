#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Rule sets of the classifier benchmark of `make bench-scale`.

usage: scale_rules.py SHAPE N PORT IFACE

Prints an nfalg configuration file (`nfalg -f`): one service-set "bench"
bound to IFACE with N rules, match-direction input, whose LAST rule alone
matches the benchmark's connections (TCP from 192.0.2.2 to 198.51.100.2
port PORT, tools/bench/scale.sh); rules 1 to N-1 have the same shape but
match none of that traffic (other ports, protocols or prefixes, prefixes
cut out by `except`).  SHAPE:

  apps      terms naming user applications (TCP and UDP on many ports,
            small and wide port ranges, source ports, ICMP types, ALGs)
            and application sets of them; the last rule names the
            application "bench-conn" (tcp destination-port PORT)
  prefixes  terms with only source/destination prefixes, IPv4 and IPv6,
            some with `except`; the last rule: source 192.0.2.0/24,
            destination 198.51.100.0/24 except 198.51.100.128/25
  mix       a mix of the two: prefixes only, applications only, both,
            user and junos-* application sets, junos-* applications; the
            last rule: source 192.0.2.0/24 and application bench-conn

The output is the same for the same arguments.  Rule RNNNNN is the N-th
rule of the service set; the matching term of the last rule is "hit".
"""

import sys

# junos-* applications that never match TCP to PORT (junos-ip, the IP ALG,
# would: it matches anything when nothing else does)
JUNOS_APPS = ('junos-http', 'junos-https', 'junos-ftp', 'junos-dns-udp',
              'junos-dns-tcp', 'junos-sip', 'junos-tftp', 'junos-rtsp',
              'junos-h323', 'junos-pptp', 'junos-sqlnet', 'junos-rsh',
              'junos-ike', 'junos-snmp-get', 'junos-icmp-ping',
              'junos-netbios-session', 'junos-bootp', 'junos-winframe')
JUNOS_SETS = ('junos-h323-suite', 'junos-netbios-suite', 'junos-rpc-portmap')
ALGS = ('ftp', 'dns', 'sip', 'rtsp', 'sqlnet', 'tftp')


def app_pool(n):
    """n user applications, none of which matches TCP to a port < 10000."""
    apps = []
    for k in range(n):
        name = 'app%04d' % k
        port = 10000 + (k * 37) % 50000
        kind = k % 20
        if kind < 10:
            words = 'protocol tcp destination-port %d' % port
        elif kind < 13:
            words = 'protocol udp destination-port %d' % port
        elif kind == 13:
            words = 'protocol tcp destination-port %d-%d' % (port, port + 7)
        elif kind == 14:
            # a wide range, as for passive FTP data or RTP
            lo = 20000 + (k % 30) * 1000
            words = 'protocol tcp destination-port %d-%d' % (lo, lo + 999)
        elif kind == 15:
            words = ('protocol tcp source-port 600-1023 destination-port %d'
                     % port)
        elif kind == 16:
            words = 'protocol icmp icmp-type %d' % (13 + k % 5)
        elif kind == 17:
            words = ('protocol tcp destination-port %d application-protocol '
                     '%s' % (port, ('ftp', 'rtsp', 'sqlnet')[k % 3]))
        elif kind == 18:
            words = ('protocol udp destination-port %d application-protocol '
                     '%s' % (port, ('dns', 'sip', 'tftp')[k % 3]))
        else:
            words = ('protocol tcp destination-port %d inactivity-timeout %d'
                     % (port, 300 + k % 3600))
        apps.append((name, words))
    return apps


def v4(i, base):
    """A /24 of 10.0.0.0/8 (base 10) or 172.16.0.0/12 (base 172)."""
    if base == 10:
        return '10.%d.%d.0/24' % ((i >> 8) & 255, i & 255)
    return '172.%d.%d.0/24' % (16 + ((i >> 8) & 15), i & 255)


def v6(i):
    return '2001:db8:%x:%x::/64' % (0x1000 + (i >> 16), i & 0xffff)


def prefix_term(i):
    """The from-part of a prefixes-only term that does not match."""
    k = i % 10
    if k < 3:
        return ' '.join('destination-address ' + v4(i * 3 + j, 10)
                        for j in range(1 + i % 3))
    if k == 3:
        return 'source-address 172.%d.%d.%d/32 source-address %s' % (
            16 + (i >> 16 & 15), (i >> 8) & 255, i & 255, v4(i, 172))
    if k == 4:
        # a customer's network toward one of its servers' networks
        return 'source-address 192.0.2.0/24 destination-address ' + v4(i, 10)
    if k == 5:
        return 'destination-address 10.%d.0.0/16 destination-address %s' % (
            (i >> 4) & 255, v6(i))
    if k == 6:
        # the server's network, its first hosts cut out (198.51.100.2 too)
        return ('destination-address 198.51.100.0/24 destination-address '
                '198.51.100.0/%d except' % (25 + i % 4))
    if k == 7:
        return 'source-address %s destination-address %s' % (
            v6(i), v6(i + 0x8000))
    if k == 8:
        return ('source-address 172.16.0.0/12 source-address %s except '
                'source-address 198.18.%d.0/24' % (v4(i, 172), i & 255))
    # the client's network, its first hosts (192.0.2.2 too) cut out
    return ('source-address 192.0.2.0/24 source-address 192.0.2.0/30 except '
            'destination-address ' + v4(i, 10))


def action(i):
    if i % 11 == 0:
        return 'reject'
    if i % 7 == 0:
        return 'discard'
    return 'accept'


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ('apps', 'prefixes', 'mix'):
        raise SystemExit(__doc__)
    shape, n, port, iface = (sys.argv[1], int(sys.argv[2]),
                             int(sys.argv[3]), sys.argv[4])
    if n < 1 or not 0 < port < 10000:
        raise SystemExit('scale_rules: N >= 1, 0 < PORT < 10000')
    out = sys.stdout
    out.write('# make bench-scale: shape %s, %d rules, the last one matching '
              'TCP to port %d\n' % (shape, n, port))
    napps = 0 if shape == 'prefixes' else min(n + 10, 3000)
    apps = app_pool(napps)
    if shape != 'prefixes':
        out.write('application bench-conn protocol tcp destination-port '
                  '%d\n' % port)
    for name, words in apps:
        out.write('application %s %s\n' % (name, words))
    nsets = min(napps // 4, 1000)
    for s in range(nsets):
        out.write('application-set set%04d %s\n' % (s, ' '.join(
            apps[(s * 4 + j) % napps][0] for j in range(4))))
    width = len(str(n))
    names = ['r%0*d' % (width, i) for i in range(1, n + 1)]

    def app(i):
        return apps[(i * 7) % napps][0]

    for i in range(1, n):
        k = i % 10
        terms = []
        if shape == 'apps':
            if k < 5:
                terms.append('application ' + app(i))
            elif k < 7:
                terms.append('application %s application %s' % (
                    app(i), app(i + 1)))
            elif k < 9:
                terms.append('application-set set%04d' % (i % nsets))
            else:
                terms.append('application ' + app(i))
                terms.append('application-set set%04d' % (i % nsets))
        elif shape == 'prefixes':
            terms.append(prefix_term(i))
            if k == 9:
                terms.append(prefix_term(i + 3))
        else:
            if k < 3:
                terms.append(prefix_term(i // 10 * 10 + (3, 6, 9)[k]))
            elif k < 5:
                terms.append('application ' + app(i))
            elif k == 5:
                terms.append('source-address 192.0.2.0/24 application '
                             + app(i))
            elif k == 6:
                terms.append('destination-address %s application %s' % (
                    v4(i, 10), JUNOS_APPS[i % len(JUNOS_APPS)]))
            elif k == 7:
                terms.append('application-set set%04d' % (i % nsets))
            elif k == 8:
                terms.append('source-address %s application-set %s' % (
                    v4(i, 172), JUNOS_SETS[i % len(JUNOS_SETS)]))
            else:
                terms.append(' '.join(
                    'application ' + JUNOS_APPS[(i + j) % len(JUNOS_APPS)]
                    for j in range(3)))
        out.write('rule %s match-direction input %s\n' % (names[i - 1], ' '.join(
            'term t%d from %s then %s' % (j + 1, t, action(i + j))
            for j, t in enumerate(terms))))
    last = {
        'apps': 'application bench-conn',
        'prefixes': 'source-address 192.0.2.0/24 destination-address '
                    '198.51.100.0/24 destination-address 198.51.100.128/25 '
                    'except',
        'mix': 'source-address 192.0.2.0/24 application bench-conn',
    }[shape]
    out.write('rule %s match-direction input term hit from %s then accept\n'
              % (names[-1], last))
    out.write('service-set bench interface %s %s\n' % (
        iface, ' '.join('rule ' + r for r in names)))


if __name__ == '__main__':
    main()
