/*
 * solutions/lab8_stack_growth.c - Lab 8: when may a stack grow?  The
 * reference implementation.
 */
#include <arch/memlayout.h>
#include <mm/mm.h>
#include <mm/vma.h>
#include <uapi/errno.h>

int stack_growth_allowed(const struct vm_area_struct *vma, uint64_t new_start, uint64_t limit);

/* stack_growth_allowed: see labs/lab8_stack_growth.c for the contract. */
int stack_growth_allowed(const struct vm_area_struct *vma, uint64_t new_start, uint64_t limit)
{
    const struct vm_area_struct *prev = vma->vm_prev;

    if (!(vma->vm_flags & VM_GROWSDOWN) || new_start >= vma->vm_start ||
        (new_start & ~PAGE_MASK))
        return -EINVAL;
    if (new_start < vma->vm_mm->mmap_min_addr)
        return -EPERM;
    if (vma->vm_end - new_start > limit)
        return -ENOMEM;                         /* past RLIMIT_STACK */
    if (prev && prev->vm_end > new_start)
        return -ENOMEM;                         /* into the mapping below */
    if (prev && !(prev->vm_flags & VM_GROWSDOWN) && (prev->vm_flags & VM_PROT_MASK) &&
        new_start - prev->vm_end < stack_guard_gap)
        return -ENOMEM;                         /* into the guard gap */
    return 0;
}
