# mk/bench.mk - native benchmarks of kernel code on the host: -O2, no
# sanitizers, so the numbers mean something.  Included by the top-level
# Makefile after mk/tests.mk (it reuses HOST_HEADERS).
#
#   make bench-host     build and run every host benchmark
#
# Lab functions come from LABS / STUB_LAB like everywhere else, so
# `make bench-host LABS=labs` times the student's code.

BENCH_BUILD := $(BUILD_ROOT)/bench$(if $(filter-out solutions,$(LABTAG)),-$(LABTAG))
BENCH_CFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
	-Itests/host/shim -Itests/host -Iarch/x86_64/include -Ilib/include \
	-Iphase1-vma/include -DKERNEL_DEBUG=0 -DHOST_TEST=1

BENCH_VMA_TREE_SRCS := tests/bench/bench_vma_tree.c phase1-vma/mm/vma_tree.c \
	phase1-vma/mm/vma_range.c tests/host/shim/shim.c tests/host/shim/vma_alloc_shim.c \
	$(foreach f,lab1_find_vma.c lab2_unmapped_area.c lab3_split_vma.c lab4_vma_merge.c,$(call lab_source,$(f)))

$(BENCH_BUILD)/bench_vma_tree: $(BENCH_VMA_TREE_SRCS) $(HOST_HEADERS)
	$(call say,HOSTCC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(BENCH_CFLAGS) -o $@ $(BENCH_VMA_TREE_SRCS)

.PHONY: bench-host
bench-host: $(BENCH_BUILD)/bench_vma_tree
	$(Q)$(BENCH_BUILD)/bench_vma_tree

# ---- make bench --------------------------------------------------------------
# tests/user/bench_mm.c, one static musl binary, inside the phase-PHASE kernel
# built without debug checks (DEBUG=0) and as /init of Debian's Linux, both
# under the same QEMU with -icount shift=0 (rdtsc counts instructions); one
# table of both, also written to build/bench.md.  tools/bench.py fetches
# Linux once (apt-get download) into build/linux and says so when it cannot.
#
#   make bench            both columns and the ratios
#   make bench-usmm       usmm's column alone
#   make bench-linux      Linux's column alone
#   BENCH_MAX_TIER=1000   skip the larger VMA counts (a quick run)
BENCH_PHASE_BUILD := $(BUILD_ROOT)/phase$(PHASE)$(if $(filter-out solutions,$(LABTAG)),-$(LABTAG))-nodebug
BENCH_MAX_TIER ?= 1000000
BENCH_RUN = $(PYTHON) tools/bench.py --qemu "$(QEMU)" --binary $(USER_BUILD)/ramdisk/bench_mm \
	--kernel $(BENCH_PHASE_BUILD)/kernel32.elf --max-tier $(BENCH_MAX_TIER) \
	--linux-cache $(BUILD_ROOT)/linux --log-dir $(BUILD_ROOT)/logs --markdown $(BUILD_ROOT)/bench.md

.PHONY: bench bench-usmm bench-linux bench-kernel-build
bench-kernel-build: deps
	$(Q)$(MAKE) --no-print-directory DEBUG=0 PHASE=$(PHASE) kernel
	@echo "bench: phase $(PHASE) kernel, DEBUG=0; QEMU -icount shift=0,align=off,sleep=off -cpu max,-erms"

bench: bench-kernel-build
	$(Q)$(BENCH_RUN)

bench-usmm: bench-kernel-build
	$(Q)$(BENCH_RUN) --no-linux

bench-linux: bench-kernel-build
	$(Q)$(BENCH_RUN) --no-usmm

# ---- make bench-fs -----------------------------------------------------------
# tests/user/bench_fs.c: a 64 MiB file written and read back (wall clock,
# QEMU without -icount, on a copy of the disk image), instructions per
# cached 4 KiB read() and write() (-icount); then the same program built
# with plain musl-gcc on this host's Linux, in build/ (cycles there, and a
# real disk with a page cache: the comparison is the point, not a race).
BENCH_DISK := $(BUILD_ROOT)/bench/bench-disk.img

.PHONY: bench-fs
bench-fs: deps
	$(Q)$(MAKE) --no-print-directory DEBUG=0 PHASE=$(PHASE) kernel
	$(Q)$(MAKE) --no-print-directory disk
	@mkdir -p $(BUILD_ROOT)/bench
	$(Q)cp --sparse=always $(DISK_IMAGE) $(BENCH_DISK)
	@echo "bench: files, phase $(PHASE) kernel, DEBUG=0: 64 MiB, wall clock (QEMU without -icount)"
	$(Q)$(PYTHON) tools/qemu-run.py --qemu "$(QEMU)" -- $(QEMU_BASE) -serial mon:stdio \
	    -drive file=$(BENCH_DISK),format=raw,if=ide,index=1 \
	    -kernel $(BENCH_PHASE_BUILD)/kernel32.elf -append "quiet -- run bench_fs wall"
	@echo "bench: instructions per 4 KiB, QEMU -icount shift=0 (the data goes to the page cache; the inode's new times reach the disk before the call returns)"
	$(Q)$(PYTHON) tools/qemu-run.py --qemu "$(QEMU)" -- $(QEMU_BASE) -serial mon:stdio \
	    -drive file=$(BENCH_DISK),format=raw,if=ide,index=1 -icount shift=0,align=off,sleep=off \
	    -kernel $(BENCH_PHASE_BUILD)/kernel32.elf -append "quiet -- run bench_fs instr"
	$(Q)$(MUSL_CC) -static -O2 -o $(BUILD_ROOT)/bench/bench_fs_host tests/user/bench_fs.c
	@echo "bench: the same on this host's Linux $$(uname -r), in $(BUILD_ROOT)/bench (cycles, not instructions)"
	$(Q)$(BUILD_ROOT)/bench/bench_fs_host wall $(BUILD_ROOT)/bench
	$(Q)$(BUILD_ROOT)/bench/bench_fs_host instr $(BUILD_ROOT)/bench
	$(Q)rm -f $(BENCH_DISK)
