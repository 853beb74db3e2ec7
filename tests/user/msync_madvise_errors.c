// phases: 2 3
// cmdline: check_mm=2
/*
 * msync_madvise_errors: msync's and madvise's checks and what madvise does
 * to anonymous memory, as on Linux (the same program gives the same lines
 * there; the usmm_vmas checks are skipped on Linux):
 *   msync   EINVAL unaligned, unknown flags, MS_SYNC|MS_ASYNC; ENOMEM a
 *           hole (MS_SYNC at once, MS_ASYNC after the rest), a wrapping
 *           length; EBUSY MS_INVALIDATE on locked memory; 0 on anonymous
 *           memory and for length 0
 *   madvise DONTNEED gives private anonymous pages back as zeros and keeps
 *           shared ones; EINVAL for DONTNEED/FREE on locked memory, FREE on
 *           shared memory, REMOVE on private or locked memory; ENOMEM for
 *           holes; SEQUENTIAL/RANDOM split the VMA and NORMAL merges it
 */
#include "utest.h"
#include <usmm.h>

#define P 4096
#define USMM_VM_SEQ_READ 0x8000u
#define USMM_VM_RAND_READ 0x10000u

static int on_linux;


static void msync_checks(void)
{
    char *a = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    a[0] = 1;
    EXPECT_EQ("msync_anon_sync", 0, msync(a, 4 * P, MS_SYNC));
    EXPECT_EQ("msync_anon_async_invalidate", 0, msync(a, 4 * P, MS_ASYNC | MS_INVALIDATE));
    EXPECT_EQ("msync_len_0", 0, msync(a, 0, MS_SYNC));
    EXPECT_ERRNO("msync_unaligned_einval", msync(a + 1, P, MS_SYNC), EINVAL);
    EXPECT_ERRNO("msync_bad_flag_einval", msync(a, P, 8), EINVAL);
    EXPECT_ERRNO("msync_sync_and_async_einval", msync(a, P, MS_SYNC | MS_ASYNC), EINVAL);
    EXPECT_ERRNO("msync_wrapping_enomem", msync(a, (size_t)-P, MS_SYNC), ENOMEM);
    munmap(a + 2 * P, P);
    EXPECT_ERRNO("msync_sync_over_hole_enomem", msync(a, 4 * P, MS_SYNC), ENOMEM);
    EXPECT_ERRNO("msync_async_over_hole_enomem", msync(a, 4 * P, MS_ASYNC), ENOMEM);
    EXPECT_ERRNO("msync_in_hole_enomem", msync(a + 2 * P, P, MS_ASYNC), ENOMEM);
    EXPECT_EQ("mlock_for_invalidate", 0, mlock(a, P));
    EXPECT_ERRNO("msync_invalidate_locked_ebusy", msync(a, P, MS_INVALIDATE), EBUSY);
    EXPECT_EQ("msync_sync_locked_ok", 0, msync(a, P, MS_SYNC));
    munmap(a, 4 * P);
}

static void madvise_checks(void)
{
    char *a = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *s = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    uint64_t st, en;

    memset(a, 'a', 4 * P);
    memset(s, 's', 2 * P);
    EXPECT_EQ("dontneed_anon_succeeds", 0, madvise(a + P, 2 * P, MADV_DONTNEED));
    EXPECT_EQ("dontneed_anon_reads_zero", 0, a[P] | a[3 * P - 1]);
    EXPECT_EQ("dontneed_anon_keeps_the_rest", 'a', a[0] & a[3 * P]);
    EXPECT_EQ("dontneed_shared_succeeds", 0, madvise(s, 2 * P, MADV_DONTNEED));
    EXPECT_EQ("dontneed_shared_keeps_data", 's', s[P]);
    EXPECT_EQ("free_anon_succeeds", 0, madvise(a, P, MADV_FREE));
    EXPECT_ERRNO("free_shared_einval", madvise(s, P, MADV_FREE), EINVAL);
    EXPECT_ERRNO("remove_private_einval", madvise(a, P, MADV_REMOVE), EINVAL);
    EXPECT_EQ("willneed_anon_succeeds", 0, madvise(a, 4 * P, MADV_WILLNEED));
    EXPECT_EQ("mlock_for_madvise", 0, mlock(a + 3 * P, P));
    EXPECT_ERRNO("dontneed_locked_einval", madvise(a, 4 * P, MADV_DONTNEED), EINVAL);
    EXPECT_EQ("dontneed_before_locked_was_done", 0, a[0]);
    EXPECT_ERRNO("free_locked_einval", madvise(a + 3 * P, P, MADV_FREE), EINVAL);
    EXPECT_ERRNO("remove_locked_einval", madvise(a + 3 * P, P, MADV_REMOVE), EINVAL);
    munlock(a, 4 * P);

    EXPECT_EQ("sequential_succeeds", 0, madvise(a + P, P, MADV_SEQUENTIAL));
    if (!on_linux) {
        long f = usmm_vma_flags(a + P, &st, &en);
        EXPECT_TRUE("sequential_sets_vm_seq_read", f & USMM_VM_SEQ_READ);
        EXPECT_EQ("sequential_splits_start", (uint64_t)a + P, st);
        EXPECT_EQ("sequential_splits_end", (uint64_t)a + 2 * P, en);
    }
    EXPECT_EQ("random_succeeds", 0, madvise(a + P, P, MADV_RANDOM));
    if (!on_linux) {
        long f = usmm_vma_flags(a + P, &st, &en);
        EXPECT_TRUE("random_replaces_sequential",
                    (f & USMM_VM_RAND_READ) && !(f & USMM_VM_SEQ_READ));
    }
    EXPECT_EQ("normal_succeeds", 0, madvise(a, 4 * P, MADV_NORMAL));
    if (!on_linux) {
        long f = usmm_vma_flags(a + P, &st, &en);
        EXPECT_EQ("normal_clears_hints", 0, f & (USMM_VM_RAND_READ | USMM_VM_SEQ_READ));
        EXPECT_EQ("normal_merges_start", (uint64_t)a, st);
        EXPECT_EQ("normal_merges_end", (uint64_t)a + 4 * P, en);
    }
    munmap(a + 2 * P, P);
    EXPECT_ERRNO("dontneed_over_hole_enomem", madvise(a, 4 * P, MADV_DONTNEED), ENOMEM);
    EXPECT_ERRNO("normal_in_hole_enomem", madvise(a + 2 * P, P, MADV_NORMAL), ENOMEM);
    EXPECT_ERRNO("willneed_over_hole_enomem", madvise(a, 4 * P, MADV_WILLNEED), ENOMEM);
    EXPECT_ERRNO("madvise_unaligned_einval", madvise(a + 1, P, MADV_NORMAL), EINVAL);
    EXPECT_ERRNO("madvise_bad_advice_einval", madvise(a, P, 99), EINVAL);
    munmap(a, 4 * P);
    munmap(s, 2 * P);
}

/* remove_across_fork: MADV_REMOVE on shared memory in the parent makes a
 * live child read zeros through its own mapping. */
static void remove_across_fork(void)
{
    char *s = mmap(NULL, 2 * P, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int go[2], ready[2], st;
    char c;

    s[0] = 'x';
    s[P] = 'y';
    pipe(go);
    pipe(ready);
    fflush(stdout);
    if (fork() == 0) {
        volatile char *v = s;
        int seen = v[0] == 'x';          /* mapped in the child now */
        write(ready[1], "r", 1);
        read(go[0], &c, 1);
        _exit(seen && v[0] == 0 && v[P] == 'y' ? 0 : 1);
    }
    read(ready[0], &c, 1);
    EXPECT_EQ("remove_shared_succeeds", 0, madvise(s, P, MADV_REMOVE));
    EXPECT_EQ("remove_shared_reads_zero", 0, s[0]);
    EXPECT_EQ("remove_keeps_the_next_page", 'y', s[P]);
    write(go[1], "g", 1);
    wait(&st);
    EXPECT_EQ("remove_child_reads_zero_too", 0, WEXITSTATUS(st));
    munmap(s, 2 * P);
}

int main(void)
{
    struct usmm_mmstat st;

    on_linux = usmm_mmstat(0, &st) != 0;
    msync_checks();
    madvise_checks();
    remove_across_fork();
    if (!on_linux)
        EXPECT_EQ("check_mm_after_all", 0, usmm_check_mm(0));
    return utest_finish();
}
