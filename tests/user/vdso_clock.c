// phases: 2 3
// cmdline: check_mm=2
/*
 * vdso_clock: every program gets [vvar] (r--) and [vdso] (r-x) and finds
 * the vDSO through AT_SYSINFO_EHDR; musl's clock_gettime, gettimeofday
 * and time go through it and make no system call (the kernel's per-process
 * count, usmm_mmstat's `syscalls`, says so); its times agree with the
 * clock_gettime system call and never go backwards against it; libusmm's
 * vDSO getpid gives getpid()'s value, and the child's own after fork.
 * The two mappings cannot be written (SIGSEGV), made writable (EACCES,
 * see docs/linux-differences.md) or grown (mremap: EFAULT).
 */
#include "utest.h"
#include <elf.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <usmm.h>

static uint64_t syscalls(void)
{
    struct usmm_mmstat s;
    usmm_mmstat(0, &s);
    return s.syscalls;
}

static int64_t ns(struct timespec ts)
{
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* find: the VMA named `name` (start in *vma), or 0. */
static int find(const char *name, struct usmm_vma_info *out)
{
    static struct usmm_vma_info v[256];
    long n = usmm_vmas(0, 0, v, 256);
    for (long i = 0; i < n && i < 256; i++)
        if (strcmp(v[i].name, name) == 0) {
            *out = v[i];
            return 1;
        }
    return 0;
}

static void check_agreement(clockid_t clk, const char *name)
{
    int ok = 1;
    for (int i = 0; i < 2000 && ok; i++) {
        struct timespec a, b, c;
        clock_gettime(clk, &a);
        syscall(SYS_clock_gettime, clk, &b);
        clock_gettime(clk, &c);
        ok = ns(a) <= ns(b) && ns(b) <= ns(c) && b.tv_nsec >= 0 && b.tv_nsec < 1000000000;
    }
    EXPECT_TRUE(name, ok);
}

int main(void)
{
    const Elf64_Ehdr *eh = (const void *)getauxval(AT_SYSINFO_EHDR);
    struct usmm_vma_info vdso, vvar;
    struct timespec ts, sys;
    struct timeval tv;
    uint64_t before, after;
    time_t t0, t1;
    int st;

    /* the mappings */
    EXPECT_TRUE("at_sysinfo_ehdr_is_set", eh != NULL);
    EXPECT_TRUE("vdso_is_an_elf_shared_object",
                eh && memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 && eh->e_type == ET_DYN);
    EXPECT_TRUE("pmap_shows_vdso", find("[vdso]", &vdso));
    EXPECT_TRUE("pmap_shows_vvar", find("[vvar]", &vvar));
    EXPECT_EQ("vdso_starts_at_at_sysinfo_ehdr", (long long)vdso.start, (long long)(uintptr_t)eh);
    EXPECT_EQ("vdso_is_r_x", USMM_VM_READ | USMM_VM_EXEC,
              vdso.flags & (USMM_VM_READ | USMM_VM_WRITE | USMM_VM_EXEC));
    EXPECT_EQ("vvar_is_read_only", USMM_VM_READ,
              vvar.flags & (USMM_VM_READ | USMM_VM_WRITE | USMM_VM_EXEC));
    EXPECT_EQ("vvar_is_just_below_vdso", (long long)vdso.start, (long long)vvar.end);
    EXPECT_EQ("vvar_is_two_pages", 2 * 4096, (long long)(vvar.end - vvar.start));
    EXPECT_TRUE("both_are_special", (vdso.flags & USMM_VM_DONTEXPAND) &&
                                        (vvar.flags & USMM_VM_DONTEXPAND) &&
                                        (vvar.flags & USMM_VM_PFNMAP));
    EXPECT_TRUE("vdso_exports_clock_gettime", usmm_vdso_sym("LINUX_2.6", "__vdso_clock_gettime"));
    EXPECT_TRUE("vdso_exports_gettimeofday", usmm_vdso_sym("LINUX_2.6", "__vdso_gettimeofday"));
    EXPECT_TRUE("vdso_exports_time", usmm_vdso_sym("LINUX_2.6", "__vdso_time"));
    EXPECT_TRUE("vdso_wrong_version_not_found", !usmm_vdso_sym("LINUX_9", "__vdso_time"));

    /* the syscall counter counts: usmm_mmstat twice is 1 apart, with ten
     * getppid calls between them 11 */
    before = syscalls();
    after = syscalls();
    EXPECT_EQ("syscall_counter_counts_itself", 1, (long long)(after - before));
    before = syscalls();
    for (int i = 0; i < 10; i++)
        syscall(SYS_getppid);
    after = syscalls();
    EXPECT_EQ("syscall_counter_counts_each_call", 11, (long long)(after - before));

    /* no system call through the vDSO */
    clock_gettime(CLOCK_MONOTONIC, &ts);        /* musl looks the symbol up once */
    before = syscalls();
    for (int i = 0; i < 1000; i++) {
        clock_gettime(CLOCK_MONOTONIC, &ts);
        clock_gettime(CLOCK_REALTIME, &ts);
        gettimeofday(&tv, NULL);
        t0 = time(NULL);
        (void)usmm_vdso_getpid();
    }
    after = syscalls();
    EXPECT_EQ("clock_calls_make_no_syscall", 1, (long long)(after - before));

    /* the same clock as the system call, monotonic both ways */
    check_agreement(CLOCK_MONOTONIC, "monotonic_agrees_with_syscall");
    check_agreement(CLOCK_REALTIME, "realtime_agrees_with_syscall");
    check_agreement(CLOCK_BOOTTIME, "boottime_agrees_with_syscall");
    t0 = time(NULL);
    syscall(SYS_clock_gettime, CLOCK_REALTIME, &sys);
    gettimeofday(&tv, NULL);
    t1 = time(NULL);
    EXPECT_TRUE("time_agrees_with_syscall", t0 <= sys.tv_sec && sys.tv_sec <= t1);
    EXPECT_TRUE("gettimeofday_agrees_with_syscall",
                tv.tv_sec * 1000000LL + tv.tv_usec >= sys.tv_sec * 1000000LL + sys.tv_nsec / 1000 &&
                tv.tv_sec <= t1);
    /* the clock moves: wait for two ticks' worth */
    clock_gettime(CLOCK_MONOTONIC, &ts);
    {
        struct timespec later, nap = { 0, 30 * 1000000 };
        nanosleep(&nap, NULL);
        clock_gettime(CLOCK_MONOTONIC, &later);
        EXPECT_TRUE("vdso_clock_advances", ns(later) - ns(ts) >= 20 * 1000000);
    }
    /* a clock the vDSO does not serve goes to the system call */
    EXPECT_EQ("cputime_clock_works", 0, clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts));
    EXPECT_ERRNO("bad_clock_is_einval", clock_gettime(99, &ts), EINVAL);

    /* getpid from [vvar] */
    EXPECT_EQ("vdso_getpid_is_getpid", getpid(), usmm_vdso_getpid());
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(usmm_vdso_getpid() == getpid() && usmm_vdso_getpid() != getppid() ? 0 : 1);
    waitpid(pid, &st, 0);
    EXPECT_EQ("child_vdso_getpid_is_its_own", 0, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    EXPECT_EQ("parent_vdso_getpid_unchanged", getpid(), usmm_vdso_getpid());

    /* rights */
    EXPECT_SIGNAL("write_to_vdso_segv", SIGSEGV, *(volatile char *)vdso.start = 1);
    EXPECT_SIGNAL("write_to_vvar_segv", SIGSEGV, *(volatile char *)vvar.start = 1);
    EXPECT_SIGNAL("exec_in_vvar_segv", SIGSEGV, ((void (*)(void))vvar.start)());
    EXPECT_ERRNO("mprotect_vvar_writable_eacces",
                 mprotect((void *)vvar.start, 4096, PROT_READ | PROT_WRITE), EACCES);
    EXPECT_ERRNO("madvise_dontneed_vvar_einval",    /* VM_PFNMAP, as Linux */
                 madvise((void *)vvar.start, 4096, MADV_DONTNEED), EINVAL);
    EXPECT_ERRNO("mprotect_vvar_exec_eacces",
                 mprotect((void *)vvar.start, 4096, PROT_READ | PROT_EXEC), EACCES);
    EXPECT_ERRNO("mprotect_vdso_writable_eacces_usmm",
                 mprotect((void *)vdso.start, 4096, PROT_READ | PROT_WRITE | PROT_EXEC), EACCES);
    EXPECT_ERRNO("mremap_grow_vdso_efault",
                 mremap((void *)vdso.start, vdso.end - vdso.start,
                        vdso.end - vdso.start + 4096, MREMAP_MAYMOVE), EFAULT);
    EXPECT_ERRNO("mremap_grow_vvar_efault",
                 mremap((void *)vvar.start, 4096, 3 * 4096, MREMAP_MAYMOVE), EFAULT);
    /* in a child: taking them away (musl then crashes on its next clock call) */
    EXPECT_EXIT("munmap_vdso_and_vvar_in_child", 0, {
        int ok = munmap((void *)vvar.start, vdso.end - vvar.start) == 0;
        struct usmm_vma_info v;
        _exit(ok && !find("[vdso]", &v) && !find("[vvar]", &v) && usmm_check_mm(0) == 0 ? 0 : 1);
    });
    EXPECT_EXIT("mprotect_vvar_none_then_read_again", 0, {
        int ok = mprotect((void *)vvar.start, 2 * 4096, PROT_NONE) == 0 &&
                 mprotect((void *)vvar.start, 2 * 4096, PROT_READ) == 0;
        _exit(ok && usmm_vdso_getpid() == getpid() && usmm_check_mm(0) == 0 ? 0 : 1);
    });
    EXPECT_SIGNAL("vvar_prot_none_read_segv", SIGSEGV, {
        mprotect((void *)vvar.start, 2 * 4096, PROT_NONE);
        clock_gettime(CLOCK_MONOTONIC, &ts);
    });
    /* kernel frames are not the process's memory */
    {
        struct usmm_mmstat s;
        find("[vdso]", &vdso);
        find("[vvar]", &vvar);
        usmm_mmstat(0, &s);
        EXPECT_EQ("vdso_not_in_rss", 0, (long long)vdso.rss_pages);
        EXPECT_EQ("vvar_not_in_rss", 0, (long long)vvar.rss_pages);
        EXPECT_EQ("shared_plus_private_is_rss", (long long)s.rss,
                  (long long)(s.shared_pages + s.private_pages));
    }
    EXPECT_EQ("check_mm", 0, usmm_check_mm(0));
    return utest_finish();
}
