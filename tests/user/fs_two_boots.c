// phases: 2 3
// args: write
// boot2-args: read
// disk-check: e2fsck
// disk-cat: /persist/note.txt written by the first boot\nand appended by the second\n
/*
 * fs_two_boots: the disk keeps what a program wrote across a power-off.
 * The grader boots twice on the same image: the first run (`write`) makes
 * a directory, a file and a hard link; the second (`read`) finds them,
 * checks their contents and link counts, and appends a line.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "utest.h"

static const char first[] = "written by the first boot\n";
static const char second[] = "and appended by the second\n";

static void write_phase(void)
{
    int fd;
    EXPECT_EQ("first_boot_mkdir", 0, mkdir("/persist", 0755));
    fd = open("/persist/note.txt", O_CREAT | O_WRONLY | O_EXCL, 0644);
    EXPECT_EQ("first_boot_write", (long)strlen(first), write(fd, first, strlen(first)));
    EXPECT_EQ("first_boot_close", 0, close(fd));
    EXPECT_EQ("first_boot_link", 0, link("/persist/note.txt", "/persist/again.txt"));
    EXPECT_EQ("first_boot_sync", 0, (sync(), 0));
}

static void read_phase(void)
{
    char buf[128] = { 0 };
    struct stat st;
    int fd = open("/persist/note.txt", O_RDWR | O_APPEND);

    EXPECT_TRUE("second_boot_finds_the_file", fd >= 0);
    EXPECT_EQ("second_boot_reads_it", (long)strlen(first), read(fd, buf, sizeof(buf)));
    EXPECT_EQ("second_boot_contents", 0, strcmp(buf, first));
    EXPECT_EQ("second_boot_appends", (long)strlen(second), write(fd, second, strlen(second)));
    EXPECT_EQ("second_boot_fstat", 0, fstat(fd, &st));
    EXPECT_EQ("second_boot_sees_two_links", 2, st.st_nlink);
    close(fd);
    EXPECT_EQ("second_boot_removes_the_link", 0, unlink("/persist/again.txt"));
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "read") == 0)
        read_phase();
    else
        write_phase();
    return utest_finish();
}
