# SPDX-License-Identifier: GPL-2.0
#
# Shared by tools/check.sh and tools/check-debug.sh: counting steps and the
# closing "N passed, N failed, N skipped" line. The sourcing script sets
# $logs (a directory for the step logs) first.

pass=0 fail=0 skipped=0
failed=() failed_logs=()

note() { printf '%s\n' "$*"; }

# step NAME COMMAND...: one pass/fail test; output goes to $logs/NAME.log.
step() {
	local name=$1
	shift
	local t0=$SECONDS
	if "$@" > "$logs/$name.log" 2>&1; then
		note "ok - $name ($((SECONDS - t0))s)"
		pass=$((pass + 1))
		return 0
	fi
	note "not ok - $name ($((SECONDS - t0))s), log: $logs/$name.log"
	tail -n 40 "$logs/$name.log" | sed 's/^/    /'
	fail=$((fail + 1))
	failed+=("$name")
	return 1
}

# counts NAME LOGFILE PREFIX: add "PREFIX N passed, N failed[, N skipped]".
counts() {
	local name=$1 log=$2 prefix=$3 line p f s
	line=$(grep -E "^${prefix}[0-9]+ passed, [0-9]+ failed" "$log" | tail -n 1)
	if [ -z "$line" ]; then
		note "not ok - $name: no summary line in $log"
		fail=$((fail + 1))
		failed+=("$name")
		return
	fi
	p=$(grep -oE '[0-9]+ passed' <<< "$line" | cut -d' ' -f1)
	f=$(grep -oE '[0-9]+ failed' <<< "$line" | cut -d' ' -f1)
	s=$(grep -oE '[0-9]+ skipped' <<< "$line" | cut -d' ' -f1)
	pass=$((pass + p))
	fail=$((fail + f))
	skipped=$((skipped + ${s:-0}))
	[ "$f" -eq 0 ] || { failed+=("$name ($f)"); failed_logs+=("$log"); }
	note "$name: ${line#"$prefix"}"
}

# vm_verdict STATUS: count a tools/vm/run status beyond the command's own
# (1 is the selftests' own failure, already counted by counts).
vm_verdict() {
	case $1 in
	0 | 1) ;;
	124) note "not ok - vm: guest hung"; fail=$((fail + 1)); failed+=(vm-hang) ;;
	125) note "not ok - vm: guest kernel reported trouble (WARN, BUG, KASAN, UBSAN, lockdep, leak...)"
		fail=$((fail + 1)); failed+=(vm-kernel) ;;
	*) note "not ok - vm: exit $1"; fail=$((fail + 1)); failed+=(vm) ;;
	esac
}

# digest LOG: each failed selftest of a run.sh log, with the lines that
# say why (its failed subtests and their output, the kernel's words), so
# that the end of a long log tells the whole story.
digest() {
	awk '/^# selftests: nfalg: / { n = 0 }
	     /^# (not ok |  )|^# ended with|^#   kernel:/ { if (n < 40) block[n++] = $0 }
	     /^not ok / { for (i = 0; i < n; i++) print "    " block[i]; print "    " $0; n = 0 }' "$1"
}

summary() {
	local log
	echo
	for log in "${failed_logs[@]}"; do
		note "failed in $log:"
		digest "$log"
	done
	[ ${#failed[@]} -eq 0 ] || note "failed: ${failed[*]}"
	echo "$pass passed, $fail failed, $skipped skipped"
	[ $fail -eq 0 ]
	exit $?
}
