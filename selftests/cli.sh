#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The nfalg CLI round trip: version, status (text and JSON), set, the
# kernel's range errors, usage errors, and the "module not loaded" message.
. "$(dirname "$0")/lib.sh"

expect_output "no module: clear message" '^nfalg: kernel module not loaded$' -- "$NFALG" status
"$NFALG" status > /dev/null 2>&1
check "no module: exit status 1" 1 $?

nfalg_load || { log "cannot load nfalg"; finish; }

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

"$NFALG" set syn-timeout many > /dev/null 2>&1
check "not a number: usage error 2" 2 $?
"$NFALG" frobnicate > /dev/null 2>&1
check "unknown command: usage error 2" 2 $?
"$NFALG" set > /dev/null 2>&1
check "set without parameters: usage error 2" 2 $?
finish
