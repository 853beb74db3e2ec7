/*
 * phase1-vma/mm/lock_policy.c - the hook through which a higher phase
 * lets memory be locked (mlock, MAP_LOCKED, mlockall(MCL_FUTURE)).  Phase
 * 1 locks nothing; phase 2 (mm/mlock.c) registers RLIMIT_MEMLOCK's rules.
 * mmap, brk, mremap and stack growth ask mlock_future_ok before they give
 * a VM_LOCKED VMA more pages.
 */
#include <mm/mmap.h>

static const struct mm_lock_policy *lock_policy;

void mm_set_lock_policy(const struct mm_lock_policy *policy)
{
    lock_policy = policy;
}

bool mm_locks_memory(void)
{
    return lock_policy != NULL;
}

bool mm_can_do_mlock(void)
{
    return lock_policy && lock_policy->can_do_mlock();
}

bool mlock_future_ok(struct mm_struct *mm, uint32_t vm_flags, uint64_t pages)
{
    if (!(vm_flags & VM_LOCKED) || !lock_policy)
        return true;
    return lock_policy->future_ok(mm, vm_flags, pages);
}
