#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The nfalg CLI round trip: version, status (text and JSON), set, the
# kernel's range errors, usage errors, and the "module not loaded" message.
. "$(dirname "$0")/lib.sh"

expect_output "no module: clear message" '^nfalg: kernel module not loaded$' -- "$NFALG" status
"$NFALG" status > /dev/null 2>&1
check "no module: exit status 1" 1 $?

nfalg_load || bail "cannot load nfalg"

expect_output "version shows the module's version" 'module-version: +[0-9]+\.[0-9]+' -- "$NFALG" version
expect_output "status shows defaults" 'syn-timeout: +4 s' -- "$NFALG" status
expect_output "status udp default 30 s" 'udp-timeout: +30 s' -- "$NFALG" status

gen0=$("$NFALG" -j status | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])')
ok "set syn-timeout and udp-timeout" -- "$NFALG" set syn-timeout 7 udp-timeout 45
json=$("$NFALG" -j status)
check "JSON status parses and holds the new values" "7 45 1800" \
	"$(python3 -c 'import json,sys; p=json.load(sys.stdin)["params"]; print(p["syn_timeout"], p["udp_timeout"], p["tcp_timeout"])' <<< "$json")"
check "generation counts the change" $((gen0 + 1)) \
	"$(python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])' <<< "$json")"
ok "JSON version parses" -- python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["module_version"]' \
	<<< "$("$NFALG" -j version)"

expect_output "out of range: kernel's message" 'syn-timeout.*out of range.*1\.\.60' -- "$NFALG" set syn-timeout 61
"$NFALG" set syn-timeout 0 > /dev/null 2>&1
check "out of range: exit status 1" 1 $?
expect_output "rejected change left the value" 'syn-timeout: +7 s' -- "$NFALG" status

expect_output "keepalive defaults" 'keepalive-probes: +3$' -- "$NFALG" status
expect_output "keepalive interval default" 'keepalive-interval: +10 s' -- "$NFALG" status
expect_output "keepalive-probes over 30 refused" 'keepalive-probes.*out of range.*0\.\.30' -- \
	"$NFALG" set keepalive-probes 31
expect_output "keepalive-interval 0 refused" 'keepalive-interval.*out of range.*1\.\.120' -- \
	"$NFALG" set keepalive-interval 0
ok "keepalive off" -- "$NFALG" set keepalive-probes 0 keepalive-interval 120
check "JSON carries the keepalive parameters" "0 120" \
	"$("$NFALG" -j status | python3 -c 'import json,sys; p=json.load(sys.stdin)["params"]; print(p["keepalive_probes"], p["keepalive_interval"])')"

"$NFALG" set syn-timeout many > /dev/null 2>&1
check "not a number: usage error 2" 2 $?
"$NFALG" frobnicate > /dev/null 2>&1
check "unknown command: usage error 2" 2 $?
"$NFALG" set > /dev/null 2>&1
check "set without parameters: usage error 2" 2 $?
finish
