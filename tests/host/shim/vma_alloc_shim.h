/*
 * tests/host/shim/vma_alloc_shim.h - VMAs on the host: vm_area_alloc and
 * vm_area_free on calloc/free (so AddressSanitizer sees every use after
 * free), a switch that makes allocations fail, and small helpers for the
 * VMA tests and benchmarks: build and print address spaces, answer a gap
 * search by brute force, make random numbers.
 */
#ifndef TESTS_HOST_SHIM_VMA_ALLOC_SHIM_H
#define TESTS_HOST_SHIM_VMA_ALLOC_SHIM_H

#include <mm/mm.h>
#include <mm/vma.h>
#include <stdint.h>

/* VMAs allocated and not yet freed. */
extern long vma_shim_live;

/* vma_shim_fail_after: the next n allocations succeed, the one after
 * fails (once); -1 (the default) never fails. */
void vma_shim_fail_after(long n);

/* vma_add: a new VMA [start, end) with `flags` and vm_pgoff = start in
 * pages, inserted with vma_tree_insert.  Aborts when out of memory. */
struct vm_area_struct *vma_add(struct mm_struct *mm, uint64_t start, uint64_t end,
                               uint32_t flags);

/* mm_free_vmas: remove and free every VMA of mm, and clear mm. */
void mm_free_vmas(struct mm_struct *mm);

/* vma_layout: mm's VMAs as "start-end start-end ..." in hex, in list
 * order ("" when empty) -- for CHECK_STR.  A static buffer, overwritten by
 * the next call. */
const char *vma_layout(const struct mm_struct *mm);

/* vma_desc: "NULL" or "[start, end)" in hex, for messages (four static
 * buffers in turn, so one message can name several VMAs). */
const char *vma_desc(const struct vm_area_struct *vma);

/* CHECK_VMA: `actual` must be the VMA `expected`; the message names both. */
#define CHECK_VMA(expected, actual)                                          \
    do {                                                                     \
        const struct vm_area_struct *e_ = (expected), *a_ = (actual);        \
        if (e_ != a_) {                                                      \
            check_failed(__FILE__, __LINE__, "%s: expected %s, got %s", #actual, \
                         vma_desc(e_), vma_desc(a_));                        \
            return;                                                          \
        }                                                                    \
    } while (0)

/* vma_gap_brute_force: what unmapped_area_topdown must return, found by
 * trying every gap of the list, lowest first -- the oracle for the gap
 * search. */
int64_t vma_gap_brute_force(const struct mm_struct *mm, uint64_t length,
                            uint64_t low_limit, uint64_t high_limit);

/* vma_test_rng: the next number of the xorshift64* sequence in *state
 * (never 0): fast, and the same on every machine for a given seed. */
uint64_t vma_test_rng(uint64_t *state);

#endif
