/*
 * labs/lab7_cow_fault.c - Lab 7: the copy-on-write write fault.
 * Read the hand-out in labs/README.md first.  (Phase 2: the phase-1 kernel
 * links this file but never calls it.)
 */
#include <kernel/lab.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <mm/vmstat.h>
#include <uapi/errno.h>

/*
 * do_wp_page: a write to a present, read-only entry of a writable private
 * VMA (after fork, or on the zero page).  Make the page the writer's own:
 *   - the zero page (page_is_zero): a new zeroed frame (user_page_alloc);
 *     vma->vm_mm->rss grows by one, as the zero page was not counted;
 *   - a frame no one else uses (refcount 1): the same frame, writable
 *     again -- no copy (Linux's reuse shortcut);
 *   - a frame others use too: a copy (user_page_copy), and one reference
 *     less on the old frame (user_page_put).
 * The new entry has the VMA's rights (vma_pte_flags), is accessed and
 * dirty, and is no longer PTE_COW.  Count what happened in vmstat.cow_reuses,
 * vmstat.zero_page_breaks or vmstat.cow_copies (the tests read them).
 * Flush the TLB entry for `addr`: the CPU may still hold the read-only one.
 * Returns 0, or -ENOMEM when no frame is left (the entry is unchanged).
 *
 * `addr` is page-aligned; handle_mm_fault() has checked that the VMA
 * allows writing and that the entry is present and read-only.
 *
 * Stuck?  labs/HINTS.md has a step-by-step recipe (try without it first).
 *
 * Invariants: a frame's refcount is the number of entries that map it
 * (plus kernel users); an entry is writable only when its frame has no
 * other user; rss counts the frames mapped, not the zero page.
 * Common mistakes:
 *   - making the shared frame writable: the other process sees the write.
 *   - forgetting user_page_put on the old frame: it never comes back when
 *     both processes exit (the leak tests count free frames).
 *   - copying when refcount is 1: correct, but a frame wasted and the
 *     reuse test fails.
 *   - writing *pte = ... yourself instead of pt_set.
 *
 * Test: make check (the lab7 tests), or boot phase 2 and run
 * `tests/cow_fork_isolation`.
 */
int do_wp_page(struct vm_area_struct *vma, uint64_t addr, pte_t *pte)
{
    LAB_NOT_DONE(7);   /* delete this line when you start */
    return -EFAULT; /* TODO: replace with your implementation */
}
