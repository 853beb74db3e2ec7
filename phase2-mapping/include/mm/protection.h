/*
 * mm/protection.h - phase 2's memory protection: NX and the W^X policy
 * (mm/nx_policy.c), protection keys (mm/pkeys.c), stack growth and the
 * stack guard gap (mm/stack_growth.c).  mm/protection.c plugs them into
 * phase 1's hooks at boot.
 */
#ifndef MM_PROTECTION_H
#define MM_PROTECTION_H

#include <mm/mm.h>
#include <stdbool.h>
#include <stdint.h>

/* protection_init: register everything below with phase 1 (boot, from
 * phase2_init, before the first process exists). */
void protection_init(void);

/* ---- NX and W^X (nx_policy.c) ---------------------------------------- */

/* sysctl_wxorx: 1 refuses PROT_WRITE|PROT_EXEC in mmap and mprotect with
 * EACCES (the OpenBSD-style W^X policy).  Off by default (as Linux);
 * `wxorx=1` on the command line or the vm.wxorx sysctl turns it on. */
extern int64_t sysctl_wxorx;

/* wxorx_check_prot: the policy's verdict on `prot`: 0 or -EACCES. */
int wxorx_check_prot(int prot);

void nx_policy_init(void);

/* ---- protection keys (pkeys.c) --------------------------------------- */

#define PKEY_DISABLE_ACCESS 0x1
#define PKEY_DISABLE_WRITE  0x2
#define PKEY_ACCESS_MASK    (PKEY_DISABLE_ACCESS | PKEY_DISABLE_WRITE)

/* pkey_for_vma: the mm_prot_policy.choose_pkey of phase 2: the key asked
 * for, else execute-only memory's key for PROT_EXEC alone, else the VMA's
 * key (0 for a new mapping) -- as Linux's arch_override_mprotect_pkey. */
int pkey_for_vma(struct mm_struct *mm, const struct vm_area_struct *vma, int prot, int pkey);

void pkeys_init(void);

/* ---- the stack (stack_growth.c) -------------------------------------- */

#define STACK_INITIAL_SIZE (128ul << 10)  /* the stack VMA exec creates */
#define STACK_GUARD_GAP_PAGES 256         /* Linux's default stack_guard_gap */

/* expand_stack: phase 1's expand_stack_fn: grow the VM_GROWSDOWN `vma`
 * down to the page of addr if lab 8's check allows it (RLIMIT_STACK of
 * the current task, the guard gap); 0, or a negative errno: -EFAULT for
 * a VMA that is not private anonymous memory, else lab 8's answer. */
int expand_stack(struct vm_area_struct *vma, uint64_t addr);

/* Lab 8.  stack_growth_allowed: may `vma` grow down to begin at
 * new_start, under a stack limit of `limit` bytes?  0 or a negative errno
 * (labs/lab8_stack_growth.c has the contract). */
int stack_growth_allowed(const struct vm_area_struct *vma, uint64_t new_start, uint64_t limit);

void stack_growth_init(void);

#endif
