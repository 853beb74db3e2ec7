# mk/vdso.mk - the vDSO (phase 2 on): phase2-mapping/vdso/*.c built alone
# into a small ELF shared object, then embedded in the kernel image.
#
#   build/phaseN/vdso/vdso.so      the shared object (no C library, no
#                                  relocations; its layout: vdso.lds)
#   build/phaseN/vdso/vdso_image.o vdso_image_start .. vdso_image_end in
#                                  .rodata, page-aligned (mm/vdso.c maps it)

ifneq ($(filter phase2-mapping,$(PHASE_DIR_LIST)),)
VDSO_DIR   := phase2-mapping/vdso
VDSO_SRCS  := $(wildcard $(VDSO_DIR)/*.c)
VDSO_LDS   := $(VDSO_DIR)/vdso.lds
VDSO_SO    := $(BUILD)/vdso/vdso.so
VDSO_OBJ   := $(BUILD)/vdso/vdso_image.o
VDSO_CFLAGS := -std=gnu11 -O2 -g0 $(WARN) -shared -fPIC -nostdlib -ffreestanding \
	-fvisibility=hidden -fno-asynchronous-unwind-tables -fno-stack-protector \
	-Iphase2-mapping/include
VDSO_LDFLAGS := -Wl,-T,$(VDSO_LDS) -Wl,--hash-style=both -Wl,-soname=linux-vdso.so.1 \
	-Wl,-Bsymbolic -Wl,--no-undefined -Wl,-z,max-page-size=4096 -Wl,--build-id=none

$(VDSO_SO): $(VDSO_SRCS) $(VDSO_LDS) phase2-mapping/include/mm/vvar.h
	$(call say,VDSO,$@)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(VDSO_CFLAGS) $(VDSO_LDFLAGS) -o $@ $(VDSO_SRCS)
	$(Q)if readelf -r $@ | grep -q 'Relocation section'; then \
	    echo "vdso: $@ needs relocations (it must not)" >&2; rm -f $@; exit 1; fi

$(VDSO_OBJ): $(VDSO_SO)
	$(Q)printf '%s\n' 'section .rodata align=4096' 'global vdso_image_start, vdso_image_end' \
	    'vdso_image_start:' 'incbin "$(abspath $<)"' 'vdso_image_end:' > $(@:.o=.asm)
	$(Q)$(NASM) -f elf64 $(@:.o=.asm) -o $@

KOBJS += $(VDSO_OBJ)
endif
