/*
 * mm/vmstat.h - global memory counters: where every frame went, and how
 * many page faults the system has taken.  Read by the sysinfo system call
 * (the `free` and `vmstat` programs).
 */
#ifndef MM_VMSTAT_H
#define MM_VMSTAT_H

#include <stdint.h>

struct vm_counters {
    uint64_t pagetable_pages;  /* page-table pages of user address spaces */
    uint64_t kstack_pages;     /* kernel stacks */
    uint64_t slab_pages;       /* slab caches */
    uint64_t large_kmalloc_pages;
    uint64_t user_pages;       /* frames mapped into user space */
    uint64_t minor_faults;     /* page faults resolved without I/O */
    uint64_t segv_faults;      /* page faults that ended in SIGSEGV */
};

extern struct vm_counters vmstat;

#endif
