// phases: 1 3
// cmdline: check_mm=2
/*
 * munmap_split: unmapping the middle of a mapping splits it in two; a
 * touch in the hole is SIGSEGV while both ends keep their contents.
 */
#include "utest.h"
#include <usmm.h>

static uint64_t vma_count(void)
{
    struct usmm_mmstat st;
    usmm_mmstat(0, &st);
    return st.map_count;
}

int main(void)
{
    uint64_t count = vma_count();
    char *p = mmap(NULL, 10 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 10; i++)
        p[i * 4096] = (char)('a' + i);
    uint64_t after_map = vma_count();

    EXPECT_EQ("munmap_middle_succeeds", 0, munmap(p + 4 * 4096, 2 * 4096));
    EXPECT_EQ("munmap_middle_splits_into_two_vmas", after_map + 1, vma_count());
    EXPECT_SIGNAL("touch_in_the_hole_is_sigsegv", SIGSEGV, p[4 * 4096] = 1);
    EXPECT_SIGNAL("touch_hole_last_byte_is_sigsegv", SIGSEGV, p[6 * 4096 - 1] = 1);
    EXPECT_EQ("low_end_keeps_contents", 'd', p[3 * 4096]);
    EXPECT_EQ("high_end_keeps_contents", 'g', p[6 * 4096]);
    p[0] = 'A';
    p[9 * 4096] = 'J';
    EXPECT_EQ("low_end_still_writable", 'A', p[0]);
    EXPECT_EQ("high_end_still_writable", 'J', p[9 * 4096]);
    EXPECT_EQ("munmap_front_succeeds", 0, munmap(p, 4096));
    EXPECT_SIGNAL("touch_unmapped_front_is_sigsegv", SIGSEGV, p[0] = 1);
    EXPECT_EQ("second_page_survives_front_unmap", 'b', p[4096]);
    EXPECT_EQ("munmap_across_hole_succeeds", 0, munmap(p, 10 * 4096));
    EXPECT_EQ("all_vmas_gone_again", count, vma_count());
    EXPECT_SIGNAL("touch_after_full_unmap_is_sigsegv", SIGSEGV, p[9 * 4096] = 1);
    EXPECT_EQ("check_mm_after_unmaps", 0, usmm_check_mm(0));
    return utest_finish();
}
