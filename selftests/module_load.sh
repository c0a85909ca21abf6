#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nfalg.ko loads and unloads cleanly, 20 times in a row, with its genl
# family appearing and disappearing with it.
. "$(dirname "$0")/lib.sh"

family_present() {
	"$NFALG" status > /dev/null 2>&1
}

n=0
for i in $(seq 1 20); do
	nfalg_load || break
	family_present || { log "family missing after load $i"; break; }
	nfalg_unload || break
	family_present && { log "family still there after unload $i"; break; }
	n=$i
done
check "20 load/unload cycles" 20 "$n"
finish
