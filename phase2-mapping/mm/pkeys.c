/*
 * phase2-mapping/mm/pkeys.c - memory protection keys: pkey_alloc,
 * pkey_free, pkey_mprotect, and execute-only memory, with Linux's
 * semantics and errors.
 *
 * Each user page carries a 4-bit key in its page-table entry (bits 59-62,
 * arch/paging.h); the VMA keeps it in vm_flags (VM_PKEY_MASK, mm/vma.h),
 * so split copies it and VMAs with different keys never merge.  The
 * thread's PKRU register holds two bits per key -- access disable (AD,
 * bit 2k) and write disable (WD, bit 2k+1) -- that the CPU checks on every
 * data access to a user page, in ring 3 and in copy_*_user alike.  A
 * denied access is a page fault with PF_PK set: SIGSEGV with SEGV_PKUERR
 * and the key in task->fault_pkey (phase1-vma/mm/page_fault.c).  PKRU is
 * per task (saved and restored at every switch, arch/x86_64/context.c),
 * inherited by fork, reset by exec to PKRU_DEFAULT (keys 1-15 denied).
 *
 *   key 0            the default: every page has it; always allocated
 *   keys 1..15       pkey_alloc hands out the lowest free one
 *   execute-only key allocated on first mmap/mprotect(PROT_EXEC) alone,
 *                    PKRU denies it access: code that can run but not be
 *                    read.  pkey_alloc never returns it and the calls
 *                    refuse it (EINVAL), as Linux does.
 *
 * The allocation bitmap lives in the mm (mm->pkey_allocation_map,
 * execute_only_pkey): fork copies it, exec starts with only key 0.
 *
 * On a CPU without PKU (or with CR4.PKE off) only pkey_mprotect with key
 * -1 (plain mprotect) works, with Linux's errors exactly, quirks included
 * (seen on this host's Linux 6.18, a CPU without PKU): there the mm's
 * bitmap and execute-only key both start at 0, so the first pkey_alloc
 * takes key 0, cannot set its rights (EINVAL) and cannot give it back
 * (key 0 counts as the execute-only key): every later pkey_alloc is
 * ENOSPC, and pkey_free and pkey_mprotect with key 0 are EINVAL.
 *
 * Hooks: syscall_register (329-331), mm_prot_policy.choose_pkey.
 */
#include <arch/context.h>
#include <arch/cpu.h>
#include <kernel/syscall.h>
#include <mm/mmap.h>
#include <mm/protection.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define NR_pkey_mprotect 329
#define NR_pkey_alloc    330
#define NR_pkey_free     331

/* arch_max_pkey: how many keys the CPU gives us (1: only the default). */
static int arch_max_pkey(void)
{
    return cpu_features.ospke ? 16 : 1;
}

/* mm_pkey_is_allocated: may the program use `pkey` (pkey_free,
 * pkey_mprotect)?  Not the execute-only key, which the kernel owns. */
static bool mm_pkey_is_allocated(const struct mm_struct *mm, int pkey)
{
    if (pkey < 0 || pkey >= arch_max_pkey() || pkey == mm->execute_only_pkey)
        return false;
    return mm->pkey_allocation_map & (1u << pkey);
}

/* mm_pkey_alloc: the lowest free key, now allocated, or -1. */
static int mm_pkey_alloc(struct mm_struct *mm)
{
    for (int k = 0; k < arch_max_pkey(); k++) {
        if (!(mm->pkey_allocation_map & (1u << k))) {
            mm->pkey_allocation_map |= (uint16_t)(1u << k);
            return k;
        }
    }
    return -1;
}

/* mm_pkey_free: give back an allocated key; -EINVAL for any other. */
static int mm_pkey_free(struct mm_struct *mm, int pkey)
{
    if (!mm_pkey_is_allocated(mm, pkey))
        return -EINVAL;
    mm->pkey_allocation_map &= (uint16_t)~(1u << pkey);
    return 0;
}

/* set_user_pkey_access: the current task's PKRU rights for `pkey` become
 * `rights` (PKEY_DISABLE_*), in the register (this is the task's live
 * PKRU: the kernel runs with the user's) and in the saved copy.  0, or
 * -EINVAL without PKU. */
static int set_user_pkey_access(int pkey, unsigned rights)
{
    uint32_t pkru;

    if (!cpu_features.ospke || pkey < 0 || pkey >= 16)
        return -EINVAL;
    pkru = rdpkru() & ~(3u << (2 * pkey));
    pkru |= (rights & PKEY_ACCESS_MASK) << (2 * pkey);
    wrpkru(pkru);
    current->fpu.pkru = pkru;
    return 0;
}

/* execute_only_pkey: mm's key for execute-only memory, allocated (and
 * denied to data accesses in this task's PKRU) the first time; -1 when
 * none is free or the CPU has no PKU. */
static int execute_only_pkey(struct mm_struct *mm)
{
    int pkey = mm->execute_only_pkey;
    bool fresh = pkey == -1;

    if (!cpu_features.ospke)
        return -1;
    if (fresh && (pkey = mm_pkey_alloc(mm)) < 0)
        return -1;
    if (!fresh && (rdpkru() & (1u << (2 * pkey))))
        return pkey;            /* PKRU denies it already */
    if (set_user_pkey_access(pkey, PKEY_DISABLE_ACCESS) != 0) {
        mm->pkey_allocation_map &= (uint16_t)~(1u << pkey);
        return -1;
    }
    mm->execute_only_pkey = (int16_t)pkey;
    return pkey;
}

int pkey_for_vma(struct mm_struct *mm, const struct vm_area_struct *vma, int prot, int pkey)
{
    int xo;

    if (pkey != -1)
        return pkey;            /* pkey_mprotect: what the caller asked */
    if (!cpu_features.ospke)
        return 0;
    if (prot == PROT_EXEC) {
        xo = execute_only_pkey(mm);
        if (xo > 0)
            return xo;
    } else if (vma && (vma->vm_flags & VM_PROT_MASK) == VM_EXEC &&
               vma_pkey(vma) == mm->execute_only_pkey) {
        return 0;               /* execute-only no longer: back to the default key */
    }
    return vma ? vma_pkey(vma) : 0;
}

/* sys_pkey_alloc: a new key with `init_val` rights in this task's PKRU.
 * EINVAL for flags or unknown rights, ENOSPC when no key is free (always,
 * on a CPU without PKU). */
static int64_t sys_pkey_alloc(uint64_t flags, uint64_t init_val)
{
    struct mm_struct *mm = current->mm;
    int pkey, err;

    if (flags || (init_val & ~(uint64_t)PKEY_ACCESS_MASK))
        return -EINVAL;
    pkey = mm_pkey_alloc(mm);
    if (pkey < 0)
        return -ENOSPC;
    err = set_user_pkey_access(pkey, (unsigned)init_val);
    if (err) {
        mm_pkey_free(mm, pkey);     /* (fails without PKU: see the top) */
        return err;
    }
    return pkey;
}

/* sys_pkey_free: give a key back (pages keep it, as on Linux).  EINVAL
 * for a key not allocated. */
static int64_t sys_pkey_free(uint64_t pkey_arg)
{
    return mm_pkey_free(current->mm, (int)pkey_arg);
}

/* pkey_valid: pkey_mprotect's key may be -1 (as mprotect) or allocated. */
static bool pkey_valid(const struct mm_struct *mm, int pkey)
{
    return pkey == -1 || mm_pkey_is_allocated(mm, pkey);
}

/* sys_pkey_mprotect: mprotect that also sets the key (-1: as mprotect),
 * with mprotect's checks, then EINVAL for a key not allocated. */
static int64_t sys_pkey_mprotect(uint64_t addr, uint64_t len, uint64_t prot, uint64_t pkey_arg)
{
    return mprotect_syscall(addr, len, prot, (int)pkey_arg, pkey_valid);
}

void pkeys_init(void)
{
    syscall_register(NR_pkey_mprotect, "pkey_mprotect", SYSCALL_HANDLER(sys_pkey_mprotect));
    syscall_register(NR_pkey_alloc, "pkey_alloc", SYSCALL_HANDLER(sys_pkey_alloc));
    syscall_register(NR_pkey_free, "pkey_free", SYSCALL_HANDLER(sys_pkey_free));
}
