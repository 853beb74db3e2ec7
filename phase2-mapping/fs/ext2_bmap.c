/*
 * phase2-mapping/fs/ext2_bmap.c - where an ext2 file's blocks are: the
 * walk from a logical block number through i_block[] and the indirect
 * blocks to the disk block (see the picture in fs/ext2.h), creating the
 * missing steps on a write, and freeing the tail of the tree on truncate.
 *
 * ext2_block_map() is lab 9 (labs/lab9_ext2_block_map.c); ext2_block_path()
 * below, which says which slots the walk goes through, is given.
 */
#include <fs/buffer.h>
#include <fs/ext2.h>
#include <lib/string.h>
#include <uapi/errno.h>

uint64_t ext2_max_blocks(struct super_block *sb)
{
    uint64_t p = EXT2_SB(sb)->ptrs_per_block;
    return EXT2_NDIR_BLOCKS + p + p * p + p * p * p;
}

int ext2_block_path(struct inode *inode, uint64_t lblock, unsigned offsets[4])
{
    uint64_t p = EXT2_SB(inode->i_sb)->ptrs_per_block;

    if (lblock < EXT2_NDIR_BLOCKS) {
        offsets[0] = (unsigned)lblock;
        return 1;
    }
    lblock -= EXT2_NDIR_BLOCKS;
    if (lblock < p) {
        offsets[0] = EXT2_IND_BLOCK;
        offsets[1] = (unsigned)lblock;
        return 2;
    }
    lblock -= p;
    if (lblock < p * p) {
        offsets[0] = EXT2_DIND_BLOCK;
        offsets[1] = (unsigned)(lblock / p);
        offsets[2] = (unsigned)(lblock % p);
        return 3;
    }
    lblock -= p * p;
    if (lblock < p * p * p) {
        offsets[0] = EXT2_TIND_BLOCK;
        offsets[1] = (unsigned)(lblock / (p * p));
        offsets[2] = (unsigned)(lblock / p % p);
        offsets[3] = (unsigned)(lblock % p);
        return 4;
    }
    return -EFBIG;
}

/* ext2_alloc_for: a new zeroed block for `inode` near `goal`, counted in
 * its i_blocks (the caller stores the inode). */
uint32_t ext2_alloc_for(struct inode *inode, uint32_t goal, int *err)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
    uint32_t block;

    if (!goal)
        goal = sbi->es.s_first_data_block +
               (uint32_t)((inode->i_ino - 1) / sbi->es.s_inodes_per_group) *
                   sbi->es.s_blocks_per_group;
    block = ext2_new_block(inode->i_sb, goal, err);
    if (block)
        inode->i_blocks += sbi->block_size / 512;
    return block;
}

/* free_tree: free `block` and, below `depth` levels of indirection, every
 * block it points to. */
static void free_tree(struct inode *inode, uint32_t block, int depth)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);

    if (depth > 0) {
        struct buffer *b = bread(sbi->bdev, block, sbi->block_size);
        if (b) {
            const uint32_t *ptr = (const uint32_t *)b->data;
            for (uint32_t i = 0; i < sbi->ptrs_per_block; i++)
                if (ptr[i])
                    free_tree(inode, ptr[i], depth - 1);
            brelse(b);
        }
    }
    ext2_free_block(inode->i_sb, block);
    inode->i_blocks -= sbi->block_size / 512;
}

/* trunc_tree: the subtree at *slot (depth levels of indirection) maps
 * logical blocks from `first` on; free those at or past `keep`, and the
 * indirect blocks left pointing at nothing.  True when *slot changed. */
static bool trunc_tree(struct inode *inode, uint32_t *slot, int depth, uint64_t first,
                       uint64_t keep)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
    uint64_t span = 1, sub;
    struct buffer *b;
    uint32_t *ptr;
    bool changed = false;

    for (int i = 0; i < depth; i++)
        span *= sbi->ptrs_per_block;
    if (!*slot || first + span <= keep)
        return false;
    if (first >= keep) {
        free_tree(inode, *slot, depth);
        *slot = 0;
        return true;
    }
    b = bread(sbi->bdev, *slot, sbi->block_size);       /* partly kept */
    if (!b)
        return false;
    ptr = (uint32_t *)b->data;
    sub = span / sbi->ptrs_per_block;
    for (uint32_t i = 0; i < sbi->ptrs_per_block; i++) {
        changed |= trunc_tree(inode, &ptr[i], depth - 1, first + i * sub, keep);
    }
    if (changed)
        bwrite(b);
    brelse(b);
    return false;
}

int ext2_truncate_blocks(struct inode *inode, uint64_t keep)
{
    struct ext2_inode_info *ei = EXT2_I(inode);
    uint64_t p = EXT2_SB(inode->i_sb)->ptrs_per_block;
    uint64_t first[4] = { 0, EXT2_NDIR_BLOCKS, EXT2_NDIR_BLOCKS + p,
                          EXT2_NDIR_BLOCKS + p + p * p };

    for (unsigned i = 0; i < EXT2_NDIR_BLOCKS; i++)
        trunc_tree(inode, &ei->i_block[i], 0, i, keep);
    for (int depth = 1; depth <= 3; depth++)
        trunc_tree(inode, &ei->i_block[EXT2_IND_BLOCK + depth - 1], depth, first[depth], keep);
    return ext2_write_inode(inode);
}
