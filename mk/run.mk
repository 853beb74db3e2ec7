# mk/run.mk - running a kernel: QEMU, QEMU waiting for GDB, GDB, Bochs, and
# `make run PROG=...`.  Included by the top-level Makefile.

QEMU       ?= qemu-system-x86_64
QEMU_MEM   ?= 1G
QEMU_CPU   ?= max
CMDLINE    ?=
QEMUFLAGS  ?=
GDBPORT    ?= 1234
QEMU_BASE  := -machine pc -cpu $(QEMU_CPU) -m $(QEMU_MEM) -smp 1 -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -display none
# The disk (mk/disk.mk) is the primary channel's slave; the run targets use
# build/disk/usmm-disk.img itself, so what a program wrote stays there for
# debugfs / e2fsck on the host (`make disk` after a change of programs
# makes a fresh one).  DISK=path runs another image.
DISK       ?= $(DISK_IMAGE)
QEMU_DISK   = -drive file=$(DISK),format=raw,if=ide,index=1

.PHONY: qemu qemu-gdb gdb bochs iso

# The console is COM1 on this terminal; Ctrl-a x quits QEMU, Ctrl-a c
# switches to the QEMU monitor and back.
qemu: kernel $(DISK)
	@echo "usmm: booting phase $(PHASE) in QEMU (quit: Ctrl-a x)"
	$(Q)$(QEMU) $(QEMU_BASE) $(QEMU_DISK) -serial mon:stdio -kernel $(KERNEL32) \
	    -append "$(CMDLINE)" $(QEMUFLAGS); tools/qemu-status.sh $$?

# qemu-gdb remembers which kernel it runs (GDB_KERNEL_FILE), so that a plain
# `make gdb` loads the same symbols; `make phaseN gdb` for another kernel is
# refused while it runs.
GDB_KERNEL_FILE := $(BUILD_ROOT)/qemu-gdb.kernel
GDB_RUNNING := $(shell cat $(GDB_KERNEL_FILE) 2>/dev/null)
GDB_EXPLICIT := $(or $(PHASE_GOALS),$(filter command line,$(origin PHASE)),$(filter command line,$(origin LABS)))
GDB_KERNEL := $(if $(GDB_EXPLICIT),$(KERNEL),$(or $(GDB_RUNNING),$(KERNEL)))

qemu-gdb: kernel $(DISK)
	@echo "usmm: phase $(PHASE) waits for GDB on port $(GDBPORT): run 'make gdb' in another terminal (quit: Ctrl-a x)"
	@echo $(KERNEL) > $(GDB_KERNEL_FILE)
	$(Q)trap 'rm -f $(GDB_KERNEL_FILE)' EXIT; $(QEMU) $(QEMU_BASE) $(QEMU_DISK) -serial mon:stdio -kernel $(KERNEL32) \
	    -append "$(CMDLINE)" -gdb tcp::$(GDBPORT) -S $(QEMUFLAGS); tools/qemu-status.sh $$?

gdb:
	@if [ -n "$(GDB_RUNNING)" ] && [ "$(GDB_RUNNING)" != "$(GDB_KERNEL)" ]; then \
	    echo "usmm: QEMU runs $(GDB_RUNNING), not $(GDB_KERNEL): GDB would read the wrong symbols."; \
	    echo "usmm: run plain 'make gdb', or start that kernel with qemu-gdb first."; exit 1; fi
	@test -f $(GDB_KERNEL) || { echo "usmm: no $(GDB_KERNEL): run 'make phase$(PHASE) qemu-gdb' first"; exit 1; }
	@echo "usmm: GDB on $(GDB_KERNEL)"
	$(Q)gdb -q -x tools/gdbinit -ex "target remote localhost:$(GDBPORT)" $(GDB_KERNEL)

# ---- Bochs ----------------------------------------------------------------
# BOCHS_BREAK=1 adds `bochs_break` to the command line: the page-fault
# handler then stops in the Bochs debugger (magic breakpoint) on every fault.
BOCHS_CMDLINE := $(strip $(CMDLINE) $(if $(filter 1,$(BOCHS_BREAK)),bochs_break))

iso: $(KERNEL_ISO)
$(KERNEL_ISO): $(KERNEL) FORCE
	@mkdir -p $(BUILD)/iso/boot/grub
	$(Q)cp $(KERNEL) $(BUILD)/iso/boot/kernel.elf
	$(Q)printf 'set timeout=0\nset default=0\nmenuentry "usmm phase $(PHASE)" {\n  multiboot2 /boot/kernel.elf %s\n  boot\n}\n' \
	    '$(BOCHS_CMDLINE)' > $(BUILD)/iso/boot/grub/grub.cfg.new
	$(Q)if ! cmp -s $(BUILD)/iso/boot/grub/grub.cfg.new $(BUILD)/iso/boot/grub/grub.cfg || \
	     [ ! -f $@ ] || [ $(KERNEL) -nt $@ ]; then \
	    mv $(BUILD)/iso/boot/grub/grub.cfg.new $(BUILD)/iso/boot/grub/grub.cfg; \
	    printf '  %-7s %s\n' ISO $@; \
	    grub-mkrescue -o $@ $(BUILD)/iso >/dev/null 2>$(BUILD)/grub-mkrescue.log || \
	        { cat $(BUILD)/grub-mkrescue.log; exit 1; }; \
	fi

# The console is COM1 on a local socket; tools/bochs-run.py switches this
# terminal between Bochs's debugger and that console (see there).
BOCHS_PORT ?= 1235

$(BUILD)/kernel.sym: $(KERNEL)
	$(Q)$(NM) -n $< | awk '$$2 ~ /^[tT]$$/ { print $$1, $$3 }' > $@

bochs: kernel $(KERNEL_ISO) $(BUILD)/kernel.sym $(DISK)
	$(Q)tools/bochsrc.sh $(KERNEL_ISO) socket:localhost:$(BOCHS_PORT) $(BUILD)/bochs.log \
	    'ata0-slave: type=disk, path="$(abspath $(DISK))", mode=flat' > $(BUILD)/bochsrc
	@echo "usmm: booting phase $(PHASE) in Bochs (emulator log: $(BUILD)/bochs.log)"
	@echo "usmm: at <bochs:1> type c to run: the terminal is then the kernel's console;"
	@echo "usmm: Ctrl-] stops in the debugger (c continues), q quits"
	$(Q)tools/bochs-run.py $(BUILD)/bochsrc $(BOCHS_PORT) $(BUILD)/kernel.sym $(BUILD)/bochs-stderr.log

.PHONY: FORCE
FORCE:

# ---- make run PROG=path/to/program.c [ARGS="..."] [PHASE=N] [QEMUFLAGS=...] --
# Compiles one C file with musl (and our malloc), adds it to a copy of the
# ramdisk, boots phase PHASE (default: the highest) quietly, runs it as the
# first program after init with ARGS, and exits with its exit status
# (128 + N when signal N killed it).
#
# make run BIN=path/to/static-binary runs a program built elsewhere, e.g.
# with `musl-gcc -static`: the very file that runs on Linux.
ifneq ($(PROG)$(BIN),)
RUN_NAME := $(if $(BIN),$(notdir $(BIN)),$(basename $(notdir $(PROG))))
RUN_BUILD := $(BUILD)/run/$(RUN_NAME)
RUN_PROGRAM := $(RUN_BUILD)/bin/$(RUN_NAME)

$(RUN_BUILD)/$(RUN_NAME).o: $(PROG)
	$(call say,MUSLCC,$<)
	@mkdir -p $(dir $@)
	$(Q)$(MUSL_CC) $(USER_CFLAGS) -Wno-error -c $< -o $@

ifneq ($(BIN),)
$(RUN_PROGRAM): $(BIN) FORCE
	@mkdir -p $(dir $@)
	$(Q)cmp -s $< $@ || cp $< $@
else
$(RUN_PROGRAM): $(RUN_BUILD)/$(RUN_NAME).o $(USER_MALLOC_OBJS) $(USER_LIBUSMM)
	$(call say,LD,$@)
	@mkdir -p $(dir $@)
	$(Q)$(MUSL_CC) $(USER_LDFLAGS) -o $@ $< $(USER_MALLOC_OBJS) $(USER_LIBUSMM)
endif

# the program goes first: the kernel takes the first file of a name
$(RUN_BUILD)/initrd.o: $(RUN_PROGRAM) $(USER_RAMDISK_FILES) $(USER_RAMDISK_DATA) tools/mkinitrd.py
	$(call say,CPIO,$@)
	$(Q)$(PYTHON) tools/mkinitrd.py $(RUN_BUILD)/initrd.cpio $(RUN_PROGRAM) \
	    $(filter-out %/$(RUN_NAME),$(USER_RAMDISK_PROGRAMS)) \
	    --tests $(filter-out %/$(RUN_NAME),$(USER_RAMDISK_TESTS)) --data $(USER_RAMDISK_DATA)
	$(call initrd_object,$(RUN_BUILD)/initrd.cpio,$@)

$(eval $(call kernel_link,$(RUN_BUILD),$(RUN_BUILD)/initrd.o))

# ... and on a copy of the disk, in /bin, in place of any program of that name
$(RUN_BUILD)/disk.img: $(RUN_PROGRAM) $(DISK_IMAGE)
	$(call say,DISK,$@)
	$(Q)cp --sparse=always $(DISK_IMAGE) $@.tmp
	$(Q)printf 'rm /bin/%s\nwrite %s /bin/%s\nsif /bin/%s mode 0100755\n' $(RUN_NAME) \
	    $(RUN_PROGRAM) $(RUN_NAME) $(RUN_NAME) | $(DEBUGFS) -w -f - $@.tmp >/dev/null 2>&1
	$(Q)mv $@.tmp $@
endif

.PHONY: run
run: deps
	@test -n "$(PROG)$(BIN)" || { echo "usage: make run PROG=path/to/program.c | BIN=path/to/static-binary [ARGS=\"...\"] [PHASE=N] [QEMUFLAGS=...]"; exit 2; }
	@test -f "$(PROG)$(BIN)" || { echo "make run: no such file: $(PROG)$(BIN)"; exit 2; }
	$(Q)$(MAKE) --no-print-directory $(RUN_BUILD)/kernel32.elf $(RUN_BUILD)/disk.img
	$(Q)$(PYTHON) tools/qemu-run.py --qemu "$(QEMU)" -- $(QEMU_BASE) -serial mon:stdio \
	    -drive file=$(RUN_BUILD)/disk.img,format=raw,if=ide,index=1 \
	    -kernel $(RUN_BUILD)/kernel32.elf -append "quiet $(CMDLINE) -- run $(RUN_NAME) $(ARGS)" $(QEMUFLAGS)
