/*
 * mm/mmap.h - changing an address space: mmap, munmap, mprotect, brk, and
 * the page-fault entry into the mm.  The system calls (mm/sys_mm.c) check
 * their arguments and call these.
 */
#ifndef MM_MMAP_H
#define MM_MMAP_H

#include <arch/paging.h>
#include <mm/mm.h>

struct file;
struct page;

/* get_unmapped_area: where a new mapping of `len` bytes goes: `addr`
 * itself for MAP_FIXED, the hint when that range is free, else the highest
 * free gap below mm->mmap_base.  Returns the address or -ENOMEM/-EINVAL/-EPERM. */
int64_t get_unmapped_area(struct mm_struct *mm, uint64_t addr, uint64_t len, int flags);

/* do_mmap: create a mapping (arguments already checked; len page-aligned).
 * Returns the address or a negative errno. */
int64_t do_mmap(struct mm_struct *mm, uint64_t addr, uint64_t len, int prot, int flags,
                struct file *file, uint64_t pgoff);

/* mm_insert_vma: a new anonymous VMA [start, end) with `vm_flags`, linked
 * into mm (not merged), counted in total_vm.  NULL when out of memory or
 * when mm already has sysctl_max_map_count VMAs. */
struct vm_area_struct *mm_insert_vma(struct mm_struct *mm, uint64_t start, uint64_t end,
                                     uint32_t vm_flags);

/* mm_remove_vma: unmap a VMA's pages, unlink it, close and free it. */
void mm_remove_vma(struct mm_struct *mm, struct vm_area_struct *vma);

/* mm_remove_all_vmas: the same for every VMA of mm, lowest first, without
 * keeping the tree balanced on the way (exit, exec): the tree is empty
 * afterwards. */
void mm_remove_all_vmas(struct mm_struct *mm);

/* do_munmap: remove every mapping in [start, start + len).  0 or -ENOMEM. */
int do_munmap(struct mm_struct *mm, uint64_t start, uint64_t len);

/* do_mremap: mremap(2) after the system call's checks (mm/mremap.c):
 * lengths page-aligned, new_len > 0.  Returns the mapping's address, or
 * -EFAULT (no mapping holds [addr, addr + old_len)), -ENOMEM (cannot grow
 * in place and may not move, or no room), -EINVAL, -EPERM. */
int64_t do_mremap(struct mm_struct *mm, uint64_t addr, uint64_t old_len, uint64_t new_len,
                  int flags, uint64_t new_addr);

/* do_brk: move the end of the heap; returns the new (or, on failure, the
 * unchanged) break, like the brk system call. */
uint64_t do_brk(struct mm_struct *mm, uint64_t newbrk);

/* handle_mm_fault: resolve a fault at `addr` in `mm`: find the VMA, check
 * the access against it, let its vm_ops->fault supply the page.  Returns
 * 0, FAULT_SPURIOUS (the entry already allowed the access: TLB entry
 * flushed, nothing changed), -EFAULT (no VMA, not allowed, or denied by
 * the page's protection key: SIGSEGV) or -ENOMEM. */
int handle_mm_fault(struct mm_struct *mm, uint64_t addr, unsigned fault_flags,
                    uint64_t error_code);
#define FAULT_SPURIOUS 1

/* VM_FAULT_MAJOR: what vm_ops->fault returns (instead of 0) when the page
 * is there now but had to be read from a disk (a major fault, counted in
 * mm->maj_flt instead of min_flt). */
#define VM_FAULT_MAJOR 2

/* The fault-loop guard (mm/page_fault.c): how many times in a row the same
 * fault may be resolved before it counts as a loop. */
#define FAULT_LOOP_LIMIT 8

/* vma_pte_flags: the page-table bits for a page of a VMA with `vm_flags`:
 * present and user, writable if VM_WRITE, no-execute unless VM_EXEC, the
 * VMA's protection key in bits 59-62 (when the CPU has PKU).  With
 * no rights at all (PROT_NONE), an entry that is not present but keeps its
 * frame (PTE_PROTNONE). */
pte_t vma_pte_flags(uint32_t vm_flags);

#define PTE_PROTNONE PTE_SOFT0

/* PTE_COW: the entry was made read-only for copy-on-write (phase 2's fork
 * and zero page).  Such an entry stays read-only whatever mprotect sets
 * (only the write-protect fault makes it writable, as on Linux); phase 1
 * never sets it. */
#define PTE_COW PTE_SOFT1

/* Frames of user memory: allocated zeroed, counted in vmstat.user_pages,
 * released when the last mapping goes. */
struct page *user_page_alloc(void);
void user_page_put(struct page *p);

/* user_page_copy: a new user frame holding a copy of `src` (not zeroed
 * first: every byte is written), or NULL. */
struct page *user_page_copy(const struct page *src);

/* mm_populate_write: make [uaddr, uaddr + len) of `mm` present (it must lie
 * inside VMAs) and copy `src` there, through the kernel's direct map; `mm`
 * need not be the current address space (exec fills a new one).  0 or
 * -ENOMEM / -EFAULT. */
int mm_populate_write(struct mm_struct *mm, uint64_t uaddr, const void *src, uint64_t len);

/* mm_populate: fault in every page of [start, end) (MAP_POPULATE). */
void mm_populate(struct mm_struct *mm, uint64_t start, uint64_t end);

/* unmap_vma_pages: clear the page-table entries of [start, end) inside
 * `vma`, dropping the frames (not those of a VM_PFNMAP VMA: the mapping
 * does not own them), and free page tables left empty. */
void unmap_vma_pages(struct mm_struct *mm, uint64_t start, uint64_t end);

/* The write-protect fault hook: a write to a present read-only page of a
 * writable VMA.  Phase 1 never creates such pages; phase 2 registers its
 * copy-on-write handler here (do_wp_page, lab 7). */
typedef int (*wp_fault_fn)(struct vm_area_struct *vma, uint64_t addr, pte_t *pte);
void mm_set_wp_fault_handler(wp_fault_fn fn);

/* Lab 7 (labs/lab7_cow_fault.c), registered by phase 2 through
 * mm_set_wp_fault_handler: the copy-on-write break.  `pte` is present,
 * read-only, marked PTE_COW, in a writable private VMA; give the page a
 * frame of its own (a copy, a zeroed frame for the zero page, or the same
 * frame made writable when no one else maps it).  0 or -ENOMEM.
 * Linked into every kernel, called only by phase 2's. */
int do_wp_page(struct vm_area_struct *vma, uint64_t addr, pte_t *pte);

/* The anonymous read-fault hook: a read (or execute) fault on a page never
 * touched of a private anonymous VMA.  Phase 1 gives it a zeroed frame of
 * its own (do_anonymous_page); phase 2 maps the shared zero page instead.
 * Same contract as vm_ops->fault. */
typedef int (*anon_read_fault_fn)(struct vm_area_struct *vma, uint64_t addr,
                                  unsigned fault_flags);
void mm_set_anon_read_fault(anon_read_fault_fn fn);

/* The check_mm hooks (mm/check_mm.c): `check_pte` is asked about every used
 * entry check_mm walks (after phase 1's own checks) and returns NULL or what
 * is wrong with it; `audit` checks the whole system (all address spaces and
 * frames: reference counts) when a test asks (usmm_check_mm), 0 or -1. */
struct check_mm_ops {
    const char *(*check_pte)(struct vm_area_struct *vma, uint64_t va, pte_t e,
                             struct page *page);
    int (*audit)(void);
};
void check_mm_set_ops(const struct check_mm_ops *ops);

/* check_mm_audit: the higher phase's system-wide audit, or 0 without one. */
int check_mm_audit(void);

/* The fork hook: copy the pages of `src_vma` into `dst`.  Phase 1 copies
 * private pages eagerly and shares MAP_SHARED ones; phase 2 installs
 * copy-on-write. */
typedef int (*fork_copy_fn)(struct mm_struct *dst, struct vm_area_struct *dst_vma,
                            struct mm_struct *src, struct vm_area_struct *src_vma);
void mm_set_fork_copy(fork_copy_fn fn);

/* The stack-growth hook: a fault at `addr` below a VM_GROWSDOWN VMA (in
 * the gap in front of it).  The hook either moves vma->vm_start down to
 * cover addr and returns 0 -- the fault then proceeds as inside the VMA --
 * or returns a negative errno (a fault in the guard gap, past
 * RLIMIT_STACK, ...): the fault is then unresolvable (SIGSEGV, or EFAULT
 * in copy_*_user).  Phase 1 grows no stack (its stack VMA is 8 MiB from
 * the start); phase 2 registers expand_stack (mm/stack_growth.c). */
typedef int (*expand_stack_fn)(struct vm_area_struct *vma, uint64_t addr);
void mm_set_expand_stack(expand_stack_fn fn);

/* The protection policy hooks (phase 2: mm/nx_policy.c, mm/pkeys.c).
 *   check_prot: may a new mapping (mmap) or mprotect ask for `prot`?
 *       0, or -EACCES (the W^X policy).  NULL: everything may.
 *   choose_pkey: the protection key a VMA gets with `prot`, where `pkey`
 *       is what pkey_mprotect asked for (-1: plain mmap/mprotect) and
 *       `vma` is the VMA being changed (NULL for a new mapping).  NULL:
 *       the asked key, else the VMA's own, else 0. */
struct mm_prot_policy {
    int (*check_prot)(int prot);
    int (*choose_pkey)(struct mm_struct *mm, const struct vm_area_struct *vma, int prot,
                       int pkey);
};
void mm_set_prot_policy(const struct mm_prot_policy *policy);

/* mm_check_prot, mm_choose_pkey: ask the policy (mm/mprotect.c). */
int mm_check_prot(int prot);
int mm_choose_pkey(struct mm_struct *mm, const struct vm_area_struct *vma, int prot, int pkey);

/* do_mprotect_pkey: set the rights of [start, start + len), and the VMAs'
 * protection key (`pkey` 0..15, or -1: as the policy chooses; the caller
 * checked that the key is allocated).  0, -ENOMEM (a hole in the range)
 * or -EACCES (more than the mapping allows). */
int do_mprotect_pkey(struct mm_struct *mm, uint64_t start, uint64_t len, int prot, int pkey);

/* The madvise hook (mm/madvise.c): called with a checked, page-aligned,
 * non-empty range [start, end) and known advice before phase 1 acts;
 * returns the system call's result, or MADV_HOOK_PASS to leave the advice
 * to phase 1. */
#define MADV_HOOK_PASS 1
typedef int (*madvise_hook_fn)(struct mm_struct *mm, uint64_t start, uint64_t end, int advice);
void madvise_set_hook(madvise_hook_fn fn);

/* The memory-lock policy (phase 2, mm/mlock.c), as Linux's can_do_mlock
 * and mlock_future_ok:
 *   can_do_mlock: may the caller lock memory at all (MAP_LOCKED)?
 *   future_ok: may `mm` get `pages` more pages in a VMA with `vm_flags`
 *       (RLIMIT_MEMLOCK when vm_flags has VM_LOCKED)?
 * Without a policy (phase 1) nothing is ever locked: MAP_LOCKED is
 * ignored and mm->def_flags stays 0. */
struct mm_lock_policy {
    bool (*can_do_mlock)(void);
    bool (*future_ok)(struct mm_struct *mm, uint32_t vm_flags, uint64_t pages);
};
void mm_set_lock_policy(const struct mm_lock_policy *policy);

/* mm_locks_memory: a lock policy is registered (phase 2 and up).
 * mm_can_do_mlock, mlock_future_ok: ask the policy (false / true without
 * one). */
bool mm_locks_memory(void);
bool mm_can_do_mlock(void);
bool mlock_future_ok(struct mm_struct *mm, uint32_t vm_flags, uint64_t pages);

/* vma_wants_populate: a new or grown range of a VMA with these flags is
 * faulted in at once (VM_LOCKED without VM_LOCKONFAULT), as Linux's
 * mmap, brk, mremap do for locked memory. */
static inline bool vma_wants_populate(uint32_t vm_flags)
{
    return (vm_flags & VM_LOCKED_MASK) == VM_LOCKED;
}

/* mm_fork: a copy of `old` for a child process, or NULL. */
struct mm_struct *mm_fork(struct mm_struct *old);

/* The anonymous-memory operations (mm/anon.c), and lab 5's fault handler. */
extern const struct vm_operations_struct anon_vm_ops;
int do_anonymous_page(struct vm_area_struct *vma, uint64_t addr, unsigned fault_flags);

#endif
