/*
 * mm/page.h - one struct page per 4 KiB physical frame.
 *
 * All frames' descriptors form one array indexed by frame number (pfn), so
 * going between a frame, its descriptor and its direct-map address is
 * arithmetic.  Budget: 32 bytes per frame, 0.78 % of memory (Linux: 64).
 *
 *   byte 0        8          12      14    15   16              24             32
 *       +---------+----------+-------+-----+----+---------------+--------------+
 *       |next,prev| refcount | flags |order| -- | slab cache /  | slab counts /|
 *       | (pfns)  |          |       |     |    | owner         | index        |
 *       +---------+----------+-------+-----+----+---------------+--------------+
 *
 * The list links are frame numbers rather than pointers (half the size):
 * they chain free blocks in the buddy allocator and slabs in a cache.
 */
#ifndef MM_PAGE_H
#define MM_PAGE_H

#include <arch/memlayout.h>
#include <stdbool.h>
#include <stdint.h>

#define PFN_NONE 0xffffffffu

/* Page flags: what a frame is being used for. */
enum page_flag {
    PG_RESERVED  = 1u << 0, /* not RAM we manage: firmware, kernel image, holes */
    PG_BUDDY     = 1u << 1, /* first frame of a free block in the buddy lists */
    PG_SLAB      = 1u << 2, /* part of a slab of a kmem_cache */
    PG_PAGETABLE = 1u << 3, /* a page-table page */
    PG_KSTACK    = 1u << 4, /* a kernel stack */
    PG_USER      = 1u << 5, /* mapped into user space */
    PG_LARGE     = 1u << 6, /* first frame of a kmalloc() block too big for a slab */
    PG_ZERO      = 1u << 7, /* the shared zero page (phase 2): mapped read-only into
                             * private memory, never reference counted, never
                             * freed, never counted in rss (Linux's is_zero_pfn) */
    /* phase 2's page cache: owner is the file's address_space, index the
     * page's offset in the file (in pages); the cache holds one reference */
    PG_CACHE     = 1u << 8, /* a page of a file's page cache */
    PG_DIRTY     = 1u << 9, /* its bytes differ from the file's on disk */
    PG_REFERENCED = 1u << 10, /* used lately (phase 3's clock reclaim clears it) */
    PG_MLOCKED   = 1u << 11, /* reserved for "mapped by a VM_LOCKED VMA"; not set
                              * (mlock keeps no per-page count): reclaim must find
                              * locked memory through the VMAs' VM_LOCKED */
};

struct kmem_cache;

struct page {
    uint32_t next, prev;     /* list links (frame numbers), PFN_NONE at the ends */
    int32_t refcount;        /* users of the frame; free when it drops to 0 */
    uint16_t flags;          /* enum page_flag */
    uint8_t order;           /* PG_BUDDY / PG_LARGE: the block is 2^order frames */
    uint8_t unused;
    union {
        struct kmem_cache *slab_cache; /* PG_SLAB: the cache this slab belongs to */
        void *owner;                   /* free for the owner's use */
    };
    union {
        struct {
            uint32_t inuse;          /* PG_SLAB: objects handed out */
            uint32_t free_offset;    /* PG_SLAB: first free object, or PFN_NONE */
        } slab;
        uint64_t index;              /* free for the owner's use */
    };
};

_Static_assert(sizeof(struct page) == 32, "struct page must stay 32 bytes");

/* The descriptor array and its extent (set up by page_alloc_init). */
extern struct page *page_array;
extern uint64_t max_pfn;   /* one past the highest frame described */

static inline uint64_t page_to_pfn(const struct page *p)
{
    return (uint64_t)(p - page_array);
}

static inline struct page *pfn_to_page(uint64_t pfn)
{
    return &page_array[pfn];
}

static inline uint64_t page_to_phys(const struct page *p)
{
    return page_to_pfn(p) << PAGE_SHIFT;
}

static inline struct page *phys_to_page(uint64_t pa)
{
    return pfn_to_page(pa >> PAGE_SHIFT);
}

/* page_address: the frame's address in the kernel's direct map. */
static inline void *page_address(const struct page *p)
{
    return phys_to_virt(page_to_phys(p));
}

/* virt_to_page: the frame behind a direct-map address. */
static inline struct page *virt_to_page(const void *va)
{
    return phys_to_page(virt_to_phys(va));
}

/* page_is_zero: the frame is the shared zero page.  Phase 1 never maps
 * it; unmapping, fork and check_mm leave its count and rss alone. */
static inline bool page_is_zero(const struct page *p)
{
    return p->flags & PG_ZERO;
}

/* A list of frames linked through page.next/prev. */
struct pfn_list {
    uint32_t head;
    uint32_t count;
};

void pfn_list_init(struct pfn_list *l);
void pfn_list_push(struct pfn_list *l, struct page *p);
void pfn_list_remove(struct pfn_list *l, struct page *p);
struct page *pfn_list_first(const struct pfn_list *l);

#endif
