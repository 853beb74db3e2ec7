/*
 * mm/page_store.h - a sparse array of frames indexed by page number: the
 * pages of a shared memory object (and, in phase 2, of a file's page
 * cache).
 *
 * A radix tree of 64-slot nodes: each level decodes 6 bits of the index,
 * and the tree grows taller only as far as the largest index needs, so a
 * store holding pages 0..63 is a single node, and one holding a page at
 * index 2^28 (1 TiB) is five levels deep.
 *
 *             root (level 2)
 *            /       \
 *      node (level 1)  ...
 *       /    \
 *   page    page          index = [level-2 digit][level-1 digit][level-0 digit]
 */
#ifndef MM_PAGE_STORE_H
#define MM_PAGE_STORE_H

#include <stdint.h>

struct page;
struct store_node;

struct page_store {
    struct store_node *root;
    int height;            /* levels in the tree; 0 when empty */
    uint64_t count;        /* pages stored */
};

void page_store_init(struct page_store *ps);

/* page_store_lookup: the page at `index`, or NULL. */
struct page *page_store_lookup(const struct page_store *ps, uint64_t index);

/* page_store_insert: store `page` at `index` (which must be empty).
 * 0, or -ENOMEM when a tree node cannot be allocated. */
int page_store_insert(struct page_store *ps, uint64_t index, struct page *page);

/* page_store_remove: take the page at `index` out; returns it, or NULL. */
struct page *page_store_remove(struct page_store *ps, uint64_t index);

/* page_store_next: the lowest index >= `index` that holds a page, or
 * UINT64_MAX when there is none (walks skip the empty subtrees). */
uint64_t page_store_next(const struct page_store *ps, uint64_t index);

/* page_store_clear: remove every page, calling release(page) for each, and
 * free all nodes. */
void page_store_clear(struct page_store *ps, void (*release)(struct page *page));

#endif
