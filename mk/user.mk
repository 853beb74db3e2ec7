# mk/user.mk - the user programs, built on musl, and the ramdisk that
# carries them into the kernel.  Included by the top-level Makefile.
#
#   make user                   builds all of this:
#   build/user/libusmm.a        user/libusmm/usmm.c: the kernel's own calls,
#                               a real brk/sbrk, signal names (<usmm.h>);
#                               pkeys.c: pkey_alloc ... pkey_set
#   build/user/malloc/*.o       the course's malloc (user/libusmm/malloc.c),
#                               linked into every program in place of musl's
#                               (USER_MALLOC=musl keeps musl's own)
#   build/user/bin/NAME         a program for each user/bin/NAME.c and each
#                               tests/user/NAME.c (one C file per program)
#   build/user/musl/NAME        tests/musl/NAME.c, plain musl-gcc -static
#   build/user/initrd.cpio      all those programs (tools/mkinitrd.py), as
#                               copies without debug information (the loaded
#                               segments are the same; GDB reads bin/NAME)
#   build/user/initrd.o         INITRD_OBJ: the archive in .rodata between the
#                               symbols initrd_start and initrd_end
#   build/host/test_malloc      the malloc's unit tests, run on the host
#
# The C library is musl (Debian's musl-tools: musl-gcc): programs are
# static ELF64 executables, the same kind of file that runs on Linux.
#
# Building another one-file program, from any .mk:
#
#     $(eval $(call user_program,path/to/prog.c,build/somewhere/prog))
#
# makes a rule for build/somewhere/prog (object in build/user/obj/path/to/).
# Only the programs named above go into the ramdisk.

USER_BUILD := $(BUILD_ROOT)/user
MUSL_CC ?= musl-gcc
USER_MALLOC ?= usmm

# Test programs hand the kernel bad addresses on purpose ((char *)8, ...);
# GCC 12 and later call every address below 4 KiB a null pointer and warn
# about those calls, unless min-pagesize is 0 (older GCCs lack the param).
USER_MIN_PAGESIZE := $(shell $(CC) --param=min-pagesize=0 -E -x c /dev/null \
	>/dev/null 2>&1 && echo --param=min-pagesize=0)
USER_CFLAGS := -std=gnu11 -D_GNU_SOURCE -O2 -g $(WARN) -Iuser/libusmm -Ilib/include \
	-fno-omit-frame-pointer $(USER_MIN_PAGESIZE) -Wno-stringop-overread \
	-Wno-array-bounds -MMD -MP
USER_LDFLAGS := -static -z noexecstack

USER_LIBUSMM := $(USER_BUILD)/libusmm.a
USER_MALLOC_OBJS := $(if $(filter usmm,$(USER_MALLOC)),$(USER_BUILD)/malloc/malloc.o \
	$(USER_BUILD)/malloc/malloc_os.o)
USER_INITRD := $(USER_BUILD)/initrd.cpio
INITRD_OBJ := $(USER_BUILD)/initrd.o

USER_PROGRAM_SRCS := $(wildcard user/bin/*.c) $(wildcard tests/user/*.c)
USER_PROGRAM_NAMES := $(basename $(notdir $(USER_PROGRAM_SRCS)))
USER_PROGRAMS := $(addprefix $(USER_BUILD)/bin/,$(USER_PROGRAM_NAMES))
ifneq ($(words $(USER_PROGRAM_NAMES)),$(words $(sort $(USER_PROGRAM_NAMES))))
$(error user programs: two sources have the same name in user/bin and tests/user)
endif

.PHONY: user
user: $(USER_LIBUSMM) $(USER_PROGRAMS) $(USER_INITRD) $(INITRD_OBJ)

# ---- libusmm and the malloc -----------------------------------------------------
$(USER_BUILD)/libusmm/%.o: user/libusmm/%.c $(USER_BUILD)/cflags
	$(call say,MUSLCC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(MUSL_CC) $(USER_CFLAGS) -c $< -o $@

$(USER_LIBUSMM): $(USER_BUILD)/libusmm/usmm.o $(USER_BUILD)/libusmm/pkeys.o \
		$(USER_BUILD)/libusmm/vdso.o
	$(call say,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# (-fno-builtin: the compiler must not assume what it knows of a C
# library's malloc inside the malloc itself)
$(USER_BUILD)/malloc/%.o: user/libusmm/%.c $(USER_BUILD)/cflags
	$(call say,MUSLCC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(MUSL_CC) $(USER_CFLAGS) -fno-builtin -c $< -o $@

# ---- programs ---------------------------------------------------------------
# objects depend on the compiler and flags they were made with
$(USER_BUILD)/cflags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(MUSL_CC) $(USER_CFLAGS) $(USER_MALLOC)' | cmp -s - $@ || \
	    echo '$(MUSL_CC) $(USER_CFLAGS) $(USER_MALLOC)' > $@

$(USER_BUILD)/obj/%.o: %.c $(USER_BUILD)/cflags
	$(call say,MUSLCC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(MUSL_CC) $(USER_CFLAGS) -c $< -o $@

# user_program SOURCE.c, OUTPUT: the rule linking one C file into OUTPUT;
# the malloc objects come before musl's libc.a, so its malloc is never
# pulled in
define user_program
$(2): $(USER_BUILD)/obj/$(basename $(1)).o $(USER_MALLOC_OBJS) $(USER_LIBUSMM)
	$$(call say,LD,$$@)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(MUSL_CC) $$(USER_LDFLAGS) -o $$@ $(USER_BUILD)/obj/$(basename $(1)).o \
	    $(USER_MALLOC_OBJS) $(USER_LIBUSMM)
endef

$(foreach s,$(USER_PROGRAM_SRCS),$(eval $(call user_program,$(s),$(USER_BUILD)/bin/$(basename $(notdir $(s))))))

# ---- programs built with musl alone ----------------------------------------------
# tests/musl/NAME.c is built with plain musl-gcc -static: the same file runs
# on the host's Linux and in the kernel (the grader compares them).
MUSL_TEST_SRCS := $(wildcard tests/musl/*.c)
MUSL_TESTS := $(addprefix $(USER_BUILD)/musl/,$(basename $(notdir $(MUSL_TEST_SRCS))))

$(USER_BUILD)/musl/%: tests/musl/%.c
	$(call say,MUSLCC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(MUSL_CC) -static -O2 -g -Wall -Wextra -Werror -Wno-format-truncation -o $@ $<

$(USER_BUILD)/ramdisk/%: $(USER_BUILD)/musl/%
	@mkdir -p $(dir $@)
	$(Q)$(OBJCOPY) --strip-debug $< $@

# ---- the ramdisk ------------------------------------------------------------
# The list of programs is a prerequisite too, so that removing a program
# rebuilds the archive.
USER_PROGRAM_LIST := $(USER_BUILD)/programs.list

.PHONY: user-program-list-force
user-program-list-force:

$(USER_PROGRAM_LIST): user-program-list-force
	@mkdir -p $(dir $@)
	@echo '$(USER_PROGRAM_NAMES)' | cmp -s - $@ || echo '$(USER_PROGRAM_NAMES)' > $@

# The ramdisk copy of a program drops its DWARF sections (most of its size),
# which keeps the kernel image small as tests/user grows.  Symbols stay.
USER_RAMDISK_FILES := $(addprefix $(USER_BUILD)/ramdisk/,$(USER_PROGRAM_NAMES) $(notdir $(MUSL_TESTS)))
USER_RAMDISK_TESTS := $(addprefix $(USER_BUILD)/ramdisk/,$(basename $(notdir $(wildcard tests/user/*.c) $(MUSL_TEST_SRCS))))
USER_RAMDISK_PROGRAMS := $(filter-out $(USER_RAMDISK_TESTS),$(USER_RAMDISK_FILES))

$(USER_BUILD)/ramdisk/%: $(USER_BUILD)/bin/%
	@mkdir -p $(dir $@)
	$(Q)$(OBJCOPY) --strip-debug $< $@

# Data files the tests need in the ramdisk (e.g. a file that is not ELF).
USER_RAMDISK_DATA := $(wildcard tests/user/data/*)

$(USER_INITRD): $(USER_RAMDISK_FILES) $(USER_RAMDISK_DATA) $(USER_PROGRAM_LIST) $(MUSL_TESTS) tools/mkinitrd.py
	$(call say,CPIO,$@)
	$(Q)$(PYTHON) tools/mkinitrd.py $@ $(USER_RAMDISK_PROGRAMS) --tests $(USER_RAMDISK_TESTS) \
	    --data $(USER_RAMDISK_DATA)

# initrd_object CPIO, OBJECT: a NASM wrapper that puts the archive in
# .rodata between the symbols initrd_start and initrd_end (8-byte aligned).
define initrd_object
	$(Q)printf '%s\n' '; generated by mk/user.mk: the ramdisk, for the kernel' \
	    'section .rodata' 'align 8' 'global initrd_start, initrd_end' \
	    'initrd_start:' 'incbin "$(abspath $(1))"' 'initrd_end:' \
	    'section .note.GNU-stack noalloc noexec nowrite progbits' \
	    > $(basename $(2)).asm
	$(Q)$(NASM) -f elf64 $(basename $(2)).asm -o $(2)
endef

$(INITRD_OBJ): $(USER_INITRD)
	$(call say,NASM,$@)
	$(call initrd_object,$(USER_INITRD),$@)

-include $(patsubst %.c,$(USER_BUILD)/obj/%.d,$(USER_PROGRAM_SRCS))

# ---- host unit tests of the malloc ----------------------------------------------
# tests/host/test_malloc.c tests the course's malloc on the host, with the
# sanitizers.  malloc.c is compiled as it is, then every function and
# variable it defines is renamed NAME -> usmm_NAME (objcopy
# --redefine-syms), so that it lives in one program beside the host's C
# library: the test calls usmm_malloc, ...  What malloc needs from the
# kernel (user/libusmm/malloc_os.h) is left undefined: the test provides it.
HOST_MALLOC_DIR := $(BUILD_ROOT)/host/malloc
HOST_MALLOC_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all

$(HOST_MALLOC_DIR)/malloc.o: user/libusmm/malloc.c user/libusmm/malloc_os.h user/libusmm/usmm.h
	$(call say,HOSTCC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O1 -g $(WARN) $(HOST_MALLOC_SANITIZE) -fno-omit-frame-pointer \
	    -fno-builtin -Iuser/libusmm -Ilib/include -c $< -o $@

$(HOST_MALLOC_DIR)/malloc-renamed.o: $(HOST_MALLOC_DIR)/malloc.o
	$(call say,RENAME,$@)
	$(Q)$(NM) -g --defined-only $< | awk '{ print $$3, "usmm_" $$3 }' > $(HOST_MALLOC_DIR)/renames.txt
	$(Q)$(OBJCOPY) --redefine-syms=$(HOST_MALLOC_DIR)/renames.txt $< $@

$(BUILD_ROOT)/host/test_malloc: tests/host/test_malloc.c tests/host/check.c \
		tests/host/check.h $(HOST_MALLOC_DIR)/malloc-renamed.o
	$(call say,HOSTCC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O1 -g $(WARN) $(HOST_MALLOC_SANITIZE) \
	    -fno-omit-frame-pointer -Itests/host -o $@ \
	    tests/host/test_malloc.c tests/host/check.c $(HOST_MALLOC_DIR)/malloc-renamed.o
