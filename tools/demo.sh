#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: install what is missing, build, and boot a VM router between
# a client and a server namespace with the nfalg modules loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/deps.sh
make -s all
exec tools/vm/run --timeout 300 -- tools/demo-guest.sh
