/*
 * mm/mm.h - an address space: its VMAs, its page tables, its layout and
 * its counters.  One per process (no threads); fork copies it, exec
 * replaces it, exit destroys it.
 *
 * A new process's layout (the bases come from mm/layout.h):
 *
 *   USER_TOP     +----------------------+
 *                | (guard)              |
 *   stack top    +----------------------+
 *                | stack        [stack] |  grows down, VM_GROWSDOWN
 *                +----------------------+
 *                | stack gap            |  nothing is mapped here
 *   mmap_base    +----------------------+
 *                | mmap area            |  mmap() without a hint: top-down
 *                |         |            |
 *                |         v            |
 *                |                      |
 *                |         ^            |
 *                | heap     [heap]      |  brk() grows it up
 *   start_brk    +----------------------+
 *                | bss, data            |  from the ELF file
 *                | text                 |
 *   0x400000     +----------------------+
 *                | (never mapped)       |  NULL pointers fault
 *   0            +----------------------+
 */
#ifndef MM_MM_H
#define MM_MM_H

#include <arch/paging.h>
#include <mm/vma.h>
#include <stdint.h>

struct mm_struct {
    /* the VMAs */
    struct vm_area_struct *mmap;      /* the lowest VMA; the list continues via vm_next */
    struct vm_area_struct *vma_root;  /* root of the augmented AVL tree */
    uint64_t map_count;               /* number of VMAs */

    /* shortcuts the tree keeps (vma_tree.c: "Shortcuts"); each one is a
     * hint that is checked before it is used, or kept exact by the tree */
    struct vm_area_struct *vma_hint;  /* a VMA touched lately: inserts beside it */
    struct vm_area_struct *gap_hint;  /* mmap's last gap is below this VMA; */
    uint64_t gap_hint_len;            /* no higher gap in the mmap area fits this */
    struct vm_area_struct *gap_pending[VMA_GAP_PENDING];  /* subtree gaps maybe too high */
    uint32_t gap_pending_count;

    /* page tables */
    pte_t *pgd;                       /* top-level table (direct-map address) */
    uint64_t pgd_phys;

    /* layout */
    uint64_t start_code, end_code;
    uint64_t start_data, end_data;
    uint64_t start_brk, brk;          /* the heap is [start_brk, brk) */
    uint64_t start_stack;             /* initial stack pointer */
    uint64_t stack_top;               /* highest stack address + 1 */
    uint64_t mmap_base;               /* top of the mmap area */
    uint64_t mmap_min_addr;           /* nothing is mapped below this */

    /* counters, in pages */
    uint64_t total_vm;                /* mapped (all VMAs) */
    uint64_t rss;                     /* resident: frames mapped in the page tables */
    uint64_t locked_vm;               /* pages of VM_LOCKED VMAs (mlock, phase 2) */
    uint64_t min_flt;                 /* page faults resolved without I/O */
    uint64_t maj_flt;                 /* page faults that read a disk (phase 2) */

    int users;                        /* tasks using it (vfork: parent and child) */

    /* flags every new VMA gets (Linux's mm->def_flags): phase 2's
     * mlockall(MCL_FUTURE) puts VM_LOCKED (and VM_LOCKONFAULT) here, so
     * later mmap, brk and stack VMAs are locked.  0 in a new or forked mm. */
    uint32_t def_flags;

    /* protection keys (phase 2, mm/pkeys.c), as Linux's mm->context:
     * bit k set = key k allocated (key 0, the default, is at first); the
     * key execute-only mappings use, -1 until one needs it.  Set so only
     * on a CPU with PKU; without it both stay 0, as on Linux (where that
     * makes every key call but pkey_mprotect(-1) fail).  fork copies
     * both; exec starts afresh. */
    uint16_t pkey_allocation_map;
    int16_t execute_only_pkey;
};

/* vm_stat_account: a VMA with `vm_flags` gained (pages > 0) or lost
 * (pages < 0) `pages` pages: total_vm, and locked_vm for a VM_LOCKED one.
 * Every path that creates, grows, shrinks or removes a VMA calls it, so
 * both counters stay exact (check_mm checks them). */
static inline void vm_stat_account(struct mm_struct *mm, uint32_t vm_flags, int64_t pages)
{
    mm->total_vm += (uint64_t)pages;
    if (vm_flags & VM_LOCKED)
        mm->locked_vm += (uint64_t)pages;
}

/* mm_init: the caches for address spaces and VMAs (boot). */
void mm_init(void);

/* mm_create: an empty address space whose page tables share the kernel
 * half.  NULL when out of memory. */
struct mm_struct *mm_create(void);

/* mm_destroy: unmap everything, free the VMAs, frames and page tables. */
void mm_destroy(struct mm_struct *mm);

/* mmget / mmput: take and drop a reference to `mm` (mm->users): tasks
 * sharing one address space (phase 2's vfork) each hold one; the last
 * mmput destroys it. */
void mmget(struct mm_struct *mm);
void mmput(struct mm_struct *mm);

/* mm_activate: make `mm` the current address space (load CR3). */
void mm_activate(struct mm_struct *mm);

/* mm_current: the address space the CPU is running in, or NULL. */
struct mm_struct *mm_current(void);

/* mm_flush_tlb_range: drop translations for [start, end) if mm is current. */
void mm_flush_tlb_range(struct mm_struct *mm, uint64_t start, uint64_t end);

/* check_mm: the invariants of a whole address space -- the VMA tree
 * (vma_tree_check), and that every present user PTE lies inside a VMA with
 * no more rights than the VMA grants, and that rss counts them.  Returns 0
 * or -1 after printing the first problem. */
int check_mm(struct mm_struct *mm);

#endif
