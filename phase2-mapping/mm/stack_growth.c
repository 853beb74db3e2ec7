/*
 * phase2-mapping/mm/stack_growth.c - stacks that grow on demand, and the
 * guard gap below them.
 *
 *      stack_top  +----------------+
 *                 | stack VMA      |  exec makes it 128 KiB, VM_GROWSDOWN
 *      vm_start   +----------------+
 *                 | (grows here)   |  a fault here: expand_stack moves
 *                 |                |  vm_start down to the faulting page,
 *                 |                |  while the stack stays <= RLIMIT_STACK
 *    prev end + gap - - - - - - - -   and ...
 *                 | guard gap      |  ... keeps stack_guard_gap (256 pages)
 *                 |                |  free above the next VMA down: a fault
 *      prev end   +----------------+  in the gap is SIGSEGV, and mmap never
 *                 | other mapping  |  places anything in it (vm_start_gap)
 *
 * The fault path (phase1-vma/mm/page_fault.c, hook mm_set_expand_stack)
 * calls expand_stack() for a fault in the free range below a VM_GROWSDOWN
 * VMA, from ring 3 or from copy_to_user alike, so read() into a big
 * stack buffer grows the stack too.  MAP_GROWSDOWN mappings grow the same
 * way.  Whether the growth is allowed is lab 8 (stack_growth_allowed).
 *
 * Command line: stack_guard_gap=N (pages), as Linux's.
 */
#include <kernel/boot.h>
#include <mm/layout.h>
#include <mm/mmap.h>
#include <mm/protection.h>
#include <proc/task.h>
#include <uapi/errno.h>

#define RLIMIT_STACK 3

/* cmdline_pages: the decimal value of `key` on the command line, or dflt
 * when it is absent or not a number. */
static uint64_t cmdline_pages(const char *key, uint64_t dflt)
{
    const char *v = cmdline_get(&kernel_cmdline, key);
    uint64_t n = 0;

    if (!v || !*v)
        return dflt;
    for (; *v; v++) {
        if (*v < '0' || *v > '9' || n > (1ul << 30))
            return dflt;
        n = n * 10 + (uint64_t)(*v - '0');
    }
    return n;
}

int expand_stack(struct vm_area_struct *vma, uint64_t addr)
{
    uint64_t new_start = page_round_down(addr);
    int err;

    /* only private anonymous memory grows (mmap refuses anything else
     * with MAP_GROWSDOWN): a file's or a shared object's page index would
     * run below its start */
    if (vma->vm_ops != &anon_vm_ops || (vma->vm_flags & VM_SHARED))
        return -EFAULT;
    err = stack_growth_allowed(vma, new_start, current->rlimits[RLIMIT_STACK].cur);
    if (err)
        return err;
    if (!mlock_future_ok(vma->vm_mm, vma->vm_flags, (vma->vm_start - new_start) >> PAGE_SHIFT))
        return -ENOMEM;     /* a locked stack stays within RLIMIT_MEMLOCK */
    vm_stat_account(vma->vm_mm, vma->vm_flags, (int64_t)((vma->vm_start - new_start) >> PAGE_SHIFT));
    vma_set_range(vma, new_start, vma->vm_end);
    return 0;
}

void stack_growth_init(void)
{
    stack_guard_gap = cmdline_pages("stack_guard_gap", STACK_GUARD_GAP_PAGES) << PAGE_SHIFT;
    stack_initial_size = STACK_INITIAL_SIZE;
}
