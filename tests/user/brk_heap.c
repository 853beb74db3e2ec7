// phases: 1 3
/*
 * brk_heap: the heap grows and shrinks with brk/sbrk; memory given back is
 * gone (SIGSEGV), and the heap never grows into another mapping.
 */
#include "utest.h"
#include <usmm.h>

int main(void)
{
    char *start;
    struct usmm_mmstat st;

    printf("brk_heap: start\n");  /* let stdio set up its buffers first */
    start = usmm_sbrk(0);
    usmm_mmstat(0, &st);
    EXPECT_TRUE("sbrk_0_is_the_heap_start_or_later", (uint64_t)start >= st.start_brk);
    EXPECT_TRUE("brk_grows_1MiB", usmm_sbrk(1 << 20) == start);
    EXPECT_TRUE("break_moved_up", usmm_sbrk(0) == start + (1 << 20));
    memset(start, 0x11, 1 << 20);
    EXPECT_EQ("grown_heap_is_usable", 0x11, start[(1 << 20) - 1]);
    EXPECT_TRUE("brk_shrinks", usmm_brk(start + 4096) == 0);
    EXPECT_EQ("kept_part_keeps_contents", 0x11, start[4095]);
    EXPECT_SIGNAL("touch_above_shrunk_break_is_sigsegv", SIGSEGV, start[8192] = 1);
    EXPECT_TRUE("brk_grows_again", usmm_brk(start + 3 * 4096) == 0);
    EXPECT_EQ("regrown_heap_is_zero", 0, start[2 * 4096]);
    EXPECT_TRUE("unaligned_break_is_kept_exactly", usmm_brk(start + 3 * 4096 + 10) == 0 &&
                                                        usmm_sbrk(0) == start + 3 * 4096 + 10);

    /* a mapping just above the heap: brk must not grow into it */
    char *top = (char *)(((uintptr_t)usmm_sbrk(0) + 4095) & ~4095ul);
    char *wall = mmap(top + 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    EXPECT_TRUE("wall_mapped_above_heap", wall == top + 4096);
    errno = 0;
    EXPECT_TRUE("sbrk_into_mapping_fails", usmm_sbrk(2 * 4096) == (void *)-1 && errno == ENOMEM);
    EXPECT_TRUE("break_unchanged_after_failure", usmm_sbrk(0) == start + 3 * 4096 + 10);
    EXPECT_TRUE("brk_back_to_start", usmm_brk(start) == 0);
    usmm_mmstat(0, &st);
    EXPECT_EQ("check_mm_after_brk", 0, usmm_check_mm(0));
    return utest_finish();
}
