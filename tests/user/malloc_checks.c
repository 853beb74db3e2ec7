// phases: 2 3
// expect-log: ^free\(\): double free 0x[0-9a-f]+$
// expect-log: ^free\(\): invalid pointer 0x[0-9a-f]+$
// expect-log: ^free\(\): heap overflow: the header after the block was overwritten 0x[0-9a-f]+$
// expect-log: ^malloc\(\): corrupted top of the heap 0x[0-9a-f]+$
// expect-log: ^malloc\(\): corrupted free list 0x[0-9a-f]+$
// expect-log: ^malloc\(\): heap overflow: a free chunk's header was overwritten 0x[0-9a-f]+$
/*
 * malloc_checks: the course's malloc stops a damaged heap with a message
 * naming the problem and abort() (SIGABRT): a double free, a free of a
 * pointer it never returned, an overflow into the next chunk's header, an
 * overflow into the top of the heap, a corrupted free list, an overflow
 * into a free chunk.  In guard-page mode (USMM_MALLOC_GUARD=1) a one-byte
 * overflow and a use after free fault at once (SIGSEGV), and the guard
 * pages show as inaccessible mappings.
 */
#include "utest.h"
#include <usmm.h>

static char *volatile launder;   /* hides pointer arithmetic from the compiler's checks */

static void double_free(void)
{
    launder = malloc(32);
    free(launder);
    free(launder);
}

static void invalid_pointer(void)
{
    launder = (char *)malloc(64) + 16;
    free(launder);
}

static char *volatile keep[4];

static void overflow_next_header(void)
{
    keep[0] = malloc(40);
    keep[1] = malloc(40);
    memset(keep[0], 'x', 64);           /* 16 bytes into the next chunk's header */
    free(keep[0]);
}

static void overflow_top(void)
{
    keep[0] = malloc(4000);             /* a fresh heap: above it, the top */
    memset(keep[0], 'x', 4032);
    keep[1] = malloc(16);
}

static void corrupt_free_list(void)
{
    static void *fake[4];
    keep[0] = malloc(48);
    keep[1] = malloc(48);
    keep[2] = malloc(48);
    free(keep[1]);
    ((void **)keep[1])[1] = fake;       /* a use after free breaks a link */
    keep[3] = malloc(48);
}

static void overflow_free_chunk(void)
{
    keep[0] = malloc(48);
    keep[1] = malloc(48);
    keep[2] = malloc(48);
    free(keep[1]);
    memset(keep[0], 'x', 64);           /* into the free chunk above */
    keep[3] = malloc(48);
}

static int run_guard_probe(const char *what)
{
    char *argv[] = { "malloc_guard_probe", (char *)what, NULL };
    char *envp[] = { "USMM_MALLOC_GUARD=1", NULL };
    int status = -1;
    pid_t pid = fork();
    if (pid == 0) {
        execve("malloc_guard_probe", argv, envp);
        _exit(127);
    }
    waitpid(pid, &status, 0);
    return status;
}

int main(void)
{
    int st;

    EXPECT_SIGNAL("double_free_aborts", SIGABRT, double_free());
    EXPECT_SIGNAL("free_of_a_pointer_never_returned_aborts", SIGABRT, invalid_pointer());
    EXPECT_SIGNAL("overflow_into_next_header_aborts", SIGABRT, overflow_next_header());
    EXPECT_SIGNAL("overflow_into_the_top_aborts", SIGABRT, overflow_top());
    EXPECT_SIGNAL("corrupted_free_list_aborts", SIGABRT, corrupt_free_list());
    EXPECT_SIGNAL("overflow_into_a_free_chunk_aborts", SIGABRT, overflow_free_chunk());
    EXPECT_EQ("intact_heap_passes_malloc_check", 0, malloc_check());

    st = run_guard_probe("overflow13");
    EXPECT_TRUE("guard_one_byte_overflow_of_13_is_sigsegv", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    st = run_guard_probe("overflow32");
    EXPECT_TRUE("guard_one_byte_overflow_of_32_is_sigsegv", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    st = run_guard_probe("uaf");
    EXPECT_TRUE("guard_use_after_free_is_sigsegv", WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV);
    st = run_guard_probe("ok");
    EXPECT_TRUE("guard_mode_runs_correct_code", WIFEXITED(st) && WEXITSTATUS(st) != 100);
    /* the 100-byte block's guard page, the freed 32- and 13-byte blocks
     * (a page of data and a guard page each) */
    EXPECT_EQ("guard_pages_are_prot_none_mappings", 1 + 2 + 2, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return utest_finish();
}
