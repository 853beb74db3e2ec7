/*
 * solutions/lab3_split_vma.c - Lab 3, the reference: cut a VMA in two.
 * (The student's version is labs/lab3_split_vma.c; the hand-out is
 * labs/README.md.)
 */
#include <arch/memlayout.h>
#include <arch/kassert.h>
#include <mm/mm.h>
#include <mm/vma.h>
#include <uapi/errno.h>

/*
 * split_vma: cut vma at addr (page-aligned, strictly inside).  With
 * new_below the new VMA takes [vm_start, addr), else [addr, vm_end); vma
 * keeps the other part.  Returns 0, or -ENOMEM (map_count at
 * sysctl_max_map_count, or no memory for the new VMA) with nothing changed.
 */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t addr,
              int new_below)
{
    struct vm_area_struct *new;
    uint64_t start = vma->vm_start, end = vma->vm_end;
    uint64_t upper_pgoff = vma->vm_pgoff + ((addr - start) >> PAGE_SHIFT);

    KASSERT(start < addr && addr < end && !(addr & ~PAGE_MASK));
    if (mm->map_count >= sysctl_max_map_count)
        return -ENOMEM;
    new = vm_area_dup(vma);
    if (!new)
        return -ENOMEM;

    /* shrink vma first: the new VMA must not overlap it when inserted */
    if (new_below) {
        new->vm_end = addr;
        vma->vm_pgoff = upper_pgoff;
        vma_set_range(vma, addr, end);
    } else {
        new->vm_start = addr;
        new->vm_pgoff = upper_pgoff;
        vma_set_range(vma, start, addr);
    }
    vma_tree_insert(mm, new);
    if (new->vm_ops && new->vm_ops->open)
        new->vm_ops->open(new);
    return 0;
}
