/*
 * uapi/usmm.h - the kernel's own system calls (numbers in
 * uapi/syscall_numbers.h), shared by the kernel and <usmm.h>.
 *
 *   long usmm_meminfo(struct usmm_meminfo *out);
 *   long usmm_vmas(int pid, uint64_t from, struct usmm_vma_info *buf, uint64_t max);
 *        copies up to `max` VMAs of process `pid` (0: the caller) whose end
 *        lies above `from`, in address order; returns how many VMAs the
 *        process has in all (so a caller can page through them)
 *   long usmm_mmstat(int pid, struct usmm_mmstat *out);
 *   long usmm_programs(char *buf, uint64_t size);
 *        the ramdisk's file names, one per line: programs as NAME, test
 *        programs as tests/NAME, data files as data/NAME; returns the
 *        length the whole list needs (like snprintf)
 *   long usmm_poweroff(int status);        only init (pid 1) may
 *   long usmm_check_mm(int pid);           0, or -EUCLEAN-style failure (-EIO)
 *   long usmm_sysctl(const char *name, int64_t *old, const int64_t *new);
 *   long usmm_ps(struct usmm_ps_entry *buf, uint64_t max);  returns the count
 *   long usmm_pagemap(int pid, uint64_t addr, uint64_t npages, uint64_t *out);
 *        one word per page of [addr, addr + npages pages) of process `pid`
 *        (0: the caller), as Linux's /proc/PID/pagemap: 0 when no frame is
 *        mapped, else USMM_PM_PRESENT, the USMM_PM_* bits and the frame
 *        number (USMM_PM_PFN_MASK); at most USMM_PAGEMAP_MAX pages (EINVAL);
 *        addr page-aligned below the user top (EINVAL)
 *
 * All return a negative errno on failure: EFAULT for a bad pointer, ESRCH
 * for no such process, ENOENT for an unknown tunable, EPERM for poweroff
 * from anyone but init.
 */
#ifndef UAPI_USMM_H
#define UAPI_USMM_H

#include <stdint.h>

#define USMM_MAX_ORDER 10
#define USMM_NAME_LEN  32

struct usmm_meminfo {
    uint64_t page_size;
    uint64_t total_pages;          /* frames managed by the buddy allocator */
    uint64_t free_pages;
    uint64_t free_blocks[USMM_MAX_ORDER + 1]; /* free buddy blocks per order */
    uint64_t user_pages;           /* frames mapped into user space */
    uint64_t pagetable_pages;      /* user page-table pages */
    uint64_t kstack_pages;         /* kernel stacks */
    uint64_t slab_pages;           /* kernel object caches */
    uint64_t kmalloc_large_pages;  /* kmalloc() blocks bigger than a slab slot */
    uint64_t minor_faults;         /* page faults resolved, all processes */
    uint64_t segv_faults;          /* page faults that ended in SIGSEGV */
    uint64_t processes;            /* processes that exist (zombies too) */
    uint64_t page_struct_bytes;    /* metadata per 4 KiB frame */
    uint64_t vma_struct_bytes;     /* metadata per VMA */
    uint64_t ticks;                /* timer ticks since boot */
    uint64_t ticks_per_second;
    /* copy-on-write (phase 2; 0 in phase 1) */
    uint64_t cow_copies;           /* write faults that copied a shared frame */
    uint64_t cow_reuses;           /* write faults that found the frame theirs alone */
    uint64_t zero_page_maps;       /* read faults that mapped the shared zero page */
    uint64_t zero_page_breaks;     /* writes that replaced the zero page by a frame */
    /* the page cache (phase 2; 0 before) */
    uint64_t page_cache_pages;     /* frames holding files' pages (counted in user_pages
                                    * too); free_pages + page_cache_pages is what
                                    * programs could have, once clean pages are dropped */
    uint64_t major_faults;         /* page faults that read a disk, all processes */
    uint64_t writeback_pages;      /* dirty cached pages written back to their files */
    uint64_t readahead_pages;      /* pages read ahead of use */
};

/* usmm_vma_info.flags: VM_* as in the kernel's mm/vma.h; the low three
 * bits are PROT_READ/WRITE/EXEC. */
#define USMM_VM_READ      0x001u
#define USMM_VM_WRITE     0x002u
#define USMM_VM_EXEC      0x004u
#define USMM_VM_SHARED    0x008u
#define USMM_VM_GROWSDOWN 0x100u
#define USMM_VM_STACK     0x200u
#define USMM_VM_HEAP      0x400u
#define USMM_VM_IMAGE     0x800u
#define USMM_VM_LOCKED    0x2000u
#define USMM_VM_NORESERVE 0x200000u
#define USMM_VM_PFNMAP    0x1000u    /* device or kernel frames (/dev/mem, [vdso]) */
#define USMM_VM_IO        0x4000u    /* device memory, uncached */
#define USMM_VM_DONTEXPAND 0x40000u  /* mremap may not grow it */
#define USMM_VM_PKEY_SHIFT 24           /* the protection key (phase 2), bits 24-27 */
#define USMM_VM_PKEY_MASK (0xfu << USMM_VM_PKEY_SHIFT)

struct usmm_vma_info {
    uint64_t start;
    uint64_t end;
    uint64_t offset;               /* in the mapped file, bytes */
    uint64_t rss_pages;            /* pages of this VMA that are resident */
    uint32_t flags;
    uint32_t reserved;
    char name[USMM_NAME_LEN];      /* [heap] [stack] program, file, or "" */
    char kind[8];                  /* vm_ops name: "anon", "file", ... */
};

struct usmm_mmstat {
    int32_t pid;
    int32_t reserved;
    char name[USMM_NAME_LEN];
    uint64_t map_count;            /* VMAs */
    uint64_t total_vm;             /* pages mapped */
    uint64_t rss;                  /* pages resident */
    uint64_t stack_vm, exec_vm, data_vm, locked_vm;
    uint64_t min_flt;              /* page faults resolved without reading a disk */
    uint64_t pagetable_pages;
    uint64_t start_code, end_code, start_data, end_data;
    uint64_t start_brk, brk, start_stack, mmap_base;
    /* resident pages by sharing: shared + private = rss (the zero page is
     * not in rss, as on Linux) */
    uint64_t shared_pages;         /* frames with another user: a mapping (fork), or a
                                    * shared-memory object (MAP_SHARED) */
    uint64_t private_pages;        /* frames this mapping alone uses */
    uint64_t zero_pages;           /* entries mapping the shared zero page */
    uint64_t maj_flt;              /* page faults that read a disk (file pages) */
    uint64_t syscalls;             /* system calls the process made (this one too) */
};

/* usmm_pagemap's words */
#define USMM_PM_PRESENT   (1ull << 63)   /* a frame is mapped */
#define USMM_PM_WRITE     (1ull << 62)   /* the entry allows writing */
#define USMM_PM_DIRTY     (1ull << 61)   /* the CPU has written through it */
#define USMM_PM_COW       (1ull << 60)   /* read-only for copy-on-write */
#define USMM_PM_FILE      (1ull << 59)   /* a frame of a file's page cache */
#define USMM_PM_ZERO      (1ull << 58)   /* the shared zero page */
#define USMM_PM_PFN_MASK  ((1ull << 40) - 1)
#define USMM_PAGEMAP_MAX  4096

#define USMM_PROC_RUNNING 0
#define USMM_PROC_SLEEPING 1
#define USMM_PROC_ZOMBIE 2

struct usmm_ps_entry {
    int32_t pid;
    int32_t ppid;
    int32_t state;                 /* USMM_PROC_* */
    int32_t reserved;
    uint64_t rss;                  /* pages */
    uint64_t total_vm;             /* pages */
    char name[USMM_NAME_LEN];
};

#endif
