/*
 * phase2-mapping/fs/buffer.c - the block cache (see fs/buffer.h): at most
 * BUFFER_MAX blocks, found by a hash of the block number, reused least
 * recently used first.  bwrite() marks a block dirty (the dirty list holds
 * a reference, so it stays cached); buffer_flush(), when the file system
 * lock is released, writes every dirty block, in block order, runs of
 * neighbouring blocks in one disk command.
 */
#include <arch/printk.h>
#include <drivers/ata.h>
#include <fs/buffer.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#define BUFFER_MAX  1024
#define RUN_MAX_BYTES (128u * 1024)     /* 256 sectors: one ATA command */
#define HASH_SIZE   256

static struct list_head hash[HASH_SIZE];
static struct list_head lru;        /* unreferenced buffers, oldest first */
static struct list_head dirty;      /* written since the last flush */
static unsigned ndirty;
static unsigned nbuffers;
static int ready;

static void buffer_init(void)
{
    for (int i = 0; i < HASH_SIZE; i++)
        list_init(&hash[i]);
    list_init(&lru);
    list_init(&dirty);
    ready = 1;
}

/* find: the cached buffer of block, or NULL (no reference taken). */
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

bool bcached(struct block_device *bdev, uint64_t block)
{
    if (!ready)
        buffer_init();
    return find(bdev, block) != NULL;
}

void breadahead(struct block_device *bdev, uint64_t block, unsigned size, unsigned count)
{
    unsigned n = 0, per = size / SECTOR_SIZE;
    uint8_t *bounce;

    if (count > RUN_MAX_BYTES / size)
        count = RUN_MAX_BYTES / size;
    while (n < count && !bcached(bdev, block + n))
        n++;
    if (n < 2 || !(bounce = kmalloc(n * size)))
        return;
    if (bdev->read(bdev, block * per, n * per, bounce) == 0) {
        for (unsigned i = 0; i < n; i++) {
            int fresh;
            struct buffer *b = lookup(bdev, block + i, size, &fresh);
            if (b && fresh)
                memcpy(b->data, bounce + i * size, size);
            brelse(b);
        }
    }
    kfree(bounce);
}

struct buffer *bget(struct block_device *bdev, uint64_t block, unsigned size)
{
    int fresh;
    return lookup(bdev, block, size, &fresh);
}

int buffer_flush(void);

#define DIRTY_MAX 512                  /* a long write flushes on the way */

int bwrite(struct buffer *b)
{
    if (!b->dirty) {
        b->dirty = true;
        b->refcount++;                  /* the dirty list's reference */
        list_add_tail(&b->dirty_link, &dirty);
        ndirty++;
    }
    return ndirty >= DIRTY_MAX ? buffer_flush() : 0;
}

static int by_block(const void *a, const void *b)
{
    const struct buffer *x = *(struct buffer *const *)a, *y = *(struct buffer *const *)b;
    return (x->block > y->block) - (x->block < y->block);
}

/* sort_buffers: insertion sort (the kernel has no qsort; a flush holds a
 * few dozen blocks). */
static void sort_buffers(struct buffer **v, unsigned n)
{
    for (unsigned i = 1; i < n; i++) {
        struct buffer *x = v[i];
        unsigned j = i;
        for (; j > 0 && by_block(&v[j - 1], &x) > 0; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* write_run: blocks v[0..n) (neighbours on one disk, one size) in one
 * command, through `bounce`. */
static int write_run(struct buffer **v, unsigned n, uint8_t *bounce)
{
    unsigned size = v[0]->size, per = size / SECTOR_SIZE;
    for (unsigned i = 0; i < n; i++)
        memcpy(bounce + i * size, v[i]->data, size);
    return v[0]->bdev->write(v[0]->bdev, v[0]->block * per, n * per, bounce);
}


int buffer_flush(void)
{
    struct buffer **v;
    uint8_t *bounce;
    unsigned n = 0;
    int err = 0;

    if (!ndirty)
        return 0;
    v = kmalloc(ndirty * sizeof(*v));
    bounce = kmalloc(RUN_MAX_BYTES);
    while (!list_empty(&dirty)) {
        struct buffer *b = list_entry(dirty.next, struct buffer, dirty_link);
        list_del(&b->dirty_link);
        b->dirty = false;
        if (v)
            v[n++] = b;
        else if (b->bdev->write(b->bdev, b->block * (b->size / SECTOR_SIZE),
                                b->size / SECTOR_SIZE, b->data))     /* no memory: one by one */
            err = -EIO;
        if (!v)
            brelse(b);
    }
    ndirty = 0;
    if (v) {
        sort_buffers(v, n);
        for (unsigned i = 0; i < n;) {
            unsigned run = 1;
            while (bounce && i + run < n && v[i + run]->bdev == v[i]->bdev &&
                   v[i + run]->size == v[i]->size && v[i + run]->block == v[i]->block + run &&
                   (run + 1) * v[i]->size <= RUN_MAX_BYTES)
                run++;
            if (bounce ? write_run(&v[i], run, bounce)
                       : v[i]->bdev->write(v[i]->bdev, v[i]->block * (v[i]->size / SECTOR_SIZE),
                                           v[i]->size / SECTOR_SIZE, v[i]->data))
                err = -EIO;
            for (unsigned k = 0; k < run; k++)
                brelse(v[i + k]);
            i += run;
        }
    }
    kfree(v);
    kfree(bounce);
    if (err)
        printk("buffer: a block could not be written to the disk\n");
    return err;
}

void brelse(struct buffer *b)
{
    if (b && --b->refcount == 0)
        list_add_tail(&b->lru, &lru);
}
