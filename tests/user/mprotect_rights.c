// phases: 1 3
// cmdline: check_mm=2
/*
 * mprotect_rights: mprotect changes what a process may do with pages it
 * already touched -- no stale writable page-table entry survives a change
 * to read-only -- and restoring the rights restores access with the
 * contents intact.  Splits and merges keep the VMA count exact.
 */
#include "utest.h"
#include <usmm.h>

static uint64_t vma_count(void)
{
    struct usmm_mmstat st;
    usmm_mmstat(0, &st);
    return st.map_count;
}

static volatile int sink;

int main(void)
{
    char *p = mmap(NULL, 8 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint64_t count;

    memset(p, 'x', 8 * 4096);
    count = vma_count();
    EXPECT_EQ("mprotect_read_only_succeeds", 0, mprotect(p + 2 * 4096, 2 * 4096, PROT_READ));
    EXPECT_EQ("mprotect_middle_splits_into_three", count + 2, vma_count());
    EXPECT_SIGNAL("write_after_read_only_is_sigsegv", SIGSEGV, p[2 * 4096] = 1);
    EXPECT_SIGNAL("write_second_read_only_page_is_sigsegv", SIGSEGV, p[4 * 4096 - 1] = 1);
    EXPECT_EQ("read_after_read_only_works", 'x', p[2 * 4096]);
    p[0] = 'w';
    EXPECT_EQ("pages_outside_the_range_stay_writable", 'w', p[0]);

    EXPECT_EQ("mprotect_restore_succeeds", 0, mprotect(p + 2 * 4096, 2 * 4096, PROT_READ | PROT_WRITE));
    EXPECT_EQ("restore_merges_back_to_one", count, vma_count());
    p[2 * 4096] = 'y';
    EXPECT_EQ("write_after_restore_works", 'y', p[2 * 4096]);
    EXPECT_EQ("contents_survive_read_only", 'x', p[3 * 4096]);

    EXPECT_EQ("mprotect_none_succeeds", 0, mprotect(p, 8 * 4096, PROT_NONE));
    EXPECT_SIGNAL("read_prot_none_is_sigsegv", SIGSEGV, sink = p[5 * 4096]);
    EXPECT_SIGNAL("write_prot_none_is_sigsegv", SIGSEGV, p[5 * 4096] = 0);
    EXPECT_EQ("mprotect_back_from_none", 0, mprotect(p, 8 * 4096, PROT_READ | PROT_WRITE));
    EXPECT_EQ("contents_survive_prot_none", 'y', p[2 * 4096]);
    EXPECT_EQ("contents_survive_prot_none_last_page", 'x', p[8 * 4096 - 1]);

    /* execute: a `ret` instruction in a data page */
    unsigned char *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    code[0] = 0xc3;
    EXPECT_SIGNAL("execute_non_exec_page_is_sigsegv", SIGSEGV, ((void (*)(void))code)());
    EXPECT_EQ("mprotect_exec_succeeds", 0, mprotect(code, 4096, PROT_READ | PROT_EXEC));
    ((void (*)(void))code)();
    EXPECT_TRUE("execute_after_prot_exec_returns", 1);
    EXPECT_SIGNAL("write_to_exec_page_is_sigsegv", SIGSEGV, code[1] = 0);
    /* [0,4) read-only and [4,10) read-write; making [2,6) read-write must
     * leave exactly two VMAs: [0,2) read-only and [2,10) read-write */
    char *g = mmap(NULL, 12 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *r = g + 4096;
    mprotect(r, 10 * 4096, PROT_READ | PROT_WRITE);
    mprotect(r, 4 * 4096, PROT_READ);
    count = vma_count();
    EXPECT_EQ("mprotect_across_boundary_succeeds", 0, mprotect(r + 2 * 4096, 4 * 4096, PROT_READ | PROT_WRITE));
    EXPECT_EQ("mprotect_across_boundary_merges_both_ends", count, vma_count());
    EXPECT_EQ("check_mm_after_rights_changes", 0, usmm_check_mm(0));
    return utest_finish();
}
