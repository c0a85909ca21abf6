# SPDX-License-Identifier: GPL-2.0
"""What the benchmark reports (report.py, scale_report.py) write besides
their tables: the whole result as JSON and every raw value as TSV."""

import json


def write_results(path_json, result, path_tsv, header, rows):
    """result as indented, sorted JSON; rows (lists of strings) as TSV
    under the tab-separated header names."""
    with open(path_json, 'w') as out:
        json.dump(result, out, indent=1, sort_keys=True)
        out.write('\n')
    with open(path_tsv, 'w') as out:
        out.write('\t'.join(header) + '\n')
        for r in rows:
            out.write('\t'.join(r) + '\n')
