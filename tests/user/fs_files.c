// phases: 2 3
// args: /fs_files
// disk-check: e2fsck
// disk-cat: /fs_files/hello.txt hello, disk\n
// disk-cat: /fs_files/moved/renamed.txt 0123456789abcdefXYZ
// disk-cat: /fs_files/linked.txt 0123456789abcdefXYZ
/*
 * fs_files: files and directories on the ext2 disk (and the same calls on
 * the RAM file system at /tmp): create, write, read, seek, pread/pwrite,
 * stat, directory listing (a directory of several blocks too), mkdir,
 * rename, link, unlink, truncate, rmdir.
 * The grader then checks the disk image with the host's e2fsck and reads
 * three files back with debugfs.  Runs on Linux too: `fs_files DIR`.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "utest.h"

static char base[256];

static const char *at(const char *name)
{
    static char buf[4][512];
    static int n;
    char *p = buf[n++ % 4];
    snprintf(p, 512, "%s/%s", base, name);
    return p;
}

static void write_read_seek(const char *fs)
{
    char name[64], buf[64] = { 0 };
    int fd;

    snprintf(name, sizeof(name), "%s_create_write_read", fs);
    fd = open(at("data"), O_CREAT | O_RDWR | O_TRUNC, 0644);
    EXPECT_TRUE(name, fd >= 0);
    EXPECT_EQ("write_returns_count", 16, write(fd, "0123456789abcdef", 16));
    EXPECT_EQ("lseek_set_to_start", 0, lseek(fd, 0, SEEK_SET));
    EXPECT_EQ("read_returns_count", 16, read(fd, buf, sizeof(buf)));
    EXPECT_EQ("read_data_matches", 0, memcmp(buf, "0123456789abcdef", 16));
    EXPECT_EQ("read_at_end_is_zero", 0, read(fd, buf, sizeof(buf)));
    EXPECT_EQ("lseek_end", 16, lseek(fd, 0, SEEK_END));
    EXPECT_EQ("lseek_cur_back", 10, lseek(fd, -6, SEEK_CUR));
    EXPECT_EQ("pread_at_offset", 3, pread(fd, buf, 3, 4));
    EXPECT_EQ("pread_data", 0, memcmp(buf, "456", 3));
    EXPECT_EQ("pread_keeps_position", 10, lseek(fd, 0, SEEK_CUR));
    EXPECT_EQ("pwrite_past_end", 3, pwrite(fd, "XYZ", 3, 16));
    EXPECT_EQ("pwrite_keeps_position", 10, lseek(fd, 0, SEEK_CUR));
    struct stat st;
    EXPECT_EQ("fstat_ok", 0, fstat(fd, &st));
    EXPECT_EQ("fstat_size", 19, st.st_size);
    EXPECT_TRUE("fstat_regular_file", S_ISREG(st.st_mode));
    EXPECT_EQ("fstat_mode_bits_after_umask", 0644, st.st_mode & 07777);
    EXPECT_EQ("fstat_one_link", 1, st.st_nlink);
    EXPECT_EQ("close", 0, close(fd));
}

static void append_and_hole(void)
{
    char buf[32];
    struct stat st;
    int fd = open(at("append"), O_CREAT | O_WRONLY | O_APPEND, 0600);

    EXPECT_EQ("append_first", 3, write(fd, "abc", 3));
    lseek(fd, 0, SEEK_SET);
    EXPECT_EQ("append_ignores_position", 3, write(fd, "def", 3));
    close(fd);
    fd = open(at("append"), O_RDONLY);
    EXPECT_EQ("append_read_back", 6, read(fd, buf, sizeof(buf)));
    EXPECT_EQ("append_data", 0, memcmp(buf, "abcdef", 6));
    close(fd);
    fd = open(at("hole"), O_CREAT | O_RDWR, 0600);
    EXPECT_EQ("write_after_hole", 1, pwrite(fd, "Z", 1, 100000));
    EXPECT_EQ("hole_reads_zeros", 4, pread(fd, buf, 4, 5000));
    EXPECT_EQ("hole_zeros", 0, buf[0] | buf[1] | buf[2] | buf[3]);
    fstat(fd, &st);
    EXPECT_EQ("hole_size", 100001, st.st_size);
    EXPECT_TRUE("hole_uses_few_blocks", st.st_blocks < 64);
    EXPECT_EQ("ftruncate_shrinks", 0, ftruncate(fd, 10));
    fstat(fd, &st);
    EXPECT_EQ("ftruncate_size", 10, st.st_size);
    EXPECT_EQ("ftruncate_grows", 0, ftruncate(fd, 5000));
    EXPECT_EQ("grown_part_reads_zeros", 4, pread(fd, buf, 4, 4000));
    EXPECT_EQ("grown_zeros", 0, buf[0] | buf[1] | buf[2] | buf[3]);
    close(fd);
    EXPECT_EQ("truncate_by_path", 0, truncate(at("hole"), 0));
    EXPECT_EQ("stat_after_truncate", 0, stat(at("hole"), &st));
    EXPECT_EQ("truncated_to_zero", 0, st.st_size);
    EXPECT_EQ("unlink_hole", 0, unlink(at("hole")));
}

static int count_entries(const char *dir, const char *want, int *found)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    *found = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        n++;
        if (strcmp(e->d_name, want) == 0)
            *found = e->d_type == DT_REG ? 1 : e->d_type == DT_DIR ? 2 : 3;
    }
    closedir(d);
    return n;
}

static void directories(void)
{
    struct stat st;
    int found;

    EXPECT_EQ("mkdir", 0, mkdir(at("moved"), 0755));
    EXPECT_EQ("stat_dir", 0, stat(at("moved"), &st));
    EXPECT_TRUE("stat_dir_is_dir", S_ISDIR(st.st_mode));
    EXPECT_EQ("new_dir_has_two_links", 2, st.st_nlink);
    EXPECT_EQ("rename_into_dir", 0, rename(at("data"), at("moved/renamed.txt")));
    EXPECT_ERRNO("old_name_gone", open(at("data"), O_RDONLY), ENOENT);
    EXPECT_EQ("link", 0, link(at("moved/renamed.txt"), at("linked.txt")));
    EXPECT_EQ("stat_linked", 0, stat(at("linked.txt"), &st));
    EXPECT_EQ("two_links", 2, st.st_nlink);
    EXPECT_EQ("readdir_counts", 5, count_entries(base, "linked.txt", &found));
    EXPECT_EQ("readdir_finds_file_with_type", 1, found);
    EXPECT_EQ("readdir_subdir", 3, count_entries(at("moved"), "renamed.txt", &found));
    EXPECT_EQ("mkdir_sub", 0, mkdir(at("moved/sub"), 0700));
    EXPECT_EQ("stat_parent_links", 0, stat(at("moved"), &st));
    EXPECT_EQ("parent_links_count_subdir", 3, st.st_nlink);
    EXPECT_EQ("rename_dir", 0, rename(at("moved/sub"), at("sub2")));
    EXPECT_EQ("stat_parent_after_move", 0, stat(at("moved"), &st));
    EXPECT_EQ("parent_links_after_move", 2, st.st_nlink);
    EXPECT_EQ("dotdot_follows_move", 0, stat(at("sub2/.."), &st));
    EXPECT_EQ("rmdir", 0, rmdir(at("sub2")));
    EXPECT_EQ("create_and_remove", 0, close(open(at("gone"), O_CREAT | O_WRONLY, 0600)));
    EXPECT_EQ("unlink", 0, unlink(at("gone")));
    EXPECT_ERRNO("unlinked_is_gone", stat(at("gone"), &st), ENOENT);
}

/* many_names: a directory of several blocks: 300 names (about 20 bytes
 * each: 6 KiB of records), every other one removed, the rest renamed */
static void many_names(void)
{
    char name[64], other[64];
    int found, made = 0, removed = 0, renamed = 0;

    mkdir(at("many"), 0755);
    for (int i = 0; i < 300; i++) {
        snprintf(name, sizeof(name), "many/file-number-%03d", i);
        made += close(open(at(name), O_CREAT | O_WRONLY, 0644)) == 0;
    }
    EXPECT_EQ("many_files_made", 300, made);
    EXPECT_EQ("many_files_listed", 302, count_entries(at("many"), "file-number-299", &found));
    EXPECT_EQ("many_last_found", 1, found);
    for (int i = 0; i < 300; i += 2) {
        snprintf(name, sizeof(name), "many/file-number-%03d", i);
        removed += unlink(at(name)) == 0;
    }
    EXPECT_EQ("many_every_other_removed", 150, removed);
    for (int i = 1; i < 300; i += 2) {
        snprintf(name, sizeof(name), "many/file-number-%03d", i);
        snprintf(other, sizeof(other), "many/n%d", i);
        renamed += rename(at(name), at(other)) == 0;
    }
    EXPECT_EQ("many_renamed", 150, renamed);
    EXPECT_EQ("many_listed_after", 152, count_entries(at("many"), "n299", &found));
    EXPECT_EQ("many_renamed_found", 1, found);
    EXPECT_ERRNO("many_removed_gone", access(at("many/file-number-000"), F_OK), ENOENT);
}

static void open_file_outlives_name(void)
{
    char buf[8];
    int fd = open(at("tmpfile"), O_CREAT | O_RDWR, 0600);
    EXPECT_EQ("unlink_open_file", 0, unlink(at("tmpfile")));
    EXPECT_EQ("write_to_unlinked", 5, write(fd, "still", 5));
    EXPECT_EQ("read_unlinked", 5, pread(fd, buf, 5, 0));
    EXPECT_EQ("unlinked_data", 0, memcmp(buf, "still", 5));
    EXPECT_EQ("close_unlinked", 0, close(fd));
}

static void stdio_file(void)
{
    FILE *f = fopen(at("hello.txt"), "w");
    char line[64] = "";
    EXPECT_TRUE("fopen_write", f != NULL);
    fprintf(f, "hello, %s\n", "disk");
    EXPECT_EQ("fclose", 0, fclose(f));
    f = fopen(at("hello.txt"), "r");
    EXPECT_TRUE("fgets", fgets(line, sizeof(line), f) != NULL);
    EXPECT_EQ("fgets_line", 0, strcmp(line, "hello, disk\n"));
    fclose(f);
}

int main(int argc, char **argv)
{
    char cwd[256];

    snprintf(base, sizeof(base), "%s", argc > 1 ? argv[1] : "/fs_files");
    EXPECT_EQ("mkdir_base", 0, mkdir(base, 0755));
    write_read_seek("disk");
    append_and_hole();
    directories();
    many_names();
    open_file_outlives_name();
    stdio_file();
    EXPECT_EQ("chdir", 0, chdir(at("moved")));
    EXPECT_TRUE("getcwd", getcwd(cwd, sizeof(cwd)) != NULL);
    EXPECT_EQ("getcwd_path", 0, strcmp(cwd + strlen(cwd) - strlen("/moved"), "/moved"));
    EXPECT_EQ("relative_open", 0, access("renamed.txt", R_OK));
    chdir("/");
    /* the same on the RAM file system */
    snprintf(base, sizeof(base), "%s", argc > 2 ? argv[2] : "/tmp/fs_files");
    EXPECT_EQ("ramfs_mkdir_base", 0, mkdir(base, 0755));
    write_read_seek("ramfs");
    append_and_hole();
    directories();
    open_file_outlives_name();
    return utest_finish();
}
