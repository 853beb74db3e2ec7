/*
 * phase2-mapping/fs/ext2_file.c - reading, writing and resizing an ext2
 * file, a block at a time through the block map (fs/ext2_bmap.c) and the
 * block cache.  Holes read as zeros; a write allocates the blocks it
 * needs.  Invariant: the bytes of the last block past i_size are zero
 * (setsize zeroes them when it shrinks a file), so growing a file never
 * shows old data.  Callers hold vfs_lock().
 */
#include <fs/buffer.h>
#include <fs/ext2.h>
#include <arch/memlayout.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <mm/filemap.h>
#include <uapi/errno.h>

static uint8_t bounce[4096];    /* a user write's bytes, before they reach a buffer */

#define READ_AHEAD 64               /* blocks */

/* read_ahead: logical blocks lblock.. (at most `want`) of inode that lie
 * one after the other on the disk from `block` on, read with one command. */
static void read_ahead(struct inode *inode, uint64_t lblock, uint64_t block, uint64_t want)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
    unsigned run = 1;

    if (want > READ_AHEAD)
        want = READ_AHEAD;
    while (run < want && ext2_block_map(inode, lblock + run, false) == (int64_t)(block + run))
        run++;
    breadahead(sbi->bdev, block, sbi->block_size, run);
}

/* do_read: n bytes at pos into buf (a user buffer when `user`). */
static int64_t do_read(struct inode *inode, void *buf, uint64_t n, uint64_t pos, bool user)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
    uint64_t done = 0;

    if (pos >= inode->i_size)
        return 0;
    if (n > inode->i_size - pos)
        n = inode->i_size - pos;
    while (done < n) {
        uint64_t off = (pos + done) % sbi->block_size;
        uint64_t chunk = sbi->block_size - off < n - done ? sbi->block_size - off : n - done;
        int64_t block = ext2_block_map(inode, (pos + done) / sbi->block_size, false);
        uint8_t *to = (uint8_t *)buf + done;
        int fault = 0;

        if (block < 0)
            return done ? (int64_t)done : block;
        if (block == 0) {                        /* a hole */
            if (user)
                fault = clear_user(to, chunk);
            else
                memset(to, 0, chunk);
        } else {
            struct buffer *b;
            if (!bcached(sbi->bdev, (uint64_t)block))
                read_ahead(inode, (pos + done) / sbi->block_size, (uint64_t)block,
                           (n - done + off + sbi->block_size - 1) / sbi->block_size);
            b = bread(sbi->bdev, (uint64_t)block, sbi->block_size);
            if (!b)
                return done ? (int64_t)done : -EIO;
            if (user)
                fault = copy_to_user(to, b->data + off, chunk);
            else
                memcpy(to, b->data + off, chunk);
            brelse(b);
        }
        if (fault)
            return done ? (int64_t)done : -EFAULT;
        done += chunk;
    }
    return (int64_t)done;
}

int64_t ext2_file_read(struct inode *inode, void *buf, uint64_t n, uint64_t pos, bool user)
{
    return do_read(inode, buf, n, pos, user);
}

/* max_size: the largest file: the block map's limit, under 2^63. */
static uint64_t max_size(struct inode *inode)
{
    uint64_t blocks = ext2_max_blocks(inode->i_sb);
    uint64_t limit = blocks * EXT2_SB(inode->i_sb)->block_size;
    return limit > (1ull << 40) ? (1ull << 40) : limit;    /* i_blocks is 32 bits */
}

int64_t ext2_file_write(struct inode *inode, const void *buf, uint64_t n, uint64_t pos, bool user)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
    uint64_t done = 0, limit = max_size(inode);
    int64_t err = 0;

    if (pos >= limit)
        return -EFBIG;
    if (n > limit - pos)
        n = limit - pos;
    while (done < n) {
        uint64_t off = (pos + done) % sbi->block_size;
        uint64_t chunk = sbi->block_size - off < n - done ? sbi->block_size - off : n - done;
        int64_t block;
        struct buffer *b;

        if (!user)
            memcpy(bounce, (const uint8_t *)buf + done, chunk);
        else if (copy_from_user(bounce, (const uint8_t *)buf + done, chunk)) {
            err = -EFAULT;
            break;
        }
        block = ext2_block_map(inode, (pos + done) / sbi->block_size, true);
        if (block <= 0) {
            err = block ? block : -EIO;
            break;
        }
        b = bread(sbi->bdev, (uint64_t)block, sbi->block_size);
        if (!b) {
            err = -EIO;
            break;
        }
        memcpy(b->data + off, bounce, chunk);
        err = bwrite(b);
        brelse(b);
        if (err)
            break;
        done += chunk;
    }
    if (done) {
        if (pos + done > inode->i_size)
            inode->i_size = pos + done;
        inode_touch(inode, 6);
        return (int64_t)done;
    }
    return err;
}

/* zero_tail: zero the bytes of size's block past `size`. */
static int zero_tail(struct inode *inode, uint64_t size)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
    uint64_t off = size % sbi->block_size;
    int64_t block;
    struct buffer *b;
    int err;

    if (off == 0)
        return 0;
    block = ext2_block_map(inode, size / sbi->block_size, false);
    if (block <= 0)
        return (int)block;
    b = bread(sbi->bdev, (uint64_t)block, sbi->block_size);
    if (!b)
        return -EIO;
    memset(b->data + off, 0, sbi->block_size - off);
    err = bwrite(b);
    brelse(b);
    return err;
}

int ext2_setsize(struct inode *inode, uint64_t size)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
    int err = 0;

    if (size > max_size(inode))
        return -EFBIG;
    truncate_pagecache(inode, size);        /* first: no mapping may keep the pages */
    if (size < inode->i_size) {
        err = zero_tail(inode, size);
        if (!err)
            err = ext2_truncate_blocks(inode, (size + sbi->block_size - 1) / sbi->block_size);
    }
    if (err)
        return err;
    inode->i_size = size;
    inode_touch(inode, 6);
    return 0;
}

/* ---- the page cache's operations (mm/filemap.c) ----------------------- */

/* ext2_readpage: a page is PAGE_SIZE / block_size blocks: read them (with
 * the block cache's readahead), zeros past the end and in holes. */
static int ext2_readpage(struct inode *inode, uint64_t index, void *buf)
{
    int64_t got = ext2_file_read(inode, buf, PAGE_SIZE, index << PAGE_SHIFT, false);

    if (got < 0)
        return (int)got;
    memset((uint8_t *)buf + got, 0, PAGE_SIZE - (uint64_t)got);
    return 0;
}

/* ext2_writepage: the blocks holding the page's first `len` bytes, whole
 * (the page is zero past the end of the file, so the last block's tail
 * stays zero on the disk).  A block not allocated yet -- a hole written
 * through a shared mapping -- is allocated now. */
static int ext2_writepage(struct inode *inode, uint64_t index, const void *buf, unsigned len)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
    uint64_t first = (index << PAGE_SHIFT) / sbi->block_size;
    unsigned nblocks = (len + sbi->block_size - 1) / sbi->block_size;

    for (unsigned i = 0; i < nblocks; i++) {
        int64_t block = ext2_block_map(inode, first + i, true);
        struct buffer *b;
        int err;

        if (block <= 0)
            return block ? (int)block : -EIO;
        b = bget(sbi->bdev, (uint64_t)block, sbi->block_size);
        if (!b)
            return -EIO;
        memcpy(b->data, (const uint8_t *)buf + i * sbi->block_size, sbi->block_size);
        err = bwrite(b);
        brelse(b);
        if (err)
            return err;
    }
    return 0;
}

/* ext2_write_begin: allocate the blocks [pos, pos + len) will go to, so
 * that write() reports a full disk (ENOSPC) itself; fresh blocks are
 * zeroed by the allocator. */
static int ext2_write_begin(struct inode *inode, uint64_t pos, uint64_t len)
{
    struct ext2_sb_info *sbi = EXT2_SB(inode->i_sb);
    uint64_t last = (pos + len - 1) / sbi->block_size;

    for (uint64_t lb = pos / sbi->block_size; lb <= last; lb++) {
        int64_t block = ext2_block_map(inode, lb, true);
        if (block <= 0)
            return block ? (int)block : -EIO;
    }
    return 0;
}

const struct address_space_operations ext2_aops = {
    .readpage = ext2_readpage,
    .writepage = ext2_writepage,
    .write_begin = ext2_write_begin,
};
