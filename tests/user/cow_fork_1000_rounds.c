// phases: 2 3
// timeout: 300
/*
 * cow_fork_1000_rounds: 1,000 rounds of fork, a write in the child (a
 * copy), a write in the parent (a copy while the child lives, or a reuse
 * after it exited), exit and wait leak nothing: free frames, user frames
 * and page-table pages are exactly what they were, and every reference
 * count is right (usmm_check_mm audits all frames).  Then 100 rounds of
 * fork and execve (the child drops its copy-on-write address space for a
 * new program) leak nothing either.
 */
#include "utest.h"
#include <usmm.h>

#define PAGES 8

static struct usmm_meminfo info(void)
{
    struct usmm_meminfo m;
    usmm_meminfo(&m);
    return m;
}

static int round_trip(volatile char *p, int i)
{
    int st = -1;
    pid_t pid = fork();
    if (pid == 0) {
        p[(i % PAGES) * 4096] = (char)(i + 1);      /* a copy */
        _exit(p[(i % PAGES) * 4096] == (char)(i + 1) ? 0 : 1);
    }
    if (i & 1)
        p[((i + 1) % PAGES) * 4096] = (char)i;      /* copy with the child alive */
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return -1;
    p[((i + 2) % PAGES) * 4096] = (char)i;          /* now a reuse, or ours already */
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* fork_exec: a child that execs exec_target ("count" mode exits 3) */
static int fork_exec(void)
{
    int st = -1;
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = { "exec_target", "count", "x", NULL };
        execve("exec_target", argv, NULL);
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &st, 0) != pid)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int main(void)
{
    volatile char *p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct usmm_meminfo before, after;
    int wrong = 0;

    memset((void *)p, 1, PAGES * 4096);
    for (int i = 0; i < 10; i++)    /* warm the kernel's object caches */
        round_trip(p, i);
    before = info();
    for (int i = 0; i < 1000; i++)
        wrong += round_trip(p, i) != 0;
    after = info();
    EXPECT_EQ("all_1000_children_see_their_own_write", 0, wrong);
    EXPECT_EQ("free_pages_after_1000_rounds_equal_before", before.free_pages, after.free_pages);
    EXPECT_EQ("user_pages_after_1000_rounds_equal_before", before.user_pages, after.user_pages);
    EXPECT_EQ("pagetable_pages_after_1000_rounds_equal_before", before.pagetable_pages,
              after.pagetable_pages);
    EXPECT_TRUE("rounds_copied_pages", after.cow_copies - before.cow_copies >= 1000);
    EXPECT_TRUE("rounds_reused_pages", after.cow_reuses - before.cow_reuses >= 500);
    EXPECT_EQ("check_mm_audit_passes_after_the_rounds", 0, usmm_check_mm(0));
    printf("cow_fork_1000_rounds: %llu copies, %llu reuses, %llu free pages before and after\n",
           (unsigned long long)(after.cow_copies - before.cow_copies),
           (unsigned long long)(after.cow_reuses - before.cow_reuses),
           (unsigned long long)after.free_pages);

    fork_exec();                    /* warm up */
    before = info();
    wrong = 0;
    for (int i = 0; i < 100; i++)
        wrong += fork_exec() != 3;
    after = info();
    EXPECT_EQ("all_100_fork_exec_children_run_the_program", 0, wrong);
    EXPECT_EQ("free_pages_after_100_fork_exec_equal_before", before.free_pages,
              after.free_pages);
    EXPECT_EQ("user_pages_after_100_fork_exec_equal_before", before.user_pages,
              after.user_pages);
    EXPECT_EQ("check_mm_audit_passes_after_fork_exec", 0, usmm_check_mm(0));
    return utest_finish();
}
