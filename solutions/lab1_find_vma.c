/*
 * solutions/lab1_find_vma.c - Lab 1, the reference: find the VMA for an
 * address.  (The student's version is labs/lab1_find_vma.c; the hand-out
 * is labs/README.md.)
 */
#include <mm/mm.h>
#include <mm/vma.h>

/*
 * find_vma: the VMA with the lowest vm_end above `addr` -- the one that
 * contains addr, or else the first one after it; NULL when there is none.
 * One walk from the root down: O(log n).
 */
struct vm_area_struct *find_vma(const struct mm_struct *mm, uint64_t addr)
{
    struct vm_area_struct *node = mm->vma_root, *best = NULL;

    while (node) {
        if (addr < node->vm_end) {
            best = node;                  /* a candidate; maybe a lower one fits */
            if (addr >= node->vm_start)
                break;                    /* addr is inside: nothing lower can be */
            node = node->vm_left;
        } else {
            node = node->vm_right;        /* node ends at or below addr */
        }
    }
    return best;
}
