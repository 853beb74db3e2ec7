/*
 * init - the first process (pid 1).  The kernel starts it with the words
 * that follow "--" on its command line (argv[0] is "init"):
 *
 *   init                        welcome, run the shell, power off when it exits
 *   init run PROG ARGS...       run PROG once; power off with its status:
 *                               the exit code, or 128 + N if signal N killed it
 *   init runall PROG1 PROG2...  run each in turn, report each one; power off
 *                               with 0 if every one exited 0, else 1
 *
 * Like every init, it also adopts orphans: every wait() here may return a
 * process other than the one waited for, which is then simply reaped.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <usmm.h>

#define EXIT_CANNOT_RUN 127     /* as a shell reports "command not found" */

/* start: fork and execve prog with argv; returns the child's pid, or -1.
 * A child that cannot exec says why and exits 127. */
static pid_t start(const char *prog, char **argv)
{
    pid_t pid;

    fflush(NULL);               /* or the child inherits unwritten output */
    pid = fork();
    if (pid < 0) {
        fprintf(stderr, "init: cannot fork: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        execve(prog, argv, environ);
        fprintf(stderr, "init: cannot run %s: %s\n", prog, strerror(errno));
        _exit(EXIT_CANNOT_RUN);
    }
    return pid;
}

/* wait_for: reap children until `pid` ends; returns its wait status, or
 * -1 if there is no such child */
static int wait_for(pid_t pid)
{
    for (;;) {
        int status;
        pid_t done = wait(&status);
        if (done == pid)
            return status;
        if (done < 0 && errno != EINTR)
            return -1;
        /* anything else is an orphan that ended: reaped, nothing to do */
    }
}

static const char *signal_name(int sig)
{
    const char *abbrev = usmm_signal_abbrev(sig);
    static char name[16];
    snprintf(name, sizeof(name), "SIG%s", abbrev ? abbrev : "?");
    return name;
}

/* power_off: stop the machine with `status`.  Outside our kernel (or if
 * it refuses), just exit with it. */
static void power_off(int status)
{
    fflush(NULL);
    usmm_poweroff(status);
    exit(status);
}

/* status_of: the status init reports for a wait status: the exit code,
 * or 128 + the signal that killed the program (EXIT_CANNOT_RUN when the
 * child was lost) */
static int status_of(int status)
{
    if (status < 0)
        return EXIT_CANNOT_RUN;
    return WIFSIGNALED(status) ? 128 + WTERMSIG(status) : WEXITSTATUS(status);
}

/* run_one: run prog with argv to its end; returns its status_of() */
static int run_one(const char *prog, char **argv, int verbose)
{
    pid_t pid = start(prog, argv);
    int status;

    if (pid < 0)
        return EXIT_CANNOT_RUN;
    status = wait_for(pid);
    if (status < 0)
        fprintf(stderr, "init: lost %s: %s\n", prog, strerror(errno));
    else if (WIFSIGNALED(status))
        printf("init: %s killed by signal %d (%s)\n", prog, WTERMSIG(status),
               signal_name(WTERMSIG(status)));
    else if (verbose)
        printf("init: %s exited %d\n", prog, WEXITSTATUS(status));
    return status_of(status);
}

static void run_shell(void)
{
    char *argv[] = { "sh", NULL };
    pid_t pid;

    printf("usmm: init started; the shell's 'help' lists the commands\n");
    pid = start("sh", argv);
    if (pid < 0)
        power_off(EXIT_CANNOT_RUN);
    power_off(status_of(wait_for(pid)));
}

int main(int argc, char **argv)
{
    if (argc < 2)
        run_shell();

    if (strcmp(argv[1], "run") == 0 && argc >= 3)
        power_off(run_one(argv[2], argv + 2, 0));

    if (strcmp(argv[1], "runall") == 0) {
        int failed = 0;
        for (int i = 2; i < argc; i++) {
            char *prog_argv[] = { argv[i], NULL };
            if (run_one(argv[i], prog_argv, 1) != 0)
                failed = 1;
        }
        power_off(failed);
    }

    fprintf(stderr, "usage: init [run PROG ARGS... | runall PROG...]\n");
    power_off(2);
}
