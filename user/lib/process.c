/*
 * user/lib/process.c - creating, replacing, waiting for and identifying
 * processes: thin system call stubs.
 */
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "syscall.h"

pid_t fork(void)
{
    return (pid_t)syscall_return(syscall0(SYS_fork));
}

/* vfork: a real vfork shares the parent's stack until exec, which a C
 * stub cannot survive returning from; fork is always a correct vfork. */
pid_t vfork(void)
{
    return fork();
}

int execve(const char *path, char *const argv[], char *const envp[])
{
    return (int)syscall_return(syscall3(SYS_execve, (long)path, (long)argv, (long)envp));
}

int execv(const char *path, char *const argv[])
{
    return execve(path, argv, environ);
}

/* execvp: programs are found by their plain name, so no PATH search */
int execvp(const char *file, char *const argv[])
{
    return execve(file, argv, environ);
}

/* _exit: end the process now: no atexit handlers, no stdio flush.  Tries
 * exit_group first, as Linux's C library does, then plain exit. */
void _exit(int status)
{
    for (;;) {
        syscall1(SYS_exit_group, status);
        syscall1(SYS_exit, status);
    }
}

pid_t getpid(void)
{
    return (pid_t)syscall0(SYS_getpid);
}

pid_t getppid(void)
{
    return (pid_t)syscall0(SYS_getppid);
}

int setpgid(pid_t pid, pid_t pgid)
{
    return (int)syscall_return(syscall2(SYS_setpgid, pid, pgid));
}

pid_t getpgid(pid_t pid)
{
    return (pid_t)syscall_return(syscall1(SYS_getpgid, pid));
}

pid_t getpgrp(void)
{
    return (pid_t)syscall0(SYS_getpgrp);
}

pid_t gettid(void)
{
    return (pid_t)syscall0(SYS_gettid);
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage)
{
    return (pid_t)syscall_return(syscall4(SYS_wait4, pid, (long)status, options,
                                          (long)usage));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
    return wait4(pid, status, options, NULL);
}

/* wait: any child */
pid_t wait(int *status)
{
    return wait4(-1, status, 0, NULL);
}

int pause(void)
{
    return (int)syscall_return(syscall0(SYS_pause));
}

int sched_yield(void)
{
    return (int)syscall_return(syscall0(SYS_sched_yield));
}
