/*
 * solutions/lab9_ext2_block_map.c - Lab 9 reference: ext2's block map.
 * (Built into the phase-2 and phase-3 kernels only: in phase 1, which has
 * no file system, this file compiles to nothing.)
 */
#if __has_include(<fs/ext2.h>)
#include <fs/buffer.h>
#include <fs/ext2.h>
#include <kernel/lab.h>
#include <uapi/errno.h>

/*
 * ext2_block_map: the disk block holding logical block `lblock` of
 * `inode`.  Returns the block number, 0 for a hole when !create, or a
 * negative errno (-EFBIG past the triple-indirect limit, -ENOSPC, -EIO).
 * With `create`, every missing step (indirect blocks, then the data block)
 * is allocated with ext2_alloc_for(), written into its parent (the parent
 * indirect block with bwrite(), or i_block[] in the inode, stored with
 * ext2_write_inode() at the end).
 */
int64_t ext2_block_map(struct inode *inode, uint64_t lblock, bool create)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
    struct ext2_inode_info *ei = EXT2_I(inode);
    unsigned offsets[4];
    int depth = ext2_block_path(inode, lblock, offsets);
    uint32_t block, goal = 0;
    bool grew = false;
    int err = 0;

    if (depth < 0)
        return depth;
    block = ei->i_block[offsets[0]];            /* the slot in the inode */
    if (!block) {
        if (!create)
            return 0;
        block = ext2_alloc_for(inode, goal, &err);
        if (!block)
            return err;
        ei->i_block[offsets[0]] = block;
        grew = true;
    }
    for (int level = 1; level < depth; level++) {   /* down the indirect blocks */
        struct buffer *b = bread(sbi->bdev, block, sbi->block_size);
        uint32_t *slot;
        if (!b) {
            err = -EIO;
            break;
        }
        slot = (uint32_t *)b->data + offsets[level];
        goal = block;
        block = *slot;
        if (!block && create) {
            block = ext2_alloc_for(inode, goal, &err);
            if (block) {
                *slot = block;
                err = bwrite(b);
                grew = true;
            }
        }
        brelse(b);
        if (!block || err)
            break;
    }
    if (grew) {
        int werr = ext2_write_inode(inode);
        err = err ? err : werr;
    }
    return err ? (int64_t)err : (int64_t)block;
}
#endif
