// phases: 1 3
/*
 * tls_and_iovec: what a C library's start-up needs from the kernel, as on
 * Linux: arch_prctl's FS and GS bases (thread-local storage), kept per
 * process across task switches and inherited by fork; set_tid_address;
 * readv/writev with their errors; the user ids; the auxiliary vector.
 */
#include "utest.h"
#include <sys/auxv.h>
#include <sys/syscall.h>

#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002
#define ARCH_GET_FS 0x1003
#define ARCH_GET_GS 0x1004

struct iov {
    const void *base;
    size_t len;
};

static uint64_t tls_block[4] = { 0x1111, 0x2222, 0x3333, 0x4444 };

/* raw: a system call without the C library, whose errno and locks live
 * behind FS -- which these tests take away from it for a moment */
static long raw(long n, long a, long b)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b) : "rcx", "r11", "memory");
    return ret;
}

static uint64_t get_base(int code)
{
    uint64_t v = 0;
    raw(SYS_arch_prctl, code, (long)&v);
    return v;
}

static uint64_t read_seg(int gs, int index)
{
    uint64_t v;
    if (gs)
        __asm__ volatile("mov %%gs:(,%1,8), %0" : "=r"(v) : "r"((long)index));
    else
        __asm__ volatile("mov %%fs:(,%1,8), %0" : "=r"(v) : "r"((long)index));
    return v;
}

/* with_fs: FS on `base` while reading word `index` through it and its
 * base back, then musl's own FS again */
static uint64_t with_fs(uint64_t *base, int index, uint64_t *base_seen)
{
    uint64_t saved = get_base(ARCH_GET_FS), v;
    raw(SYS_arch_prctl, ARCH_SET_FS, (long)base);
    v = read_seg(0, index);
    *base_seen = get_base(ARCH_GET_FS);
    raw(SYS_arch_prctl, ARCH_SET_FS, (long)saved);
    return v;
}

/* GS is the C library's to leave alone: the tests of task switches and
 * fork use it */
static void gs_survives_task_switches(void)
{
    raw(SYS_arch_prctl, ARCH_SET_GS, (long)tls_block);
    for (int i = 0; i < 20; i++)
        raw(SYS_sched_yield, 0, 0);
    _exit(read_seg(1, 2) == 0x3333 && get_base(ARCH_GET_GS) == (uint64_t)tls_block ? 0 : 1);
}

static void other_gs_in_child(void)
{
    static uint64_t mine[2] = { 0x5555, 0x6666 };
    raw(SYS_arch_prctl, ARCH_SET_GS, (long)mine);
    for (int i = 0; i < 10; i++)
        raw(SYS_sched_yield, 0, 0);
    _exit(read_seg(1, 1) == 0x6666 ? 0 : 1);
}

int main(void)
{
    struct iov v[3] = { { "one ", 4 }, { "", 0 }, { "two\n", 4 } };
    char a[4], b[4];
    uint64_t seen;

    EXPECT_EQ("fs_reads_through_a_new_base", 0x2222, with_fs(tls_block, 1, &seen));
    EXPECT_EQ("arch_get_fs_reads_it_back", (long)tls_block, (long)seen);
    EXPECT_EQ("arch_set_gs_works", 0, raw(SYS_arch_prctl, ARCH_SET_GS, (long)tls_block));
    EXPECT_EQ("gs_reads_through_it", 0x4444, read_seg(1, 3));
    EXPECT_EQ("arch_get_gs_reads_it_back", (long)tls_block, (long)get_base(ARCH_GET_GS));
    EXPECT_EXIT("gs_base_survives_task_switches", 0, gs_survives_task_switches());
    EXPECT_EXIT("fork_inherits_the_gs_base", 0, _exit(read_seg(1, 0) == 0x1111 ? 0 : 1));
    EXPECT_EXIT("another_process_has_its_own", 0, other_gs_in_child());
    EXPECT_EQ("ours_is_untouched_by_it", 0x2222, read_seg(1, 1));
    raw(SYS_arch_prctl, ARCH_SET_GS, 0);
    EXPECT_ERRNO("arch_set_fs_kernel_address_is_eperm",
                 syscall(SYS_arch_prctl, ARCH_SET_FS, 0xffffffff80000000ul), EPERM);
    EXPECT_ERRNO("arch_set_fs_non_canonical_is_eperm",
                 syscall(SYS_arch_prctl, ARCH_SET_FS, 0x0000800000000000ul), EPERM);
    EXPECT_ERRNO("arch_get_fs_bad_pointer_is_efault", syscall(SYS_arch_prctl, ARCH_GET_FS, 8),
                 EFAULT);
    EXPECT_ERRNO("arch_prctl_unknown_code_is_einval", syscall(SYS_arch_prctl, 0x1234, 0), EINVAL);

    EXPECT_EQ("set_tid_address_returns_the_tid", getpid(), syscall(SYS_set_tid_address, NULL));
    EXPECT_TRUE("auxv_execfn_is_the_path_execve_got",
                getauxval(AT_EXECFN) && strcmp((char *)getauxval(AT_EXECFN), "tls_and_iovec") == 0);
    EXPECT_EQ("auxv_pagesz", 4096, getauxval(AT_PAGESZ));
    EXPECT_EQ("auxv_clktck", 100, getauxval(AT_CLKTCK));
    EXPECT_EQ("auxv_secure_is_0", 0, getauxval(AT_SECURE));
    EXPECT_TRUE("auxv_hwcap_says_the_cpu_has_sse2", getauxval(AT_HWCAP) & (1ul << 26));
    EXPECT_EQ("getuid_is_root", 0, syscall(SYS_getuid));
    EXPECT_EQ("getegid_is_root", 0, syscall(SYS_getegid));

    fflush(stdout);
    EXPECT_EQ("writev_writes_every_buffer", 8, syscall(SYS_writev, 1, v, 3));
    EXPECT_EQ("writev_of_nothing_is_0", 0, syscall(SYS_writev, 1, v, 0));
    EXPECT_ERRNO("writev_too_many_buffers_is_einval", syscall(SYS_writev, 1, v, 1025), EINVAL);
    EXPECT_ERRNO("writev_bad_array_is_efault", syscall(SYS_writev, 1, (void *)8, 2), EFAULT);
    EXPECT_ERRNO("writev_bad_fd_is_ebadf", syscall(SYS_writev, 77, v, 3), EBADF);
    v[2].len = (size_t)-1 / 2 + 2;
    EXPECT_ERRNO("writev_length_past_ssize_max_is_einval", syscall(SYS_writev, 1, v, 3), EINVAL);
    v[2].len = 4;
    v[0].base = (void *)16;
    v[0].len = 4;
    EXPECT_ERRNO("writev_bad_buffer_is_efault", syscall(SYS_writev, 1, v, 1), EFAULT);
    struct iov r[2] = { { a, sizeof(a) }, { b, sizeof(b) } };
    EXPECT_ERRNO("readv_bad_fd_is_ebadf", syscall(SYS_readv, 77, r, 2), EBADF);
    return utest_finish();
}
