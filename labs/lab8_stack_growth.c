/*
 * labs/lab8_stack_growth.c - Lab 8: when may a stack grow?
 * Read the hand-out in labs/README.md first.  (Phase 2: only the phase-2
 * and phase-3 kernels call this function.)
 */
#include <arch/memlayout.h>
#include <kernel/lab.h>
#include <mm/mm.h>
#include <mm/vma.h>
#include <uapi/errno.h>

int stack_growth_allowed(const struct vm_area_struct *vma, uint64_t new_start, uint64_t limit);

/*
 * stack_growth_allowed: a page fault hit the free range just below `vma`,
 * and the kernel asks whether vma may grow down so that it starts at
 * new_start (the faulting page).  Answer without changing anything:
 *
 *   0        yes: the fault path then moves vm_start down and maps the page
 *   -EINVAL  vma is not a stack (no VM_GROWSDOWN), or new_start is not
 *            page-aligned or not below vma->vm_start
 *   -EPERM   new_start is below vma->vm_mm->mmap_min_addr
 *   -ENOMEM  the stack would be larger than `limit` bytes (RLIMIT_STACK:
 *            vm_end - new_start > limit); or it would reach into the VMA
 *            below (vma->vm_prev ends above new_start); or it would come
 *            closer than stack_guard_gap bytes to the VMA below -- unless
 *            that VMA is itself a stack (VM_GROWSDOWN) or inaccessible
 *            (PROT_NONE: no VM_READ, VM_WRITE or VM_EXEC), as on Linux.
 *
 *        vm_end     +---------+
 *                   |  vma    |
 *        vm_start   +---------+
 *        new_start  - - - - - -   <- may the stack start here?
 *                   |  gap    |   >= stack_guard_gap?
 *        prev end   +---------+
 *                   |  prev   |
 *
 * Any -E... means SIGSEGV for the program (the fault is an error, not growth).
 * Stuck?  labs/HINTS.md has a recipe (try without it first).
 *
 * Common mistakes:
 *   - comparing the *growth* (vm_start - new_start) with the limit: the
 *     limit is on the whole stack, vm_end - new_start.
 *   - computing new_start - prev->vm_end before checking that prev ends
 *     below new_start: unsigned arithmetic wraps round to a huge gap.
 *   - forgetting that a process may have no VMA below its stack at all.
 *
 * Test: make build/host-labs/test_lab8_stack_growth LABS=labs &&
 *       build/host-labs/test_lab8_stack_growth
 *       (and in the kernel: python3 tests/grader.py --phases 2 --only stack_growth)
 */
int stack_growth_allowed(const struct vm_area_struct *vma, uint64_t new_start, uint64_t limit)
{
    LAB_NOT_DONE(8);   /* delete this line when you start */
    return -ENOSYS; /* TODO: replace with your implementation */
}
