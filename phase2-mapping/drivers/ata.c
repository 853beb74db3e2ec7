/*
 * phase2-mapping/drivers/ata.c - ATA (IDE) disks by programmed I/O,
 * interrupt-driven (see drivers/ata.h).
 *
 * A transfer is one command (READ / WRITE MULTIPLE 0xc4 / 0xc5 when the
 * drive takes SET MULTIPLE MODE, else READ / WRITE SECTORS 0x20 / 0x30;
 * LBA28, or the LBA48 forms beyond 128 GiB) and then, per block of
 * `multiple` sectors (16 in QEMU, one without MULTIPLE):
 *
 *   read:   wait for the interrupt -> status -> the block in from the data port
 *   write:  wait for DRQ -> the block out to the data port -> wait for the
 *           interrupt -> status
 *
 * Waiting for the interrupt puts the calling process to sleep on the
 * channel's wait queue; the IRQ 14 / 15 handler reads the status register
 * (which acknowledges the drive's interrupt) and wakes it.  At boot, before
 * any process runs, the driver polls the status register instead.  One
 * command at a time on all channels: `ata_busy` is a sleeping lock.
 * Plugs in through irq_register() (arch/trap.h); phase 2's init calls
 * ata_init().
 */
#include <arch/cpu.h>
#include <arch/printk.h>
#include <arch/trap.h>
#include <drivers/ata.h>
#include <lib/string.h>
#include <proc/sched.h>
#include <proc/task.h>
#include <stdbool.h>
#include <uapi/errno.h>

/* registers, as offsets from the command block's base port */
#define ATA_DATA     0
#define ATA_ERROR    1
#define ATA_COUNT    2
#define ATA_LBA0     3
#define ATA_LBA1     4
#define ATA_LBA2     5
#define ATA_DRIVE    6
#define ATA_STATUS   7          /* read */
#define ATA_COMMAND  7          /* write */

/* status bits */
#define ST_ERR  0x01
#define ST_DRQ  0x08
#define ST_DF   0x20
#define ST_BSY  0x80

/* control register bits */
#define CTL_NIEN 0x02           /* 1: the drive raises no interrupts */

#define CMD_READ        0x20
#define CMD_READ_EXT    0x24
#define CMD_WRITE       0x30
#define CMD_WRITE_EXT   0x34
#define CMD_FLUSH       0xe7
#define CMD_FLUSH_EXT   0xea
#define CMD_IDENTIFY    0xec
#define CMD_READ_MULTIPLE       0xc4    /* one interrupt per block of `multiple` sectors */
#define CMD_READ_MULTIPLE_EXT   0x29
#define CMD_WRITE_MULTIPLE      0xc5
#define CMD_WRITE_MULTIPLE_EXT  0x39
#define CMD_SET_MULTIPLE        0xc6

#define SPIN_LIMIT 10000000u    /* polls before a drive counts as dead */
#define MAX_DISKS 4

struct ata_channel {
    uint16_t base, ctrl;
    int irq;
    volatile bool irq_done;     /* the drive interrupted since the command */
    volatile uint8_t irq_status;
    struct wait_queue wq;
};

struct ata_drive {
    struct ata_channel *ch;
    int slave;
    bool lba48;
    unsigned multiple;          /* sectors per interrupt (READ/WRITE MULTIPLE), or 1 */
    struct block_device bdev;
};

static struct ata_channel channels[2] = {
    { .base = 0x1f0, .ctrl = 0x3f6, .irq = 14 },
    { .base = 0x170, .ctrl = 0x376, .irq = 15 },
};
static struct ata_drive drives[MAX_DISKS];
static int ndrives;
static bool ata_busy;
static struct wait_queue ata_waiters;

/* insw / outsw: `words` 16-bit words between buf and an I/O port */
static void insw(uint16_t port, void *buf, unsigned words)
{
    __asm__ volatile("rep insw" : "+D"(buf), "+c"(words) : "d"(port) : "memory");
}

static void outsw(uint16_t port, const void *buf, unsigned words)
{
    __asm__ volatile("rep outsw" : "+S"(buf), "+c"(words) : "d"(port) : "memory");
}

/* delay400: the 400 ns a drive may take to show a new status (four reads
 * of the alternate status register, which acknowledges nothing). */
static void delay400(struct ata_channel *ch)
{
    for (int i = 0; i < 4; i++)
        inb(ch->ctrl);
}

/* can_sleep: a process is running (not the boot code or idle). */
static bool can_sleep(void)
{
    return current && current->pid != 0;
}

/* ata_lock / ata_unlock: one command at a time on all channels (sleeps) */
static void ata_lock(void)
{
    uint64_t flags = irq_save();
    while (ata_busy)
        sleep_on(&ata_waiters);
    ata_busy = true;
    irq_restore(flags);
}

static void ata_unlock(void)
{
    ata_busy = false;
    wake_up(&ata_waiters);
}

/* ata_interrupt: IRQ 14 or 15 (the line says which channel); reading the
 * status register acknowledges the drive's interrupt. */
static void ata_interrupt(struct trap_frame *tf)
{
    struct ata_channel *ch = &channels[tf->vector - IRQ_BASE == 15];

    ch->irq_status = inb(ch->base + ATA_STATUS);
    ch->irq_done = true;
    wake_up(&ch->wq);
}

/* poll_status: spin until BSY clears; the status, or 0xff if it never did. */
static uint8_t poll_status(struct ata_channel *ch)
{
    uint8_t st = 0xff;
    delay400(ch);
    for (unsigned i = 0; i < SPIN_LIMIT; i++) {
        st = inb(ch->base + ATA_STATUS);
        if (!(st & ST_BSY))
            return st;
    }
    return 0xff;
}

/* wait_drive: the status once the drive has finished a step: asleep until
 * its interrupt when a process runs, by polling at boot. */
static uint8_t wait_drive(struct ata_channel *ch)
{
    uint64_t flags;
    uint8_t st;

    if (!can_sleep())
        return poll_status(ch);
    flags = irq_save();
    while (!ch->irq_done)
        sleep_on(&ch->wq);
    ch->irq_done = false;
    st = ch->irq_status;
    irq_restore(flags);
    if (st & ST_BSY)            /* interrupt before the status settled */
        st = poll_status(ch);
    return st;
}

/* wait_drq: poll until the drive wants data (DRQ) or fails. */
static uint8_t wait_drq(struct ata_channel *ch)
{
    uint8_t st = poll_status(ch);
    for (unsigned i = 0; i < SPIN_LIMIT && !(st & (ST_DRQ | ST_ERR | ST_DF)); i++)
        st = inb(ch->base + ATA_STATUS);
    return st;
}

/* issue: select the drive, load the LBA and count, send `cmd`. */
static void issue(struct ata_drive *d, uint64_t lba, unsigned count, uint8_t cmd)
{
    struct ata_channel *ch = d->ch;
    uint16_t b = ch->base;
    uint64_t flags;

    poll_status(ch);
    if (d->lba48) {
        outb(b + ATA_DRIVE, (uint8_t)(0x40 | (d->slave << 4)));
        delay400(ch);
        outb(b + ATA_COUNT, (uint8_t)(count >> 8));
        outb(b + ATA_LBA0, (uint8_t)(lba >> 24));
        outb(b + ATA_LBA1, (uint8_t)(lba >> 32));
        outb(b + ATA_LBA2, (uint8_t)(lba >> 40));
    } else {
        outb(b + ATA_DRIVE, (uint8_t)(0xe0 | (d->slave << 4) | ((lba >> 24) & 0x0f)));
        delay400(ch);
    }
    outb(b + ATA_COUNT, (uint8_t)count);
    outb(b + ATA_LBA0, (uint8_t)lba);
    outb(b + ATA_LBA1, (uint8_t)(lba >> 8));
    outb(b + ATA_LBA2, (uint8_t)(lba >> 16));
    flags = irq_save();
    ch->irq_done = false;
    outb(ch->ctrl, 0);          /* interrupts on */
    outb(b + ATA_COMMAND, cmd);
    irq_restore(flags);
}

/* check_range: a transfer of `count` sectors at `lba` fits the disk and
 * one command (at most 256 sectors). */
static int check_range(struct ata_drive *d, uint64_t lba, unsigned count)
{
    if (count == 0 || count > 256 || lba >= d->bdev.sectors || count > d->bdev.sectors - lba)
        return -EINVAL;
    return 0;
}

/* read_cmd / write_cmd: the command for the drive's addressing and mode */
static uint8_t read_cmd(struct ata_drive *d)
{
    if (d->multiple > 1)
        return d->lba48 ? CMD_READ_MULTIPLE_EXT : CMD_READ_MULTIPLE;
    return d->lba48 ? CMD_READ_EXT : CMD_READ;
}

static uint8_t write_cmd(struct ata_drive *d)
{
    if (d->multiple > 1)
        return d->lba48 ? CMD_WRITE_MULTIPLE_EXT : CMD_WRITE_MULTIPLE;
    return d->lba48 ? CMD_WRITE_EXT : CMD_WRITE;
}

/* ata_read: per interrupt, a block of `multiple` sectors (the last one
 * may be shorter) comes in through the data port. */
static int ata_read(struct block_device *bdev, uint64_t lba, unsigned count, void *buf)
{
    struct ata_drive *d = bdev->priv;
    int err = check_range(d, lba, count);

    if (err)
        return err;
    ata_lock();
    issue(d, lba, count & 0xff ? count : 0, read_cmd(d));
    for (unsigned i = 0; i < count && !err;) {
        unsigned n = count - i < d->multiple ? count - i : d->multiple;
        uint8_t st = wait_drive(d->ch);
        if (st & (ST_ERR | ST_DF) || !(st & ST_DRQ))
            err = -EIO;
        else
            insw(d->ch->base + ATA_DATA, (uint8_t *)buf + i * SECTOR_SIZE, n * SECTOR_SIZE / 2);
        i += n;
    }
    ata_unlock();
    return err;
}

/* ata_write: per block of `multiple` sectors: wait for DRQ, the block out
 * through the data port, wait for the interrupt (the drive has it). */
static int ata_write(struct block_device *bdev, uint64_t lba, unsigned count, const void *buf)
{
    struct ata_drive *d = bdev->priv;
    int err = check_range(d, lba, count);

    if (err)
        return err;
    ata_lock();
    issue(d, lba, count & 0xff ? count : 0, write_cmd(d));
    for (unsigned i = 0; i < count && !err;) {
        unsigned n = count - i < d->multiple ? count - i : d->multiple;
        uint8_t st = wait_drq(d->ch);
        if (st & (ST_ERR | ST_DF) || !(st & ST_DRQ)) {
            err = -EIO;
            break;
        }
        outsw(d->ch->base + ATA_DATA, (const uint8_t *)buf + i * SECTOR_SIZE,
              n * SECTOR_SIZE / 2);
        st = wait_drive(d->ch);
        if (st & (ST_ERR | ST_DF))
            err = -EIO;
        i += n;
    }
    ata_unlock();
    return err;
}

/* ata_flush: FLUSH CACHE: the drive's write cache to the medium. */
static int ata_flush(struct block_device *bdev)
{
    struct ata_drive *d = bdev->priv;
    uint8_t st;

    ata_lock();
    issue(d, 0, 0, d->lba48 ? CMD_FLUSH_EXT : CMD_FLUSH);
    st = wait_drive(d->ch);
    ata_unlock();
    return st & (ST_ERR | ST_DF) ? -EIO : 0;
}

/* identify: is there an ATA disk (not ATAPI) at ch/slave?  Fills `id`
 * (the 256 words of IDENTIFY DEVICE) when there is. */
static bool identify(struct ata_channel *ch, int slave, uint16_t *id)
{
    uint16_t b = ch->base;
    uint8_t st;

    outb(ch->ctrl, CTL_NIEN);   /* probe quietly */
    if (inb(b + ATA_STATUS) == 0xff)
        return false;           /* floating bus: no drive */
    outb(b + ATA_DRIVE, (uint8_t)(0xa0 | (slave << 4)));
    delay400(ch);
    outb(b + ATA_COUNT, 0);
    outb(b + ATA_LBA0, 0);
    outb(b + ATA_LBA1, 0);
    outb(b + ATA_LBA2, 0);
    outb(b + ATA_COMMAND, CMD_IDENTIFY);
    delay400(ch);
    if (inb(b + ATA_STATUS) == 0)
        return false;
    st = poll_status(ch);
    if (st == 0xff || inb(b + ATA_LBA1) || inb(b + ATA_LBA2))
        return false;           /* no answer, or an ATAPI / SATA signature */
    st = wait_drq(ch);
    if (!(st & ST_DRQ) || (st & ST_ERR))
        return false;
    insw(b + ATA_DATA, id, 256);
    return true;
}

/* set_multiple: ask the drive for `n` sectors per interrupt (SET MULTIPLE
 * MODE); the count it took, 1 if it refused (boot: polled). */
static unsigned set_multiple(struct ata_drive *d, unsigned n)
{
    struct ata_channel *ch = d->ch;
    uint8_t st;

    if (n < 2)
        return 1;
    outb(ch->ctrl, CTL_NIEN);
    poll_status(ch);
    outb(ch->base + ATA_DRIVE, (uint8_t)(0xa0 | (d->slave << 4)));
    delay400(ch);
    outb(ch->base + ATA_COUNT, (uint8_t)n);
    outb(ch->base + ATA_COMMAND, CMD_SET_MULTIPLE);
    st = poll_status(ch);
    return st & (ST_ERR | ST_DF) ? 1 : n;
}

/* add_drive: a disk found by identify(): its size (LBA28 or LBA48), its
 * READ/WRITE MULTIPLE block, a log line. */
static void add_drive(struct ata_channel *ch, int slave, const uint16_t *id)
{
    struct ata_drive *d = &drives[ndrives];
    uint64_t lba28 = id[60] | (uint64_t)id[61] << 16;
    uint64_t lba48 = id[100] | (uint64_t)id[101] << 16 | (uint64_t)id[102] << 32 |
                     (uint64_t)id[103] << 48;

    d->ch = ch;
    d->slave = slave;
    d->lba48 = (id[83] & (1u << 10)) && lba48 > lba28;
    d->bdev.sectors = d->lba48 ? lba48 : lba28;
    d->multiple = set_multiple(d, id[47] & 0xff);     /* the largest the drive offers */
    d->bdev.read = ata_read;
    d->bdev.write = ata_write;
    d->bdev.flush = ata_flush;
    d->bdev.priv = d;
    d->bdev.name[0] = 'h';
    d->bdev.name[1] = 'd';
    d->bdev.name[2] = (char)('a' + (ch - channels) * 2 + slave);
    pr_info("ata: %s: %s %s, %lu sectors (%lu MiB)%s, %u sector%s per interrupt\n",
            d->bdev.name, ch == channels ? "primary" : "secondary", slave ? "slave" : "master",
            d->bdev.sectors, d->bdev.sectors >> 11, d->lba48 ? ", LBA48" : "", d->multiple,
            d->multiple > 1 ? "s" : "");
    ndrives++;
}

void ata_init(void)
{
    static uint16_t id[256];

    wait_queue_init(&ata_waiters);
    for (int c = 0; c < 2; c++) {
        wait_queue_init(&channels[c].wq);
        for (int slave = 0; slave < 2; slave++)
            if (ndrives < MAX_DISKS && identify(&channels[c], slave, id))
                add_drive(&channels[c], slave, id);
        inb(channels[c].base + ATA_STATUS);     /* nothing left pending */
        irq_register(channels[c].irq, ata_interrupt);
    }
}

struct block_device *ata_disk(int n)
{
    return n >= 0 && n < ndrives ? &drives[n].bdev : NULL;
}
