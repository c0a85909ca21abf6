#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Only CAP_NET_ADMIN (in the user namespace owning the network namespace)
# may change nfalg's configuration or read its policy: applications, sets,
# rules, service sets, classification, rule counters, ALG counters,
# pinholes, conversations.  Anyone may read the status (version,
# generation, parameters, ALGs), without the counters.  A user who owns a
# network namespace ("unshare -Urn") configures and reads it.
. "$(dirname "$0")/lib.sh"
require_cmd setpriv unshare

nfalg_load || bail "cannot load nfalg"
t=$(mktemp -d); defer "rm -rf $t"
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all -- "$@"
}

expect_output "non-root change: EPERM" 'Operation not permitted' -- as_nobody "$NFALG" set syn-timeout 9
as_nobody "$NFALG" set syn-timeout 9 > /dev/null 2>&1
check "non-root change: exit status 1" 1 $?
expect_output "non-root change changed nothing" 'syn-timeout: +4 s' -- "$NFALG" status
ok "non-root may read status" -- as_nobody "$NFALG" status
ok "root may change" -- "$NFALG" set syn-timeout 9

# some policy to read
ok "root configures" -- "$NFALG" -b - <<-EOF
	application add secret-app protocol tcp destination-port 4444
	application-set add secret-set secret-app
	rule add secret-rule match-direction input term t from application-set secret-set then accept
	service-set add secret-ss interface eth9 rule secret-rule
EOF
for cmd in "show config" "show applications" "show application-sets" \
	"show defaults" "application show" "application-set show" \
	"rule show" "service-set show" "show rule-counters" \
	"show counters" "show pinholes" "show conversations" \
	"classify iface eth9 dir input from 192.0.2.1 to 198.51.100.1 proto tcp dport 4444"; do
	as_nobody "$NFALG" $cmd > $t/out 2>&1
	rc=$?
	check "non-root '$cmd': EPERM, exit status 1" "1 1" \
		"$rc $(grep -c 'Operation not permitted' $t/out)"
	fails "non-root '$cmd': nothing of the policy shown" -- grep -q secret $t/out
done
as_nobody "$NFALG" -j status > $t/st
check "non-root status: version and parameters, no counters" "True True False" \
	"$(python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); print("module_version" in d, "params" in d, "counters" in d)' $t/st)"
"$NFALG" -j status > $t/st
check "root status: with counters" "True" \
	"$(python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); print("counters" in d)' $t/st)"
expect_output "root reads the policy" "secret-app" -- "$NFALG" show config

# a user's own network namespace: CAP_NET_ADMIN over it
[ -w /proc/sys/kernel/unprivileged_userns_clone ] &&
	echo 1 > /proc/sys/kernel/unprivileged_userns_clone
expect_output "unshare -Urn: configure and read the own namespace" \
	"application mine protocol tcp destination-port 5555" -- \
	as_nobody unshare -Urn sh -c \
	'"$1" application add mine protocol tcp destination-port 5555 && "$1" show config' sh "$NFALG"
fails "... which is not the initial one" -- sh -c "'$NFALG' show config | grep -q mine"
ok "root cleans up" -- "$NFALG" flush
finish
