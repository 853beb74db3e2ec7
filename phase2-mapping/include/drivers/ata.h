/*
 * drivers/ata.h - the PC's ATA (IDE) disks, by programmed I/O.
 *
 * Two channels, each with a master and a slave drive:
 *
 *   channel    command ports   control port   IRQ
 *   primary    0x1f0-0x1f7     0x3f6          14
 *   secondary  0x170-0x177     0x376          15
 *
 * A disk is a struct block_device of 512-byte sectors; the file systems
 * (fs/ext2_*.c) reach it only through that.
 */
#ifndef DRIVERS_ATA_H
#define DRIVERS_ATA_H

#include <stdint.h>

#define SECTOR_SIZE 512

struct block_device {
    char name[8];                   /* "hda" .. "hdd" */
    uint64_t sectors;
    /* read / write: `count` sectors from `lba` to / from the kernel buffer
     * `buf`.  0, or -EIO (the drive reported an error), -EINVAL (past the
     * end). */
    int (*read)(struct block_device *bdev, uint64_t lba, unsigned count, void *buf);
    int (*write)(struct block_device *bdev, uint64_t lba, unsigned count, const void *buf);
    /* flush: the drive's write cache to the medium. */
    int (*flush)(struct block_device *bdev);
    void *priv;
};

/* ata_init: find the drives (IDENTIFY), claim IRQs 14 and 15; logs one
 * line per disk.  Boot, from phase 2's init. */
void ata_init(void);

/* ata_disk: the n-th ATA disk found (CD-ROMs are skipped), or NULL. */
struct block_device *ata_disk(int n);

#endif
