# mk/disk.mk - the disk image: an ext2 file system holding every user
# program and the test data, made on the host with mke2fs -d from a staging
# folder.  Included by the top-level Makefile; `make disk` builds it.
#
#   build/disk/staging/        what goes on the disk:
#       bin/                   every program (the ramdisk's stripped copies)
#                              and tests/user/data/* (executable, as tests
#                              expect ENOEXEC, not EACCES, from them)
#       etc/passwd, etc/group  users root (0) and user (1000), for getpwnam
#       home/user/             user's home, owned by 1000:1000
#       tmp/ dev/ dev/shm/     mount points (a RAM file system, devices)
#   build/disk/usmm-disk.img   the image: ext2 revision 1, 1 KiB blocks,
#                              260 x 16 x 63 sectors (128 MiB: whole
#                              cylinders, which Bochs wants; room for the
#                              64 MiB file of `make bench`), no dir_index
#                              (the kernel keeps directories linear); a
#                              sparse file: its copies are cheap
#
# The phase-2 and phase-3 kernels mount it as / (the first ATA disk).  The
# run targets attach it as the primary channel's slave drive (Bochs boots
# from the CD-ROM, the master).  The grader gives every test run its own
# copy.  Look at it from the host:
#     debugfs -R "ls -l /bin" build/disk/usmm-disk.img
#     debugfs -R "cat /tmp/x" IMAGE         e2fsck -fn IMAGE

DISK_BUILD   := $(BUILD_ROOT)/disk
DISK_STAGING := $(DISK_BUILD)/staging
DISK_IMAGE   := $(DISK_BUILD)/usmm-disk.img
DISK_BLOCKS  := 131040
DEBUGFS      ?= $(shell PATH="$$PATH:/sbin:/usr/sbin" command -v debugfs || echo debugfs)
DISK_FILES   := $(USER_RAMDISK_FILES) $(USER_RAMDISK_DATA)

.PHONY: disk
disk: $(DISK_IMAGE)

$(DISK_IMAGE): $(DISK_FILES) $(USER_PROGRAM_LIST) mk/disk.mk tools/mkdisk.sh
	$(call say,MKE2FS,$@)
	$(Q)tools/mkdisk.sh $@ $(DISK_STAGING) $(DISK_BLOCKS) $(DISK_FILES)
