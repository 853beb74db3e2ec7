// phases: 2 3
/*
 * pipes: pipe and pipe2 as on Linux: end of file once every writer is
 * closed, EPIPE and SIGPIPE once every reader is, O_NONBLOCK's EAGAIN on
 * an empty or full pipe (64 KiB), poll and select (on the console too),
 * data across fork.
 */
#include <fcntl.h>
#include <poll.h>
#include <sys/select.h>
#include <sys/stat.h>
#include "utest.h"

static void end_of_file(void)
{
    int p[2];
    char buf[16];
    struct stat st;

    EXPECT_EQ("pipe", 0, pipe(p));
    EXPECT_EQ("fstat_pipe", 0, fstat(p[0], &st));
    EXPECT_TRUE("pipe_is_fifo", S_ISFIFO(st.st_mode));
    EXPECT_EQ("write_into_pipe", 5, write(p[1], "hello", 5));
    EXPECT_EQ("read_part", 3, read(p[0], buf, 3));
    EXPECT_EQ("read_rest", 2, read(p[0], buf, sizeof(buf)));
    EXPECT_EQ("read_rest_data", 0, memcmp(buf, "lo", 2));
    close(p[1]);
    EXPECT_EQ("read_after_writer_closed_is_eof", 0, read(p[0], buf, sizeof(buf)));
    EXPECT_ERRNO("read_from_write_end_ebadf", read(p[1], buf, 1), EBADF);
    EXPECT_ERRNO("write_to_read_end_ebadf", write(p[0], "x", 1), EBADF);
    close(p[0]);
}

static void broken_pipe(void)
{
    int p[2];
    sigset_t set;

    pipe(p);
    close(p[0]);
    EXPECT_SIGNAL("write_without_reader_sigpipe", SIGPIPE, write(p[1], "x", 1));
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    EXPECT_EXIT("write_without_reader_epipe_when_blocked", 0, {
        sigprocmask(SIG_BLOCK, &set, NULL);
        _exit(write(p[1], "x", 1) == -1 && errno == EPIPE ? 0 : 1);
    });
    close(p[1]);
}

static void nonblocking(void)
{
    static char buf[65536];
    int p[2];
    long total = 0, n;

    EXPECT_EQ("pipe2_nonblock", 0, pipe2(p, O_NONBLOCK | O_CLOEXEC));
    EXPECT_EQ("pipe2_cloexec_flag", FD_CLOEXEC, fcntl(p[0], F_GETFD));
    EXPECT_EQ("pipe2_nonblock_flag", O_NONBLOCK, fcntl(p[1], F_GETFL) & O_NONBLOCK);
    EXPECT_ERRNO("read_empty_nonblock_eagain", read(p[0], buf, 1), EAGAIN);
    while ((n = write(p[1], buf, 4096)) > 0)
        total += n;
    EXPECT_EQ("full_pipe_holds_64k", 65536, total);
    EXPECT_ERRNO("write_full_nonblock_eagain", write(p[1], buf, 1), EAGAIN);
    EXPECT_EQ("drain", 65536, read(p[0], buf, sizeof(buf)));
    close(p[0]);
    close(p[1]);
}

static void polling(void)
{
    int p[2];
    struct pollfd fds[2];
    fd_set r;
    struct timeval tv = { 0, 0 };

    pipe(p);
    fds[0] = (struct pollfd){ p[0], POLLIN, 0 };
    fds[1] = (struct pollfd){ p[1], POLLOUT, 0 };
    EXPECT_EQ("poll_empty_only_writable", 1, poll(fds, 2, 0));
    EXPECT_EQ("poll_empty_revents", 0, fds[0].revents);
    EXPECT_EQ("poll_writable_revents", POLLOUT, fds[1].revents);
    EXPECT_EQ("poll_timeout_waits_then_zero", 0, poll(fds, 1, 30));
    write(p[1], "x", 1);
    EXPECT_EQ("poll_data_readable", 2, poll(fds, 2, -1));
    EXPECT_EQ("poll_pollin", POLLIN, fds[0].revents);
    FD_ZERO(&r);
    FD_SET(p[0], &r);
    EXPECT_EQ("select_readable", 1, select(p[0] + 1, &r, NULL, NULL, &tv));
    EXPECT_TRUE("select_sets_bit", FD_ISSET(p[0], &r));
    close(p[1]);
    EXPECT_EQ("poll_writer_gone", 1, poll(fds, 1, 0));
    EXPECT_EQ("poll_pollhup_with_data", POLLIN | POLLHUP, fds[0].revents);
    fds[0].fd = 99;
    EXPECT_EQ("poll_bad_fd", 1, poll(fds, 1, 0));
    EXPECT_EQ("poll_pollnval", POLLNVAL, fds[0].revents);
    close(p[0]);
    pipe(p);
    close(p[0]);
    fds[1].fd = p[1];
    EXPECT_EQ("poll_reader_gone", 1, poll(&fds[1], 1, 0));
    EXPECT_EQ("poll_pollerr", POLLOUT | POLLERR, fds[1].revents);
    close(p[1]);
}

/* the console: always writable; readable only when something was typed
 * (nothing is, during a test run) */
static void console_polling(void)
{
    struct pollfd fds[2] = { { 0, POLLIN, 0 }, { 1, POLLOUT, 0 } };
    EXPECT_EQ("poll_console_output_writable", 1, poll(&fds[1], 1, 0));
    EXPECT_EQ("poll_console_pollout", POLLOUT, fds[1].revents);
    EXPECT_EQ("poll_console_nothing_typed", 0, poll(fds, 1, 20));
}

static void across_fork(void)
{
    int p[2], status;
    long total = 0, n, sum = 0;
    static unsigned char buf[10000];
    pid_t pid;

    pipe(p);
    fflush(stdout);
    pid = fork();
    if (pid == 0) {
        close(p[0]);
        usleep(50000);                  /* the parent waits in read() */
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < (int)sizeof(buf); j++)
                buf[j] = (unsigned char)(i + j);
            if (write(p[1], buf, sizeof(buf)) != (long)sizeof(buf))
                _exit(1);
        }
        _exit(0);
    }
    close(p[1]);
    while ((n = read(p[0], buf, sizeof(buf))) > 0) {
        for (long j = 0; j < n; j++)
            sum += buf[j];
        total += n;
    }
    waitpid(pid, &status, 0);
    EXPECT_EQ("a_megabyte_through_a_pipe", 1000000, total);
    long want = 0;
    for (int i = 0; i < 100; i++)
        for (int j = 0; j < (int)sizeof(buf); j++)
            want += (unsigned char)(i + j);
    EXPECT_EQ("its_bytes_arrive_in_order", want, sum);
    EXPECT_EQ("writer_exits_cleanly", 0, status);
    close(p[0]);
}

int main(void)
{
    end_of_file();
    broken_pipe();
    nonblocking();
    polling();
    if (isatty(0))
        console_polling();
    across_fork();
    return utest_finish();
}
