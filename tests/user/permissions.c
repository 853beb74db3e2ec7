// phases: 2 3
// args: /perm /tmp
// disk-check: e2fsck
/*
 * permissions: the owner / group / other bits, checked in open, execve,
 * unlink, chdir, chmod and chown, for root and for an unprivileged user
 * (uid 1000, which a child becomes with setgid + setuid); the sticky bit
 * of /tmp; setuid's own rules.  Runs on Linux too, as root:
 * `permissions DIR STICKY-DIR`.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include "utest.h"

#define USER 1000

static char base[256], sticky[256];

static const char *at(const char *name)
{
    static char buf[4][512];
    static int n;
    char *p = buf[n++ % 4];
    snprintf(p, 512, "%s/%s", base, name);
    return p;
}

static void make_file(const char *path, int mode, const char *text)
{
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0600);
    if (text)
        write(fd, text, strlen(text));
    fchmod(fd, mode);
    close(fd);
}

static void copy_file(const char *from, const char *to, int mode)
{
    char buf[4096];
    long n;
    int in = open(from, O_RDONLY), out = open(to, O_CREAT | O_WRONLY | O_TRUNC, 0600);
    while ((n = read(in, buf, sizeof(buf))) > 0)
        write(out, buf, n);
    fchmod(out, mode);
    close(in);
    close(out);
}

static void setup(void)
{
    mkdir(base, 0755);
    chmod(base, 0755);
    make_file(at("secret"), 0600, "root only\n");
    make_file(at("public"), 0644, "everyone reads\n");
    copy_file("/bin/true", at("noexec"), 0644);
    copy_file("/bin/true", at("exec"), 0755);
    mkdir(at("private"), 0700);
    make_file(at("private/x"), 0644, "x");
    mkdir(at("mine"), 0755);
    chown(at("mine"), USER, USER);
    snprintf(sticky + strlen(sticky), sizeof(sticky) - strlen(sticky), "/perm_rootfile");
    make_file(sticky, 0666, "root's file in a sticky directory\n");
}

static int run(const char *path)
{
    char *argv[] = { (char *)path, NULL };
    int status = -1;
    pid_t pid;
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        execve(path, argv, NULL);
        _exit(errno == EACCES ? 126 : 127);
    }
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void as_root(void)
{
    int fd = open(at("secret"), O_RDWR);
    EXPECT_TRUE("root_opens_any_file", fd >= 0);
    close(fd);
    EXPECT_EQ("root_access_any_read_write", 0, access(at("secret"), R_OK | W_OK));
    EXPECT_ERRNO("root_access_x_needs_an_x_bit", access(at("noexec"), X_OK), EACCES);
    EXPECT_EQ("root_execve_without_x_bit_eacces", 126, run(at("noexec")));
    EXPECT_EQ("root_execve_with_x_bit", 0, run(at("exec")));
    EXPECT_EQ("root_execve_directory_eacces", 126, run(base));
}

static void as_user(void)
{
    struct stat st;
    int fd;

    EXPECT_EQ("setgid_to_user", 0, setgid(USER));
    EXPECT_EQ("setuid_to_user", 0, setuid(USER));
    EXPECT_EQ("getuid_user", USER, getuid());
    EXPECT_EQ("geteuid_user", USER, geteuid());
    EXPECT_EQ("getgid_user", USER, getgid());
    EXPECT_ERRNO("setuid_back_to_root_eperm", setuid(0), EPERM);
    EXPECT_ERRNO("user_open_secret_eacces", open(at("secret"), O_RDONLY), EACCES);
    fd = open(at("public"), O_RDONLY);
    EXPECT_TRUE("user_opens_public_for_reading", fd >= 0);
    close(fd);
    EXPECT_ERRNO("user_open_public_for_writing_eacces", open(at("public"), O_WRONLY), EACCES);
    EXPECT_ERRNO("user_truncate_public_eacces", truncate(at("public"), 0), EACCES);
    EXPECT_ERRNO("user_create_in_roots_dir_eacces",
                 open(at("new"), O_CREAT | O_WRONLY, 0644), EACCES);
    EXPECT_ERRNO("user_mkdir_in_roots_dir_eacces", mkdir(at("newdir"), 0755), EACCES);
    EXPECT_ERRNO("user_unlink_in_roots_dir_eacces", unlink(at("public")), EACCES);
    EXPECT_ERRNO("user_rename_in_roots_dir_eacces", rename(at("public"), at("p2")), EACCES);
    EXPECT_ERRNO("user_search_private_dir_eacces", open(at("private/x"), O_RDONLY), EACCES);
    EXPECT_ERRNO("user_stat_in_private_dir_eacces", stat(at("private/x"), &st), EACCES);
    EXPECT_ERRNO("user_chdir_private_eacces", chdir(at("private")), EACCES);
    EXPECT_ERRNO("user_chmod_roots_file_eperm", chmod(at("public"), 0666), EPERM);
    EXPECT_ERRNO("user_chown_eperm", chown(at("public"), USER, USER), EPERM);
    EXPECT_ERRNO("user_access_secret_eacces", access(at("secret"), R_OK), EACCES);
    EXPECT_EQ("user_access_public_read", 0, access(at("public"), R_OK));
    EXPECT_EQ("user_execve_without_x_eacces", 126, run(at("noexec")));
    EXPECT_EQ("user_execve_with_x", 0, run(at("exec")));
    fd = open(at("mine/f"), O_CREAT | O_WRONLY, 0640);
    EXPECT_TRUE("user_creates_in_own_dir", fd >= 0);
    EXPECT_EQ("fstat_own_file", 0, fstat(fd, &st));
    EXPECT_EQ("new_file_owned_by_user", USER, st.st_uid);
    EXPECT_EQ("new_file_group_user", USER, st.st_gid);
    EXPECT_EQ("new_file_mode", 0640, st.st_mode & 0777);
    close(fd);
    EXPECT_EQ("user_chmods_own_file", 0, chmod(at("mine/f"), 0600));
    EXPECT_ERRNO("user_gives_file_away_eperm", chown(at("mine/f"), 0, -1), EPERM);
    fd = open(sticky, O_WRONLY | O_APPEND);
    EXPECT_TRUE("user_writes_world_writable_file", fd >= 0 && write(fd, "u", 1) == 1);
    close(fd);
    EXPECT_ERRNO("sticky_dir_protects_roots_file_eperm", unlink(sticky), EPERM);
}

int main(int argc, char **argv)
{
    int status = -1;
    pid_t pid;

    snprintf(base, sizeof(base), "%s", argc > 1 ? argv[1] : "/perm");
    snprintf(sticky, sizeof(sticky), "%s", argc > 2 ? argv[2] : "/tmp");
    umask(022);
    setup();
    as_root();
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        as_user();
        _exit(utest_finish());
    }
    waitpid(pid, &status, 0);
    EXPECT_EQ("unprivileged_child_passed_its_checks", 0, status);
    EXPECT_EQ("parent_still_root", 0, geteuid());
    unlink(sticky);
    return utest_finish();
}
