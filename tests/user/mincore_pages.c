// phases: 2 3
// lab: 11
/*
 * mincore_pages: mincore reports each kind of page as Linux does (the same
 * program gives the same lines on Linux):
 *   - private anonymous: untouched 0, written 1, read (the zero page) 1,
 *     PROT_NONE after a write 1, after MADV_DONTNEED 0 again;
 *   - shared anonymous: a page the child touched after fork is resident in
 *     the parent too (the object has it), one nobody touched is not;
 *   - after MADV_REMOVE the shared page is gone for both;
 *   - errors: EINVAL unaligned start, ENOMEM a hole (the bytes before it
 *     are written), ENOMEM past user space, EFAULT a bad vector; length 0
 *     is fine and a partial last page counts.
 */
#include "utest.h"

#define P 4096

int main(void)
{
    unsigned char v[8];
    char *a = mmap(NULL, 8 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *s = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    volatile char sink;
    int st;

    a[P] = 1;                   /* page 1 written */
    sink = a[2 * P];            /* page 2 read: the zero page */
    a[3 * P] = 1;
    mprotect(a + 3 * P, P, PROT_NONE);   /* page 3: written, then PROT_NONE */
    (void)sink;
    memset(v, 0xee, sizeof(v));
    EXPECT_EQ("mincore_anon_succeeds", 0, mincore(a, 5 * P, v));
    EXPECT_EQ("untouched_page_not_resident", 0, v[0]);
    EXPECT_EQ("written_page_resident", 1, v[1]);
    EXPECT_EQ("zero_page_read_resident", 1, v[2]);
    EXPECT_EQ("prot_none_page_resident", 1, v[3]);
    EXPECT_EQ("page_4_not_resident", 0, v[4]);
    EXPECT_EQ("bytes_past_the_range_untouched", 0xee, v[5]);
    madvise(a + P, P, MADV_DONTNEED);
    EXPECT_EQ("partial_page_length_counts", 0, mincore(a + P, 1, v));
    EXPECT_EQ("dontneed_page_not_resident", 0, v[0]);

    fflush(stdout);
    if (fork() == 0) {
        s[2 * P] = 7;
        _exit(0);
    }
    wait(&st);
    EXPECT_EQ("mincore_shared_succeeds", 0, mincore(s, 4 * P, v));
    EXPECT_EQ("shared_page_child_touched_resident", 1, v[2]);
    EXPECT_EQ("shared_page_untouched_not_resident", 0, v[1]);
    EXPECT_EQ("shared_page_value_from_child", 7, s[2 * P]);
    EXPECT_EQ("madvise_remove_shared_succeeds", 0, madvise(s, 4 * P, MADV_REMOVE));
    EXPECT_EQ("mincore_after_remove", 0, mincore(s, 4 * P, v));
    EXPECT_EQ("removed_page_not_resident", 0, v[2]);
    EXPECT_EQ("removed_page_reads_zero", 0, s[2 * P]);

    munmap(a + 6 * P, P);       /* a hole at page 6 */
    memset(v, 0xee, sizeof(v));
    EXPECT_ERRNO("mincore_unaligned_einval", mincore(a + 1, P, v), EINVAL);
    EXPECT_ERRNO("mincore_hole_enomem", mincore(a + 4 * P, 4 * P, v), ENOMEM);
    EXPECT_EQ("bytes_before_hole_written", 0, v[0] | v[1]);
    EXPECT_ERRNO("mincore_hole_at_start_enomem", mincore(a + 6 * P, P, v), ENOMEM);
    EXPECT_ERRNO("mincore_past_user_space_enomem", mincore(a, (size_t)-P, v), ENOMEM);
    EXPECT_ERRNO("mincore_bad_vector_efault", mincore(a, P, (unsigned char *)8), EFAULT);
    EXPECT_EQ("mincore_length_0", 0, mincore(a, 0, v));
    return utest_finish();
}
