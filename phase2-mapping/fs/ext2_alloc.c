/*
 * phase2-mapping/fs/ext2_alloc.c - ext2's block and inode bitmaps: one
 * bitmap block of each kind per group, bit i for the group's i-th block
 * (inode).  Every change updates the free counts in the group descriptor
 * and the superblock too, and writes all three at once, so that e2fsck's
 * pass 5 (group summary information) finds them agreeing.
 */
#include <fs/buffer.h>
#include <fs/ext2.h>
#include <lib/string.h>
#include <uapi/errno.h>

/* find_zero: the first clear bit in bits [from, n) of map, or -1. */
static int64_t find_zero(const uint8_t *map, uint32_t from, uint32_t n)
{
    for (uint32_t i = from; i < n; i++) {
        if (map[i / 8] == 0xff) {
            i |= 7;
            continue;
        }
        if (!(map[i / 8] & (1u << (i % 8))))
            return i;
    }
    return -1;
}

/* take_bit: the first free bit at or after `from` in the bitmap at
 * `block` with `n` valid bits, set and written; -1 if none. */
static int64_t take_bit(struct ext2_sb_info *sbi, uint32_t block, uint32_t from, uint32_t n)
{
    struct buffer *b = bread(sbi->bdev, block, sbi->block_size);
    int64_t bit;

    if (!b)
        return -1;
    bit = find_zero(b->data, from, n);
    if (bit < 0 && from)
        bit = find_zero(b->data, 0, from);
    if (bit >= 0) {
        b->data[bit / 8] |= (uint8_t)(1u << (bit % 8));
        if (bwrite(b))
            bit = -1;
    }
    brelse(b);
    return bit;
}

/* put_bit: clear bit `bit` of the bitmap at `block`; was it set? */
static bool put_bit(struct ext2_sb_info *sbi, uint32_t block, uint32_t bit)
{
    struct buffer *b = bread(sbi->bdev, block, sbi->block_size);
    bool was = false;

    if (!b)
        return false;
    was = b->data[bit / 8] & (1u << (bit % 8));
    b->data[bit / 8] &= (uint8_t)~(1u << (bit % 8));
    if (was)
        bwrite(b);
    brelse(b);
    return was;
}

static uint32_t blocks_in_group(struct ext2_sb_info *sbi, uint32_t g)
{
    uint32_t start = sbi->es.s_first_data_block + g * sbi->es.s_blocks_per_group;
    uint32_t left = sbi->es.s_blocks_count - start;
    return left < sbi->es.s_blocks_per_group ? left : sbi->es.s_blocks_per_group;
}

uint32_t ext2_new_block(struct super_block *sb, uint32_t goal, int *err)
{
    struct ext2_sb_info *sbi = EXT2_SB(sb);
    uint32_t first = sbi->es.s_first_data_block, bpg = sbi->es.s_blocks_per_group;
    uint32_t g0 = goal >= first && goal < sbi->es.s_blocks_count ? (goal - first) / bpg : 0;

    for (uint32_t i = 0; i < sbi->groups; i++) {
        uint32_t g = (g0 + i) % sbi->groups;
        uint32_t from = i == 0 && goal >= first ? (goal - first) % bpg : 0;
        int64_t bit;
        uint32_t block;
        struct buffer *b;

        if (sbi->gd[g].bg_free_blocks_count == 0)
            continue;
        bit = take_bit(sbi, sbi->gd[g].bg_block_bitmap, from, blocks_in_group(sbi, g));
        if (bit < 0)
            continue;
        sbi->gd[g].bg_free_blocks_count--;
        sbi->es.s_free_blocks_count--;
        ext2_write_group(sb, g);
        ext2_write_super(sb);
        block = first + g * bpg + (uint32_t)bit;
        b = bget(sbi->bdev, block, sbi->block_size);   /* a new block reads as zeros */
        if (b) {
            memset(b->data, 0, sbi->block_size);
            bwrite(b);
            brelse(b);
        }
        return block;
    }
    *err = -ENOSPC;
    return 0;
}

void ext2_free_block(struct super_block *sb, uint32_t block)
{
    struct ext2_sb_info *sbi = EXT2_SB(sb);
    uint32_t rel, g;

    if (block < sbi->es.s_first_data_block || block >= sbi->es.s_blocks_count)
        return;
    rel = block - sbi->es.s_first_data_block;
    g = rel / sbi->es.s_blocks_per_group;
    if (!put_bit(sbi, sbi->gd[g].bg_block_bitmap, rel % sbi->es.s_blocks_per_group))
        return;
    sbi->gd[g].bg_free_blocks_count++;
    sbi->es.s_free_blocks_count++;
    ext2_write_group(sb, g);
    ext2_write_super(sb);
}

uint32_t ext2_new_inode_number(struct super_block *sb, uint32_t dir_group, bool is_dir, int *err)
{
    struct ext2_sb_info *sbi = EXT2_SB(sb);
    uint32_t ipg = sbi->es.s_inodes_per_group;

    for (uint32_t i = 0; i < sbi->groups; i++) {
        uint32_t g = (dir_group + i) % sbi->groups;
        uint32_t from = g == 0 ? sbi->es.s_first_ino - 1 : 0;   /* reserved inodes */
        int64_t bit;

        if (sbi->gd[g].bg_free_inodes_count == 0)
            continue;
        bit = take_bit(sbi, sbi->gd[g].bg_inode_bitmap, from, ipg);
        if (bit < 0 || (g == 0 && bit < from))
            continue;
        sbi->gd[g].bg_free_inodes_count--;
        if (is_dir)
            sbi->gd[g].bg_used_dirs_count++;
        sbi->es.s_free_inodes_count--;
        ext2_write_group(sb, g);
        ext2_write_super(sb);
        return g * ipg + (uint32_t)bit + 1;
    }
    *err = -ENOSPC;
    return 0;
}

void ext2_free_inode_number(struct super_block *sb, uint32_t ino, bool is_dir)
{
    struct ext2_sb_info *sbi = EXT2_SB(sb);
    uint32_t g = (ino - 1) / sbi->es.s_inodes_per_group;

    if (ino < sbi->es.s_first_ino || ino > sbi->es.s_inodes_count)
        return;
    if (!put_bit(sbi, sbi->gd[g].bg_inode_bitmap, (ino - 1) % sbi->es.s_inodes_per_group))
        return;
    sbi->gd[g].bg_free_inodes_count++;
    if (is_dir)
        sbi->gd[g].bg_used_dirs_count--;
    sbi->es.s_free_inodes_count++;
    ext2_write_group(sb, g);
    ext2_write_super(sb);
}
