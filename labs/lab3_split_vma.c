/*
 * labs/lab3_split_vma.c - Lab 3: cut a VMA in two.
 * Read the hand-out in labs/README.md first.
 */
#include <arch/memlayout.h>
#include <arch/printk.h>
#include <kernel/lab.h>
#include <mm/mm.h>
#include <mm/vma.h>
#include <uapi/errno.h>

/*
 * split_vma: cut vma at addr (page-aligned, strictly inside).  With
 * new_below the new VMA takes [vm_start, addr), else [addr, vm_end); vma
 * keeps the other part.  Returns 0, or -ENOMEM (map_count at
 * sysctl_max_map_count, or no memory for the new VMA) with nothing changed.
 *
 *   new_below = 0:   vma [start, addr)   new [addr, end)
 *   new_below = 1:   new [start, addr)   vma [addr, end)
 *
 * Stuck?  labs/HINTS.md has a step-by-step recipe (try without it first).
 *
 * Invariants: the two parts cover exactly the old range; every other field
 * (flags, file, ops, private data, vm_mm) is the same in both.
 * Common mistakes:
 *   - inserting `new` before shrinking vma: the tree refuses (panics on)
 *     overlapping VMAs.
 *   - writing vma->vm_start / vm_end directly on a VMA in the tree: the
 *     subtree gaps go stale (vma_tree_check will tell you).
 *   - giving the offset change to the wrong part, or in bytes not pages.
 *   - checking map_count after vm_area_dup: the new VMA leaks.
 *
 * Test: make build/host-labs/test_lab3_split_vma LABS=labs &&
 *       build/host-labs/test_lab3_split_vma
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr,
              int new_below)
{
    LAB_NOT_DONE(3);   /* delete this line when you start */
    return -ENOSYS; /* TODO: replace with your implementation */
}
