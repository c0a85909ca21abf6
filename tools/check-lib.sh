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

declare -A bg_pids
# in_bg NAME COMMAND...: start COMMAND in the background; bg_result NAME
# waits for it, prints its output and returns its status (for step).
in_bg() {
	local name=$1
	shift
	("$@" > "$logs/$name.bg" 2>&1; echo $? > "$logs/$name.rc") &
	bg_pids[$name]=$!
}
bg_result() {
	wait "${bg_pids[$1]}"
	cat "$logs/$1.bg"
	return "$(cat "$logs/$1.rc")"
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

# vm_expect WANT COMMAND...: COMMAND (a tools/vm/run) must exit WANT (the
# harness proofs). A hang (124) proves nothing either way, so a guest that
# hangs is booted once more: CI's run of e152d2f saw the WARN canary's
# guest hang for 300 s once, beside the demo guest, checkpatch, the
# fuzzers and the debug kernel's build, where it takes some 20 s.
vm_expect() {
	local want=$1 rc try
	shift
	for try in 1 2; do
		"$@"
		rc=$?
		echo "vm/run exited $rc (want $want)"
		[ $rc -eq 124 ] && [ $try = 1 ] || break
		echo "the guest hung: once more"
	done
	[ $rc -eq "$want" ]
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

# selftest_list: every selftest run.sh would run, by file name.
selftest_list() {
	(cd "$top/selftests" && ls ./*.sh | grep -Ev '/(lib|run)\.sh$' | sed 's|^\./||')
}

# estimate DURATIONS DEFAULT TEST...: "SECONDS TEST" per test, longest
# first: the seconds recorded in DURATIONS ("TEST SECONDS" lines), DEFAULT
# for a test not listed there (a new one).
estimate() {
	local durations=$1 def=$2
	shift 2
	printf '%s\n' "$@" | awk -v def="$def" '
		NR == FNR { if ($1 !~ /^#/ && NF == 2) d[$1] = $2; next }
		NF == 0 { next }
		{ sub(/.*\//, ""); print ($0 in d ? d[$0] : def), $0 }' "$durations" - |
		sort -k1,1rn -k2,2
}

# makespan GUESTS: the wall time a work queue of the "SECONDS TEST" lines
# on stdin (longest first) takes in GUESTS guests: each test goes to the
# guest that becomes free first.
makespan() {
	awk -v n="$1" '
		{ best = 0
		  for (g = 1; g < n; g++) if (load[g] < load[best]) best = g
		  load[best] += $1 }
		END { m = 0; for (g = 0; g < n; g++) if (load[g] > m) m = load[g]; print m }'
}

# fixture_block GUESTS: the "SECONDS TEST" lines on stdin (longest first)
# with the tests marked "# fixture: router" (selftests/run.sh) moved
# together, the block where its share of GUESTS guests would stand.
fixture_block() {
	awk -v n="$1" -v marked="$(cd "$top/selftests" && grep -lx '# fixture: router' ./*.sh |
		sed 's|^\./||' | tr '\n' ' ')" '
		BEGIN { split(marked, m, " "); for (k in m) is[m[k]] = 1 }
		{ if ($2 in is) { blk[nb++] = $0; sum += $1 } else rest[nr++] = $0 }
		END {
			for (j = 0; j < nr; j++) {
				split(rest[j], f, " ")
				if (!done && nb && f[1] < sum / n) { for (k = 0; k < nb; k++) print blk[k]; done = 1 }
				print rest[j]
			}
			if (!done) for (k = 0; k < nb; k++) print blk[k]
		}'
}

# run_selftests VM DURATIONS DEFAULT GUESTS [NAME=VALUE...]: the selftests
# named by the array `tests`, in GUESTS guests side by side, each started
# by the function VM (tools/vm/run with this lane's options), sharing one
# work queue: longest first by DURATIONS (DEFAULT seconds for a test not
# listed), and a guest that finishes a test takes the next one
# (selftests/run.sh --queue). NAME=VALUE are set for run.sh. Each guest's
# kernel log is judged on its own (vm_verdict); a test a guest took but
# never reported (the guest died or hung) fails, and so does a test no
# guest took. Ends with the ten slowest tests.
run_selftests() {
	local vm=$1 durations=$2 def=$3 guests=$4 queue g f t rank=0
	shift 4
	# Absolute: the guest's run.sh starts from its own directory.
	queue=$(cd "$logs" && pwd)/queue
	local -a order
	mapfile -t order < <(estimate "$durations" "$def" "${tests[@]}")
	# With FIXTURE=1 the tests run.sh runs in its shared router go out
	# together, so that a guest serves several of them from one build.
	if printf '%s\n' "$@" | grep -qx FIXTURE=1; then
		mapfile -t order < <(printf '%s\n' "${order[@]}" | fixture_block "$guests")
	fi
	[ "$guests" -le ${#order[@]} ] || guests=${#order[@]}
	[ "$guests" -ge 1 ] || guests=1
	rm -rf "$queue"
	mkdir -p "$queue/todo" "$queue/taken"
	for f in "${order[@]}"; do
		rank=$((rank + 1))
		: > "$queue/todo/$(printf %04d $rank)-${f#* }"
	done
	note "selftests: ${#order[@]} in $guests guests, longest first (expected $(printf '%s\n' "${order[@]}" | makespan "$guests") s)"
	local t0=$SECONDS
	for ((g = 0; g < guests; g++)); do
		# Each guest's whole output to its log, its verdicts here as they come.
		(
			"$vm" --timeout "${VM_TIMEOUT:-3600}" --log "$logs/guest-kernel.$g.log" \
				--share "$queue" -- "$@" selftests/run.sh --queue "$queue" "$g" 2>&1 |
				tee "$logs/selftests.$g.log" |
				grep --line-buffered -E '^(not )?ok [0-9]+ ' |
				sed -u "s/^/guest $g: /"
			echo "${PIPESTATUS[0]}" > "$logs/selftests.$g.rc"
		) &
	done
	wait
	local wall=$((SECONDS - t0))
	for ((g = 0; g < guests; g++)); do
		echo
		note "=== guest $g: $logs/selftests.$g.log"
		cat "$logs/selftests.$g.log"
	done
	echo
	for ((g = 0; g < guests; g++)); do
		counts "selftests (guest $g)" "$logs/selftests.$g.log" "selftests: "
		vm_verdict "$(cat "$logs/selftests.$g.rc" 2> /dev/null || echo 255)"
	done
	# Every test taken must have a verdict, and every test must be taken.
	for f in "$queue"/taken/*; do
		[ -e "$f" ] || continue
		f=${f##*/}
		g=${f##*.}
		t=${f%.*}
		t=${t#*-}
		grep -qE "^(not )?ok [0-9]+ selftests: nfalg: $t( |$)" "$logs/selftests.$g.log" && continue
		note "not ok - $t: guest $g took it and never reported (the guest died or hung)"
		fail=$((fail + 1))
		failed+=("$t (lost)")
	done
	for f in "$queue"/todo/*; do
		[ -e "$f" ] || continue
		t=${f##*/}
		t=${t#*-}
		note "not ok - $t: never ran (every guest had stopped)"
		fail=$((fail + 1))
		failed+=("$t (not run)")
	done
	# What each test took, for the durations files (tools/vm/durations,
	# tools/debug-kernel/durations) and the report.
	cat "$logs"/selftests.*.log |
		sed -nE 's/^(not )?ok [0-9]+ selftests: nfalg: ([^ ]+) # (exit=[0-9]+ )?([0-9]+)s.*/\2 \4/p' |
		sort -k2,2rn > "$logs/durations"
	note "selftests took ${wall}s in $guests guests ($(awk '{ s += $2 } END { print s + 0 }' "$logs/durations") s of tests; measured times in $logs/durations)"
	note "slowest ten:"
	head -n 10 "$logs/durations" | awk '{ printf "  %5d s  %s\n", $2, $1 }'
}
