/*
 * mm/slab.h - caches of equal-sized kernel objects (VMAs, tasks, address
 * spaces, ...) and kmalloc() on top of them.
 *
 * A cache keeps its objects in slabs: single 4 KiB frames cut into
 * object-sized slots.  The free slots of a slab form a list threaded
 * through the slots themselves (each free slot starts with the offset of
 * the next).  A slab with free slots sits on its cache's partial list; a
 * slab with none on the full list; a slab that becomes entirely free goes
 * straight back to the buddy allocator.
 *
 *   frame:  [ obj | free -> | obj | obj | free -> | free -| ... ]
 *                     \__________________/ \_______/
 *
 * Debug builds (DEBUG=1, the default) fill free slots with 0x6b, check the
 * fill on allocation (use after free) and check every pointer handed to
 * kmem_cache_free()/kfree() (bad pointer, wrong cache, double free).
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <kernel/list.h>
#include <mm/page.h>
#include <stddef.h>
#include <stdint.h>

struct kmem_cache {
    const char *name;
    uint32_t object_size;       /* slot size: the requested size rounded up */
    uint32_t objects_per_slab;
    struct pfn_list partial;    /* slabs with at least one free slot */
    struct pfn_list full;       /* slabs with none */
    uint64_t active_objects;
    uint64_t total_slabs;
    struct list_head link;      /* all caches, for slab_print_stats() */
};

#define SLAB_MAX_OBJECT (PAGE_SIZE / 2)

/* kmem_cache_init: set up a cache for objects of `size` bytes (at most
 * SLAB_MAX_OBJECT), aligned to 8 (or to 16 when size is a multiple of 16). */
void kmem_cache_init(struct kmem_cache *c, const char *name, size_t size);

/* kmem_cache_alloc: an object (not zeroed), or NULL when memory runs out. */
void *kmem_cache_alloc(struct kmem_cache *c);
/* kmem_cache_zalloc: the same, zeroed. */
void *kmem_cache_zalloc(struct kmem_cache *c);
void kmem_cache_free(struct kmem_cache *c, void *obj);

/* kmalloc: `size` bytes from the smallest size class that fits (16 ... 2048
 * bytes), or whole frames for anything larger.  NULL when out of memory. */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);

/* slab_for_each_cache: the list of caches, for statistics. */
extern struct list_head slab_caches;

void kmalloc_init(void);

#endif
