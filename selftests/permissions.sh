#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Only CAP_NET_ADMIN may change nfalg's configuration; anyone may read it.
. "$(dirname "$0")/lib.sh"
require_cmd setpriv

nfalg_load || bail "cannot load nfalg"
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all -- "$@"
}

expect_output "non-root change: EPERM" 'Operation not permitted' -- as_nobody "$NFALG" set syn-timeout 9
as_nobody "$NFALG" set syn-timeout 9 > /dev/null 2>&1
check "non-root change: exit status 1" 1 $?
expect_output "non-root change changed nothing" 'syn-timeout: +4 s' -- "$NFALG" status
ok "non-root may read status" -- as_nobody "$NFALG" status
ok "root may change" -- "$NFALG" set syn-timeout 9
finish
