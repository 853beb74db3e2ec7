/*
 * phase1-vma/mm/kmalloc.c - general-purpose kernel allocation: a slab cache
 * per power-of-two size class from 16 to 2048 bytes; larger requests get
 * whole frames from the buddy allocator, marked PG_LARGE with their order.
 */
#include <arch/printk.h>
#include <lib/string.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/vmstat.h>

#define MIN_CLASS_SHIFT 4    /* 16 bytes */
#define MAX_CLASS_SHIFT 11   /* 2048 bytes */
#define NCLASSES (MAX_CLASS_SHIFT - MIN_CLASS_SHIFT + 1)

static struct kmem_cache size_classes[NCLASSES];
static const char *const class_names[NCLASSES] = {
    "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-128",
    "kmalloc-256", "kmalloc-512", "kmalloc-1024", "kmalloc-2048",
};

void kmalloc_init(void)
{
    for (int i = 0; i < NCLASSES; i++)
        kmem_cache_init(&size_classes[i], class_names[i], 1ul << (i + MIN_CLASS_SHIFT));
}

static int class_of(size_t size)
{
    int shift = MIN_CLASS_SHIFT;
    while ((1ul << shift) < size)
        shift++;
    return shift - MIN_CLASS_SHIFT;
}

static unsigned order_of(size_t size)
{
    unsigned order = 0;
    while ((PAGE_SIZE << order) < size)
        order++;
    return order;
}

void *kmalloc(size_t size)
{
    struct page *p;
    unsigned order;

    if (size <= (1ul << MAX_CLASS_SHIFT))
        return kmem_cache_alloc(&size_classes[class_of(size ? size : 1)]);
    order = order_of(size);
    p = alloc_pages(order);
    if (!p)
        return NULL;
    p->flags |= PG_LARGE;
    p->order = (uint8_t)order;
    vmstat.large_kmalloc_pages += 1ul << order;
    return page_address(p);
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

void kfree(void *ptr)
{
    struct page *p;
    unsigned order;

    if (ptr == NULL)
        return;
    if ((uint64_t)ptr < PHYS_MAP_BASE || (uint64_t)ptr >= PHYS_MAP_BASE + (max_pfn << PAGE_SHIFT))
        panic("kfree(%p): not a kmalloc() address", ptr);
    p = virt_to_page(ptr);
    if (p->flags & PG_SLAB) {
        kmem_cache_free(p->slab_cache, ptr);
        return;
    }
    if (!(p->flags & PG_LARGE) || ((uint64_t)ptr & (PAGE_SIZE - 1)))
        panic("kfree(%p): not a kmalloc() address (already freed?)", ptr);
    order = p->order;
    p->flags &= (uint16_t)~PG_LARGE;
    p->order = 0;
    vmstat.large_kmalloc_pages -= 1ul << order;
    free_pages(p, order);
}
