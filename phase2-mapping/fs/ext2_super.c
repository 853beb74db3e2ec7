/*
 * phase2-mapping/fs/ext2_super.c - mounting ext2: the superblock and the
 * group descriptors (see fs/ext2.h), and writing them back when the
 * allocation counts change.
 *
 * The driver takes revision 1 file systems whose incompatible features it
 * knows (only `filetype`); it never changes s_state (the file system on
 * the disk is consistent whenever no call is in progress: the blocks a call
 * changed are written when it releases the file system lock), so the
 * host's e2fsck finds it clean after any run.
 */
#include <arch/printk.h>
#include <drivers/ata.h>
#include <fs/buffer.h>
#include <fs/ext2.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <uapi/errno.h>

static int ext2_sync(struct super_block *sb)
{
    struct ext2_sb_info *sbi = EXT2_SB(sb);
    return sbi->bdev->flush ? sbi->bdev->flush(sbi->bdev) : 0;
}

static const struct super_operations ext2_sops = {
    .evict = ext2_evict,
    .sync = ext2_sync,
};

int ext2_write_super(struct super_block *sb)
{
    struct ext2_sb_info *sbi = EXT2_SB(sb);
    struct buffer *b = bread(sbi->bdev, sbi->sb_block, sbi->block_size);
    int err;

    if (!b)
        return -EIO;
    sbi->es.s_wtime = vfs_now();
    memcpy(b->data + sbi->sb_offset, &sbi->es, sizeof(sbi->es));
    err = bwrite(b);
    brelse(b);
    return err;
}

int ext2_write_group(struct super_block *sb, uint32_t group)
{
    struct ext2_sb_info *sbi = EXT2_SB(sb);
    uint32_t per_block = sbi->block_size / sizeof(struct ext2_group_desc);
    struct buffer *b = bread(sbi->bdev, sbi->gdt_block + group / per_block, sbi->block_size);
    int err;

    if (!b)
        return -EIO;
    memcpy(b->data + (group % per_block) * sizeof(struct ext2_group_desc), &sbi->gd[group],
           sizeof(struct ext2_group_desc));
    err = bwrite(b);
    brelse(b);
    return err;
}

/* check_super: can this driver use the file system?  0 or -EINVAL. */
static int check_super(const struct ext2_super_block *es)
{
    if (es->s_magic != EXT2_MAGIC) {
        printk("ext2: no ext2 file system (magic %#x)\n", es->s_magic);
        return -EINVAL;
    }
    if (es->s_rev_level != 1 || es->s_log_block_size > 2 || es->s_inodes_per_group == 0 ||
        es->s_blocks_per_group == 0 || es->s_inode_size < 128) {
        printk("ext2: revision %u, block size %u: not supported\n", es->s_rev_level,
               1024u << (es->s_log_block_size & 7));
        return -EINVAL;
    }
    if (es->s_feature_incompat & ~EXT2_FEATURE_INCOMPAT_FILETYPE) {
        printk("ext2: incompatible features %#x: not supported\n", es->s_feature_incompat);
        return -EINVAL;
    }
    return 0;
}

/* read_groups: the group descriptor table into sbi->gd. */
static int read_groups(struct ext2_sb_info *sbi)
{
    uint32_t per_block = sbi->block_size / sizeof(struct ext2_group_desc);

    sbi->gd = kmalloc(sbi->groups * sizeof(struct ext2_group_desc));
    if (!sbi->gd)
        return -ENOMEM;
    for (uint32_t g = 0; g < sbi->groups; g += per_block) {
        struct buffer *b = bread(sbi->bdev, sbi->gdt_block + g / per_block, sbi->block_size);
        uint32_t n = sbi->groups - g < per_block ? sbi->groups - g : per_block;
        if (!b)
            return -EIO;
        memcpy(&sbi->gd[g], b->data, n * sizeof(struct ext2_group_desc));
        brelse(b);
    }
    return 0;
}

/* read_super: the superblock at byte 1024 of the disk into sbi. */
static int read_super(struct ext2_sb_info *sbi)
{
    uint8_t raw[1024];
    int err = sbi->bdev->read(sbi->bdev, 2, 2, raw);

    if (err)
        return err;
    memcpy(&sbi->es, raw, sizeof(sbi->es));
    err = check_super(&sbi->es);
    if (err)
        return err;
    sbi->block_size = 1024u << sbi->es.s_log_block_size;
    sbi->ptrs_per_block = sbi->block_size / 4;
    sbi->sb_block = 1024 / sbi->block_size;
    sbi->sb_offset = 1024 % sbi->block_size;
    sbi->gdt_block = sbi->es.s_first_data_block + 1;
    sbi->inode_size = sbi->es.s_inode_size;
    sbi->groups = (sbi->es.s_blocks_count - sbi->es.s_first_data_block +
                   sbi->es.s_blocks_per_group - 1) / sbi->es.s_blocks_per_group;
    return 0;
}

int ext2_mount(struct block_device *bdev, struct super_block **out)
{
    struct super_block *sb = kzalloc(sizeof(*sb));
    struct ext2_sb_info *sbi = kzalloc(sizeof(*sbi));
    int err = sb && sbi ? 0 : -ENOMEM;

    if (!err) {
        sbi->bdev = bdev;
        err = read_super(sbi);
    }
    if (!err)
        err = read_groups(sbi);
    if (!err) {
        sb->s_op = &ext2_sops;
        sb->s_type = "ext2";
        sb->s_dev = vfs_new_dev();
        sb->s_blocksize = sbi->block_size;
        sb->s_fs_info = sbi;
        sb->s_maxbytes = ext2_max_blocks(sb) * sbi->block_size;
        if (sb->s_maxbytes > (1ull << 40))
            sb->s_maxbytes = 1ull << 40;        /* i_blocks is 32 bits */
        err = ext2_iget(sb, EXT2_ROOT_INO, &sb->s_root);
    }
    if (err) {
        if (sbi)
            kfree(sbi->gd);
        kfree(sbi);
        kfree(sb);
        return err;
    }
    pr_info("ext2: %s: %u blocks of %u bytes (%u free), %u inodes (%u free), %u groups\n",
            bdev->name, sbi->es.s_blocks_count, sbi->block_size, sbi->es.s_free_blocks_count,
            sbi->es.s_inodes_count, sbi->es.s_free_inodes_count, sbi->groups);
    *out = sb;
    return 0;
}
