/*
 * fs/buffer.h - the block cache: disk blocks of a file system's block size
 * in memory, shared by whoever reads them (fs/buffer.c).
 *
 * bread() returns a block with a reference; the caller changes b->data and
 * calls bwrite() (marks it dirty) and brelse().  Every dirty block is
 * written when the file system lock is released (vfs_unlock ->
 * buffer_flush): the disk is consistent whenever no file system call is in
 * progress.  Blocks without references stay cached until the cache needs
 * their slot (least recently used first).  Callers hold vfs_lock().
 */
#ifndef FS_BUFFER_H
#define FS_BUFFER_H

#include <kernel/list.h>
#include <stdbool.h>
#include <stdint.h>

struct block_device;

struct buffer {
    struct block_device *bdev;
    uint64_t block;
    unsigned size;
    int refcount;
    uint8_t *data;
    struct list_head lru;       /* most recently released last */
    struct list_head hash;
    struct list_head dirty_link;
    bool dirty;
};

/* bread: block `block` (of `size` bytes) of bdev, or NULL on an I/O error
 * or without memory.  bget: the same without reading (the caller fills it
 * all: a new block). */
struct buffer *bread(struct block_device *bdev, uint64_t block, unsigned size);
struct buffer *bget(struct block_device *bdev, uint64_t block, unsigned size);
/* bcached: is the block in the cache?  breadahead: blocks [block, block +
 * count) into the cache with one disk command (up to the first one that
 * is cached already; at most 128 KiB). */
bool bcached(struct block_device *bdev, uint64_t block);
void breadahead(struct block_device *bdev, uint64_t block, unsigned size, unsigned count);
/* bwrite: the block's data is to go to the disk (at the next flush). */
int bwrite(struct buffer *b);
/* buffer_flush: every dirty block to the disk, neighbours in one command
 * each.  0, or -EIO (logged) when a write failed. */
int buffer_flush(void);
void brelse(struct buffer *b);

#endif
