#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Summarise the "@raw" lines of tools/bench/ftp.sh (make bench).

usage: report.py LOG OUTDIR
Writes OUTDIR/results.json (configuration, raw runs, medians, ratios) and
OUTDIR/raw.tsv, and prints the table.  Fails if a variant has no run.
"""

import statistics
import sys

from bench_out import write_results

VARIANTS = ('none', 'ftp', 'nfalg')
TESTS = {
    'transfer': ('MiB/s', 'higher is better'),
    'sessions': ('us/session', 'lower is better'),
    'commands': ('us/exchange', 'lower is better'),
}


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    conf, raw = {}, {t: {v: [] for v in VARIANTS} for t in TESTS}
    rows = []
    with open(sys.argv[1], errors='replace') as log:
        for line in log:
            f = line.rstrip('\r\n').split('\t')
            if f[0] == '@conf' and len(f) == 3:
                conf[f[1]] = f[2]
            elif f[0] == '@raw' and len(f) == 5 and f[1] in TESTS \
                    and f[2] in VARIANTS:
                raw[f[1]][f[2]].append(float(f[4]))
                rows.append(f[1:])
    med = {}
    for t in TESTS:
        for v in VARIANTS:
            if not raw[t][v]:
                raise SystemExit('report: no %s run for %s' % (t, v))
        med[t] = {v: statistics.median(raw[t][v]) for v in VARIANTS}
    ratio = {t: {'nfalg/ftp': med[t]['nfalg'] / med[t]['ftp'],
                 'nfalg/none': med[t]['nfalg'] / med[t]['none'],
                 'ftp/none': med[t]['ftp'] / med[t]['none']} for t in TESTS}
    over = {t: {v: med[t][v] - med[t]['none'] for v in ('ftp', 'nfalg')}
            for t in ('sessions', 'commands')}
    result = {'config': conf, 'units': {t: TESTS[t][0] for t in TESTS},
              'raw': raw, 'median': med, 'ratio': ratio,
              'overhead_over_none_us': over}
    write_results(sys.argv[2] + '/results.json', result,
                  sys.argv[2] + '/raw.tsv', ('test', 'variant', 'run', 'value'),
                  rows)

    print('FTP through a masquerading router: no helper (none), in-tree '
          '"ftp", "nfalg-ftp"')
    print('kernel %s; %s MiB transfers, %s sessions, %s commands; '
          'medians of %s runs' % (conf.get('kernel', '?'), conf.get('mib'),
                                  conf.get('sessions'), conf.get('commands'),
                                  conf.get('runs')))
    print()
    head = '%-9s %-12s %10s %10s %10s %10s %10s %9s' % (
        'test', 'unit', 'none', 'ftp', 'nfalg', 'nfalg/ftp', 'nfalg/none',
        'ftp/none')
    print(head)
    print('-' * len(head))
    for t in TESTS:
        m, r = med[t], ratio[t]
        print('%-9s %-12s %10.1f %10.1f %10.1f %10.3f %10.3f %9.3f' % (
            t, TESTS[t][0], m['none'], m['ftp'], m['nfalg'], r['nfalg/ftp'],
            r['nfalg/none'], r['ftp/none']))
    print()
    print('transfer: %s; sessions, commands: %s.' % (
        TESTS['transfer'][1], TESTS['sessions'][1]))
    for t in over:
        print('%s: helper cost over no helper: ftp %+.1f us, nfalg %+.1f us'
              % (t, over[t]['ftp'], over[t]['nfalg']))
    print()
    print('raw runs (in run order):')
    for t in TESTS:
        for v in VARIANTS:
            print('  %-9s %-6s %s' % (t, v, ' '.join('%g' % x
                                                    for x in raw[t][v])))


if __name__ == '__main__':
    main()
