/*
 * mm/cow.h (phase 2) - copy-on-write fork and the shared zero page: what
 * phase2-mapping/mm/ offers the rest of phase 2.  Each init function plugs
 * one piece into a phase-1 hook; phase2_init calls them at boot.
 */
#ifndef PHASE2_MM_COW_H
#define PHASE2_MM_COW_H

struct page;

/* zero_page_init (mm/zero_page.c): set aside the shared zero page and map
 * it on read faults of private anonymous memory (mm_set_anon_read_fault). */
void zero_page_init(void);

/* zero_page: the shared zero page (PG_ZERO), after zero_page_init. */
struct page *zero_page(void);

/* fork_cow_init (mm/fork_cow.c): fork shares private pages copy-on-write
 * (mm_set_fork_copy) and the write fault breaks the sharing
 * (mm_set_wp_fault_handler -> do_wp_page, lab 7). */
void fork_cow_init(void);

/* cow_check_init (mm/cow_check.c): check_mm learns the copy-on-write
 * invariants; usmm_check_mm audits every frame's reference count. */
void cow_check_init(void);

/* vfork_init (mm/vfork.c): vfork shares the address space until the
 * child's execve or _exit, while the parent sleeps. */
void vfork_init(void);

#endif
