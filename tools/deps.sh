#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the Debian packages nfalg needs to build and to test itself in a
# VM. Idempotent: installs only what is missing. Needs root (apt-get); as
# another user it names what is missing and fails.
set -euo pipefail

pkgs=(
	# build
	build-essential linux-headers-amd64 libmnl-dev pkg-config sparse
	# style and the debug kernel lane
	linux-source-6.1 bc bison flex libelf-dev libssl-dev dwarves rsync
	# VM harness
	linux-image-amd64 qemu-system-x86 busybox-static cpio kmod file xz-utils zstd
	# selftests: tools inside the guest (the guest sees this machine's root)
	iproute2 nftables conntrack python3 python3-scapy iputils-ping
	tcpdump util-linux procps psmisc socat
	# selftests: ALG peers (FTP and TFTP servers and clients)
	python3-pyftpdlib curl tftpd-hpa tftp-hpa
	# selftests/dp_icmp.sh: the CT target attaches nfalg-icmp (nft ct helper
	# objects take only tcp and udp)
	iptables
	# selftests/stress.sh traffic
	iperf3
	# selftests/alg_traceroute.sh
	traceroute
	# selftests/alg_snmp.sh: snmpget, snmpgetnext, snmpbulkget, snmpset,
	# snmptrap, snmpinform (net-snmp)
	snmp libnetsnmptrapd40
	# selftests/alg_dns.sh: a DNS server and client
	dnsmasq-base bind9-dnsutils
	# selftests/alg_sip.sh: SIPp, caller and callee with RTP from a pcap
	sip-tester
	# selftests/alg_rpc.sh: the libraries of rpcbind, rpcinfo and
	# rpc.statd, unpacked below (libtirpc3 pulls in libtirpc-common's
	# /etc/netconfig)
	libtirpc3 libwrap0 libcap2
	# selftests/alg_dcerpc.sh: Samba's libraries for samba-dcerpcd and
	# rpcclient, unpacked below (the unpacked binaries find Samba's
	# private libraries through their RUNPATH), and impacket's DCE RPC
	# client (impacket-rpcdump, epm)
	samba-libs libsmbclient python3-impacket
	# parser tests and fuzzing
	clang libclang-rt-14-dev
	# make bench-parsers: instructions per message (callgrind)
	valgrind
	# packaging (make deb, make dkms-install, tools/pkg-test.sh): Debian
	# package tools, DKMS, lintian, the man page check (man --warnings needs
	# groff) and the completion test (bash-completion)
	dkms debhelper dh-dkms lintian man-db groff bash-completion
)

# Test peers that must not be installed: rsh-server would enable inetd
# services (rshd, rexecd, rlogind) on this machine. Their packages are
# unpacked under /opt/nfalg/peers/<package>/ instead, where only the
# selftests (in the VM) run them.
peers=(
	# selftests/alg_rsh.sh: netkit in.rshd, in.rexecd, in.rlogind; rsh
	rsh-server rsh-client
	# selftests/alg_snmp.sh: net-snmp's agent and trap receiver (their
	# packages would start both daemons on this machine)
	snmpd snmptrapd
	# selftests/alg_rpc.sh: rpcbind and rpcinfo (package rpcbind), and
	# rpc.statd, a real RPC service registering with it (package
	# nfs-common); both packages would start their daemons
	rpcbind nfs-common
	# selftests/alg_dcerpc.sh: samba-dcerpcd with its rpcd_* services
	# (package samba-common-bin) and rpcclient (package smbclient).  They
	# start nothing, but installing them would pull in samba-common (an
	# /etc/samba/smb.conf) and python3-samba; unpacked, they run against
	# the installed samba-libs, which must be of the very same version
	# (peer_lib below)
	samba-common-bin smbclient
)
peer_dir=/opt/nfalg/peers
# peer_lib PEER: the installed package whose version PEER's unpacked
# binaries must match (Samba's private libraries are versioned by release),
# or nothing.  Such a peer is unpacked at that version, which its
# .unpacked records, and unpacked again when the library changes.
peer_lib() {
	case "$1" in
	samba-common-bin | smbclient) echo samba-libs ;;
	esac
}
installed_version() {
	dpkg-query -W -f '${Version}' "$1" 2> /dev/null || true
}

missing=()
for p in "${pkgs[@]}"; do
	case "$p" in \#*) continue ;; esac
	if ! dpkg-query -W -f '${Status}\n' "$p" 2> /dev/null | grep -q '^install ok installed$'; then
		missing+=("$p")
	fi
done
missing_peers=()
for p in "${peers[@]}"; do
	case "$p" in \#*) continue ;; esac
	if [ ! -e "$peer_dir/$p/.unpacked" ]; then
		missing_peers+=("$p")
	elif lib=$(peer_lib "$p") && [ -n "$lib" ] &&
		[ "$(cat "$peer_dir/$p/.unpacked")" != "$(installed_version "$lib")" ]; then
		missing_peers+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && [ ${#missing_peers[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
	[ ${#missing[@]} -eq 0 ] ||
		echo "nfalg: missing Debian packages: ${missing[*]}" >&2
	[ ${#missing_peers[@]} -eq 0 ] ||
		echo "nfalg: test peers not unpacked in $peer_dir: ${missing_peers[*]}" >&2
	echo "nfalg: run tools/deps.sh as root" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
	echo "nfalg: installing ${missing[*]}"
	apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
for p in "${missing_peers[@]}"; do
	echo "nfalg: unpacking $p into $peer_dir/$p"
	tmp=$(mktemp -d)
	lib=$(peer_lib "$p") ver=
	[ -z "$lib" ] || ver=$(installed_version "$lib")
	(cd "$tmp" && apt-get download -q "$p${ver:+=$ver}" > /dev/null 2>&1) ||
		{ echo "nfalg: cannot download $p${ver:+ $ver (the version of the installed $lib: upgrade $lib)}" >&2
		  rm -rf "$tmp"; exit 1; }
	rm -rf "${peer_dir:?}/$p"
	mkdir -p "$peer_dir/$p"
	dpkg -x "$tmp"/"$p"_*.deb "$peer_dir/$p"
	echo "$ver" > "$peer_dir/$p/.unpacked"
	rm -rf "$tmp"
done
