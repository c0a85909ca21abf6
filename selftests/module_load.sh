#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# nfalg.ko loads and unloads cleanly, 20 times in a row, with its genl
# family appearing and disappearing with it; every ALG module loads, also
# next to the in-tree helpers of the same protocols, also those opening no
# pinholes.  The paths lane cycles the core 5 times instead of 20.
. "$(dirname "$0")/lib.sh"

family_present() {
	"$NFALG" status > /dev/null 2>&1
}

cycles=20
full "15 of the 20 load/unload cycles" || cycles=5
n=0
for i in $(seq 1 "$cycles"); do
	nfalg_load || break
	family_present || { log "family missing after load $i"; break; }
	nfalg_unload || break
	family_present && { log "family still there after unload $i"; break; }
	n=$i
done
check "$cycles load/unload cycles" "$cycles" "$n"

# The in-tree ftp and tftp helpers and ours load side by side (conntrack
# refuses two helpers of one protocol on the same tuple port).
ok "in-tree ftp and tftp helpers load" -- modprobe -a nf_conntrack_ftp nf_conntrack_tftp
ok "nfalg_ftp loads next to nf_conntrack_ftp" -- nfalg_insmod nfalg_ftp
ok "nfalg_tftp loads next to nf_conntrack_tftp" -- nfalg_insmod nfalg_tftp
want=0 got=0
for ko in "$NFALG_TOP"/kernel/algs/nfalg_*.ko; do
	want=$((want + 1))
	m=$(basename "$ko" .ko)
	lsmod | grep -q "^$m " || nfalg_insmod "$m" || continue
	got=$((got + 1))
done
check "every ALG module loads ($want)" "$want" "$got"
check "ALG modules found" 1 $((want >= 7))
# The ALGs that open no pinholes register with none (max_pinholes 0): their
# helpers exist, nftables can use them.
netns_add "ml-$$" || bail "netns failed"
ok "helpers of the ALGs without pinholes usable from nftables" -- \
	ip netns exec "ml-$$" nft -f - <<-'NFT'
	table inet t {
		ct helper dns { type "nfalg-dns" protocol udp; l3proto inet; }
		ct helper snmp { type "nfalg-snmp" protocol udp; l3proto inet; }
		ct helper trace { type "nfalg-trace" protocol udp; l3proto inet; }
	}
NFT
# (the helper objects pin their modules)
ok "helper objects removed" -- ip netns exec "ml-$$" nft delete table inet t
ok "and unloads" -- nfalg_unload
ok "in-tree helpers unload" -- modprobe -r nf_conntrack_ftp nf_conntrack_tftp
finish
