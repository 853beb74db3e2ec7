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
