#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Each network namespace has its own nfalg state, which goes with it.
. "$(dirname "$0")/lib.sh"

nfalg_load || bail "cannot load nfalg"
A=nsa-$$
B=nsb-$$
netns_add "$A" "$B"

ok "set in namespace A" -- ip netns exec "$A" "$NFALG" set syn-timeout 11 udp-timeout 60
expect_output "A sees its value" 'syn-timeout: +11 s' -- ip netns exec "$A" "$NFALG" status
expect_output "B keeps the default" 'syn-timeout: +4 s' -- ip netns exec "$B" "$NFALG" status
expect_output "init netns keeps the default" 'udp-timeout: +30 s' -- "$NFALG" status
ok "set in namespace B" -- ip netns exec "$B" "$NFALG" set udp-timeout 99
expect_output "A unaffected by B" 'udp-timeout: +60 s' -- ip netns exec "$A" "$NFALG" status

ip netns del "$A"
netns_add "$A"
expect_output "a new namespace of the same name starts from defaults" \
	'syn-timeout: +4 s' -- ip netns exec "$A" "$NFALG" status
finish
