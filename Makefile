# usmm - a teaching kernel about user-space memory management.
#
#   make phase1 qemu        build the phase-1 kernel and boot it in QEMU
#   make check              every test of every phase, one line each
#   make help               everything else
#
# The phase-N kernel is built in build/phaseN/ from arch/, boot/, lib/, the
# lab functions and phase directories 1..N.  Nothing is built in the source
# tree.

.DEFAULT_GOAL := help
SHELL := /bin/bash

# ---- which phase --------------------------------------------------------
PHASES := 1 2 3
PHASE_DIRS := phase1-vma phase2-mapping phase3-shm-accounting
PHASE_GOALS := $(filter phase1 phase2 phase3,$(MAKECMDGOALS))
ifneq ($(PHASE_GOALS),)
PHASE := $(patsubst phase%,%,$(lastword $(PHASE_GOALS)))
endif
PHASE ?= $(lastword $(PHASES))
ifeq ($(filter $(PHASE),$(PHASES)),)
$(error PHASE=$(PHASE): there are phases $(PHASES))
endif
PHASE_DIR_LIST := $(wordlist 1,$(PHASE),$(PHASE_DIRS))

# ---- tools that must be installed -----------------------------------------
# Every goal but help and clean needs them; tools/ensure-deps.sh installs
# what is missing (Debian/Ubuntu) or names it and fails.  Done while the
# Makefile is read, so that it happens before anything else even with -j;
# sub-makes inherit USMM_DEPS_CHECKED and skip it.
ifeq ($(USMM_DEPS_CHECKED),)
ifneq ($(filter-out help clean handout,$(or $(MAKECMDGOALS),help)),)
DEPS_STATUS := $(shell tools/ensure-deps.sh >&2; echo $$?)
ifneq ($(DEPS_STATUS),0)
$(error missing tools could not be installed (see above))
endif
export USMM_DEPS_CHECKED := 1
endif
endif

# ---- verbosity ----------------------------------------------------------
ifeq ($(V),1)
Q :=
say = @true
else
Q := @
say = @printf '  %-7s %s\n' $(1) $(2)
endif

# ---- tools --------------------------------------------------------------
TOOLPREFIX ?=
CC      := $(TOOLPREFIX)gcc
LD      := $(TOOLPREFIX)ld
AR      := $(TOOLPREFIX)ar
OBJCOPY := $(TOOLPREFIX)objcopy
NM      := $(TOOLPREFIX)nm
NASM    ?= nasm
HOSTCC  ?= gcc
PYTHON  ?= python3
GCC_INCLUDE := $(shell $(CC) -print-file-name=include)
LIBGCC      := $(shell $(CC) -print-libgcc-file-name)

# ---- labs ---------------------------------------------------------------
# LABS chooses where the lab functions come from: solutions/ (the reference,
# the default when it exists) or labs/ (the student's work).  STUB_LAB=N
# takes lab N alone from labs/ and the rest from solutions/ (CI uses it to
# check that each untouched stub fails its own tests).
LABS ?= $(if $(wildcard solutions),solutions,labs)
STUB_LAB ?=
LAB_FILES := $(notdir $(wildcard labs/lab*.c))
lab_source = $(if $(STUB_LAB),$(if $(filter lab$(STUB_LAB)_%,$(1)),labs,solutions),$(LABS))/$(1)
LAB_SRCS := $(foreach f,$(LAB_FILES),$(call lab_source,$(f)))
LABTAG := $(if $(STUB_LAB),stub$(STUB_LAB),$(LABS))

# DEBUG=1 (the default) turns on the kernel's self-checks: slab poisoning
# and pointer checks, page-table and VMA invariant checks (see docs).
DEBUG ?= 1
KERNEL_DEFINES := -DKERNEL_DEBUG=$(DEBUG)
# A debug kernel is built for stepping through in GDB: -Og keeps locals
# visible, -fno-inline keeps every function (read_cr2 too) a function of its
# own, so `break page_fault_handler` stops in page_fault_handler.  The
# DEBUG=0 kernel (benchmarks) is optimised.
KOPT := $(if $(filter 0,$(DEBUG)),-O2,-Og -fno-inline -fno-optimize-sibling-calls)

BUILD_ROOT := build
BUILD := $(BUILD_ROOT)/phase$(PHASE)$(if $(filter-out solutions,$(LABTAG)),-$(LABTAG))$(if $(filter 0,$(DEBUG)),-nodebug)


# ---- compiler flags -----------------------------------------------------
WARN := -Wall -Wextra -Werror -Wno-unused-parameter
KINCLUDES := -Iarch/x86_64/include -Ilib/include $(foreach d,$(PHASE_DIR_LIST),-I$(d)/include)
KCFLAGS := -std=gnu11 $(KOPT) -g $(WARN) -ffreestanding -fno-builtin -nostdinc \
	-isystem $(GCC_INCLUDE) -fno-pic -fno-pie -mcmodel=kernel -mno-red-zone \
	-mgeneral-regs-only -fno-stack-protector -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -fno-strict-aliasing \
	-fno-tree-loop-distribute-patterns -MMD -MP $(KINCLUDES) $(KERNEL_DEFINES)
KNASMFLAGS := -f elf64 -g -F dwarf
KLDFLAGS := -n -nostdlib -z max-page-size=0x1000 -z noexecstack -T arch/x86_64/kernel.ld

# ---- kernel sources -----------------------------------------------------
ARCH_C   := $(wildcard arch/x86_64/*.c)
ARCH_ASM := $(wildcard arch/x86_64/*.asm) boot/boot.asm
LIB_C    := $(wildcard lib/*.c)
# (a phase's vdso/ folder is user code: mk/vdso.mk builds it)
PHASE_C  := $(foreach d,$(PHASE_DIR_LIST),$(shell find $(d) -name '*.c' -not -path '*/vdso/*' 2>/dev/null | sort))
KERNEL_C := $(ARCH_C) $(LIB_C) $(PHASE_C) $(LAB_SRCS)
KOBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(KERNEL_C)) \
	$(patsubst %.asm,$(BUILD)/obj/%.o,$(ARCH_ASM))

KERNEL      := $(BUILD)/kernel.elf
KERNEL32    := $(BUILD)/kernel32.elf
KERNEL_ISO  := $(BUILD)/usmm.iso

-include mk/user.mk
-include mk/disk.mk
-include mk/vdso.mk

# ---- phase goals: `make phase2 qemu` = build phase 2, then run it ------------
.PHONY: phase1 phase2 phase3 kernel
phase1 phase2 phase3: kernel
	@:
# (phases 2 and 3 run their programs from the disk image: it is part of them)
kernel: deps $(KERNEL) $(KERNEL32) $(if $(filter-out 1,$(PHASE)),$(DISK_IMAGE))
	@:

# objects depend on the flags they were compiled with (DEBUG, KOPT, ...)
$(BUILD)/kcflags: FORCE
	@mkdir -p $(BUILD)
	@echo '$(KCFLAGS)' | cmp -s - $@ || echo '$(KCFLAGS)' > $@

$(BUILD)/obj/%.o: %.c $(BUILD)/kcflags
	$(call say,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(KCFLAGS) -c $< -o $@

$(BUILD)/obj/%.o: %.asm
	$(call say,NASM,$<)
	@mkdir -p $(dir $@)
	$(Q)$(NASM) $(KNASMFLAGS) -MD $(@:.o=.d) $< -o $@

# kernel_link OUT-DIR, INITRD-OBJECT: link OUT-DIR/kernel.elf from the
# kernel objects and a ramdisk.  Two links: the first finds the function
# addresses, the second embeds them as the symbol table for backtraces
# (tools/gen-ksyms.py); .ksyms lies after all code, so no function moves.
define kernel_link
$(1)/ksyms-empty.o: tools/gen-ksyms.py
	@mkdir -p $(1)
	$$(Q)$$(PYTHON) tools/gen-ksyms.py --empty > $(1)/ksyms-empty.asm
	$$(Q)$$(NASM) -f elf64 $(1)/ksyms-empty.asm -o $$@

$(1)/kernel-pass1.elf: $$(KOBJS) $(2) $(1)/ksyms-empty.o arch/x86_64/kernel.ld
	$$(call say,LD,$$@)
	$$(Q)$$(LD) $$(KLDFLAGS) -o $$@ $$(KOBJS) $(2) $(1)/ksyms-empty.o

$(1)/kernel.elf: $(1)/kernel-pass1.elf
	$$(call say,KSYMS,$$@)
	$$(Q)$$(PYTHON) tools/gen-ksyms.py $$(NM) $$< > $(1)/ksyms.asm
	$$(Q)$$(NASM) -f elf64 $(1)/ksyms.asm -o $(1)/ksyms.o
	$$(Q)$$(LD) $$(KLDFLAGS) -o $$@ $$(KOBJS) $(2) $(1)/ksyms.o
	$$(Q)$$(NM) -n $$< | grep -i ' t ' > $(1)/pass1.syms; \
	    $$(NM) -n $$@ | grep -i ' t ' > $(1)/pass2.syms; \
	    cmp -s $(1)/pass1.syms $(1)/pass2.syms || \
	    { echo "ksyms: function addresses moved between links" >&2; rm -f $$@; exit 1; }

# QEMU's -kernel refuses an ELF64 multiboot image; the same image relabelled
# as ELF32 boots (the loader only uses physical addresses).  GDB reads the
# real ELF64 kernel.elf.
$(1)/kernel32.elf: $(1)/kernel.elf
	$$(call say,OBJCOPY,$$@)
	$$(Q)$$(OBJCOPY) -O elf32-i386 $$< $$@
endef

$(eval $(call kernel_link,$(BUILD),$(INITRD_OBJ)))

-include $(KOBJS:.o=.d)

-include mk/run.mk
-include mk/tests.mk
-include mk/bench.mk

# ---- dependencies -------------------------------------------------------
# (checked when the Makefile is read, see the top; `make deps` only that)
.PHONY: deps
deps:
	@:

# ---- the student hand-out --------------------------------------------------
# The tracked files minus solutions/: there, LABS defaults to labs/ and
# `make check` grades the student's lab code.
HANDOUT := $(BUILD_ROOT)/usmm-handout.tar.gz
.PHONY: handout
handout:
	@mkdir -p $(BUILD_ROOT)
	$(Q)git ls-files --cached --others --exclude-standard | grep -v '^solutions/' | \
	    tar -czf $(HANDOUT) --transform 's,^,usmm/,' -T -
	@echo "handout: $(HANDOUT) ($$(tar -tzf $(HANDOUT) | wc -l) files, no solutions/)"

# ---- misc ---------------------------------------------------------------
.PHONY: clean help
clean:
	rm -rf $(BUILD_ROOT)

help:
	@sed -n 's/^## \{0,1\}//p' mk/help.txt
