# SPDX-License-Identifier: GPL-2.0
#
# nfalg top-level Makefile.
#
#   make              build the kernel modules and the nfalg CLI
#   make check        install what is missing, build, run unit tests and every
#                     selftest inside a QEMU guest; prints "N passed, N failed"
#   make check-debug  the same selftests on a debug kernel built here (KASAN,
#                     UBSAN, lockdep, kmemleak); see Documentation/testing.md
#   make demo         boot a VM router between a client and a server namespace
#   make style        checkpatch on our kernel sources
#   make bench-parsers instructions per message of every ALG parser (callgrind)
#   make bench-memory  bytes nfalg adds to a conversation (pahole)
#   make bench-scale   connection setup with 10 to 10,000 rules, bulk
#                     throughput of the basic ALGs, keepalive CPU (one VM)
#   make bench        bench-parsers, bench-memory, the FTP benchmark and
#                     bench-scale; see Documentation/benchmarks.md
#   make install      install modules and the CLI on this machine
#
# KDIR selects the kernel tree to build against; by default the newest
# Debian linux-headers-*-amd64 installed here (the guest kernel of the VM).

KDIR ?= $(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64)))
KVER ?= $(patsubst linux-headers-%,%,$(notdir $(KDIR)))
BUILD ?= $(CURDIR)/build
PREFIX ?= /usr/local

# Exported only when known: on a fresh machine the headers arrive with
# tools/deps.sh (make deps, demo, check), and the make that builds the
# modules afterwards must look for them again rather than inherit an empty
# KDIR from this one.
ifneq ($(KDIR),)
export KDIR KVER
endif
export BUILD

.PHONY: all modules cli unit check demo style deps install modules_install \
	clean vm-shell fuzz bench bench-parsers bench-memory bench-scale
.PHONY: check-debug

all: modules cli

modules:
	@test -n "$(KDIR)" -a -d "$(KDIR)" || \
		{ echo "nfalg: no kernel headers; run 'make deps' or pass KDIR=" >&2; exit 2; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

cli:
	$(MAKE) -C tools/nfalg

unit:
	$(MAKE) -C tests/unit run

deps:
	tools/deps.sh

check:
	tools/check.sh

check-debug:
	tools/check-debug.sh

bench:
	tools/bench/run

bench-parsers:
	tools/bench/parsers/run

bench-memory:
	tools/bench/memory/run

bench-scale:
	tools/bench/run-scale

demo:
	tools/demo.sh

vm-shell: all
	tools/vm/run --interactive

style:
	tools/style.sh

fuzz:
	$(MAKE) -C tools/fuzz run FUZZ_SECONDS=$(or $(FUZZ_SECONDS),60)

install: modules_install
	install -D -m 0755 tools/nfalg/nfalg $(DESTDIR)$(PREFIX)/sbin/nfalg

modules_install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install

clean:
	$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null || true
	$(MAKE) -C tools/nfalg clean
	$(MAKE) -C tests/unit clean
	rm -rf $(BUILD)

# Installing on a router (Documentation/install.md): the modules under DKMS
# from this checkout, or the Debian packages nfalg and nfalg-dkms.
.PHONY: dkms-install dkms-uninstall deb pkg-test
dkms-install:
	tools/dkms.sh install $(DKMS_KERNELS)

dkms-uninstall:
	tools/dkms.sh remove

deb:
	tools/mkdeb.sh

pkg-test:
	tools/pkg-test.sh
