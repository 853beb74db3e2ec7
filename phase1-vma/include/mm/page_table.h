/*
 * mm/page_table.h - building and tearing down 4-level page tables (the
 * entry format is in arch/paging.h).
 *
 * Every operation over a range of addresses goes through one walker,
 * pt_walk_range(), which visits the present last-level entries in the range
 * and skips whole empty tables at any level -- so unmapping 1 TiB of which
 * only a few pages were touched costs a few table visits, not 2^28.
 *
 * Each page-table page counts its non-empty entries (struct page.index), so
 * a table that becomes empty is freed on the spot.
 */
#ifndef MM_PAGE_TABLE_H
#define MM_PAGE_TABLE_H

#include <arch/paging.h>
#include <stdbool.h>
#include <stdint.h>

/* Returns the physical address of a zeroed 4 KiB table, or 0. */
typedef uint64_t (*pt_alloc_fn)(void);

/* pt_alloc_user_table: the allocator for user address spaces (buddy). */
uint64_t pt_alloc_user_table(void);

/* pt_free_table: give back a table from pt_alloc_user_table (all its
 * entries must be empty). */
void pt_free_table(uint64_t pa);

/* pt_entry: the entry that translates `va` at `level` (1 = last level)
 * below `root`, creating missing tables with `alloc` (NULL: create none).
 * Returns NULL when a table is missing and cannot be created, or when a
 * huge page already covers `va` above `level`. */
pte_t *pt_entry(pte_t *root, uint64_t va, int level, pt_alloc_fn alloc);

/* pt_set: store `val` in the entry `pte`, keeping the table's count of
 * non-empty entries exact.  All writes to page tables go through here. */
void pt_set(pte_t *pte, pte_t val);

/* pt_lookup: the last-level entry for `va`, or NULL when no table holds it. */
static inline pte_t *pt_lookup(pte_t *root, uint64_t va)
{
    return pt_entry(root, va, 1, NULL);
}

/* pt_map: map the 4 KiB page at `va` to physical `pa` with `flags`.
 * Returns 0, or -ENOMEM when a page-table page cannot be allocated. */
int pt_map(pte_t *root, uint64_t va, uint64_t pa, pte_t flags);

/* Visitor for pt_walk_range: called for every non-empty last-level entry
 * (present, or not present but holding a frame: see PTE_PROTNONE). */
typedef void (*pt_leaf_fn)(pte_t *pte, uint64_t va, void *ctx);

/* pt_walk_range: call `leaf` for each non-empty 4 KiB entry in [start, end)
 * in address order.  With `free_empty`, tables left with no entries are
 * freed afterwards (the leaf function must then clear entries with pt_set).
 * Returns the number of entries visited. */
uint64_t pt_walk_range(pte_t *root, uint64_t start, uint64_t end, pt_leaf_fn leaf,
                       void *ctx, bool free_empty);

/* pt_free_user_tables: free every table below the user half of `root`
 * (the last-level entries must already be empty). */
void pt_free_user_tables(pte_t *root);

/* pt_count_user_tables: page-table pages below the user half of `root`. */
uint64_t pt_count_user_tables(pte_t *root);

#endif
