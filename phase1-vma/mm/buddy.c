/*
 * phase1-vma/mm/buddy.c - the binary buddy allocator (see mm/page_alloc.h
 * for the picture).  The first frame of each free block carries PG_BUDDY
 * and the block's order; the other frames of the block carry nothing.
 */
#include <arch/page_ops.h>
#include <arch/printk.h>
#include <mm/page_alloc.h>

static struct pfn_list free_area[MAX_ORDER + 1];
static uint64_t managed_pages;
static uint64_t free_pages_count;

void buddy_init(void)
{
    for (int o = 0; o <= MAX_ORDER; o++)
        pfn_list_init(&free_area[o]);
    managed_pages = 0;
    free_pages_count = 0;
}

static void push_free_block(struct page *p, unsigned order)
{
    p->flags |= PG_BUDDY;
    p->order = (uint8_t)order;
    p->refcount = 0;
    pfn_list_push(&free_area[order], p);
}

static void take_free_block(struct page *p, unsigned order)
{
    pfn_list_remove(&free_area[order], p);
    p->flags &= (uint16_t)~PG_BUDDY;
    p->order = 0;
}

struct page *alloc_pages(unsigned order)
{
    unsigned o = order;
    struct page *p;

    if (order > MAX_ORDER)
        return NULL;
    while (o <= MAX_ORDER && free_area[o].count == 0)
        o++;
    if (o > MAX_ORDER)
        return NULL;

    p = pfn_list_first(&free_area[o]);
    take_free_block(p, o);
    /* split: keep the lower half, free the upper half, until small enough */
    while (o > order) {
        o--;
        push_free_block(p + (1ul << o), o);
    }
    p->refcount = 1;
    free_pages_count -= 1ul << order;
    return p;
}

/* buddy_of: the block that `pfn`'s block of `order` would merge with, if it
 * is a free block of the same order; otherwise NULL. */
static struct page *free_buddy_of(uint64_t pfn, unsigned order)
{
    uint64_t buddy_pfn = pfn ^ (1ul << order);
    struct page *b;

    if (buddy_pfn >= max_pfn)
        return NULL;
    b = pfn_to_page(buddy_pfn);
    if (!(b->flags & PG_BUDDY) || b->order != order)
        return NULL;
    return b;
}

void free_pages(struct page *p, unsigned order)
{
    uint64_t pfn = page_to_pfn(p);
    struct page *buddy;

    if (p->flags & (PG_BUDDY | PG_RESERVED))
        panic("free_pages: frame %#lx is %s (double free?)", pfn,
              p->flags & PG_BUDDY ? "already free" : "reserved");
    if (pfn & ((1ul << order) - 1))
        panic("free_pages: frame %#lx is not aligned to order %u", pfn, order);

    free_pages_count += 1ul << order;
    while (order < MAX_ORDER && (buddy = free_buddy_of(pfn, order)) != NULL) {
        take_free_block(buddy, order);
        pfn &= ~(1ul << order);      /* the merged block starts at the lower one */
        order++;
    }
    push_free_block(pfn_to_page(pfn), order);
}

struct page *alloc_zeroed_page(void)
{
    struct page *p = alloc_page();
    if (p)
        clear_page(page_address(p));
    return p;
}

void get_page(struct page *p)
{
    p->refcount++;
}

void put_page(struct page *p)
{
    if (p->refcount <= 0)
        panic("put_page: frame %#lx has refcount %d", page_to_pfn(p), p->refcount);
    if (--p->refcount == 0)
        free_pages(p, 0);
}

void buddy_add_free_range(uint64_t start, uint64_t end)
{
    /* cut [start, end) into the largest aligned blocks that fit */
    while (start < end) {
        unsigned order = 0;
        while (order < MAX_ORDER && (start & (1ul << order)) == 0 &&
               start + (2ul << order) <= end)
            order++;
        for (uint64_t i = 0; i < (1ul << order); i++)
            pfn_to_page(start + i)->flags &= (uint16_t)~PG_RESERVED;
        managed_pages += 1ul << order;
        pfn_to_page(start)->refcount = 1;
        free_pages(pfn_to_page(start), order);
        start += 1ul << order;
    }
}

void buddy_get_stats(struct buddy_stats *st)
{
    st->managed_pages = managed_pages;
    st->free_pages = free_pages_count;
    for (int o = 0; o <= MAX_ORDER; o++)
        st->free_blocks[o] = free_area[o].count;
}

int buddy_check(void)
{
    uint64_t total = 0;

    for (unsigned o = 0; o <= MAX_ORDER; o++) {
        uint32_t n = 0;
        for (uint32_t pfn = free_area[o].head; pfn != PFN_NONE;
             pfn = pfn_to_page(pfn)->next) {
            struct page *p = pfn_to_page(pfn);
            if (!(p->flags & PG_BUDDY) || p->order != o)
                panic("buddy_check: frame %#x on order-%u list has flags %#x order %u",
                      pfn, o, p->flags, p->order);
            if (pfn & ((1u << o) - 1))
                panic("buddy_check: frame %#x misaligned for order %u", pfn, o);
            if (free_buddy_of(pfn, o) && o < MAX_ORDER)
                panic("buddy_check: frame %#x and its buddy are both free at order %u",
                      pfn, o);
            n++;
        }
        if (n != free_area[o].count)
            panic("buddy_check: order %u list has %u blocks, count says %u", o, n,
                  free_area[o].count);
        total += (uint64_t)n << o;
    }
    if (total != free_pages_count)
        panic("buddy_check: lists hold %lu frames, counter says %lu", total,
              free_pages_count);
    return 0;
}
