// phases: 2 3
// args: /fs_errors /tmp/fs_errors
// disk-check: e2fsck
/*
 * fs_errors: every error code of the file calls, exactly as this host's
 * Linux gives them for the same program (`fs_errors DIR OTHER-FS-DIR` on
 * Linux: the second directory must be on another file system, e.g. under
 * /dev/shm, for EXDEV).
 */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "utest.h"

static char base[256], other[256];
static void *const BAD = (void *)8;

static const char *at(const char *name)
{
    static char buf[8][600];
    static int n;
    char *p = buf[n++ % 8];
    snprintf(p, sizeof(buf[0]), "%s/%s", base, name);
    return p;
}

static void setup(void)
{
    mkdir(base, 0755);
    mkdir(other, 0755);
    close(open(at("file"), O_CREAT | O_WRONLY, 0644));
    mkdir(at("dir"), 0755);
    mkdir(at("full"), 0755);
    close(open(at("full/x"), O_CREAT | O_WRONLY, 0644));
}

static void open_errors(void)
{
    char longname[300], longpath[5000];
    static int fds[4096];
    struct rlimit lim = { 64, 64 };
    int n = 0, fd;

    memset(longname, 'n', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = 0;
    memset(longpath, 'p', sizeof(longpath) - 1);
    longpath[sizeof(longpath) - 1] = 0;
    EXPECT_ERRNO("open_missing_enoent", open(at("missing"), O_RDONLY), ENOENT);
    EXPECT_ERRNO("open_missing_dir_enoent", open(at("nodir/x"), O_RDONLY), ENOENT);
    EXPECT_ERRNO("open_file_as_dir_enotdir", open(at("file/x"), O_RDONLY), ENOTDIR);
    EXPECT_ERRNO("open_file_slash_enotdir", open(at("file/"), O_RDONLY), ENOTDIR);
    EXPECT_ERRNO("open_excl_existing_eexist", open(at("file"), O_CREAT | O_EXCL | O_WRONLY, 0644),
                 EEXIST);
    EXPECT_ERRNO("open_dir_for_writing_eisdir", open(at("dir"), O_WRONLY), EISDIR);
    EXPECT_ERRNO("open_dir_creat_eisdir", open(at("dir"), O_CREAT | O_RDONLY, 0644), EISDIR);
    EXPECT_ERRNO("open_creat_trailing_slash_eisdir", open(at("new/"), O_CREAT | O_WRONLY, 0644),
                 EISDIR);
    EXPECT_ERRNO("open_o_directory_on_file_enotdir", open(at("file"), O_RDONLY | O_DIRECTORY),
                 ENOTDIR);
    EXPECT_ERRNO("open_bad_pointer_efault", open(BAD, O_RDONLY), EFAULT);
    EXPECT_ERRNO("open_long_name_enametoolong", open(at(longname), O_RDONLY), ENAMETOOLONG);
    EXPECT_ERRNO("open_long_path_enametoolong", open(longpath, O_RDONLY), ENAMETOOLONG);
    EXPECT_ERRNO("open_empty_path_enoent", open("", O_RDONLY), ENOENT);
    EXPECT_ERRNO("openat_bad_dirfd_ebadf", openat(99, "file", O_RDONLY), EBADF);
    fd = open(at("file"), O_RDONLY);
    EXPECT_ERRNO("openat_file_dirfd_enotdir", openat(fd, "x", O_RDONLY), ENOTDIR);
    close(fd);
    fd = open(base, O_RDONLY | O_DIRECTORY);
    EXPECT_TRUE("openat_dirfd_relative", fd >= 0 && close(openat(fd, "file", O_RDONLY)) == 0);
    close(fd);
    setrlimit(RLIMIT_NOFILE, &lim);     /* (the kernel's own limit is lower) */
    while (n < 4096 && (fds[n] = open(at("file"), O_RDONLY)) >= 0)
        n++;
    EXPECT_TRUE("open_until_emfile", n < 4096 && errno == EMFILE);
    while (n > 0)
        close(fds[--n]);
}

static void rw_errors(void)
{
    int ro = open(at("file"), O_RDONLY), wo = open(at("file"), O_WRONLY);
    int dir = open(at("dir"), O_RDONLY | O_DIRECTORY), p[2];
    char buf[8];

    pipe(p);
    EXPECT_ERRNO("read_closed_ebadf", read(99, buf, 1), EBADF);
    EXPECT_ERRNO("read_write_only_ebadf", read(wo, buf, 1), EBADF);
    EXPECT_ERRNO("write_read_only_ebadf", write(ro, "x", 1), EBADF);
    EXPECT_ERRNO("read_dir_eisdir", read(dir, buf, 1), EISDIR);
    EXPECT_ERRNO("write_bad_buffer_efault", write(wo, BAD, 1), EFAULT);
    EXPECT_ERRNO("lseek_bad_fd_ebadf", lseek(99, 0, SEEK_SET), EBADF);
    EXPECT_ERRNO("lseek_pipe_espipe", lseek(p[0], 0, SEEK_SET), ESPIPE);
    EXPECT_ERRNO("lseek_bad_whence_einval", lseek(ro, 0, 99), EINVAL);
    EXPECT_ERRNO("lseek_negative_einval", lseek(ro, -1, SEEK_SET), EINVAL);
    EXPECT_ERRNO("pread_pipe_espipe", pread(p[0], buf, 1, 0), ESPIPE);
    EXPECT_ERRNO("pread_negative_einval", pread(ro, buf, 1, -1), EINVAL);
    EXPECT_ERRNO("pread_dir_eisdir", pread(dir, buf, 1, 0), EISDIR);
    EXPECT_ERRNO("pwrite_read_only_ebadf", pwrite(ro, "x", 1, 0), EBADF);
    EXPECT_ERRNO("close_bad_ebadf", close(99), EBADF);
    EXPECT_ERRNO("fstat_bad_ebadf", syscall(SYS_fstat, 99, buf), EBADF);
    EXPECT_ERRNO("getdents_file_enotdir", syscall(SYS_getdents64, ro, buf, sizeof(buf)), ENOTDIR);
    EXPECT_ERRNO("getdents_small_buffer_einval", syscall(SYS_getdents64, dir, buf, 8), EINVAL);
    EXPECT_ERRNO("ftruncate_read_only_einval", ftruncate(ro, 0), EINVAL);
    EXPECT_ERRNO("ftruncate_negative_einval", ftruncate(wo, -1), EINVAL);
    EXPECT_ERRNO("ftruncate_bad_fd_ebadf", ftruncate(99, 0), EBADF);
    EXPECT_ERRNO("ftruncate_dir_einval", ftruncate(dir, 0), EINVAL);
    EXPECT_ERRNO("fsync_bad_fd_ebadf", fsync(99), EBADF);
    EXPECT_ERRNO("fsync_pipe_einval", fsync(p[0]), EINVAL);
    EXPECT_EQ("fsync_file", 0, fsync(wo));
    EXPECT_EQ("fdatasync_file", 0, fdatasync(wo));
    EXPECT_ERRNO("dup_bad_ebadf", dup(99), EBADF);
    EXPECT_ERRNO("dup2_bad_ebadf", dup2(99, 5), EBADF);
    EXPECT_ERRNO("dup3_same_fd_einval", dup3(ro, ro, 0), EINVAL);
    EXPECT_ERRNO("dup3_bad_flags_einval", syscall(SYS_dup3, ro, 20, 1), EINVAL);
    EXPECT_EQ("dup2_same_fd_returns_it", ro, dup2(ro, ro));
    EXPECT_ERRNO("fcntl_bad_fd_ebadf", fcntl(99, F_GETFD), EBADF);
    EXPECT_ERRNO("fcntl_bad_cmd_einval", fcntl(ro, 9999), EINVAL);
    EXPECT_EQ("fcntl_getfl_read_only", O_RDONLY, fcntl(ro, F_GETFL) & O_ACCMODE);
    EXPECT_EQ("fcntl_getfl_write_only", O_WRONLY, fcntl(wo, F_GETFL) & O_ACCMODE);
    EXPECT_EQ("fcntl_getfd_default", 0, fcntl(ro, F_GETFD));
    EXPECT_EQ("fcntl_setfd", 0, fcntl(ro, F_SETFD, FD_CLOEXEC));
    EXPECT_EQ("fcntl_getfd_cloexec", FD_CLOEXEC, fcntl(ro, F_GETFD));
    EXPECT_EQ("fcntl_dupfd_lowest_above", 20, fcntl(ro, F_DUPFD, 20));
    EXPECT_EQ("dupfd_clears_cloexec", 0, fcntl(20, F_GETFD));
    EXPECT_EQ("dup3_sets_cloexec", 21, dup3(ro, 21, O_CLOEXEC));
    EXPECT_EQ("dup3_cloexec_flag", FD_CLOEXEC, fcntl(21, F_GETFD));
    EXPECT_EQ("fcntl_setfl_append", 0, fcntl(wo, F_SETFL, O_APPEND));
    EXPECT_EQ("fcntl_getfl_append", O_APPEND, fcntl(wo, F_GETFL) & O_APPEND);
    EXPECT_ERRNO("mmap_write_only_file_eacces", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, wo, 0),
                 EACCES);
    EXPECT_ERRNO("mmap_shared_writable_read_only_file_eacces",
                 mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES);
    EXPECT_ERRNO("mmap_bad_fd_ebadf", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 99, 0), EBADF);
    EXPECT_ERRNO("pipe2_bad_flags_einval", pipe2(p, 0x1), EINVAL);
    EXPECT_ERRNO("pipe_bad_pointer_efault", pipe(BAD), EFAULT);
    close(20);
    close(21);
    close(ro);
    close(wo);
    close(dir);
    close(p[0]);
    close(p[1]);
}

static void name_errors(void)
{
    struct stat st;
    char cwd[4];

    EXPECT_ERRNO("stat_missing_enoent", stat(at("missing"), &st), ENOENT);
    EXPECT_ERRNO("stat_through_file_enotdir", stat(at("file/x"), &st), ENOTDIR);
    EXPECT_ERRNO("stat_bad_buffer_efault", syscall(SYS_stat, at("file"), BAD), EFAULT);
    EXPECT_ERRNO("stat_bad_path_efault", stat(BAD, &st), EFAULT);
    EXPECT_ERRNO("mkdir_existing_eexist", mkdir(at("dir"), 0755), EEXIST);
    EXPECT_ERRNO("mkdir_over_file_eexist", mkdir(at("file"), 0755), EEXIST);
    EXPECT_ERRNO("mkdir_missing_parent_enoent", mkdir(at("nodir/x"), 0755), ENOENT);
    EXPECT_ERRNO("mkdir_parent_is_file_enotdir", mkdir(at("file/x"), 0755), ENOTDIR);
    EXPECT_ERRNO("mkdir_root_eexist", mkdir("/", 0755), EEXIST);
    EXPECT_ERRNO("rmdir_not_empty_enotempty", rmdir(at("full")), ENOTEMPTY);
    EXPECT_ERRNO("rmdir_file_enotdir", rmdir(at("file")), ENOTDIR);
    EXPECT_ERRNO("rmdir_dot_einval", rmdir(at("dir/.")), EINVAL);
    EXPECT_ERRNO("rmdir_dotdot_enotempty", rmdir(at("dir/..")), ENOTEMPTY);
    EXPECT_ERRNO("rmdir_missing_enoent", rmdir(at("missing")), ENOENT);
    EXPECT_ERRNO("rmdir_root_ebusy", rmdir("/"), EBUSY);
    EXPECT_ERRNO("unlink_dir_eisdir", unlink(at("dir")), EISDIR);
    EXPECT_ERRNO("unlink_missing_enoent", unlink(at("missing")), ENOENT);
    EXPECT_ERRNO("unlink_file_slash_enotdir", unlink(at("file/")), ENOTDIR);
    EXPECT_ERRNO("unlinkat_bad_flags_einval", unlinkat(AT_FDCWD, at("file"), 0x1), EINVAL);
    EXPECT_ERRNO("rename_missing_enoent", rename(at("missing"), at("x")), ENOENT);
    EXPECT_ERRNO("rename_into_own_subdir_einval", rename(at("full"), at("full/sub")), EINVAL);
    EXPECT_ERRNO("rename_dir_over_file_enotdir", rename(at("dir"), at("file")), ENOTDIR);
    EXPECT_ERRNO("rename_file_over_dir_eisdir", rename(at("file"), at("dir")), EISDIR);
    EXPECT_ERRNO("rename_over_nonempty_dir_enotempty", rename(at("dir"), at("full")), ENOTEMPTY);
    EXPECT_ERRNO("rename_dot_ebusy", rename(at("dir/."), at("y")), EBUSY);
    EXPECT_EQ("rename_onto_itself", 0, rename(at("file"), at("file")));
    EXPECT_EQ("rename_dir_over_empty_dir", 0, rename(at("dir"), at("dir2")));
    EXPECT_EQ("rename_back", 0, rename(at("dir2"), at("dir")));
    EXPECT_ERRNO("link_existing_eexist", link(at("file"), at("full/x")), EEXIST);
    EXPECT_ERRNO("link_missing_enoent", link(at("missing"), at("y")), ENOENT);
    EXPECT_ERRNO("link_dir_eperm", link(at("dir"), at("dirlink")), EPERM);
    char o[600];
    snprintf(o, sizeof(o), "%s/x", other);
    EXPECT_ERRNO("link_across_fs_exdev", link(at("file"), o), EXDEV);
    EXPECT_ERRNO("rename_across_fs_exdev", rename(at("file"), o), EXDEV);
    EXPECT_ERRNO("truncate_dir_eisdir", truncate(at("dir"), 0), EISDIR);
    EXPECT_ERRNO("truncate_missing_enoent", truncate(at("missing"), 0), ENOENT);
    EXPECT_ERRNO("truncate_negative_einval", truncate(at("file"), -1), EINVAL);
    EXPECT_ERRNO("chdir_file_enotdir", chdir(at("file")), ENOTDIR);
    EXPECT_ERRNO("chdir_missing_enoent", chdir(at("missing")), ENOENT);
    EXPECT_TRUE("getcwd_small_erange", getcwd(cwd, 1) == NULL && errno == ERANGE);
    EXPECT_ERRNO("access_missing_enoent", access(at("missing"), F_OK), ENOENT);
    EXPECT_ERRNO("access_bad_mode_einval", access(at("file"), 8), EINVAL);
    EXPECT_EQ("access_exists", 0, access(at("file"), F_OK));
    EXPECT_ERRNO("readlink_not_link_einval", readlink(at("file"), cwd, sizeof(cwd)), EINVAL);
    EXPECT_ERRNO("readlink_missing_enoent", readlink(at("missing"), cwd, sizeof(cwd)), ENOENT);
    EXPECT_ERRNO("fstatat_bad_flags_einval", fstatat(AT_FDCWD, at("file"), &st, 0x1), EINVAL);
    EXPECT_EQ("umask_returns_old", 022, umask(077));
    EXPECT_EQ("umask_set", 077, umask(022));
}

/* exec_keeps: does descriptor fd survive an execve of this program? */
static int exec_keeps(const char *self, int fd)
{
    char num[16], *argv[] = { (char *)self, "--fd-open", num, NULL };
    int status = -1;
    pid_t pid;

    snprintf(num, sizeof(num), "%d", fd);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        execv(self, argv);
        _exit(99);
    }
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void close_on_exec(const char *self)
{
    int keep = open(at("file"), O_RDONLY), gone = open(at("file"), O_RDONLY | O_CLOEXEC);
    int set = open(at("file"), O_RDONLY);

    fcntl(set, F_SETFD, FD_CLOEXEC);
    EXPECT_EQ("plain_descriptor_survives_execve", 1, exec_keeps(self, keep));
    EXPECT_EQ("o_cloexec_descriptor_closed_by_execve", 0, exec_keeps(self, gone));
    EXPECT_EQ("fd_cloexec_descriptor_closed_by_execve", 0, exec_keeps(self, set));
    close(keep);
    close(gone);
    close(set);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--fd-open") == 0)     /* (after execve) */
        return fcntl(atoi(argv[2]), F_GETFD) >= 0;
    snprintf(base, sizeof(base), "%s", argc > 1 ? argv[1] : "/fs_errors");
    snprintf(other, sizeof(other), "%s", argc > 2 ? argv[2] : "/tmp/fs_errors");
    umask(022);
    setup();
    open_errors();
    rw_errors();
    name_errors();
    close_on_exec(strchr(argv[0], '/') ? argv[0] : "/bin/fs_errors");
    return utest_finish();
}
