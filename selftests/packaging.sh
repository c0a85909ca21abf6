#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The Debian packages on a router (this guest's root is a throw-away
# overlay): dpkg -i of nfalg-dkms and nfalg, modprobe nfalg from DKMS's
# location, nfalg.service's commands as the installed unit file has them
# (good file, changed file on reload, bad file on reload keeps the running
# configuration and names its line, stop flushes), the bash completion's
# object names from the kernel, dpkg --purge.
# Needs the packages of "make deb" in NFALG_PKG_DIR; tools/pkg-test.sh runs
# it, with NFALG_PKG_TARBALL the host's DKMS build (Documentation/install.md).
. "$(dirname "$0")/lib.sh"

# Opt-in: only tools/pkg-test.sh (which builds the packages) sets it, so
# make check's run of every selftest skips this one.
[ -n "${NFALG_PKG_DIR:-}" ] || skip "NFALG_PKG_DIR not set (tools/pkg-test.sh runs this test)"
dir=$NFALG_PKG_DIR
dkms_deb=$(ls "$dir"/nfalg-dkms_*_all.deb 2> /dev/null | tail -n 1)
cli_deb=$(ls "$dir"/nfalg_*_amd64.deb 2> /dev/null | tail -n 1)
[ -n "$dkms_deb" ] && [ -n "$cli_deb" ] || skip "no packages in $dir (tools/pkg-test.sh builds them)"
require_cmd dpkg dkms
kver=$(uname -r)
unit=/lib/systemd/system/nfalg.service
conf=/etc/nfalg/nfalg.conf

if [ -n "${NFALG_PKG_TARBALL:-}" ] && [ -r "$NFALG_PKG_TARBALL" ]; then
	# DKMS's own way to hand a package prebuilt modules: its postinst
	# loads this archive (dkms ldtarball) instead of compiling
	mkdir -p /usr/share/nfalg-dkms
	cp "$NFALG_PKG_TARBALL" /usr/share/nfalg-dkms/
	log "modules: the host's DKMS build ($(basename "$NFALG_PKG_TARBALL"))"
else
	log "modules: compiled by the package's postinst in this guest"
fi
# DKMS's install looks for modules of the same name by walking all of
# /lib/modules/$kver, twice for each of the 11 modules, and depmod reads the
# whole tree: about a second on a router, but here that tree is the host's,
# over 9p under emulation, where one walk takes half a minute and dpkg -i
# outlived the test's time limit. The guest gets a tmpfs /lib/modules/$kver
# with the kernel's index files, its build link and the modules nfalg's
# modules depend on (modprobe --show-depends), which is all that dpkg -i,
# depmod and modprobe act on here.
small_module_tree() {
	local ko stage deps files f
	ko=$(mktemp -d)
	if [ -n "${NFALG_PKG_TARBALL:-}" ] && [ -r "$NFALG_PKG_TARBALL" ]; then
		tar -xzf "$NFALG_PKG_TARBALL" -C "$ko" --wildcards '*.ko'
	else
		cp "${NFALG_KO_DIR:-/nonexistent}"/nfalg*.ko "$ko"/ 2> /dev/null
	fi
	deps=$(find "$ko" -name '*.ko' -exec modinfo -F depends {} \; | tr ',' '\n' |
		grep -v '^nfalg' | sed '/^$/d' | sort -u)
	rm -rf "$ko"
	[ -n "$deps" ] || { log "no built modules to read dependencies from: the full module tree"; return 0; }
	# shellcheck disable=SC2086
	files=$(modprobe --show-depends -a $deps | awk '$1 == "insmod" { print $2 }' | sort -u)
	[ -n "$files" ] || bail "modprobe --show-depends $deps: nothing"
	stage=/run/nfalg-modules
	mkdir -p "$stage"
	cp -a /lib/modules/"$kver"/modules.* /lib/modules/"$kver"/build \
		/lib/modules/"$kver"/source "$stage"/ || bail "cannot copy the module index"
	for f in $files; do
		mkdir -p "$stage/$(dirname "${f#/lib/modules/"$kver"/}")"
		cp "$f" "$stage/${f#/lib/modules/"$kver"/}" || bail "cannot copy $f"
	done
	mount --bind "$stage" /lib/modules/"$kver" || bail "cannot mount the module tree"
	log "module tree: the index and $(wc -w <<< "$files") modules ($(tr '\n' ' ' <<< "$deps"))"
}
small_module_tree
defer "umount /lib/modules/$kver"
# man-db's dpkg trigger rebuilds the whole man page index, minutes over 9p
# under emulation: not what is tested here (this guest's root is a
# throw-away overlay)
rm -f /var/lib/man-db/auto-update
defer "dpkg --purge nfalg nfalg-dkms"
# no terminal: debconf (sourced by DKMS's postinst) asks nothing
export DEBIAN_FRONTEND=noninteractive
ok "dpkg -i nfalg-dkms nfalg" -- dpkg -i "$dkms_deb" "$cli_deb"
check "both packages installed" "install ok installed
install ok installed" "$(dpkg-query -W -f '${Status}\n' nfalg nfalg-dkms)"
check "dkms: installed for $kver" 1 "$(dkms status -m nfalg -k "$kver" | grep -c ': installed')"
ok "the package's files are in place" -- test -x /usr/sbin/nfalg -a -r $unit -a -r $conf \
	-a -r /usr/share/bash-completion/completions/nfalg -a -r /usr/share/man/man8/nfalg.8.gz \
	-a -r /usr/lib/modules-load.d/nfalg.conf

ok "modprobe nfalg" -- modprobe nfalg
check "nfalg.ko loaded from DKMS's location" "/lib/modules/$kver/updates/dkms/nfalg.ko" \
	"$(modinfo -n nfalg)"
check "nfalg_ftp from there too" "/lib/modules/$kver/updates/dkms/nfalg_ftp.ko" \
	"$(modinfo -n nfalg_ftp)"

# unit_cmd KEY: the command line of KEY= in the installed unit
unit_cmd() {
	sed -n "s/^$1=//p" "$unit"
}
run_unit() {
	local c
	c=$(unit_cmd "$1")
	[ -n "$c" ] || { echo "no $1= in $unit"; return 1; }
	# a leading '-' (ignore failure) is not used by this unit
	read -r -a argv <<< "$c"
	"${argv[@]}"
}
check "ExecStart loads $conf" "/usr/sbin/nfalg -f $conf" "$(unit_cmd ExecStart)"
check "ExecReload loads it again" "/usr/sbin/nfalg -f $conf" "$(unit_cmd ExecReload)"

ok "ExecStartPre loads every module of modules-load.d" -- run_unit ExecStartPre
want=$(grep -v '^#' /usr/lib/modules-load.d/nfalg.conf | sed '/^$/d' | sort | tr '\n' ' ')
check "lsmod: core and every ALG" "$want" "$(nfalg_modules | sort | tr '\n' ' ')"

cat > $conf << 'EOF'
# a router's configuration
application my-ftp protocol tcp destination-port 2121 application-protocol ftp
application-set files my-ftp junos-ftp
rule lan match-direction input term t1 from source-address 192.0.2.0/24 application-set files then accept
service-set inside interface eth1 rule lan
EOF
ok "ExecStart: the good file loads" -- run_unit ExecStart
check "show config is the file" "application my-ftp protocol tcp destination-port 2121 application-protocol ftp
application-set files my-ftp junos-ftp
rule lan match-direction input term t1 from source-address 192.0.2.0/24 application-set files then accept
service-set inside interface eth1 rule lan" "$(/usr/sbin/nfalg show config)"

# completion of object names read from the kernel, with the packaged file
comp() {
	"$NFALG_TOP/selftests/complete.bash" /usr/share/bash-completion/completions/nfalg "$1"
}
check "completion: application show offers the user's names" "my-ftp" \
	"$(comp 'nfalg application show m')"
expect_output "completion: application show lists the junos-* defaults" '(^| )junos-http( |$)' -- \
	comp 'nfalg application show '
check "completion: application del offers only user applications" "my-ftp" \
	"$(comp 'nfalg application del ')"
check "completion: set members are applications and sets" "files" \
	"$(comp 'nfalg application-set add x f')"
check "completion: rule names" "lan" "$(comp 'nfalg service-set add s interface eth2 rule ')"
check "completion: service-set names" "inside" "$(comp 'nfalg service-set del ')"
check "completion: applications in a rule term" "my-ftp" \
	"$(comp 'nfalg rule add r match-direction input term t application my')"

gen() {
	/usr/sbin/nfalg -j status | python3 -c 'import json,sys; print(json.load(sys.stdin)["generation"])'
}
echo "rule lan2 match-direction output term t1 then discard" >> $conf
sed -i 's/rule lan$/rule lan rule lan2/' $conf
sed -i '/^service-set/d' $conf
echo "service-set inside interface eth1 rule lan rule lan2" >> $conf
ok "ExecReload: the changed file applies" -- run_unit ExecReload
expect_output "the new rule is in force" '^service-set inside interface eth1 rule lan rule lan2$' -- \
	/usr/sbin/nfalg show config
g0=$(gen)
before=$(/usr/sbin/nfalg show config)
cp $conf /tmp/good.conf
sed -i 's/application-set files my-ftp junos-ftp/application-set files my-ftp no-such-app/' $conf
err=$(run_unit ExecReload 2>&1)
rc=$?
check "ExecReload of a bad file fails (status 1)" 1 "$rc"
expect_output "it names the file and line" "^nfalg: $conf:3: .*no-such-app" -- echo "$err"
expect_output "and says nothing changed" "not loaded, the configuration is unchanged" -- echo "$err"
check "the running configuration is the old one" "$before" "$(/usr/sbin/nfalg show config)"
check "the generation did not move" "$g0" "$(gen)"

check "ExecStop flushes" "/usr/sbin/nfalg flush" "$(unit_cmd ExecStop)"
ok "ExecStop runs" -- run_unit ExecStop
check "nothing configured after stop" "" "$(/usr/sbin/nfalg show config)"

ok "modules unload" -- nfalg_unload
ok "dpkg --purge nfalg nfalg-dkms" -- dpkg --purge nfalg nfalg-dkms
check "DKMS removed the modules" "" "$(ls /lib/modules/"$kver"/updates/dkms/ 2> /dev/null | grep nfalg)"
check "dkms forgot nfalg" "" "$(dkms status -m nfalg)"
ok "modprobe finds no nfalg any more" -- __must_fail modprobe -n nfalg
ok "purge removed /etc/nfalg" -- test ! -e /etc/nfalg/nfalg.conf
finish
