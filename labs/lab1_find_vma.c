/*
 * labs/lab1_find_vma.c - Lab 1: find the VMA for an address.
 * Read the hand-out in labs/README.md first.
 */
#include <kernel/lab.h>
#include <mm/mm.h>
#include <mm/vma.h>

/*
 * find_vma: the VMA with the lowest vm_end above `addr` -- the one that
 * contains addr, or else the first one after it; NULL when there is none.
 * One walk from the root down: O(log n).
 *
 * The tree (mm->vma_root, then vm_left / vm_right) is a binary search tree
 * of non-overlapping ranges [vm_start, vm_end): everything in a node's
 * left subtree lies below the node's vm_start, everything in its right
 * subtree at or above its vm_end.
 *
 * Stuck?  labs/HINTS.md has a step-by-step recipe (try without it first).
 *
 * Invariants: read only; change nothing in the tree.
 * Common mistakes:
 *   - vm_end is exclusive: find_vma(mm, vma->vm_end) is the NEXT VMA, not vma.
 *   - returning NULL for an address in a gap: the contract wants the VMA
 *     after the gap (the page-fault path checks vm_start itself, and mmap
 *     uses the answer to see what lies above a range).
 *   - walking the list from mm->mmap: correct but O(n); with 100,000 VMAs
 *     every page fault would pay for it.  Use only the tree links.
 *
 * Test: make build/host-labs/test_lab1_find_vma LABS=labs &&
 *       build/host-labs/test_lab1_find_vma
 */
struct vm_area_struct *find_vma(const struct mm_struct *mm, uint64_t addr)
{
    LAB_NOT_DONE(1);   /* delete this line when you start */
    return NULL; /* TODO: replace with your implementation */
}
