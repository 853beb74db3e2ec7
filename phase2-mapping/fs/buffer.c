/*
 * phase2-mapping/fs/buffer.c - the block cache (see fs/buffer.h): at most
 * BUFFER_MAX blocks, found by a hash of the block number, reused least
 * recently used first.  Writes go through to the disk at once.
 */
#include <drivers/ata.h>
#include <fs/buffer.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#define BUFFER_MAX  1024
#define HASH_SIZE   256

static struct list_head hash[HASH_SIZE];
static struct list_head lru;        /* unreferenced buffers, oldest first */
static unsigned nbuffers;
static int ready;

static void buffer_init(void)
{
    for (int i = 0; i < HASH_SIZE; i++)
        list_init(&hash[i]);
    list_init(&lru);
    ready = 1;
}

static struct buffer *find(struct block_device *bdev, uint64_t block)
{
    struct list_head *head = &hash[block % HASH_SIZE];
    for (struct list_head *p = head->next; p != head; p = p->next) {
        struct buffer *b = list_entry(p, struct buffer, hash);
        if (b->bdev == bdev && b->block == block)
            return b;
    }
    return NULL;
}

/* recycle: an unreferenced buffer of `size` to reuse (the least recently
 * used), or a new one while there are fewer than BUFFER_MAX. */
static struct buffer *recycle(unsigned size)
{
    struct buffer *b;

    if (nbuffers >= BUFFER_MAX && !list_empty(&lru)) {
        b = list_entry(lru.next, struct buffer, lru);
        list_del(&b->lru);
        list_del(&b->hash);
        if (b->size == size)
            return b;
        kfree(b->data);
        kfree(b);
        nbuffers--;
    }
    b = kzalloc(sizeof(*b));
    if (!b)
        return NULL;
    b->data = kmalloc(size);
    if (!b->data) {
        kfree(b);
        return NULL;
    }
    nbuffers++;
    return b;
}

/* lookup: the buffer of block, referenced; *fresh when its data is not
 * the disk's yet. */
static struct buffer *lookup(struct block_device *bdev, uint64_t block, unsigned size, int *fresh)
{
    struct buffer *b;

    if (!ready)
        buffer_init();
    b = find(bdev, block);
    if (b) {
        if (b->refcount++ == 0)
            list_del(&b->lru);
        *fresh = 0;
        return b;
    }
    b = recycle(size);
    if (!b)
        return NULL;
    b->bdev = bdev;
    b->block = block;
    b->size = size;
    b->refcount = 1;
    list_add(&b->hash, &hash[block % HASH_SIZE]);
    *fresh = 1;
    return b;
}

struct buffer *bread(struct block_device *bdev, uint64_t block, unsigned size)
{
    int fresh;
    struct buffer *b = lookup(bdev, block, size, &fresh);

    if (b && fresh &&
        bdev->read(bdev, block * (size / SECTOR_SIZE), size / SECTOR_SIZE, b->data)) {
        b->refcount = 0;                /* unreadable: forget it */
        list_del(&b->hash);
        list_add(&b->hash, &hash[0]);
        b->block = UINT64_MAX;
        list_add(&b->lru, &lru);
        return NULL;
    }
    return b;
}

struct buffer *bget(struct block_device *bdev, uint64_t block, unsigned size)
{
    int fresh;
    return lookup(bdev, block, size, &fresh);
}

int bwrite(struct buffer *b)
{
    return b->bdev->write(b->bdev, b->block * (b->size / SECTOR_SIZE), b->size / SECTOR_SIZE,
                          b->data) ? -EIO : 0;
}

void brelse(struct buffer *b)
{
    if (b && --b->refcount == 0)
        list_add_tail(&b->lru, &lru);
}
