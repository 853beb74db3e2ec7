/*
 * tests/host/check.c - the runner behind check.h.  Each test runs in a
 * child process of its own: a crash ends that test with a FAIL line that
 * says where, and the others still run.
 */
#include "check.h"

#include <signal.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <unistd.h>

jmp_buf check_panic_jump;
char check_panic_message[512];

void check_panic_catch(const char *msg)
{
    snprintf(check_panic_message, sizeof(check_panic_message), "%s", msg);
    longjmp(check_panic_jump, 1);
}

static struct host_test *tests, **tail = &tests;
static const struct host_test *running;
static char failure[1024];

void check_register(struct host_test *t)
{
    *tail = t;
    tail = &t->next;
}

void check_failed(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    size_t n;
    if (failure[0])
        return;
    va_start(ap, fmt);
    n = (size_t)vsnprintf(failure, sizeof(failure), fmt, ap);
    va_end(ap);
    if (n < sizeof(failure))
        snprintf(failure + n, sizeof(failure) - n, " (%s:%d)", file, line);
}

int check_current_failed(void)
{
    return failure[0] != 0;
}

/* crash_summary: from what a crashed test printed on stderr (a sanitizer
 * report), the line that says what happened and the first frame in a lab
 * or kernel source file, so the FAIL line shows where. */
static void crash_summary(const char *report, char *out, size_t size)
{
    const char *what = strstr(report, "ERROR: ");
    const char *frame = NULL, *p;
    size_t n = 0;

    if (!what && (what = strstr(report, "runtime error: ")) != NULL)
        while (what > report && what[-1] != '\n')    /* from file:line:column on */
            what--;
    for (p = report; p && *p && !frame; p = strchr(p, '\n')) {
        p += *p == '\n';
        if (strncmp(p, "    #", 5) == 0 && (strstr(p, " labs/") || strstr(p, " solutions/") ||
                                             strstr(p, " phase1-vma/")) &&
            strstr(p, " in ") && (!strchr(p, '\n') || strstr(p, " in ") < strchr(p, '\n')))
            frame = strstr(p, " in ") + 4;
    }
    out[0] = '\0';
    if (what)
        n = (size_t)snprintf(out, size, "%.*s", (int)strcspn(what, "\n"), what);
    if (frame && n < size)
        snprintf(out + n, size - n, "%sat %.*s", n ? "; " : "", (int)strcspn(frame, "\n"), frame);
}

/* run_one: the test in a child process, so that a crash (a NULL pointer in
 * a lab, a sanitizer report) fails this test alone.  Returns 1 if it
 * failed and prints its line. */
static int run_one(struct host_test *t)
{
    static char report[65536];
    int fail_pipe[2], err_pipe[2], status;
    size_t got = 0;
    ssize_t r;
    pid_t pid;

    fflush(stdout);
    if (pipe(fail_pipe) != 0 || pipe(err_pipe) != 0) {
        perror("pipe");
        exit(2);
    }
    pid = fork();
    if (pid == 0) {
        close(fail_pipe[0]);
        close(err_pipe[0]);
        dup2(err_pipe[1], 2);
        running = t;
        failure[0] = '\0';
        t->fn();
        if (write(fail_pipe[1], failure, strlen(failure)) < 0)
            _exit(3);
        _exit(0);
    }
    close(fail_pipe[1]);
    close(err_pipe[1]);
    failure[0] = '\0';
    while ((r = read(fail_pipe[0], failure + got, sizeof(failure) - 1 - got)) > 0)
        got += (size_t)r;
    failure[got] = '\0';
    got = 0;
    while ((r = read(err_pipe[0], report + got, sizeof(report) - 1 - got)) > 0)
        got += (size_t)r;
    report[got] = '\0';
    close(fail_pipe[0]);
    close(err_pipe[0]);
    waitpid(pid, &status, 0);
    fputs(report, stderr);              /* the whole report, for the log */
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        char where[600];
        crash_summary(report, where, sizeof(where));
        if (WIFSIGNALED(status))
            printf("FAIL %s: crashed with signal %d (%s)%s%s\n", t->name, WTERMSIG(status),
                   strsignal(WTERMSIG(status)), where[0] ? ": " : "", where);
        else
            printf("FAIL %s: crashed (exit status %d)%s%s\n", t->name, WEXITSTATUS(status),
                   where[0] ? ": " : "", where);
    } else if (failure[0]) {
        printf("FAIL %s: %s\n", t->name, failure);
    } else {
        printf("PASS %s\n", t->name);
    }
    fflush(stdout);
    return (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || failure[0]) ? 1 : 0;
}

int main(int argc, char **argv)
{
    int failed = 0, ran = 0;

    for (struct host_test *t = tests; t; t = t->next) {
        if (argc > 1 && strcmp(argv[1], t->name) != 0)
            continue;
        failed += run_one(t);
        ran++;
    }
    if (ran == 0) {
        printf("FAIL %s: no test called %s\n", argc > 1 ? argv[1] : "(all)",
               argc > 1 ? argv[1] : "anything");
        return 1;
    }
    return failed ? 1 : 0;
}
