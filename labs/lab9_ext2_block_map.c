/*
 * labs/lab9_ext2_block_map.c - Lab 9: ext2's block map.
 * Read the hand-out in labs/README.md first.  (Built into the phase-2 and
 * phase-3 kernels only: in phase 1, which has no file system, this file
 * compiles to nothing.)
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
 *
 * ext2_block_path(inode, lblock, offsets) gives the walk: how many steps
 * (1 direct, 2 indirect, 3 double, 4 triple indirect) and, per step, the
 * slot to take: offsets[0] indexes EXT2_I(inode)->i_block[], the others
 * index the 32-bit block numbers of the indirect block reached so far
 * (bread(EXT2_SB(sb)->bdev, block, block_size), then brelse()).
 *
 * With `create`, every missing step (a 0 slot: indirect blocks, then the
 * data block) is allocated with ext2_alloc_for(inode, goal, &err) (it is
 * zeroed and counted in i_blocks) and written into its parent: into an
 * indirect block followed by bwrite(), or into i_block[]; when anything was
 * allocated, store the inode with ext2_write_inode() before returning.
 *
 * Invariants: a slot that holds a block is never overwritten; every
 * buffer read is released; without `create` nothing on the disk changes.
 * Common mistakes: stopping at the first level (only small files work:
 * the tests write past the double-indirect limit); forgetting bwrite()
 * after changing an indirect block (the host's e2fsck then finds blocks
 * marked used that nothing points to); allocating a data block for a read
 * of a hole.
 *
 * Test: make check (the lab9 tests: ext2_big_files and friends).
 */
int64_t ext2_block_map(struct inode *inode, uint64_t lblock, bool create)
{
    LAB_NOT_DONE(9);   /* delete this line when you start */
    return -EIO;       /* TODO: replace with your implementation */
}
#endif
