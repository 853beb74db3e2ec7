// phases: 2 3
// cmdline: check_mm=2
/*
 * madvise_fork_flags: what fork does with a mapping, chosen by madvise, as
 * on Linux (the same program gives the same lines on Linux):
 *   MADV_DONTFORK    the child does not get the mapping: touching it is SIGSEGV
 *   MADV_DOFORK      undoes it
 *   MADV_WIPEONFORK  the child gets the mapping empty: it reads zeros
 *   MADV_KEEPONFORK  undoes it
 * and the errors: EINVAL for WIPEONFORK on a shared mapping or an unaligned
 * start, ENOMEM for a range with a hole (the mapped part is still changed).
 */
#include "utest.h"

#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18
#define MADV_KEEPONFORK 19
#endif

static char *map(size_t pages, int flags)
{
    char *p = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE, flags | MAP_ANONYMOUS, -1, 0);
    memset(p, 'x', pages * 4096);
    return p;
}

/* in_child: the exit status of a child that sums p[0..n) pages' first
 * bytes mod 256 (SIGSEGV if it cannot touch them). */
static int child_sum(volatile char *p, int pages)
{
    int st;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        int sum = 0;
        for (int i = 0; i < pages; i++)
            sum += p[i * 4096];
        _exit(sum & 0xff);
    }
    waitpid(pid, &st, 0);
    return st;
}

int main(void)
{
    char *a = map(4, MAP_PRIVATE), *s = map(2, MAP_SHARED);
    int st;

    EXPECT_EQ("dontfork_succeeds", 0, madvise(a, 4 * 4096, MADV_DONTFORK));
    st = child_sum(a, 1);
    EXPECT_TRUE("dontfork_child_gets_sigsegv", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    EXPECT_EQ("dontfork_parent_keeps_its_data", 'x', a[3 * 4096]);
    EXPECT_EQ("dofork_succeeds", 0, madvise(a, 4 * 4096, MADV_DOFORK));
    st = child_sum(a, 4);
    EXPECT_TRUE("dofork_child_sees_the_data", WIFEXITED(st) && WEXITSTATUS(st) == ('x' * 4 & 0xff));

    EXPECT_EQ("wipeonfork_middle_page_succeeds", 0, madvise(a + 4096, 4096, MADV_WIPEONFORK));
    st = child_sum(a, 4);
    EXPECT_TRUE("wipeonfork_child_reads_zeros_there",
                WIFEXITED(st) && WEXITSTATUS(st) == ('x' * 3 & 0xff));
    EXPECT_EQ("wipeonfork_parent_keeps_its_data", 'x', a[4096]);
    st = child_sum(a + 4096, 1);
    EXPECT_TRUE("wipeonfork_page_alone_is_zero", WIFEXITED(st) && WEXITSTATUS(st) == 0);
    EXPECT_EQ("keeponfork_succeeds", 0, madvise(a, 4 * 4096, MADV_KEEPONFORK));
    st = child_sum(a, 4);
    EXPECT_TRUE("keeponfork_child_sees_the_data",
                WIFEXITED(st) && WEXITSTATUS(st) == ('x' * 4 & 0xff));

    EXPECT_ERRNO("wipeonfork_on_shared_is_einval", madvise(s, 4096, MADV_WIPEONFORK), EINVAL);
    EXPECT_EQ("dontfork_on_shared_succeeds", 0, madvise(s, 2 * 4096, MADV_DONTFORK));
    st = child_sum(s, 1);
    EXPECT_TRUE("dontfork_shared_child_gets_sigsegv",
                WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    EXPECT_ERRNO("unaligned_start_is_einval", madvise(a + 1, 4096, MADV_DONTFORK), EINVAL);

    /* a hole: [a, a + 4 pages) then an unmapped page then more */
    munmap(a + 2 * 4096, 4096);
    EXPECT_ERRNO("dontfork_over_a_hole_is_enomem", madvise(a, 4 * 4096, MADV_DONTFORK), ENOMEM);
    st = child_sum(a + 3 * 4096, 1);
    EXPECT_TRUE("dontfork_over_a_hole_still_applies_past_it",
                WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    EXPECT_ERRNO("wipeonfork_on_nothing_is_enomem",
                 madvise(a + 2 * 4096, 4096, MADV_WIPEONFORK), ENOMEM);
    EXPECT_EQ("zero_length_succeeds", 0, madvise(a, 0, MADV_WIPEONFORK));
    return utest_finish();
}
