// phases: 1
// lab: 5
/*
 * lab5_demand_zero: the demand-zero page fault (labs/lab5_anonymous_fault.c).
 * Nothing is resident until touched; the first touch of each page -- read
 * or write -- maps exactly one zero-filled frame with the VMA's rights.
 */
#include "utest.h"
#include <usmm.h>

static struct usmm_mmstat stat_now(void)
{
    struct usmm_mmstat st;
    usmm_mmstat(0, &st);
    return st;
}

static volatile char sink;

int main(void)
{
    char *p = mmap(NULL, 16 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct usmm_mmstat before = stat_now();

    p[0] = 'a';
    EXPECT_EQ("first_write_maps_one_page", before.rss + 1, stat_now().rss);
    EXPECT_EQ("first_write_counts_one_fault", before.min_flt + 1, stat_now().min_flt);
    EXPECT_EQ("written_value_reads_back", 'a', p[0]);
    EXPECT_EQ("rest_of_page_is_zero", 0, p[1] | p[4095]);
    p[1] = 'b';
    EXPECT_EQ("second_write_same_page_no_new_fault", before.min_flt + 1, stat_now().min_flt);
    sink = p[5 * 4096];
    EXPECT_EQ("read_fault_maps_a_page_too", before.rss + 2, stat_now().rss);
    EXPECT_EQ("read_fault_sees_zero", 0, sink);
    for (int i = 0; i < 16; i++)
        p[i * 4096 + 100] = (char)i;
    EXPECT_EQ("all_16_pages_resident", before.rss + 16, stat_now().rss);
    EXPECT_EQ("one_fault_per_page", before.min_flt + 16, stat_now().min_flt);

    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    EXPECT_EQ("read_only_mapping_reads_zero", 0, ro[123]);
    EXPECT_SIGNAL("read_only_mapping_write_is_sigsegv", SIGSEGV, ro[0] = 1);

    pid_t pid = fork();
    if (pid == 0) {
        p[0] = 'c';
        _exit(p[0] == 'c' ? 0 : 1);
    }
    int status;
    waitpid(pid, &status, 0);
    EXPECT_EQ("child_wrote_its_own_copy", 0, WEXITSTATUS(status));
    EXPECT_EQ("parent_page_unchanged_by_child", 'a', p[0]);
    EXPECT_EQ("check_mm_after_faults", 0, usmm_check_mm(0));
    return utest_finish();
}
