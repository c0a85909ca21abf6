#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise the "@raw" lines of tools/bench/scale.sh (make bench-scale).

usage: scale_report.py LOG OUTDIR
Writes OUTDIR/scale.json (configuration, raw runs, medians, ratios) and
OUTDIR/scale.tsv, and prints the tables.  Fails if a part that ran has a
variant without a run.  A value "n/a" (a counter the kernel does not have)
stays n/a.
"""

import statistics
import sys

from bench_out import write_results

KA_METRICS = (
    ('scans_s', 'scans/s', '%.2f'),
    ('scan_us_s', 'scan us/s', '%.1f'),
    ('probes_s', 'probes/s', '%.1f'),
    ('kworker_ms_s', 'kworker ms/s', '%.1f'),
    ('system_ms_s', 'system ms/s', '%.1f'),
)


def median(values):
    """Median of the numbers, None if any is n/a or there is none."""
    if not values or any(v is None for v in values):
        return None
    return statistics.median(values)


def fmt(value, form='%.1f', width=0):
    s = 'n/a' if value is None else form % value
    return s.rjust(width) if width else s


def fmt_raw(values):
    return ' '.join('n/a' if v is None else '%g' % v for v in values)


SHAPES = []


def variant_key(v):
    """none first, then shape by shape (in the benchmark's order), in rule
    count order."""
    if v == 'none':
        return ('', 0)
    shape, _, n = v.rpartition('-')
    return (shape, int(n)) if n.isdigit() else (v, 0)


def variant_order(v):
    shape, n = variant_key(v)
    return (SHAPES.index(shape) if shape in SHAPES else len(SHAPES)
            if shape else -1, shape, n)


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    conf = {}
    # raw[part][variant][metric] = [values in run order]
    raw = {}
    rows = []
    with open(sys.argv[1], errors='replace') as log:
        for line in log:
            f = line.rstrip('\r\n').split('\t')
            if f[0] == '@conf' and len(f) == 3:
                conf[f[1]] = f[2]
            elif f[0] == '@raw' and len(f) == 6:
                value = None if f[5] == 'n/a' else float(f[5])
                raw.setdefault(f[1], {}).setdefault(f[2], {}).setdefault(
                    f[4], []).append(value)
                rows.append(f[1:])
    parts = conf.get('parts', '').split()
    SHAPES.extend(conf.get('shapes', '').split())
    for p in parts:
        if p not in raw:
            raise SystemExit('report: no run of part %s' % p)
    med = {p: {v: {m: median(x) for m, x in raw[p][v].items()}
               for v in raw[p]} for p in raw}
    ratio = {}
    out = []
    say = out.append
    runs = conf.get('runs', '?')
    say('Router scale: new connections, bulk throughput and keepalive '
        'through a forwarding router')
    say('kernel %s, %s CPUs; medians of %s runs' % (
        conf.get('kernel', '?'), conf.get('cpus', '?'), runs))

    if 'classify' in raw:
        c = raw['classify']
        for v in c:
            if 'conn_s' not in c[v]:
                raise SystemExit('report: no connection run for %s' % v)
        if 'none' not in c:
            raise SystemExit('report: no run of the baseline (none)')
        # each variant's rate over the baseline's measured just before it
        ratio['classify'] = {'none': 1.0}
        pairs = {}
        for v in c:
            if v != 'none':
                pairs[v] = [a / b for a, b in zip(c[v]['conn_s'],
                                                  c[v]['base_conn_s'])]
                ratio['classify'][v] = statistics.median(pairs[v])
        ratio['classify_runs'] = pairs
        say('')
        say('classify: sequential TCP connections through the router, %s s '
            'each; service set on the client side, only its last rule '
            'matching' % conf.get('conn_seconds', '?'))
        head = '%-9s %6s %10s %7s %8s  %s' % (
            'shape', 'rules', 'conn/s', 'ratio', 'load s', 'ratio of each run')
        say(head)
        say('-' * len(head))
        for v in sorted(c, key=variant_order):
            shape, n = variant_key(v)
            m = med['classify'][v]
            say('%-9s %6s %10.1f %7.3f %8s  %s' % (
                shape or 'none', n or '-', m['conn_s'],
                ratio['classify'][v],
                fmt(m.get('load_s'), '%.2f') if v != 'none' else '-',
                ' '.join('%.3f' % x for x in pairs.get(v, []))))
        say('none: conntrack alone (no service set), measured before each '
            'other measurement; ratio: median of the')
        say('ratios of a measurement to the none measured just before it '
            '(higher is better); load s: `nfalg -f` of the rule set')
        flat = {}
        for v in c:
            shape, n = variant_key(v)
            if shape:
                flat.setdefault(shape, []).append((n, v))
        ratio['classify_flatness'] = {}
        for shape, vs in sorted(flat.items(),
                                key=lambda x: variant_order(x[0] + '-0')):
            if len(vs) < 2:
                continue
            vs.sort()
            lo, hi = vs[0], vs[-1]
            r = ratio['classify'][hi[1]] / ratio['classify'][lo[1]]
            ratio['classify_flatness'][shape] = r
            say('flatness %s: ratio at %d rules / ratio at %d rules = %.3f'
                % (shape, hi[0], lo[0], r))

    if 'bulk' in raw:
        b = raw['bulk']
        say('')
        say('bulk: one iperf3 flow through the router for %s s, MB/s '
            'received (higher is better); nfalg: classified to the basic ALG'
            % conf.get('bulk_seconds', '?'))
        head = '%-5s %10s %10s %7s %10s  %s' % (
            'proto', 'none', 'nfalg', 'ratio', 'of medians', 'ratio of each run')
        say(head)
        say('-' * len(head))
        ratio['bulk'] = {}
        ratio['bulk_of_medians'] = {}
        ratio['bulk_runs'] = {}
        for p in ('tcp', 'udp'):
            n, a = p + '-none', p + '-nfalg'
            if n not in b or a not in b:
                continue
            mn, ma = med['bulk'][n]['mb_s'], med['bulk'][a]['mb_s']
            ratio['bulk_of_medians'][p] = ma / mn
            # the two variants of a run are measured one after the other
            ratio['bulk_runs'][p] = [x / y for x, y in zip(b[a]['mb_s'],
                                                          b[n]['mb_s'])]
            ratio['bulk'][p] = statistics.median(ratio['bulk_runs'][p])
            say('%-5s %10.2f %10.2f %7.3f %10.3f  %s' % (
                p, mn, ma, ratio['bulk'][p], ma / mn, ' '.join(
                    '%.3f' % x for x in ratio['bulk_runs'][p])))
        say('ratio: median of each run\'s nfalg/none (the two measured one '
            'after the other); of medians: nfalg/none of the medians')

    if 'keepalive' in raw:
        k = raw['keepalive']
        say('')
        say('keepalive: %s unrelated conntrack entries in the router; N idle '
            'nfalg TCP conversations (inactivity-timeout %s s: probed); '
            'rates over %s s windows' % (
                conf.get('ka_entries', '?'), conf.get('ka_idle', '?'),
                conf.get('ka_seconds', '?')))
        head = '%-13s' % 'conversations' + ''.join(
            '%14s' % label for _, label, _ in KA_METRICS)
        say(head)
        say('-' * len(head))
        for v in sorted(k, key=int):
            say('%-13s' % v + ''.join(
                fmt(med['keepalive'][v].get(m), form, 14)
                for m, _, form in KA_METRICS))
        say('scans, scan us: the core\'s keepalive_scans and '
            'keepalive_scan_us counters (n/a: the core has none); '
            'kworker: CPU time of the kernel\'s kworker threads; system: '
            'the guest\'s system, irq and softirq time (all CPUs, '
            'everything that ran); lower is better')

    say('')
    say('raw runs (in run order):')
    for p in raw:
        for v in sorted(raw[p], key=variant_order if p != 'keepalive'
                        else int):
            for m in raw[p][v]:
                if m == 'base_conn_s':
                    continue
                say('  %-9s %-15s %-13s %s' % (p, v, m,
                                               fmt_raw(raw[p][v][m])))
    for p in ('classify', 'bulk', 'keepalive'):
        t = conf.get('time_' + p)
        if t:
            say('# %s took %s s in the VM' % (p, t))

    result = {'config': conf, 'raw': raw, 'median': med, 'ratio': ratio}
    write_results(sys.argv[2] + '/scale.json', result,
                  sys.argv[2] + '/scale.tsv',
                  ('part', 'variant', 'run', 'metric', 'value'), rows)
    print('\n'.join(out))


if __name__ == '__main__':
    main()
