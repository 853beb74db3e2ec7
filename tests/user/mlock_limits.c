// phases: 2 3
// cmdline: check_mm=2
/*
 * mlock_limits: mlock, munlock, mlock2(MLOCK_ONFAULT), mlockall,
 * munlockall as on Linux (the same program gives the same lines there, as
 * root; the usmm_* checks are skipped on Linux):
 *   - mlock of the middle of a mapping splits it in three VMAs, the middle
 *     one locked; munlock merges them again; locked_vm counts exactly;
 *   - locked pages are resident at once (mincore), ONFAULT ones are not;
 *   - errors: EINVAL for bad flags, ENOMEM for holes, ENOMEM for a
 *     PROT_NONE range (it stays locked);
 *   - RLIMIT_MEMLOCK as a user (uid 1000): over the limit ENOMEM (pages
 *     locked already do not count twice), limit 0 EPERM; root is exempt;
 *   - MCL_FUTURE locks later mmaps (resident at once) and brk growth;
 *     munlockall undoes it; a forked child inherits no lock.
 */
#include "utest.h"
#include <sys/resource.h>
#include <sys/syscall.h>
#include <usmm.h>

#define P 4096
#define USER 1000

static int on_linux;

static long locked_vm(void)
{
    struct usmm_mmstat st;
    return usmm_mmstat(0, &st) ? -1 : (long)st.locked_vm;
}


static int resident(void *p, int pages)
{
    unsigned char v[64];
    int n = 0;
    if (mincore(p, (size_t)pages * P, v))
        return -1;
    for (int i = 0; i < pages; i++)
        n += v[i] & 1;
    return n;
}

static void split_and_merge(void)
{
    char *a = mmap(NULL, 8 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long before = locked_vm();
    uint64_t s, e;

    EXPECT_EQ("mlock_middle_succeeds", 0, mlock(a + 2 * P + 100, 2 * P));   /* pages 2..4 */
    EXPECT_EQ("mlock_makes_pages_resident", 3, resident(a + 2 * P, 3));
    EXPECT_EQ("mlock_leaves_others_alone", 0, resident(a, 2));
    if (!on_linux) {
        EXPECT_EQ("locked_vm_counts_three_pages", before + 3, locked_vm());
        EXPECT_TRUE("middle_vma_is_locked", usmm_vma_flags(a + 3 * P, &s, &e) & USMM_VM_LOCKED);
        EXPECT_EQ("middle_vma_starts_at_page_2", (uint64_t)a + 2 * P, s);
        EXPECT_EQ("middle_vma_ends_at_page_5", (uint64_t)a + 5 * P, e);
        EXPECT_EQ("head_vma_not_locked", 0, usmm_vma_flags(a, &s, &e) & USMM_VM_LOCKED);
        EXPECT_EQ("head_vma_ends_at_page_2", (uint64_t)a + 2 * P, e);
    }
    EXPECT_EQ("mlock_again_overlapping_succeeds", 0, mlock(a + 3 * P, 3 * P));
    if (!on_linux)
        EXPECT_EQ("overlap_counted_once", before + 4, locked_vm());
    EXPECT_EQ("munlock_all_succeeds", 0, munlock(a, 8 * P));
    if (!on_linux) {
        EXPECT_EQ("locked_vm_back", before, locked_vm());
        usmm_vma_flags(a + 3 * P, &s, &e);
        EXPECT_EQ("munlock_merges_back_start", (uint64_t)a, s);
        EXPECT_EQ("munlock_merges_back_end", (uint64_t)a + 8 * P, e);
    }
    EXPECT_EQ("mlock2_onfault_succeeds", 0, (int)syscall(SYS_mlock2, a + 6 * P, 2 * P, 1));
    EXPECT_EQ("onfault_pages_not_made_resident", 0, resident(a + 6 * P, 2));
    if (!on_linux)
        EXPECT_EQ("onfault_counts_in_locked_vm", before + 2, locked_vm());
    EXPECT_ERRNO("mlock2_bad_flags_einval", syscall(SYS_mlock2, a, P, 2), EINVAL);
    EXPECT_EQ("munmap_of_locked_succeeds", 0, munmap(a + 7 * P, P));
    if (!on_linux)
        EXPECT_EQ("munmap_drops_locked_vm", before + 1, locked_vm());
    munmap(a, 8 * P);
    if (!on_linux)
        EXPECT_EQ("munmap_all_drops_locked_vm", before, locked_vm());
}

static void errors(void)
{
    char *a = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *n = mmap(NULL, 2 * P, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long before;

    munmap(a + 2 * P, P);                                   /* a hole at page 2 */
    before = locked_vm();
    EXPECT_ERRNO("mlock_hole_at_start_enomem", mlock(a + 2 * P, P), ENOMEM);
    EXPECT_ERRNO("mlock_over_hole_enomem", mlock(a, 4 * P), ENOMEM);
    if (!on_linux)
        EXPECT_EQ("mlock_over_hole_locked_the_part_before", before + 2, locked_vm());
    EXPECT_ERRNO("munlock_over_hole_enomem", munlock(a, 4 * P), ENOMEM);
    EXPECT_EQ("mlock_len_0_succeeds", 0, mlock(a, 0));
    EXPECT_ERRNO("mlock_wrapping_einval", mlock(a, (size_t)-P), EINVAL);
    EXPECT_ERRNO("mlock_prot_none_enomem", mlock(n, 2 * P), ENOMEM);
    if (!on_linux)
        EXPECT_TRUE("prot_none_vma_still_locked", usmm_vma_flags(n, &(uint64_t){0}, &(uint64_t){0}) &
                                                   USMM_VM_LOCKED);
    EXPECT_ERRNO("mlockall_0_einval", mlockall(0), EINVAL);
    EXPECT_ERRNO("mlockall_onfault_alone_einval", mlockall(MCL_ONFAULT), EINVAL);
    EXPECT_ERRNO("mlockall_bad_flag_einval", mlockall(8), EINVAL);
    munmap(a, 4 * P);
    munmap(n, 2 * P);
    if (!on_linux)
        EXPECT_EQ("all_unmapped_locked_vm_back", before, locked_vm());
}

static void future(void)
{
    char *a, *brk0;
    int st;
    long before = locked_vm();

    EXPECT_EQ("mlockall_future_succeeds", 0, mlockall(MCL_FUTURE));
    a = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    EXPECT_EQ("future_mmap_resident_at_once", 4, resident(a, 4));
    if (!on_linux)
        EXPECT_EQ("future_mmap_counted", before + 4, locked_vm());
    brk0 = (char *)syscall(SYS_brk, 0);
    brk0 = (char *)(((uintptr_t)brk0 + P - 1) & ~(uintptr_t)(P - 1));
    EXPECT_EQ("future_brk_grows", (long)(brk0 + 2 * P), syscall(SYS_brk, brk0 + 2 * P));
    EXPECT_EQ("future_brk_resident_at_once", 2, resident(brk0, 2));
    if (!on_linux)
        EXPECT_EQ("future_brk_counted", before + 6, locked_vm());
    syscall(SYS_brk, brk0);
    if (!on_linux)
        EXPECT_EQ("brk_shrink_uncounts", before + 4, locked_vm());
    fflush(stdout);
    if (fork() == 0) {
        char *c = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        _exit((resident(c, 2) == 0 ? 1 : 0) | (on_linux || locked_vm() == 0 ? 2 : 0));
    }
    wait(&st);
    EXPECT_EQ("child_inherits_no_locks", 3, WEXITSTATUS(st));
    EXPECT_EQ("munlockall_succeeds", 0, munlockall());
    if (!on_linux)
        EXPECT_EQ("munlockall_clears_locked_vm", 0, locked_vm());
    munmap(a, 4 * P);
    a = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    EXPECT_EQ("after_munlockall_mmap_not_resident", 0, resident(a, 2));
    munmap(a, 2 * P);
}

/* remap: mremap keeps locked memory locked: growth is resident at once
 * and counted, a move keeps the count, DONTUNMAP leaves the old range
 * unlocked; a stack grown while locked (mlockall) is counted too (the
 * kernel's check_mm=2 checks locked_vm at every return to user mode). */
static void remap(void)
{
    char *a = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *b, *c;
    long before = locked_vm();
    volatile char deep[64 * 1024];

    EXPECT_EQ("mlock_for_mremap", 0, mlock(a, 2 * P));
    b = mremap(a, 2 * P, 6 * P, MREMAP_MAYMOVE);
    EXPECT_TRUE("mremap_locked_grows", b != MAP_FAILED);
    EXPECT_EQ("mremap_growth_resident_at_once", 6, resident(b, 6));
    if (!on_linux)
        EXPECT_EQ("mremap_growth_counted", before + 6, locked_vm());
    c = mremap(b, 6 * P, 6 * P, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
    EXPECT_TRUE("mremap_dontunmap_moves", c != MAP_FAILED);
    if (!on_linux) {
        uint64_t s, e;
        EXPECT_EQ("dontunmap_moved_range_counted_once", before + 6, locked_vm());
        EXPECT_EQ("dontunmap_old_range_unlocked", 0, usmm_vma_flags(b, &s, &e) & USMM_VM_LOCKED);
        EXPECT_TRUE("dontunmap_new_range_locked", usmm_vma_flags(c, &s, &e) & USMM_VM_LOCKED);
    }
    munmap(b, 6 * P);
    munmap(c, 6 * P);
    if (!on_linux)
        EXPECT_EQ("mremap_all_unmapped_count_back", before, locked_vm());
    EXPECT_EQ("mlockall_current_future", 0, mlockall(MCL_CURRENT | MCL_FUTURE));
    deep[0] = 1;                /* the stack grows while locked */
    deep[sizeof(deep) - 1] = 1;
    EXPECT_EQ("locked_stack_grew", 1, deep[0] + deep[sizeof(deep) - 1] - 1);
    EXPECT_EQ("munlockall_after_stack", 0, munlockall());
    if (!on_linux)
        EXPECT_EQ("munlockall_after_stack_count_0", 0, locked_vm());
}

static void as_user(void)
{
    struct rlimit lim = { 4 * P, 4 * P }, zero = { 0, 0 };
    char *a = mmap(NULL, 8 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    EXPECT_EQ("root_locks_beyond_the_limit", 0, (setrlimit(RLIMIT_MEMLOCK, &lim), mlock(a, 8 * P)));
    munlock(a, 8 * P);
    EXPECT_EQ("become_user", 0, setgid(USER) | setuid(USER));
    EXPECT_EQ("user_locks_within_limit", 0, mlock(a, 4 * P));
    EXPECT_EQ("user_relocks_same_pages", 0, mlock(a, 4 * P));
    EXPECT_ERRNO("user_over_limit_enomem", mlock(a, 5 * P), ENOMEM);
    EXPECT_ERRNO("user_map_locked_over_limit_eagain",
                 mmap(NULL, P, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_LOCKED, -1, 0), EAGAIN);
    EXPECT_ERRNO("user_mlockall_current_over_limit_enomem", mlockall(MCL_CURRENT), ENOMEM);
    EXPECT_EQ("user_munlock_succeeds", 0, munlock(a, 8 * P));
    EXPECT_EQ("user_lowers_limit_to_0", 0, setrlimit(RLIMIT_MEMLOCK, &zero));
    EXPECT_ERRNO("user_limit_0_eperm", mlock(a, P), EPERM);
    EXPECT_ERRNO("user_limit_0_mlockall_eperm", mlockall(MCL_FUTURE), EPERM);
    EXPECT_EQ("user_munlock_needs_no_right", 0, munlock(a, P));
    _exit(utest_finish());
}

int main(void)
{
    struct usmm_mmstat st;
    int status;

    on_linux = usmm_mmstat(0, &st) != 0;
    split_and_merge();
    errors();
    future();
    remap();
    fflush(stdout);
    if (fork() == 0)
        as_user();
    wait(&status);
    EXPECT_EQ("user_part_passed", 0, WEXITSTATUS(status));
    if (!on_linux)
        EXPECT_EQ("check_mm_after_all", 0, usmm_check_mm(0));
    return utest_finish();
}
