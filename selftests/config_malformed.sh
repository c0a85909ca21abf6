#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Malformed generic netlink requests sent over a raw socket
# (config_malformed.py): each is refused with the right errno and an
# extended ACK message (applications, sets, rules, service-sets), and the
# configuration stays byte-for-byte the same.
# Without CAP_NET_ADMIN every change fails with EPERM.
. "$(dirname "$0")/lib.sh"
require_cmd python3 setpriv

nfalg_load || bail "cannot load nfalg"
here=$(dirname "$0")
ok "malformed requests are all rejected, nothing changes" -- python3 "$here/config_malformed.py"
ok "unprivileged changes get EPERM, nothing changes" -- \
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all -- \
	python3 "$here/config_malformed.py" unpriv
finish
