// phases: 2 3
/*
 * file_madvise_mincore: madvise and mincore on file mappings of a RAM
 * file in /tmp, as on Linux (tmpfs there, ramfs here; the same lines):
 *   - mincore: pages write() put in the page cache are resident before
 *     any touch, a page past what was written is not;
 *   - MADV_DONTNEED on MAP_PRIVATE drops the private copy: the file's data
 *     again; on MAP_SHARED the data stays;
 *   - MADV_REMOVE on MAP_SHARED punches a hole: read() and the mapping see
 *     zeros, mincore says not resident; EACCES for a read-only shared
 *     mapping of an O_RDONLY file, EINVAL for a private one.
 * (Needs the page cache: file mappings.)
 */
#include <fcntl.h>
#include "utest.h"

#define P 4096

int main(void)
{
    char buf[P], *s, *p, *r;
    unsigned char v[4];
    int fd = open("/tmp/fmm.dat", O_CREAT | O_RDWR | O_TRUNC, 0644), ro;

    memset(buf, 'f', P);
    write(fd, buf, P);
    write(fd, buf, P);
    ftruncate(fd, 4 * P);
    s = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    p = mmap(NULL, 4 * P, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    EXPECT_TRUE("file_mmaps", s != MAP_FAILED && p != MAP_FAILED);
    if (s == MAP_FAILED || p == MAP_FAILED)
        return utest_finish();
    EXPECT_EQ("mincore_file_succeeds", 0, mincore(s, 4 * P, v));
    EXPECT_EQ("written_pages_cached", 2, (v[0] & 1) + (v[1] & 1));
    EXPECT_EQ("page_never_written_not_cached", 0, v[3] & 1);
    p[0] = 'X';
    EXPECT_EQ("private_dontneed_succeeds", 0, madvise(p, P, MADV_DONTNEED));
    EXPECT_EQ("private_dontneed_rereads_file", 'f', p[0]);
    s[P] = 'S';
    EXPECT_EQ("shared_dontneed_succeeds", 0, madvise(s, 2 * P, MADV_DONTNEED));
    EXPECT_EQ("shared_dontneed_keeps_data", 'S', s[P]);
    EXPECT_EQ("willneed_file_succeeds", 0, madvise(s, 4 * P, MADV_WILLNEED));
    EXPECT_ERRNO("remove_private_file_eacces", madvise(p, P, MADV_REMOVE), EACCES);
    EXPECT_EQ("remove_shared_file_succeeds", 0, madvise(s + P, P, MADV_REMOVE));
    EXPECT_EQ("removed_page_reads_zero", 0, s[P]);
    EXPECT_EQ("pread_after_remove", P, pread(fd, buf, P, P));
    EXPECT_EQ("pread_sees_zeros", 0, buf[0] | buf[P - 1]);
    EXPECT_EQ("page_before_hole_kept", 'f', s[0]);
    ro = open("/tmp/fmm.dat", O_RDONLY);
    r = mmap(NULL, P, PROT_READ, MAP_SHARED, ro, 0);
    EXPECT_ERRNO("remove_readonly_shared_eacces", madvise(r, P, MADV_REMOVE), EACCES);
    close(ro);
    close(fd);
    unlink("/tmp/fmm.dat");
    return utest_finish();
}
