// phases: 2 3
// args: write
// boot2-args: read
// disk-check: e2fsck
// disk-cat: /msync/data.txt second boot: ok\n
/*
 * msync_persist: stores through a MAP_SHARED mapping of a file on the ext2
 * disk reach the disk with msync(MS_SYNC).  The grader boots twice on the
 * same image: the first run (`write`) creates the file with write(), maps
 * it and stores "written by mmap\n" through the mapping, msyncs; the
 * second (`read`) finds those bytes with read(), checks mincore and
 * MADV_DONTNEED on file pages, stores "second boot: ok\n" and msyncs
 * again; the host then reads that line from the image (disk-cat).
 * (Needs the page cache: file mappings.)
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "utest.h"

#define P 4096
static const char first[] = "written by mmap\n";
static const char second[] = "second boot: ok\n";

static void write_phase(void)
{
    int fd;
    char *m;

    EXPECT_EQ("first_boot_mkdir", 0, mkdir("/msync", 0755));
    fd = open("/msync/data.txt", O_CREAT | O_RDWR | O_EXCL, 0644);
    EXPECT_EQ("first_boot_write", 16, write(fd, "................\n", 16));
    m = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    EXPECT_TRUE("first_boot_mmap_shared", m != MAP_FAILED);
    if (m == MAP_FAILED)
        return;
    memcpy(m, first, 16);
    EXPECT_EQ("first_boot_msync_sync", 0, msync(m, P, MS_SYNC));
    EXPECT_EQ("first_boot_msync_invalidate", 0, msync(m, P, MS_INVALIDATE));
    EXPECT_EQ("first_boot_mlock_file_page", 0, mlock(m, P));
    EXPECT_ERRNO("first_boot_invalidate_locked_ebusy", msync(m, P, MS_INVALIDATE), EBUSY);
    EXPECT_ERRNO("first_boot_remove_on_ext2_eopnotsupp",
                 (munlock(m, P), madvise(m, P, MADV_REMOVE)), EOPNOTSUPP);
    close(fd);
}

static void read_phase(void)
{
    char buf[32] = { 0 };
    unsigned char v[2];
    int fd = open("/msync/data.txt", O_RDWR);
    char *m, *p;

    EXPECT_TRUE("second_boot_finds_the_file", fd >= 0);
    EXPECT_EQ("second_boot_reads_it", 16, read(fd, buf, sizeof(buf)));
    EXPECT_EQ("second_boot_sees_the_mapped_store", 0, strcmp(buf, first));
    m = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    p = mmap(NULL, P, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    EXPECT_TRUE("second_boot_mmaps", m != MAP_FAILED && p != MAP_FAILED);
    if (m == MAP_FAILED || p == MAP_FAILED)
        return;
    EXPECT_EQ("mincore_file_page_cached_by_read", 0, mincore(p, P, v));
    EXPECT_EQ("file_page_resident_before_any_touch", 1, v[0] & 1);
    p[0] = 'X';                                 /* a private copy */
    EXPECT_EQ("private_copy_differs", 'X', p[0]);
    EXPECT_EQ("dontneed_private_file", 0, madvise(p, P, MADV_DONTNEED));
    EXPECT_EQ("dontneed_file_rereads_the_file", 'w', p[0]);
    EXPECT_EQ("willneed_file", 0, madvise(m, P, MADV_WILLNEED));
    memcpy(m, second, 16);
    EXPECT_EQ("second_boot_msync", 0, msync(m, P, MS_SYNC));
    EXPECT_EQ("pread_sees_the_store", 16, pread(fd, buf, 16, 0));
    EXPECT_EQ("pread_contents", 0, memcmp(buf, second, 16));
    close(fd);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "read") == 0)
        read_phase();
    else
        write_phase();
    return utest_finish();
}
