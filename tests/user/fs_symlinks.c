// phases: 2 3
// args: /links /tmp/links
// disk-check: e2fsck
// disk-cat: /links/target.txt reached through a long symbolic link\n
// disk-cat: /links/long.txt ././././././././././././././././././././././././././././././././././././././././target.txt
/*
 * fs_symlinks: symbolic links on the disk (short targets inside the inode,
 * long ones in a block) and on the RAM file system: symlink, readlink,
 * lstat against stat, open and chdir through a link, O_NOFOLLOW, loops
 * (ELOOP), dangling links (ENOENT), unlink of the link, not the target.
 * Runs on Linux too: `fs_symlinks DIR OTHER-DIR`.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "utest.h"

static char base[256];

static const char *at(const char *name)
{
    static char buf[4][600];
    static int n;
    char *p = buf[n++ % 4];
    snprintf(p, sizeof(buf[0]), "%s/%s", base, name);
    return p;
}

static void links(const char *fs)
{
    char buf[300], longname[200], cwd[400];
    struct stat st;
    int fd;

    EXPECT_EQ("mkdir_base", 0, mkdir(base, 0755));
    fd = open(at("target.txt"), O_CREAT | O_WRONLY, 0644);
    write(fd, "reached through a long symbolic link\n", 37);
    close(fd);
    EXPECT_EQ("symlink_short", 0, symlink("target.txt", at("short")));
    EXPECT_EQ("readlink_short", 10, readlink(at("short"), buf, sizeof(buf)));
    EXPECT_EQ("readlink_short_text", 0, memcmp(buf, "target.txt", 10));
    EXPECT_EQ("readlink_truncates", 4, readlink(at("short"), buf, 4));
    EXPECT_EQ("lstat_link", 0, lstat(at("short"), &st));
    EXPECT_TRUE("lstat_sees_a_link", S_ISLNK(st.st_mode));
    EXPECT_EQ("lstat_link_size", 10, st.st_size);
    EXPECT_EQ("stat_follows", 0, stat(at("short"), &st));
    EXPECT_TRUE("stat_sees_the_file", S_ISREG(st.st_mode));
    EXPECT_EQ("stat_file_size", 37, st.st_size);
    fd = open(at("short"), O_RDONLY);
    EXPECT_EQ("open_through_link", 5, read(fd, buf, 5));
    close(fd);
    EXPECT_ERRNO("open_nofollow_eloop", open(at("short"), O_RDONLY | O_NOFOLLOW), ELOOP);
    longname[0] = 0;                    /* ././././... : 90 bytes, past the inode's 60 */
    for (int i = 0; i < 40; i++)
        strcat(longname, "./");
    snprintf(buf, sizeof(buf), "%starget.txt", longname);
    EXPECT_EQ("symlink_long_target", 0, symlink(buf, at("long.txt")));
    EXPECT_EQ("readlink_long", (long)strlen(buf), readlink(at("long.txt"), cwd, sizeof(cwd)));
    EXPECT_EQ("stat_through_long_link", 0, stat(at("long.txt"), &st));
    EXPECT_EQ("long_link_reaches_file", 37, st.st_size);
    EXPECT_EQ("symlink_loop_a", 0, symlink("b", at("a")));
    EXPECT_EQ("symlink_loop_b", 0, symlink("a", at("b")));
    EXPECT_ERRNO("loop_is_eloop", open(at("a"), O_RDONLY), ELOOP);
    EXPECT_EQ("symlink_dangling", 0, symlink("nowhere", at("dangling")));
    EXPECT_ERRNO("dangling_is_enoent", stat(at("dangling"), &st), ENOENT);
    EXPECT_EQ("lstat_dangling", 0, lstat(at("dangling"), &st));
    EXPECT_ERRNO("symlink_existing_eexist", symlink("x", at("short")), EEXIST);
    EXPECT_ERRNO("symlink_empty_target_enoent", symlink("", at("empty")), ENOENT);
    EXPECT_EQ("mkdir_sub", 0, mkdir(at("sub"), 0755));
    EXPECT_EQ("symlink_to_dir", 0, symlink("sub", at("dirlink")));
    EXPECT_EQ("create_through_dir_link", 0, close(open(at("dirlink/f"), O_CREAT | O_WRONLY, 0644)));
    EXPECT_EQ("file_is_in_the_dir", 0, access(at("sub/f"), F_OK));
    EXPECT_EQ("chdir_through_link", 0, chdir(at("dirlink")));
    EXPECT_TRUE("getcwd_shows_the_real_dir", getcwd(cwd, sizeof(cwd)) != NULL &&
                                               strcmp(cwd + strlen(cwd) - 4, "/sub") == 0);
    chdir("/");
    EXPECT_ERRNO("unlink_link_to_dir_with_slash_enotdir", unlink(at("dirlink/")), ENOTDIR);
    EXPECT_EQ("unlink_link", 0, unlink(at("short")));
    EXPECT_EQ("target_survives", 0, access(at("target.txt"), F_OK));
    EXPECT_ERRNO("readlink_regular_einval", readlink(at("target.txt"), buf, sizeof(buf)), EINVAL);
    unlink(at("a"));
    unlink(at("b"));
    unlink(at("dangling"));
    unlink(at("dirlink"));
    unlink(at("sub/f"));
    rmdir(at("sub"));
}

int main(int argc, char **argv)
{
    snprintf(base, sizeof(base), "%s", argc > 1 ? argv[1] : "/links");
    links("disk");
    snprintf(base, sizeof(base), "%s", argc > 2 ? argv[2] : "/tmp/links");
    links("ramfs");
    return utest_finish();
}
