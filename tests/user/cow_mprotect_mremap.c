// phases: 2 3
// lab: 7
// cmdline: check_mm=2
/*
 * cow_mprotect_mremap: copy-on-write survives everything that can happen
 * to a page between fork and the write, with exact reference counts
 * (usmm_check_mm audits every frame) and every frame back at the end:
 *   - mprotect read-only and back to read-write after fork: the page is
 *     still shared, and the write still copies (Linux keeps it
 *     write-protected until the fault);
 *   - PROT_NONE after fork and back;
 *   - mremap (moved) of shared pages: still shared, still copied on write;
 *   - MADV_DONTNEED of shared pages in the child: it reads zeros, the
 *     parent keeps its data;
 *   - a child that exits first leaves the parent's pages to the parent,
 *     and its writes then reuse them.
 */
#include "utest.h"
#include <usmm.h>
#include "prefault.h"

#define PAGES 16
#define LEN (PAGES * 4096)


static uint64_t user_pages(void)
{
    struct usmm_meminfo m;
    usmm_meminfo(&m);
    return m.user_pages;
}

static uint64_t shared_pages(void)
{
    struct usmm_mmstat s;
    usmm_mmstat(0, &s);
    return s.shared_pages;
}

static char *filled(char c)
{
    char *p = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(p, c, LEN);
    return p;
}

/* child_result: bit per failed step, reported by the child's exit status */
static int child(char *a, char *b, char *c, char *d)
{
    int bad = 0;
    uint64_t shared = shared_pages();

    /* a: read-only then read-write again, then write */
    mprotect(a, LEN, PROT_READ);
    mprotect(a, LEN, PROT_READ | PROT_WRITE);
    if (shared_pages() != shared)
        bad |= 1;               /* mprotect must not unshare */
    a[0] = 'A';
    /* b: PROT_NONE and back, then write */
    mprotect(b, LEN, PROT_NONE);
    mprotect(b, LEN, PROT_READ | PROT_WRITE);
    b[4096] = 'B';
    /* c: moved by mremap, then written */
    char *moved = mremap(c, LEN, 2 * LEN, MREMAP_MAYMOVE);
    if (moved == MAP_FAILED || moved[LEN - 1] != 'c')
        bad |= 2;
    else
        moved[0] = 'C';
    /* d: dropped by MADV_DONTNEED: zeros here, the parent keeps its data */
    madvise(d, LEN, MADV_DONTNEED);
    if (d[5] != 0)
        bad |= 4;
    d[5] = 'D';
    if (usmm_check_mm(0) != 0)
        bad |= 8;
    return bad;
}

int main(void)
{
    prefault_program();     /* its own text: in before anything is counted */
    char *a = filled('a'), *b = filled('b'), *c = filled('c'), *d = filled('d');
    char *target = mmap(NULL, LEN, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint64_t before, users;
    int st = -1;

    fflush(stdout);
    if (fork() == 0)            /* warm the kernel's object caches */
        _exit(0);
    wait(NULL);
    before = available_pages();
    users = user_pages();

    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
        _exit(child(a, b, c, d));
    waitpid(pid, &st, 0);
    EXPECT_TRUE("child_exits_normally", WIFEXITED(st));
    EXPECT_EQ("child_mprotect_ro_rw_keeps_pages_shared", 0, WEXITSTATUS(st) & 1);
    EXPECT_EQ("child_mremap_moves_shared_pages_intact", 0, WEXITSTATUS(st) & 2);
    EXPECT_EQ("child_dontneed_reads_zeros", 0, WEXITSTATUS(st) & 4);
    EXPECT_EQ("child_check_mm_passes", 0, WEXITSTATUS(st) & 8);
    EXPECT_EQ("mprotect_rw_write_in_child_not_seen", 'a', a[0]);
    EXPECT_EQ("protnone_write_in_child_not_seen", 'b', b[4096]);
    EXPECT_EQ("mremap_write_in_child_not_seen", 'c', c[0]);
    EXPECT_EQ("dontneed_in_child_leaves_parent_data", 'd', d[5]);
    EXPECT_EQ("child_exit_gives_every_frame_back", before, available_pages());

    /* now the parent does the same after a fork, with the child alive */
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        pause();
        _exit(a[0] == 'a' && b[0] == 'b' ? 0 : 1);
    }
    mprotect(a, LEN, PROT_READ);
    mprotect(a, LEN, PROT_READ | PROT_WRITE);
    a[0] = 'P';
    mprotect(b, LEN, PROT_NONE);
    mprotect(b, LEN, PROT_READ | PROT_WRITE);
    b[0] = 'Q';
    char *moved = mremap(c, LEN, LEN, MREMAP_MAYMOVE | MREMAP_FIXED, target);
    EXPECT_TRUE("parent_mremap_fixed_of_shared_pages", moved != MAP_FAILED);
    EXPECT_EQ("parent_check_mm_passes_with_child_alive", 0, usmm_check_mm(0));
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    EXPECT_EQ("parent_sees_its_writes", 'P' + 'Q', a[0] + b[0]);
    EXPECT_EQ("parent_check_mm_passes_after_child_killed", 0, usmm_check_mm(0));
    munmap(a, LEN);
    munmap(b, LEN);
    munmap(moved, LEN);
    munmap(d, LEN);
    EXPECT_EQ("every_frame_comes_back", users - 4 * PAGES, user_pages());
    return utest_finish();
}
