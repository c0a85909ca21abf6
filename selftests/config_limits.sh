#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Containers and their limits.  The configuration a request creates is
# charged to the requester's memory cgroup: it shows in the cgroup's
# memory.current after the loader has exited.  (A load that does not fit
# the cgroup's memory.max is not tested here: the loader's own pages share
# the limit, and whether the kernel refuses the load (ENOMEM) or the
# cgroup's OOM killer ends the loader first varies from run to run, 5 to 6
# in 11 tries by hand; an OOM kill logs a call trace, which fails any
# test. Either way the configuration was unchanged.)
# The worst
# configuration an unprivileged user can load from "unshare -Urn" (the
# most application-sets, the most members, nested as deep as they go)
# commits in bounded time (logged, asserted generously).  Application
# numbers are per namespace: a namespace that creates and deletes more
# applications than there used to be numbers for all namespaces does not
# keep a router's conversations from showing their application.
. "$(dirname "$0")/lib.sh"
require_cmd setpriv unshare ping

nfalg_load || bail "cannot load nfalg"
N=$NFALG
d=$(mktemp -d); defer "rm -rf $d"
chmod 755 "$d"

# ---- memory cgroup ----
cg=/sys/fs/cgroup
grep -qw memory "$cg/cgroup.controllers" 2> /dev/null ||
	skip "no cgroup2 memory controller"
echo +memory > "$cg/cgroup.subtree_control" || bail "cannot enable the memory controller"
cg=$cg/nfalg-limits-$$
mkdir "$cg" || bail "cannot create a cgroup"
defer "rmdir $cg"
# 512 sets of 256 members each: 8 MiB of member names in the kernel
python3 - > "$d/mem.conf" <<'EOF'
for i in range(256):
    print("application app-%03d protocol tcp destination-port %d" % (i, 1000 + i))
for s in range(512):
    print("application-set set-%03d " % s + " ".join("app-%03d" % i for i in range(256)))
EOF
in_cg() { sh -c 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"' sh "$cg" "$@"; }
ok "load 512 sets of 256 members from inside a cgroup" -- in_cg "$N" -f "$d/mem.conf"
cur=$(cat "$cg/memory.current")
log "memory.current of the loader's cgroup after it exited: $cur bytes"
check "the configuration is charged to the loader's cgroup (>= 6 MiB)" 1 \
	"$((cur >= 6 * 1024 * 1024))"
ok "flush from outside" -- "$N" flush

# ---- the worst case of an unprivileged user ----
[ -w /proc/sys/kernel/unprivileged_userns_clone ] &&
	echo 1 > /proc/sys/kernel/unprivileged_userns_clone
# every set contains the previous one and 255 applications: the longest
# chain of the most sets, each with the most members
python3 - > "$d/worst.conf" <<'EOF'
NSETS, NMEM = 1024, 256
for i in range(NMEM - 1):
    print("application a%03d protocol udp destination-port %d" % (i, 2000 + i))
prev = None
for s in range(NSETS):
    m = ["a%03d" % i for i in range(NMEM - 1)]
    if prev:
        m.append(prev)
    else:
        m.append("junos-ftp")
    print("application-set s%04d " % s + " ".join(m))
    prev = "s%04d" % s
EOF
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all -- "$@"
}
t0=$(date +%s.%N)
as_nobody unshare -Urn sh -c '"$1" -f "$2" && "$1" -j show config' sh "$N" "$d/worst.conf" > "$d/worst.out" 2> "$d/worst.err"
rc=$?
t1=$(date +%s.%N)
secs=$(echo "$t1 - $t0" | bc)
log "unprivileged worst case (1024 nested sets of 256 members): exit status $rc, $secs s"
check "unshare -Urn: the worst case loads" 0 "$rc"
check "... all 1024 sets of 256 members are there" "1024 262144" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
s = d["application_sets"]
print(len(s), sum(len(x["members"]) for x in s))' "$d/worst.out" 2> /dev/null)"
limit=$(tscale 30)
check "... in less than $limit s" 1 "$(echo "$secs < $limit" | bc)"

# ---- application numbers ----
topo_router || bail "topology failed"
nfalg_insmod nfalg_icmp || bail "cannot load nfalg_icmp"
netns_add "churn-$$"
for r in $(seq 16); do
	awk -v r="$r" 'BEGIN { for (i = 0; i < 4096; i++)
		printf "application r%d-app%d protocol tcp destination-port %d\n", r, i, 1 + i }' > "$d/churn.conf"
	ip netns exec "churn-$$" "$N" -f "$d/churn.conf" || break
done
check "another namespace went through 16 x 4096 applications" 16 "$r"
R="ip netns exec $RTR $N"
ok "router: my-ping, a user application" -- $R -b - <<-EOF
	application add my-ping protocol icmp icmp-type 8 application-protocol icmp
	rule add p match-direction input term t from application my-ping then accept
	service-set add s global rule p
EOF
ok "ping through the router" -- ip netns exec "$CLI" ping -c 2 -i 0.3 -W 5 $SRV4
expect_output "show conversations: the ping flow names application my-ping" \
	"application my-ping " -- $R show conversations
ok "the churning namespace flushes" -- ip netns exec "churn-$$" "$N" flush
expect_output "the router still shows my-ping" "application my-ping " -- \
	$R show conversations
finish
