# SPDX-License-Identifier: GPL-2.0
#
# Shared helpers for the nfalg selftests (kselftest style). A test script
# sources this file, calls the helpers below, and ends with `finish`, which
# exits 0 (pass), 1 (fail) or 4 (skip). Subtest results are printed as
# indented KTAP lines ("# ok N desc" / "# not ok N desc").
#
# Tests run as root inside the QEMU guest (tools/vm/run); they build their own
# network namespaces and remove them on exit.

NFALG_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
NFALG=$NFALG_TOP/tools/nfalg/nfalg
KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

__n=0
__failed=0
__t_last=$SECONDS
__ended=0
__netns=()
__cleanups=()

log() { echo "# $*"; }

# Slow kernels (the debug lane: KASAN and lockdep under emulation) set
# NFALG_TIME_SCALE, a whole factor (default 1). A test multiplies its own
# time limits and waits with tscale, never what it asserts.
export NFALG_TIME_SCALE=${NFALG_TIME_SCALE:-1}
tscale() {
	echo $(($1 * NFALG_TIME_SCALE))
}
# How many rules the bulk-load tests load one command at a time (nfalg -b):
# 10,000 by default; the debug lane, where each costs ten times as much and
# what is tested is memory and locking rather than scale, loads fewer.
export NFALG_BULK=${NFALG_BULK:-10000}

# __said ok|not ok DESCRIPTION: the subtest's line, with the seconds since
# the one before when there were five or more (where a test's time goes).
__said() {
	local d=$((SECONDS - __t_last))
	__t_last=$SECONDS
	if [ $d -ge 5 ]; then
		echo "# $1 $__n $2 [${d} s]"
	else
		echo "# $1 $__n $2"
	fi
}

# ok DESCRIPTION -- COMMAND...: run COMMAND, record a subtest.
ok() {
	local desc=$1
	shift
	[ "${1:-}" = -- ] && shift
	__n=$((__n + 1))
	if "$@" > /tmp/ksft-out.$$ 2>&1; then
		__said ok "$desc"
	else
		__said "not ok" "$desc"
		sed 's/^/#   | /' /tmp/ksft-out.$$ | tail -n 20
		__failed=$((__failed + 1))
	fi
	# (the next subtest overwrites the file; __cleanup removes it: a
	# program for each subtest costs about a second on the debug kernel)
}

# fails DESCRIPTION -- COMMAND...: the same, but COMMAND must fail.
fails() {
	local desc=$1
	shift
	[ "${1:-}" = -- ] && shift
	ok "$desc" -- __must_fail "$@"
}

__must_fail() {
	if "$@"; then
		echo "expected failure, command succeeded: $*"
		return 1
	fi
	return 0
}

# check DESCRIPTION EXPECTED ACTUAL: string equality subtest.
check() {
	local desc=$1 want=$2 got=$3
	__n=$((__n + 1))
	if [ "$want" = "$got" ]; then
		__said ok "$desc"
	else
		__said "not ok" "$desc"
		echo "#   | expected: $want"
		echo "#   | got:      $got"
		__failed=$((__failed + 1))
	fi
}

# expect_output DESCRIPTION PATTERN -- COMMAND...: COMMAND's combined output
# must match the extended regular expression PATTERN (exit status ignored).
expect_output() {
	local desc=$1 pat=$2 out
	shift 2
	[ "${1:-}" = -- ] && shift
	out=$("$@" 2>&1)
	__n=$((__n + 1))
	if grep -Eq -- "$pat" <<< "$out"; then
		__said ok "$desc"
	else
		__said "not ok" "$desc"
		echo "#   | wanted /$pat/ in:"
		sed 's/^/#   | /' <<< "$out" | tail -n 20
		__failed=$((__failed + 1))
	fi
}

# reject DESCRIPTION PATTERN COMMAND...: COMMAND must fail with exit
# status 1 (a runtime error, such as the kernel refusing a change) and print
# a message matching PATTERN: two subtests.
reject() {
	local desc=$1 pat=$2
	shift 2
	expect_output "$desc: message" "$pat" -- "$@"
	"$@" > /dev/null 2>&1
	check "$desc: exit status 1" 1 $?
}

skip() {
	echo "# SKIP $*"
	__ended=1
	exit $KSFT_SKIP
}

require_cmd() {
	local c
	for c in "$@"; do
		command -v "$c" > /dev/null || skip "$c not installed"
	done
}

# full PART: whether to run PART of a test (if full "PART"; then ...; fi):
# yes, except in the debug kernel's budgeted CI lane (NFALG_PATHS=1, set by
# tools/check-debug.sh with CHECK_DEBUG_BUDGET), which runs each ALG's
# packet paths once (IPv4 and IPv6, masquerade and DNAT, a refusal, an
# unload under traffic) and leaves to make check (Debian's kernel) and
# make check-debug without a budget what only repeats them: a path in a
# second mode, the negative controls without the helper, CLI listings.
# What is left out is logged.
full() {
	[ "${NFALG_PATHS:-0}" = 1 ] || return 0
	log "paths lane: leaves out $*"
	return 1
}

# defer COMMAND: run COMMAND (a string) when the test exits, newest first.
defer() {
	__cleanups=("$*" "${__cleanups[@]}")
}

__cleanup() {
	local rc=$? c ns
	# A test ends through finish, skip or bail, which say why; anything
	# else (a stray exit, a signal) is said here, or it would go unnoticed.
	[ "$__ended" = 1 ] ||
		log "ended with status $rc without finishing, after $__n subtests"
	for c in "${__cleanups[@]}"; do
		eval "$c" > /dev/null 2>&1 || true
	done
	rm -f /tmp/ksft-out.$$
	for ns in "${__netns[@]}"; do
		ip netns pids "$ns" 2> /dev/null | xargs -r kill -9 2> /dev/null
		ip netns del "$ns" 2> /dev/null
	done
}
trap __cleanup EXIT

# bail MESSAGE: the test cannot go on (its setup failed): it fails.
bail() {
	log "$*"
	__ended=1
	exit $KSFT_FAIL
}

finish() {
	__ended=1
	if [ $__n -eq 0 ]; then
		log "no subtest ran"
		exit $KSFT_FAIL
	fi
	if [ $__failed -ne 0 ]; then
		log "$__failed of $__n subtests failed"
		exit $KSFT_FAIL
	fi
	log "all $__n subtests passed"
	exit $KSFT_PASS
}


# ftp_server DIR [ADDR]: pyftpdlib serving DIR (anonymous) on port 21 of
# ADDR (default 0.0.0.0) in the server namespace $SRV, stopped at exit (or
# by kill $ftp_pid); returns once it listens.
ftp_server() {
	ip netns exec "$SRV" /usr/bin/python3 -m pyftpdlib -i "${2:-0.0.0.0}" \
		-p 21 -d "$1" > "$1/pyftpd.log" 2>&1 &
	ftp_pid=$!
	defer kill $ftp_pid
	listening "$SRV" t 21
}

# listening NS t|u PORT: wait (10 s at most) until a TCP (t) or UDP (u)
# socket of namespace NS listens on PORT
listening() {
	for _ in $(seq 50); do
		ip netns exec "$1" ss -Hl"$2"n "sport = :$3" | grep -q . && return 0
		sleep 0.2
	done
	return 1
}

# counter NAME: the nfalg counter NAME of the router namespace $RTR (read
# by the shell: on the debug kernel each program started costs about a
# second, python3 with its json module three)
counter() {
	local out
	out=$(ip netns exec "$RTR" "$NFALG" -j show counters) || return 1
	if [[ $out =~ \"$1\":\ *([0-9]+) ]]; then
		echo "${BASH_REMATCH[1]}"
	else
		echo "no counter $1 in: $out" >&2
		return 1
	fi
}

# sniff NS NAME FILTER: capture the packets matching the tcpdump FILTER on
# NS's eth0 into $sniff_dir/NAME.txt (the caller sets sniff_dir), once
# tcpdump is listening; stop_sniff NAME stops it after a second's grace.
sniff() {
	ip netns exec "$1" tcpdump -i eth0 -nn -v -l "$3" \
		> "$sniff_dir/$2.txt" 2> "$sniff_dir/$2.err" &
	echo $! > "$sniff_dir/$2.pid"
	for _ in $(seq 50); do
		grep -q listening "$sniff_dir/$2.err" && return 0
		sleep 0.2
	done
	return 1
}
stop_sniff() {
	sleep 1
	kill -INT "$(cat "$sniff_dir/$1.pid")"
	wait "$(cat "$sniff_dir/$1.pid")" 2> /dev/null
	true
}

# nfalg_ko NAME: path of one of our built modules (from run.sh's copy in
# the guest's tmpfs, NFALG_KO_DIR, when there is one: cheaper than 9p).
nfalg_ko() {
	if [ -n "${NFALG_KO_DIR:-}" ] && [ -e "$NFALG_KO_DIR/$1.ko" ]; then
		echo "$NFALG_KO_DIR/$1.ko"
		return
	fi
	find "$NFALG_TOP/kernel" -name "$1.ko" | head -n 1
}

# nfalg_insmod NAME [PARAM=VALUE...]: load one of our modules, its in-tree
# dependencies first (modprobe), ours by path (a full depmod over 9p takes
# minutes under emulation).
nfalg_insmod() {
	local m=$1 ko dep
	shift
	lsmod | grep -q "^$m " && return 0
	ko=$(nfalg_ko "$m")
	[ -n "$ko" ] || { echo "no module $m built" >&2; return 1; }
	for dep in $(modinfo -F depends "$ko" | tr ',' ' '); do
		case "$dep" in
		nfalg*) nfalg_insmod "$dep" || return 1 ;;
		*) modprobe "$dep" || return 1 ;;
		esac
	done
	insmod "$ko" "$@"
}

nfalg_modules() {
	lsmod | awk '$1 ~ /^nfalg/ { print $1 }'
}

nfalg_load() {
	nfalg_insmod nfalg "$@"
}

# Unload every nfalg module, ALGs first.
nfalg_unload() {
	local m
	for m in $(nfalg_modules | sort -r); do
		[ "$m" = nfalg ] && continue
		rmmod "$m" || return 1
	done
	if lsmod | grep -q '^nfalg '; then
		rmmod nfalg || return 1
	fi
}

# netns_add NAME...: create namespaces (removed at exit) with lo up.
netns_add() {
	local ns
	for ns in "$@"; do
		ip netns add "$ns" || return 1
		__netns+=("$ns")
		ip -n "$ns" link set lo up
	done
}

# Three hosts on two links, documentation address ranges only:
#   $CLI  192.0.2.2/24    2001:db8:1::2/64   (default route via the router)
#   $RTR  192.0.2.1/24    2001:db8:1::1/64   (forwarding)
#         198.51.100.1/24 2001:db8:2::1/64
#   $SRV  198.51.100.2/24 2001:db8:2::2/64   (default route via the router)
# The router runs as routers do: conntrack accounting and timestamps on,
# and a conntrack event listener attached (router_listener), so that every
# entry carries the extensions these add and ext reallocation bugs show.
# NFALG_PLAIN_ROUTER=1 leaves all three off.
# A test marked "# fixture: router" (a line of its own) that calls it
# without SUFFIX takes, when run.sh gives it one (NFALG_FIXTURE=SUFFIX),
# the shared router run.sh built and reset for it instead of building
# its own (see run.sh: the three namespaces, the router's extras and the
# modules loaded stay from one such test to the next). Such a test
# leaves the namespaces as it found them (sysctls and nfalg parameters
# included: run.sh neither resets nor compares those), but for the
# processes, nft rulesets, conntrack entries and nfalg configuration
# run.sh resets.
topo_router() {
	local sfx=${1:-$$} adopt=
	if [ -z "${1:-}" ] && [ -n "${NFALG_FIXTURE:-}" ]; then
		sfx=$NFALG_FIXTURE adopt=1
	fi
	CLI=cli-$sfx
	RTR=rtr-$sfx
	SRV=srv-$sfx
	CLI4=192.0.2.2 RTR4C=192.0.2.1 RTR4S=198.51.100.1 SRV4=198.51.100.2
	CLI6=2001:db8:1::2 RTR6C=2001:db8:1::1 RTR6S=2001:db8:2::1 SRV6=2001:db8:2::2
	if [ -n "$adopt" ]; then
		ip netns list | grep -q "^$RTR\b" || return 1
		log "in the shared router $RTR (run.sh's fixture)"
		return 0
	fi
	netns_add "$CLI" "$RTR" "$SRV" || return 1
	ip -n "$CLI" link add eth0 type veth peer name eth0c netns "$RTR"
	ip -n "$SRV" link add eth0 type veth peer name eth0s netns "$RTR"
	ip netns exec "$RTR" sysctl -qw net.ipv4.ip_forward=1 \
		net.ipv6.conf.all.forwarding=1
	local ns
	for ns in "$CLI" "$RTR" "$SRV"; do
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0
	done
	ip -n "$CLI" addr add $CLI4/24 dev eth0
	ip -n "$CLI" addr add $CLI6/64 dev eth0 nodad
	ip -n "$RTR" addr add $RTR4C/24 dev eth0c
	ip -n "$RTR" addr add $RTR6C/64 dev eth0c nodad
	ip -n "$RTR" addr add $RTR4S/24 dev eth0s
	ip -n "$RTR" addr add $RTR6S/64 dev eth0s nodad
	ip -n "$SRV" addr add $SRV4/24 dev eth0
	ip -n "$SRV" addr add $SRV6/64 dev eth0 nodad
	for ns in "$CLI:eth0" "$RTR:eth0c" "$RTR:eth0s" "$SRV:eth0"; do
		ip -n "${ns%%:*}" link set "${ns##*:}" up
	done
	ip -n "$CLI" route add default via $RTR4C
	ip -n "$CLI" -6 route add default via $RTR6C
	ip -n "$SRV" route add default via $RTR4S
	ip -n "$SRV" -6 route add default via $RTR6S
	[ "${NFALG_PLAIN_ROUTER:-0}" = 1 ] || router_extras "$RTR"
}

# rtp_counters NS:PORT...: count the UDP packets namespace NS receives at
# PORT (counter "media") and at PORT + 2 (counter "moved", where a SIP
# re-INVITE moves a call's audio): the RTP of the SIP tests
rtp_counters() {
	local ns
	for ns; do
		ip netns exec "${ns%%:*}" nft -f - <<-EOF || return 1
		table inet rtp {
			counter media { }
			counter moved { }
			chain in {
				type filter hook input priority 0;
				udp dport ${ns##*:} counter name media
				udp dport $((${ns##*:} + 2)) counter name moved
			}
		}
		EOF
	done
}

# rtp_in NS [moved]: RTP packets NS received since the last rtp_reset
rtp_in() {
	ip netns exec "$1" nft list counter inet rtp "${2:-media}" |
		awk '/packets/ { print $2 }'
}

# rtp_reset: the RTP counters of $CLI and $SRV back to zero
rtp_reset() {
	local ns c
	for ns in "$CLI" "$SRV"; do
		for c in media moved; do
			ip netns exec "$ns" nft reset counter inet rtp $c > /dev/null
		done
	done
}

# sip_router PROTO WITH_HELPER [dnat]: the router's rules for the SIP
# tests: SIP (PROTO udp or tcp, port 5060) from the client side, with the
# helper nfalg-sip when WITH_HELPER is 1; masquerade toward the server,
# or (dnat) the callee published on $RTR4C/$RTR6C port 5060 with no
# source NAT
sip_router() {
	local p=$1 set= nat='oifname eth0s masquerade' dnat=
	[ "$2" = 1 ] && set="$p dport 5060 ct state new ct helper set \"sip$p\""
	if [ "${3:-}" = dnat ]; then
		nat=
		dnat="iifname eth0c ip daddr $RTR4C $p dport 5060 dnat ip to $SRV4
			iifname eth0c ip6 daddr $RTR6C $p dport 5060 dnat ip6 to $SRV6"
	fi
	alg_router "ct helper sip$p { type \"nfalg-sip\" protocol $p; l3proto inet; }" \
		"$set" "iifname eth0c $p dport 5060 ct state new accept" "$nat" "$dnat"
}

# lose_first NS MATCH: namespace NS drops the first packet of each
# connection that MATCH (nft) selects, on input (a segment lost after the
# router, once); lost NS: how many it has dropped
lose_first() {
	ip netns exec "$1" nft -f - <<-NFT
	table inet lose {
		counter lost { }
		chain in {
			type filter hook input priority 0;
			$2 ct mark & 1 == 0 ct mark set ct mark | 1 counter name lost drop
		}
	}
	NFT
}
lost() {
	ip netns exec "$1" nft list counter inet lose lost | awk '/packets/ { print $2 }'
}

# lossy_link PERCENT: the link between the router and the server (topo_router)
# loses PERCENT % of the packets each way (tc netem); lossy_link 0 ends it.
lossy_link() {
	local l ns dev
	for l in "$RTR:eth0s" "$SRV:eth0"; do
		ns=${l%%:*} dev=${l##*:}
		ip netns exec "$ns" tc qdisc del dev "$dev" root 2> /dev/null
		[ "$1" = 0 ] && continue
		ip netns exec "$ns" tc qdisc add dev "$dev" root netem loss "$1%" ||
			return 1
	done
}

# impair add [LOSS] | del: tc netem on both ends of both links of
# topo_router (5 ms delay, LOSS % loss (default 5), 5 % duplication, 25 %
# reordering), or none
impair() {
	local l
	for l in "$CLI:eth0" "$SRV:eth0" "$RTR:eth0s" "$RTR:eth0c"; do
		ip netns exec "${l%%:*}" tc qdisc del dev "${l##*:}" root 2> /dev/null
		[ "$1" = add ] || continue
		ip netns exec "${l%%:*}" tc qdisc add dev "${l##*:}" root netem \
			delay 5ms loss "${2:-5}%" duplicate 5% reorder 25% || return 1
	done
}

# router_extras NS: accounting, timestamps and an event listener in NS
router_extras() {
	modprobe nf_conntrack || return 1
	ip netns exec "$1" sysctl -qw net.netfilter.nf_conntrack_acct=1 ||
		return 1
	# a kernel built without CONFIG_NF_CONNTRACK_TIMESTAMP has no such
	# switch (the debug lane's had none before 2 December 2026)
	[ ! -e /proc/sys/net/netfilter/nf_conntrack_timestamp ] ||
		ip netns exec "$1" sysctl -qw net.netfilter.nf_conntrack_timestamp=1 ||
		return 1
	router_listener "$1"
}

# router_listener NS: a conntrack event listener in NS (as conntrackd or
# ulogd would be), until the test ends (or kill $listener_pid); returns
# once it listens.
router_listener() {
	ip netns exec "$1" conntrack -E -o timestamp > /dev/null 2>&1 &
	listener_pid=$!
	defer kill $listener_pid
	# subscribed: a netfilter (protocol 12) netlink socket with groups
	for _ in $(seq 50); do
		ip netns exec "$1" awk '$2 == 12 && $4 != "00000000" { f = 1 }
			END { exit !f }' /proc/net/netlink && return 0
		sleep 0.1
	done
	echo "no conntrack event listener in $1" >&2
	return 1
}

# alg_router OBJECTS SET NEW [POST [DNAT]]: the router namespace's whole
# ruleset for an ALG test, one inet table: the "ct helper" OBJECTS, SET
# the prerouting rules attaching them (empty: no helper), forwarding
# dropped except established/related and NEW (the client-side rules that
# accept new connections), POST the nat postrouting rules (default:
# masquerade toward the server), DNAT the nat prerouting rules.
alg_router() {
	ip netns exec "$RTR" nft -f - <<-NFT
	flush ruleset
	table inet t {
		$1
		chain c_dnat {
			type nat hook prerouting priority -100;
			${5:-}
		}
		chain c_pre {
			type filter hook prerouting priority 0;
			$2
		}
		chain c_fwd {
			type filter hook forward priority 0; policy drop;
			ct state established,related accept
			$3
		}
		chain c_post {
			type nat hook postrouting priority 100;
			${4-oifname eth0s masquerade}
		}
	}
	NFT
}
