// phases: 2 3
/*
 * libc_files: musl's file functions work unchanged on the kernel's file
 * system: opendir/readdir, fopen/fprintf/fscanf, mkstemp, tmpfile,
 * realpath, system() (through /bin/sh -c), getpwnam / getpwuid /
 * getpwent / getgrnam reading /etc/passwd and /etc/group from the disk,
 * /dev/null and /dev/zero, and isatty on the console.
 */
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <sys/stat.h>
#include "utest.h"

static void directories(void)
{
    DIR *d = opendir("/etc");
    struct dirent *e;
    int passwd = 0, group = 0, dots = 0;

    EXPECT_TRUE("opendir_etc", d != NULL);
    while (d && (e = readdir(d)) != NULL) {
        passwd |= strcmp(e->d_name, "passwd") == 0 && e->d_type == DT_REG;
        group |= strcmp(e->d_name, "group") == 0;
        dots += strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    }
    EXPECT_TRUE("readdir_finds_passwd", passwd);
    EXPECT_TRUE("readdir_finds_group", group);
    EXPECT_EQ("readdir_dot_and_dotdot", 2, dots);
    if (d)
        rewinddir(d);
    EXPECT_TRUE("rewinddir_starts_again", d && readdir(d) != NULL);
    if (d)
        closedir(d);
    EXPECT_TRUE("opendir_missing_fails", opendir("/nonexistent") == NULL && errno == ENOENT);
}

static void stdio_and_temp_files(void)
{
    char path[] = "/tmp/libc_XXXXXX", real[PATH_MAX], word[32] = "";
    int fd = mkstemp(path), n = 0;
    FILE *f;

    EXPECT_TRUE("mkstemp_makes_a_file", fd >= 0 && strncmp(path, "/tmp/libc_", 10) == 0);
    EXPECT_EQ("mkstemp_writes", 7, write(fd, "42 word", 7));
    close(fd);
    f = fopen(path, "r");
    EXPECT_TRUE("fopen_temp", f != NULL);
    EXPECT_EQ("fscanf_reads_back", 2, f ? fscanf(f, "%d %31s", &n, word) : -1);
    EXPECT_EQ("fscanf_number", 42, n);
    EXPECT_EQ("fscanf_word", 0, strcmp(word, "word"));
    if (f)
        fclose(f);
    EXPECT_EQ("remove_temp", 0, remove(path));
    f = tmpfile();
    EXPECT_TRUE("tmpfile", f != NULL && fputs("x", f) >= 0 && fclose(f) == 0);
    EXPECT_TRUE("realpath_resolves_dots", realpath("/tmp/../etc/./passwd", real) != NULL);
    EXPECT_EQ("realpath_result", 0, strcmp(real, "/etc/passwd"));
    EXPECT_TRUE("fopen_missing_fails", fopen("/no/such/file", "r") == NULL && errno == ENOENT);
}

static void users(void)
{
    struct passwd *pw = getpwnam("user");
    struct group *gr;
    int count = 0;

    EXPECT_TRUE("getpwnam_user", pw != NULL);
    EXPECT_EQ("user_uid", 1000, pw ? (long)pw->pw_uid : -1);
    EXPECT_EQ("user_home", 0, pw ? strcmp(pw->pw_dir, "/home/user") : -1);
    pw = getpwuid(0);
    EXPECT_EQ("getpwuid_root", 0, pw ? strcmp(pw->pw_name, "root") : -1);
    EXPECT_TRUE("getpwnam_missing", getpwnam("nosuchuser") == NULL);
    setpwent();
    while (getpwent() != NULL)
        count++;
    endpwent();
    EXPECT_EQ("getpwent_lists_every_user", 3, count);
    gr = getgrnam("user");
    EXPECT_EQ("getgrnam_user", 1000, gr ? (long)gr->gr_gid : -1);
}

static void shell_and_devices(void)
{
    char buf[8] = { 1, 1, 1, 1 };
    int fd;

    EXPECT_EQ("system_true", 0, system("true"));
    EXPECT_EQ("system_exit_status", 3 << 8, system("sh -c 'exit 3'"));
    EXPECT_EQ("system_redirection", 0, system("echo via system > /tmp/sys.txt"));
    fd = open("/tmp/sys.txt", O_RDONLY);
    EXPECT_EQ("system_output_in_file", 11, read(fd, buf, sizeof(buf)) + 3);
    close(fd);
    fd = open("/dev/null", O_RDWR);
    EXPECT_EQ("dev_null_swallows", 5, write(fd, "hello", 5));
    EXPECT_EQ("dev_null_reads_eof", 0, read(fd, buf, sizeof(buf)));
    close(fd);
    fd = open("/dev/zero", O_RDONLY);
    EXPECT_EQ("dev_zero_reads", 4, read(fd, buf, 4));
    EXPECT_EQ("dev_zero_zeros", 0, buf[0] | buf[1] | buf[2] | buf[3]);
    close(fd);
    EXPECT_TRUE("stdout_is_a_tty", isatty(1));
    fd = open("/dev/tty", O_RDWR);
    EXPECT_TRUE("dev_tty_is_a_tty", fd >= 0 && isatty(fd));
    close(fd);
}

int main(void)
{
    directories();
    stdio_and_temp_files();
    users();
    shell_and_devices();
    return utest_finish();
}
