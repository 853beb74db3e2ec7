// phases: 2 3
// lab: 12
/*
 * lab12_readahead: the readahead window (lab 12) at work on a file on the
 * ext2 disk that no one has read since it was written (its cache went with
 * its last reference):
 *   - touching its 64 pages in order through a mapping: one major fault
 *     (page 0), 63 minor ones: readahead read 4 + 8 + 16 + 32 + 3 pages;
 *   - reading it with read() in 4 KiB steps: the same 63 pages ahead;
 *   - touching pages 10, 30, 50 only: three major faults, nothing ahead;
 *   - MADV_RANDOM: 64 pages in order are 64 major faults, nothing ahead;
 *   - MADV_SEQUENTIAL: a first touch at page 10 reads 32 pages ahead.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include "utest.h"
#include <usmm.h>

#define PAGE 4096
#define PAGES 64

static void make(const char *path)
{
    static char buf[PAGES * PAGE];
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    for (int i = 0; i < PAGES * PAGE; i++)
        buf[i] = (char)i;
    EXPECT_EQ("write_64_pages", PAGES * PAGE, write(fd, buf, sizeof(buf)));
    close(fd);
}

static struct usmm_mmstat mm_now(void)
{
    struct usmm_mmstat s;
    usmm_mmstat(0, &s);
    return s;
}

static uint64_t readahead_now(void)
{
    struct usmm_meminfo m;
    usmm_meminfo(&m);
    return m.readahead_pages;
}

int main(void)
{
    static char page[PAGE];
    int fd, bad = 0;
    volatile char sink = 0;

    make("/lab12_seq.dat");
    make("/lab12_read.dat");
    make("/lab12_rand.dat");
    make("/lab12_advice.dat");
    make("/lab12_seqadv.dat");

    fd = open("/lab12_seq.dat", O_RDONLY);
    char *m = mmap(NULL, PAGES * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    struct usmm_mmstat a = mm_now();
    uint64_t ra = readahead_now();
    for (int i = 0; i < PAGES; i++)
        sink += m[i * PAGE];
    struct usmm_mmstat b = mm_now();
    EXPECT_EQ("sequential_faults_one_major", 1, b.maj_flt - a.maj_flt);
    EXPECT_EQ("sequential_faults_rest_minor", PAGES - 1, b.min_flt - a.min_flt);
    EXPECT_EQ("sequential_faults_read_ahead_63", PAGES - 1, readahead_now() - ra);
    munmap(m, PAGES * PAGE);
    close(fd);

    fd = open("/lab12_read.dat", O_RDONLY);
    ra = readahead_now();
    for (int i = 0; i < PAGES; i++) {
        EXPECT_TRUE("read_4k", read(fd, page, PAGE) == PAGE);
        bad += page[1] != 1;
    }
    EXPECT_EQ("read_contents", 0, bad);
    EXPECT_EQ("sequential_reads_read_ahead_63", PAGES - 1, readahead_now() - ra);
    close(fd);

    fd = open("/lab12_rand.dat", O_RDONLY);
    m = mmap(NULL, PAGES * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    a = mm_now();
    ra = readahead_now();
    sink += m[10 * PAGE] + m[30 * PAGE] + m[50 * PAGE];
    b = mm_now();
    EXPECT_EQ("random_faults_all_major", 3, b.maj_flt - a.maj_flt);
    EXPECT_EQ("random_faults_nothing_ahead", 0, readahead_now() - ra);
    munmap(m, PAGES * PAGE);
    close(fd);

    fd = open("/lab12_advice.dat", O_RDONLY);
    m = mmap(NULL, PAGES * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    EXPECT_EQ("madvise_random", 0, madvise(m, PAGES * PAGE, MADV_RANDOM));
    a = mm_now();
    ra = readahead_now();
    for (int i = 0; i < PAGES; i++)
        sink += m[i * PAGE];
    b = mm_now();
    EXPECT_EQ("madv_random_every_fault_major", PAGES, b.maj_flt - a.maj_flt);
    EXPECT_EQ("madv_random_nothing_ahead", 0, readahead_now() - ra);
    munmap(m, PAGES * PAGE);
    close(fd);

    fd = open("/lab12_seqadv.dat", O_RDONLY);
    m = mmap(NULL, PAGES * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    EXPECT_EQ("madvise_sequential", 0, madvise(m, PAGES * PAGE, MADV_SEQUENTIAL));
    ra = readahead_now();
    sink += m[10 * PAGE];
    EXPECT_EQ("madv_sequential_reads_32_ahead", 32, readahead_now() - ra);
    munmap(m, PAGES * PAGE);
    close(fd);

    unlink("/lab12_advice.dat");
    unlink("/lab12_seqadv.dat");
    unlink("/lab12_seq.dat");
    unlink("/lab12_read.dat");
    unlink("/lab12_rand.dat");
    (void)sink;
    return utest_finish();
}
