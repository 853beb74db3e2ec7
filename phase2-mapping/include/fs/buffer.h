/*
 * fs/buffer.h - the block cache: disk blocks of a file system's block size
 * in memory, shared by whoever reads them (fs/buffer.c).
 *
 * bread() returns a block with a reference; the caller changes b->data and
 * calls bwrite() (writes it through to the disk at once: the disk is
 * always consistent when a call returns) and brelse().  Blocks without
 * references stay cached until the cache needs their slot (least recently
 * used first).  Callers hold vfs_lock().
 */
#ifndef FS_BUFFER_H
#define FS_BUFFER_H

#include <kernel/list.h>
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
};

/* bread: block `block` (of `size` bytes) of bdev, or NULL on an I/O error
 * or without memory.  bget: the same without reading (the caller fills it
 * all: a new block). */
struct buffer *bread(struct block_device *bdev, uint64_t block, unsigned size);
struct buffer *bget(struct block_device *bdev, uint64_t block, unsigned size);
/* bwrite: the block's data to the disk.  0 or -EIO. */
int bwrite(struct buffer *b);
void brelse(struct buffer *b);

#endif
