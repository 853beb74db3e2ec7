/*
 * mm/page_alloc.h - the physical frame allocator: a binary buddy system.
 *
 * Free memory is kept as blocks of 2^order frames (order 0..MAX_ORDER),
 * one free list per order.  A block's "buddy" is the block of the same
 * size next to it with which it was split: frame number pfn ^ (1 << order).
 * Allocation splits a larger block when the wanted order is empty; freeing
 * merges a block with its buddy whenever the buddy is free too.
 *
 *   order 2:  [ 0  1  2  3 ][ 4  5  6  7 ]    blocks 0-3 and 4-7 are buddies
 *   order 1:  [ 0  1 ][ 2  3 ]                blocks 0-1 and 2-3 are buddies
 *
 * No locking: the kernel runs on one CPU and interrupt handlers never
 * allocate.
 */
#ifndef MM_PAGE_ALLOC_H
#define MM_PAGE_ALLOC_H

#include <mm/page.h>

#define MAX_ORDER 10   /* largest block: 2^10 frames = 4 MiB */

struct buddy_stats {
    uint64_t managed_pages;              /* frames handed to the allocator */
    uint64_t free_pages;
    uint64_t free_blocks[MAX_ORDER + 1]; /* free blocks of each order */
};

/* alloc_pages: a block of 2^order contiguous frames with refcount 1, or
 * NULL when no block that large is free.  Contents are not zeroed. */
struct page *alloc_pages(unsigned order);

/* free_pages: give back a block alloc_pages() returned, with its order. */
void free_pages(struct page *p, unsigned order);

static inline struct page *alloc_page(void) { return alloc_pages(0); }
static inline void free_page(struct page *p) { free_pages(p, 0); }

/* alloc_zeroed_page: one frame, filled with zeros, or NULL. */
struct page *alloc_zeroed_page(void);

/* get_page / put_page: take and drop a reference to a single frame; the
 * last put_page frees it. */
void get_page(struct page *p);
void put_page(struct page *p);

/* buddy_init: empty free lists (boot, before the first buddy_add_free_range). */
void buddy_init(void);

/* buddy_add_free_range: hand frames [start, end) to the allocator (boot). */
void buddy_add_free_range(uint64_t start_pfn, uint64_t end_pfn);

void buddy_get_stats(struct buddy_stats *st);

/* buddy_check: verify the free lists (every entry a free block head of the
 * right order, aligned, not overlapping, counts exact).  Returns 0 or
 * panics (kernel) / aborts (host test) with the first problem. */
int buddy_check(void);

/* Called once at boot, by kernel_main: builds page_array from the memory
 * map and fills the buddy lists with every usable frame. */
struct boot_info;
void page_alloc_init(const struct boot_info *bi);

/* page_alloc_print: the boot log's summary of physical memory. */
void page_alloc_print(void);

#endif
