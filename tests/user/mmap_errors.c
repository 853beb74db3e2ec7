// phases: 1 3
/*
 * mmap_errors: every way to call mmap, munmap, mprotect and brk wrongly
 * gets the error Linux gives (where usmm differs, docs/linux-differences.md
 * says so and the test says "usmm").
 */
#include "utest.h"
#include <sys/syscall.h>
#include <usmm.h>

#define PRIV_ANON (MAP_PRIVATE | MAP_ANONYMOUS)

/* the system call itself: musl's mprotect() rounds the address down to a
 * page first (so an unaligned one never reaches the kernel) */
#define mprotect(addr, len, prot) syscall(SYS_mprotect, (addr), (len), (prot))

static void mmap_arguments(void)
{
    EXPECT_ERRNO("mmap_length_zero_is_einval", mmap(NULL, 0, PROT_READ, PRIV_ANON, -1, 0), EINVAL);
    EXPECT_ERRNO("mmap_fixed_unaligned_is_einval",
                 mmap((void *)0x10000001, 4096, PROT_READ, PRIV_ANON | MAP_FIXED, -1, 0), EINVAL);
    EXPECT_ERRNO("mmap_offset_unaligned_is_einval",
                 mmap(NULL, 4096, PROT_READ, PRIV_ANON, -1, 100), EINVAL);
    EXPECT_ERRNO("mmap_neither_private_nor_shared_is_einval",
                 mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0), EINVAL);
    EXPECT_ERRNO("mmap_shared_growsdown_is_einval",
                 mmap(NULL, 4096, PROT_READ, MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0),
                 EINVAL);
    EXPECT_ERRNO("mmap_shared_validate_anonymous_is_einval",
                 mmap(NULL, 4096, PROT_READ, MAP_SHARED_VALIDATE | MAP_ANONYMOUS, -1, 0), EINVAL);
    EXPECT_ERRNO("mmap_unknown_flag_is_einval_usmm",
                 mmap(NULL, 4096, PROT_READ, PRIV_ANON | 0x40000000, -1, 0), EINVAL);
    EXPECT_ERRNO("mmap_unknown_prot_is_einval_usmm",
                 mmap(NULL, 4096, 0x10, PRIV_ANON, -1, 0), EINVAL);
    EXPECT_ERRNO("mmap_bad_fd_is_ebadf", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 99, 0), EBADF);
    EXPECT_ERRNO("mmap_console_is_enodev", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 1, 0), ENODEV);
}

static void mmap_no_room(void)
{
    char *p;
    EXPECT_ERRNO("mmap_larger_than_user_space_is_enomem",
                 mmap(NULL, 1ul << 48, PROT_READ, PRIV_ANON, -1, 0), ENOMEM);
    EXPECT_ERRNO("mmap_length_wraps_is_enomem",
                 mmap(NULL, (size_t)-1, PROT_READ, PRIV_ANON, -1, 0), ENOMEM);
    EXPECT_ERRNO("mmap_fixed_past_user_space_is_enomem",
                 mmap((void *)0x7ffffffff000ul, 8192, PROT_READ, PRIV_ANON | MAP_FIXED, -1, 0), ENOMEM);
    EXPECT_ERRNO("mmap_fixed_at_null_is_eperm_usmm",
                 mmap(NULL, 4096, PROT_READ, PRIV_ANON | MAP_FIXED, -1, 0), EPERM);
    /* 4 pages, the last one unmapped again: a free page known to be free
     * (above a new mapping may lie the vDSO, phase 2) */
    p = mmap(NULL, 4 * 4096, PROT_READ, PRIV_ANON, -1, 0);
    munmap(p + 3 * 4096, 4096);
    EXPECT_ERRNO("mmap_fixed_noreplace_over_mapping_is_eexist",
                 mmap(p + 4096, 4096, PROT_READ, PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0), EEXIST);
    EXPECT_TRUE("mmap_fixed_noreplace_in_free_range_works",
                mmap(p + 3 * 4096, 4096, PROT_READ, PRIV_ANON | MAP_FIXED_NOREPLACE, -1, 0) ==
                    p + 3 * 4096);
    munmap(p, 4 * 4096);
}

static void vma_limit(void)
{
    int64_t old, limit;
    struct usmm_mmstat st;
    char *base = mmap(NULL, 64 * 4096, PROT_READ, PRIV_ANON, -1, 0);
    int made = 0;

    usmm_mmstat(0, &st);
    usmm_sysctl("vm.max_map_count", &old, NULL);
    limit = (int64_t)st.map_count + 4;
    usmm_sysctl("vm.max_map_count", NULL, &limit);
    /* every other page read-write: each change makes new VMAs */
    for (int i = 1; i < 64; i += 2) {
        if (mprotect(base + i * 4096, 4096, PROT_READ | PROT_WRITE) != 0)
            break;
        made++;
    }
    EXPECT_EQ("mprotect_stops_at_vma_limit", 2, made);
    EXPECT_ERRNO("mprotect_over_vma_limit_is_enomem",
                 mprotect(base + 41 * 4096, 4096, PROT_READ | PROT_WRITE), ENOMEM);
    EXPECT_ERRNO("munmap_split_over_vma_limit_is_enomem", munmap(base + 51 * 4096, 4096), ENOMEM);
    EXPECT_ERRNO("mmap_over_vma_limit_is_enomem",
                 mmap(NULL, 4096, PROT_EXEC, PRIV_ANON, -1, 0), ENOMEM);
    usmm_sysctl("vm.max_map_count", NULL, &old);
    EXPECT_TRUE("mmap_works_again_below_limit",
                mmap(NULL, 4096, PROT_EXEC, PRIV_ANON, -1, 0) != MAP_FAILED);
    EXPECT_EQ("vma_limit_restored", 0, usmm_check_mm(0));
}

static void munmap_arguments(void)
{
    char *p = mmap(NULL, 4096, PROT_READ, PRIV_ANON, -1, 0);
    EXPECT_ERRNO("munmap_unaligned_is_einval", munmap(p + 1, 4096), EINVAL);
    EXPECT_ERRNO("munmap_length_zero_is_einval", munmap(p, 0), EINVAL);
    EXPECT_ERRNO("munmap_kernel_address_is_einval", munmap((void *)0xffffffff80000000ul, 4096), EINVAL);
    EXPECT_ERRNO("munmap_past_user_space_is_einval", munmap((void *)0x7ffffffff000ul, 8192), EINVAL);
    EXPECT_EQ("munmap_unmapped_range_succeeds", 0, munmap((void *)0x300000000000ul, 1 << 20));
    EXPECT_EQ("munmap_twice_succeeds", 0, munmap(p, 4096) + munmap(p, 4096));
}

static void mprotect_arguments(void)
{
    char *p = mmap(NULL, 3 * 4096, PROT_READ, PRIV_ANON, -1, 0);
    munmap(p + 4096, 4096);
    EXPECT_ERRNO("mprotect_range_with_hole_is_enomem", mprotect(p, 3 * 4096, PROT_WRITE), ENOMEM);
    EXPECT_ERRNO("mprotect_unmapped_is_enomem", mprotect((void *)0x300000000000ul, 4096, PROT_READ), ENOMEM);
    EXPECT_ERRNO("mprotect_unaligned_is_einval", mprotect(p + 1, 4096, PROT_READ), EINVAL);
    EXPECT_ERRNO("mprotect_unknown_prot_is_einval", mprotect(p, 4096, 0x10), EINVAL);
    EXPECT_ERRNO("mprotect_wrapping_length_is_enomem", mprotect(p, (size_t)-4096, PROT_READ), ENOMEM);
    EXPECT_ERRNO("mprotect_kernel_address_is_enomem",
                 mprotect((void *)0xffffffff80000000ul, 4096, PROT_READ), ENOMEM);
    EXPECT_EQ("mprotect_length_zero_is_0", 0, mprotect(p, 0, PROT_READ));
    EXPECT_ERRNO("mprotect_length_zero_unaligned_is_einval", mprotect(p + 1, 0, PROT_READ), EINVAL);
    /* Linux's order: length 0 succeeds before the bits are looked at */
    EXPECT_EQ("mprotect_length_zero_unknown_prot_is_0", 0, mprotect(p, 0, 0x80));
    EXPECT_ERRNO("mprotect_unknown_prot_0x80_is_einval", mprotect(p, 4096, 0x80), EINVAL);
    EXPECT_EQ("mprotect_prot_sem_is_accepted", 0, mprotect(p, 4096, PROT_READ | PROT_WRITE | 0x8));
    /* the failed call with a hole changed nothing */
    EXPECT_EQ("failed_mprotect_left_first_page_readable", 0, p[0]);
    EXPECT_EQ("check_mm_after_errors", 0, usmm_check_mm(0));
}

static void brk_arguments(void)
{
    void *start = usmm_sbrk(0);
    EXPECT_TRUE("brk_below_heap_start_changes_nothing", (void *)syscall(12, 4096) == start);
    EXPECT_TRUE("brk_into_kernel_changes_nothing",
                (void *)syscall(12, 0xffffffff80000000ul) == start);
    EXPECT_TRUE("brk_0_returns_current_break", (void *)syscall(12, 0) == start);
}

int main(void)
{
    mmap_arguments();
    mmap_no_room();
    vma_limit();
    munmap_arguments();
    mprotect_arguments();
    brk_arguments();
    return utest_finish();
}
