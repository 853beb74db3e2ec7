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
    uint64_t user_pages;       /* frames mapped into user space (and, in phase 2,
                                * the page cache's) */
    uint64_t page_cache_pages; /* of those, pages of files' page caches (phase 2) */
    uint64_t writeback_pages;  /* dirty cached pages written to their files (phase 2) */
    uint64_t readahead_pages;  /* pages read before they were asked for (phase 2) */
    uint64_t minor_faults;     /* page faults resolved without I/O */
    uint64_t major_faults;     /* page faults that read a disk (phase 2) */
    uint64_t segv_faults;      /* page faults that ended in SIGSEGV */
    /* copy-on-write, counted by phase 2 (0 in phase 1) */
    uint64_t cow_copies;       /* write faults that copied a shared frame */
    uint64_t cow_reuses;       /* write faults whose frame had no other user */
    uint64_t zero_page_maps;   /* read faults that mapped the zero page */
    uint64_t zero_page_breaks; /* writes that replaced the zero page */
};

extern struct vm_counters vmstat;

#endif
