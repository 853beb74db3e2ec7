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
 * TODO:
 *   1. If mm->map_count >= sysctl_max_map_count, return -ENOMEM -- before
 *      allocating anything.
 *   2. new = vm_area_dup(vma): a copy of every field with the list and tree
 *      links cleared.  NULL: return -ENOMEM (nothing changed yet).
 *   3. The part that begins at addr maps the file (or object) further on:
 *      its vm_pgoff is the old vm_pgoff + ((addr - vm_start) >> PAGE_SHIFT).
 *      The part that begins at vm_start keeps the old vm_pgoff.
 *   4. Shrink vma to its part with vma_set_range(vma, start, end) -- it
 *      moves the boundaries and updates the gaps in the tree.  Give `new`
 *      its range by setting new->vm_start / new->vm_end directly (it is not
 *      in the tree yet), then vma_tree_insert(mm, new): it links the list
 *      and the tree, updates the gaps and map_count.
 *   5. If new->vm_ops && new->vm_ops->open, call it on new: one more VMA
 *      now refers to the backing object.
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
