/*
 * phase1-vma/mm/slab.c - object caches (see mm/slab.h for the picture).
 */
#include <arch/printk.h>
#include <lib/string.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/vmstat.h>

#ifndef KERNEL_DEBUG
#define KERNEL_DEBUG 0
#endif

#define POISON_FREE 0x6b
#define NO_FREE_SLOT PFN_NONE

LIST_HEAD_DEFINE(slab_caches);

static uint32_t *slot_next(void *slot)
{
    return (uint32_t *)slot;
}

void kmem_cache_init(struct kmem_cache *c, const char *name, size_t size)
{
    size_t align = (size % 16 == 0) ? 16 : 8;
    size_t slot = (size + align - 1) & ~(align - 1);

    if (slot < 8)
        slot = 8;
    if (slot > SLAB_MAX_OBJECT)
        panic("kmem_cache_init(%s): %zu-byte objects are too big for a slab", name, size);
    memset(c, 0, sizeof(*c));
    c->name = name;
    c->object_size = (uint32_t)slot;
    c->objects_per_slab = (uint32_t)(PAGE_SIZE / slot);
    pfn_list_init(&c->partial);
    pfn_list_init(&c->full);
    list_add_tail(&c->link, &slab_caches);
}

/* new_slab: a fresh frame with all its slots chained on the free list. */
static struct page *new_slab(struct kmem_cache *c)
{
    struct page *p = alloc_page();
    uint8_t *base;

    if (!p)
        return NULL;
    base = page_address(p);
    if (KERNEL_DEBUG)
        memset(base, POISON_FREE, PAGE_SIZE);
    for (uint32_t i = 0; i < c->objects_per_slab; i++) {
        bool last = i + 1 == c->objects_per_slab;
        *slot_next(base + i * c->object_size) =
            last ? NO_FREE_SLOT : (i + 1) * c->object_size;
    }
    p->flags |= PG_SLAB;
    p->slab_cache = c;
    p->slab.inuse = 0;
    p->slab.free_offset = 0;
    c->total_slabs++;
    vmstat.slab_pages++;
    return p;
}

static void free_slab(struct kmem_cache *c, struct page *p)
{
    p->flags &= (uint16_t)~PG_SLAB;
    p->slab_cache = NULL;
    p->index = 0;
    c->total_slabs--;
    vmstat.slab_pages--;
    put_page(p);
}

/* check_poison: a free slot must still hold the poison written when it was
 * freed (its first 4 bytes hold the free-list link). */
static void check_poison(struct kmem_cache *c, const uint8_t *slot)
{
    for (uint32_t i = sizeof(uint32_t); i < c->object_size; i++)
        if (slot[i] != POISON_FREE)
            panic("slab %s: object %p was written after it was freed (byte %u is %#x)",
                  c->name, slot, i, slot[i]);
}

void *kmem_cache_alloc(struct kmem_cache *c)
{
    struct page *p = pfn_list_first(&c->partial);
    uint8_t *slot;

    if (!p) {
        p = new_slab(c);
        if (!p)
            return NULL;
        pfn_list_push(&c->partial, p);
    }
    slot = (uint8_t *)page_address(p) + p->slab.free_offset;
    if (KERNEL_DEBUG)
        check_poison(c, slot);
    p->slab.free_offset = *slot_next(slot);
    p->slab.inuse++;
    if (p->slab.free_offset == NO_FREE_SLOT) {
        pfn_list_remove(&c->partial, p);
        pfn_list_push(&c->full, p);
    }
    c->active_objects++;
    return slot;
}

void *kmem_cache_zalloc(struct kmem_cache *c)
{
    void *obj = kmem_cache_alloc(c);
    if (obj)
        memset(obj, 0, c->object_size);
    return obj;
}

/* check_free: the debug checks for a pointer being freed. */
static void check_free(struct kmem_cache *c, struct page *p, uint8_t *obj)
{
    uint64_t offset = (uint64_t)obj & (PAGE_SIZE - 1);

    if (!(p->flags & PG_SLAB))
        panic("kmem_cache_free(%s, %p): not a slab object", c->name, obj);
    if (p->slab_cache != c)
        panic("kmem_cache_free(%s, %p): the object belongs to cache %s", c->name, obj,
              p->slab_cache->name);
    if (offset % c->object_size != 0 || offset / c->object_size >= c->objects_per_slab)
        panic("kmem_cache_free(%s, %p): not the start of an object", c->name, obj);
    for (uint32_t off = p->slab.free_offset; off != NO_FREE_SLOT;
         off = *slot_next((uint8_t *)page_address(p) + off))
        if (off == offset)
            panic("kmem_cache_free(%s, %p): double free", c->name, obj);
}

void kmem_cache_free(struct kmem_cache *c, void *ptr)
{
    uint8_t *obj = ptr;
    struct page *p = virt_to_page(obj);
    bool was_full;

    if (KERNEL_DEBUG)
        check_free(c, p, obj);
    was_full = p->slab.free_offset == NO_FREE_SLOT;
    if (KERNEL_DEBUG)
        memset(obj, POISON_FREE, c->object_size);
    *slot_next(obj) = p->slab.free_offset;
    p->slab.free_offset = (uint32_t)((uint64_t)obj & (PAGE_SIZE - 1));
    p->slab.inuse--;
    c->active_objects--;

    if (was_full) {
        pfn_list_remove(&c->full, p);
        pfn_list_push(&c->partial, p);
    }
    /* an empty slab goes straight back to the buddy allocator: no frame
     * is ever held by a cache without objects in it, so free memory
     * returns to exactly where it was once the objects are gone */
    if (p->slab.inuse == 0) {
        pfn_list_remove(&c->partial, p);
        free_slab(c, p);
    }
}
