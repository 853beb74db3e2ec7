// phases: 2 3
// lab: 9
// args: /big
// disk-check: e2fsck
// disk-cat: /big/tail.txt the end of a file past the double-indirect limit\n
/*
 * fs_big_files: files that need every level of ext2's block map (1 KiB
 * blocks: 12 direct, 256 through the indirect block, 65536 through the
 * double-indirect one, the rest through the triple-indirect one): a
 * file written block by block across the direct/indirect/double
 * boundaries, sparse files written past the double-indirect limit (70 MiB)
 * and at 1 GiB, holes reading as zeros, and truncation back through the
 * levels.  The grader checks the image with e2fsck afterwards.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "utest.h"

#define KIB 1024L
#define MIB (1024L * KIB)

static char base[256];

static const char *at(const char *name)
{
    static char buf[2][512];
    static int n;
    char *p = buf[n++ % 2];
    snprintf(p, 512, "%s/%s", base, name);
    return p;
}

/* pattern: the byte a file holds at offset off */
static unsigned char pattern(long off)
{
    return (unsigned char)(off * 7 + off / 1024 * 13);
}

static void dense_file(void)
{
    static unsigned char buf[8192];
    long size = 304 * KIB, off, bad = -1;
    int fd = open(at("dense"), O_CREAT | O_RDWR | O_TRUNC, 0644);

    for (off = 0; off < size; off += sizeof(buf)) {
        for (long i = 0; i < (long)sizeof(buf); i++)
            buf[i] = pattern(off + i);
        if (write(fd, buf, sizeof(buf)) != (long)sizeof(buf))
            break;
    }
    EXPECT_EQ("dense_written_across_indirect_levels", size, off);
    for (off = 0; off < size && bad < 0; off += sizeof(buf)) {
        if (pread(fd, buf, sizeof(buf), off) != (long)sizeof(buf))
            bad = off;
        for (long i = 0; i < (long)sizeof(buf) && bad < 0; i++)
            if (buf[i] != pattern(off + i))
                bad = off + i;
    }
    EXPECT_EQ("dense_reads_back", -1, bad);
    EXPECT_EQ("dense_truncate_into_indirect", 0, ftruncate(fd, 100 * KIB));
    EXPECT_EQ("dense_still_readable", 1, pread(fd, buf, 1, 100 * KIB - 1));
    EXPECT_EQ("dense_byte_kept", pattern(100 * KIB - 1), buf[0]);
    EXPECT_EQ("dense_truncate_to_direct", 0, ftruncate(fd, 5 * KIB + 3));
    EXPECT_EQ("dense_past_end_is_eof", 0, pread(fd, buf, 1, 5 * KIB + 3));
    close(fd);
}

static void sparse_file(const char *name, long where)
{
    const char *text = "the end of a file past the double-indirect limit\n";
    char got[64] = { 0 }, zero[16] = { 0 }, label[96];
    struct stat st;
    int fd = open(at(name), O_CREAT | O_RDWR | O_TRUNC, 0644);
    long n = (long)strlen(text);

    snprintf(label, sizeof(label), "%s_write_at_%ld_mib", name, where / MIB);
    EXPECT_EQ(label, n, pwrite(fd, text, n, where));
    EXPECT_EQ("sparse_write_at_start", 5, pwrite(fd, "start", 5, 0));
    EXPECT_EQ("sparse_write_in_double_indirect", 6, pwrite(fd, "double", 6, 40 * MIB));
    fstat(fd, &st);
    EXPECT_EQ("sparse_size", where + n, st.st_size);
    EXPECT_TRUE("sparse_uses_few_blocks", st.st_blocks < 64);
    EXPECT_EQ("sparse_read_end", n, pread(fd, got, n, where));
    EXPECT_EQ("sparse_end_matches", 0, memcmp(got, text, n));
    EXPECT_EQ("sparse_read_double", 6, pread(fd, got, 6, 40 * MIB));
    EXPECT_EQ("sparse_double_matches", 0, memcmp(got, "double", 6));
    EXPECT_EQ("sparse_hole_read", 16, pread(fd, got, 16, where - 4096));
    EXPECT_EQ("sparse_hole_zeros", 0, memcmp(got, zero, 16));
    EXPECT_EQ("sparse_truncate_below_triple", 0, ftruncate(fd, 41 * MIB));
    EXPECT_EQ("sparse_double_kept", 6, pread(fd, got, 6, 40 * MIB));
    EXPECT_EQ("sparse_truncate_to_direct", 0, ftruncate(fd, 3));
    EXPECT_EQ("sparse_start_kept", 3, pread(fd, got, 8, 0));
    EXPECT_EQ("sparse_start_matches", 0, memcmp(got, "sta", 3));
    fstat(fd, &st);
    EXPECT_TRUE("sparse_blocks_freed", st.st_blocks <= 2 * 8);
    close(fd);
    EXPECT_EQ("sparse_unlink", 0, unlink(at(name)));
}

static void tail_file(void)
{
    const char *text = "the end of a file past the double-indirect limit\n";
    int fd = open(at("tail.txt"), O_CREAT | O_RDWR | O_TRUNC, 0644);
    EXPECT_EQ("tail_write", (long)strlen(text), write(fd, text, strlen(text)));
    close(fd);
}

int main(int argc, char **argv)
{
    struct stat st;

    snprintf(base, sizeof(base), "%s", argc > 1 ? argv[1] : "/big");
    EXPECT_EQ("mkdir_base", 0, mkdir(base, 0755));
    EXPECT_EQ("stat_base", 0, stat(base, &st));
    EXPECT_EQ("base_is_on_the_ext2_disk_1k_blocks", 1024, st.st_blksize);
    dense_file();
    sparse_file("triple", 70 * MIB);
    sparse_file("gib", 1024 * MIB);
    tail_file();
    return utest_finish();
}
