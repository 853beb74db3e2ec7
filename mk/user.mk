# mk/user.mk - the user-space C library, the standard programs, and the
# ramdisk that carries them into the kernel.  Included by the top-level
# Makefile.
#
#   make user                   builds all of this:
#   build/user/crt0.o           _start (user/lib/crt0.asm)
#   build/user/libc.a           user/lib/*.c *.asm, lib/format.c, lib/string.c
#   build/user/bin/NAME         a program for each user/bin/NAME.c and each
#                               tests/user/NAME.c (one C file per program)
#   build/user/initrd.cpio      all those programs (tools/mkinitrd.py), as
#                               copies without debug information (the loaded
#                               segments are the same; GDB reads bin/NAME)
#   build/user/initrd.o         INITRD_OBJ: the archive in .rodata between the
#                               symbols initrd_start and initrd_end
#   build/host/test_libc        the library's unit tests, run on the host
#
# Programs are static ELF64 executables linked at 0x400000: the user
# headers and nothing from the host (-nostdinc), crt0.o, libc.a, libgcc.
#
# Building another one-file program against the library, from any .mk:
#
#     $(eval $(call user_program,path/to/prog.c,build/somewhere/prog))
#
# makes a rule for build/somewhere/prog (object in build/user/obj/path/to/).
# Only the programs named above go into the ramdisk.

USER_BUILD := $(BUILD_ROOT)/user

# Test programs hand the kernel bad addresses on purpose ((char *)8, ...);
# GCC 12 and later call every address below 4 KiB a null pointer and warn
# about those calls, unless min-pagesize is 0 (older GCCs lack the param).
USER_MIN_PAGESIZE := $(shell $(CC) --param=min-pagesize=0 -E -x c /dev/null \
	>/dev/null 2>&1 && echo --param=min-pagesize=0)
USER_CFLAGS := -std=gnu11 -O2 -g $(WARN) -nostdinc -isystem user/include \
	-isystem lib/include -fno-pic -fno-pie -fno-stack-protector \
	-fno-omit-frame-pointer -mno-red-zone $(USER_MIN_PAGESIZE) -MMD -MP
# The library itself is freestanding and must not have its own loops
# turned back into calls to memset/memcpy, which it implements.
USER_LIB_CFLAGS := $(USER_CFLAGS) -ffreestanding -fno-builtin \
	-fno-tree-loop-distribute-patterns
USER_NASMFLAGS := -f elf64 -g -F dwarf
USER_LDFLAGS := -static -nostdlib -z max-page-size=0x1000 -z noexecstack

USER_CRT0 := $(USER_BUILD)/crt0.o
USER_LIBC := $(USER_BUILD)/libc.a
USER_INITRD := $(USER_BUILD)/initrd.cpio
INITRD_OBJ := $(USER_BUILD)/initrd.o

USER_LIB_SRCS := $(wildcard user/lib/*.c) lib/format.c lib/string.c \
	$(filter-out user/lib/crt0.asm,$(wildcard user/lib/*.asm))
USER_LIB_OBJS := $(patsubst %,$(USER_BUILD)/libobj/%.o,$(basename $(USER_LIB_SRCS)))

USER_PROGRAM_SRCS := $(wildcard user/bin/*.c) $(wildcard tests/user/*.c)
USER_PROGRAM_NAMES := $(basename $(notdir $(USER_PROGRAM_SRCS)))
USER_PROGRAMS := $(addprefix $(USER_BUILD)/bin/,$(USER_PROGRAM_NAMES))
ifneq ($(words $(USER_PROGRAM_NAMES)),$(words $(sort $(USER_PROGRAM_NAMES))))
$(error user programs: two sources have the same name in user/bin and tests/user)
endif

.PHONY: user
user: $(USER_CRT0) $(USER_LIBC) $(USER_PROGRAMS) $(USER_INITRD) $(INITRD_OBJ)

# ---- the library ------------------------------------------------------------
$(USER_BUILD)/libobj/%.o: %.c
	$(call say,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_LIB_CFLAGS) -c $< -o $@

$(USER_BUILD)/libobj/%.o: %.asm
	$(call say,NASM,$<)
	@mkdir -p $(dir $@)
	$(Q)$(NASM) $(USER_NASMFLAGS) -MD $(@:.o=.d) $< -o $@

$(USER_CRT0): user/lib/crt0.asm
	$(call say,NASM,$<)
	@mkdir -p $(dir $@)
	$(Q)$(NASM) $(USER_NASMFLAGS) $< -o $@

# rebuilt from scratch, so that a deleted source leaves no stale member
$(USER_LIBC): $(USER_LIB_OBJS)
	$(call say,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

# ---- programs ---------------------------------------------------------------
$(USER_BUILD)/obj/%.o: %.c
	$(call say,CC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -c $< -o $@

# user_program SOURCE.c, OUTPUT: the rule linking one C file into OUTPUT
define user_program
$(2): $(USER_BUILD)/obj/$(basename $(1)).o $(USER_CRT0) $(USER_LIBC)
	$$(call say,LD,$$@)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(LD) $$(USER_LDFLAGS) -o $$@ $(USER_CRT0) $(USER_BUILD)/obj/$(basename $(1)).o $(USER_LIBC) $$(LIBGCC)
endef

$(foreach s,$(USER_PROGRAM_SRCS),$(eval $(call user_program,$(s),$(USER_BUILD)/bin/$(basename $(notdir $(s))))))

# ---- programs built with musl ------------------------------------------------
# tests/musl/NAME.c is built with Debian's musl-gcc -static: the same file
# runs on the host's Linux and in the kernel (the grader compares them).
MUSL_CC ?= musl-gcc
MUSL_TEST_SRCS := $(wildcard tests/musl/*.c)
MUSL_TESTS := $(addprefix $(USER_BUILD)/musl/,$(basename $(notdir $(MUSL_TEST_SRCS))))

$(USER_BUILD)/musl/%: tests/musl/%.c
	$(call say,MUSLCC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(MUSL_CC) -static -O2 -g -Wall -Wextra -Werror -o $@ $<


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

-include $(USER_LIB_OBJS:.o=.d)
-include $(patsubst %.c,$(USER_BUILD)/obj/%.d,$(USER_PROGRAM_SRCS))

# ---- host unit tests of the library ------------------------------------------
# tests/host/test_libc*.c test the library's portable parts on the host,
# with the sanitizers.  Those parts are compiled with the user headers, as
# for the real thing, then every function and variable they define is
# renamed NAME -> usmm_NAME (objcopy --redefine-syms), so that they can live
# in one program beside the host's C library: the test calls usmm_malloc,
# usmm_strtol, ...  What the library needs from the kernel for malloc
# (user/lib/malloc_os.h) is left undefined and the test provides it.
HOST_LIBC_DIR := $(BUILD_ROOT)/host/libc
HOST_LIBC_SRCS := lib/format.c lib/string.c $(addprefix user/lib/,errno.c \
	malloc.c strtol.c qsort.c stdlib.c string_extra.c strerror.c ctype.c \
	stdio.c fopen.c printf.c fileio.c)
HOST_LIBC_OBJS := $(patsubst %.c,$(HOST_LIBC_DIR)/%.o,$(HOST_LIBC_SRCS))
HOST_LIBC_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_LIBC_CFLAGS := -std=gnu11 -O1 -g $(WARN) $(HOST_LIBC_SANITIZE) \
	-fno-omit-frame-pointer -nostdinc -isystem user/include -isystem lib/include \
	-ffreestanding -fno-builtin -fno-tree-loop-distribute-patterns -MMD -MP

$(HOST_LIBC_DIR)/%.o: %.c
	$(call say,HOSTCC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) $(HOST_LIBC_CFLAGS) -c $< -o $@

$(HOST_LIBC_DIR)/libc-renamed.o: $(HOST_LIBC_OBJS)
	$(call say,RENAME,$@)
	$(Q)$(LD) -r -o $(HOST_LIBC_DIR)/libc-combined.o $^
	$(Q)$(NM) -g --defined-only $(HOST_LIBC_DIR)/libc-combined.o | \
	    awk '{ print $$3, "usmm_" $$3 }' > $(HOST_LIBC_DIR)/renames.txt
	$(Q)$(OBJCOPY) --redefine-syms=$(HOST_LIBC_DIR)/renames.txt \
	    $(HOST_LIBC_DIR)/libc-combined.o $@

$(BUILD_ROOT)/host/test_libc: $(wildcard tests/host/test_libc*.c) tests/host/check.c \
		tests/host/check.h $(HOST_LIBC_DIR)/libc-renamed.o
	$(call say,HOSTCC,$@)
	@mkdir -p $(dir $@)
	$(Q)$(HOSTCC) -std=gnu11 -O1 -g $(WARN) $(HOST_LIBC_SANITIZE) \
	    -fno-omit-frame-pointer -Itests/host -o $@ \
	    $(wildcard tests/host/test_libc*.c) tests/host/check.c $(HOST_LIBC_DIR)/libc-renamed.o

-include $(HOST_LIBC_OBJS:.o=.d)
