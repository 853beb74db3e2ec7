/*
 * user/lib/strerror.c - the texts for error numbers and signals, worded
 * as glibc words them so that output matches Linux.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char *const error_text[] = {
    [0]            = "Success",
    [EPERM]        = "Operation not permitted",
    [ENOENT]       = "No such file or directory",
    [ESRCH]        = "No such process",
    [EINTR]        = "Interrupted system call",
    [EIO]          = "Input/output error",
    [ENXIO]        = "No such device or address",
    [E2BIG]        = "Argument list too long",
    [ENOEXEC]      = "Exec format error",
    [EBADF]        = "Bad file descriptor",
    [ECHILD]       = "No child processes",
    [EAGAIN]       = "Resource temporarily unavailable",
    [ENOMEM]       = "Cannot allocate memory",
    [EACCES]       = "Permission denied",
    [EFAULT]       = "Bad address",
    [EBUSY]        = "Device or resource busy",
    [EEXIST]       = "File exists",
    [ENODEV]       = "No such device",
    [ENOTDIR]      = "Not a directory",
    [EISDIR]       = "Is a directory",
    [EINVAL]       = "Invalid argument",
    [ENFILE]       = "Too many open files in system",
    [EMFILE]       = "Too many open files",
    [ENOTTY]       = "Inappropriate ioctl for device",
    [EFBIG]        = "File too large",
    [ENOSPC]       = "No space left on device",
    [ESPIPE]       = "Illegal seek",
    [EROFS]        = "Read-only file system",
    [EPIPE]        = "Broken pipe",
    [EDOM]         = "Numerical argument out of domain",
    [ERANGE]       = "Numerical result out of range",
    [EDEADLK]      = "Resource deadlock avoided",
    [ENAMETOOLONG] = "File name too long",
    [ENOSYS]       = "Function not implemented",
    [ENOTEMPTY]    = "Directory not empty",
    [ENOMSG]       = "No message of desired type",
    [EIDRM]        = "Identifier removed",
    [EOVERFLOW]    = "Value too large for defined data type",
    [EILSEQ]       = "Invalid or incomplete multibyte or wide character",
    [ENOTSOCK]     = "Socket operation on non-socket",
    [EOPNOTSUPP]   = "Operation not supported",
    [ETIMEDOUT]    = "Connection timed out",
};

/* strerror: the returned text may live in a static buffer ("Unknown error
 * N") that the next call overwrites */
char *strerror(int errnum)
{
    static char unknown[32];
    if (errnum >= 0 && errnum < (int)(sizeof(error_text) / sizeof(error_text[0])) &&
        error_text[errnum] != NULL)
        return (char *)error_text[errnum];
    snprintf(unknown, sizeof(unknown), "Unknown error %d", errnum);
    return unknown;
}

struct signal_name {
    const char *abbrev;        /* without "SIG" */
    const char *text;
};

static const struct signal_name signal_names[] = {
    [SIGHUP]    = { "HUP", "Hangup" },
    [SIGINT]    = { "INT", "Interrupt" },
    [SIGQUIT]   = { "QUIT", "Quit" },
    [SIGILL]    = { "ILL", "Illegal instruction" },
    [SIGTRAP]   = { "TRAP", "Trace/breakpoint trap" },
    [SIGABRT]   = { "ABRT", "Aborted" },
    [SIGBUS]    = { "BUS", "Bus error" },
    [SIGFPE]    = { "FPE", "Floating point exception" },
    [SIGKILL]   = { "KILL", "Killed" },
    [SIGUSR1]   = { "USR1", "User defined signal 1" },
    [SIGSEGV]   = { "SEGV", "Segmentation fault" },
    [SIGUSR2]   = { "USR2", "User defined signal 2" },
    [SIGPIPE]   = { "PIPE", "Broken pipe" },
    [SIGALRM]   = { "ALRM", "Alarm clock" },
    [SIGTERM]   = { "TERM", "Terminated" },
    [SIGSTKFLT] = { "STKFLT", "Stack fault" },
    [SIGCHLD]   = { "CHLD", "Child exited" },
    [SIGCONT]   = { "CONT", "Continued" },
    [SIGSTOP]   = { "STOP", "Stopped (signal)" },
    [SIGTSTP]   = { "TSTP", "Stopped" },
    [SIGTTIN]   = { "TTIN", "Stopped (tty input)" },
    [SIGTTOU]   = { "TTOU", "Stopped (tty output)" },
    [SIGURG]    = { "URG", "Urgent I/O condition" },
    [SIGXCPU]   = { "XCPU", "CPU time limit exceeded" },
    [SIGXFSZ]   = { "XFSZ", "File size limit exceeded" },
    [SIGVTALRM] = { "VTALRM", "Virtual timer expired" },
    [SIGPROF]   = { "PROF", "Profiling timer expired" },
    [SIGWINCH]  = { "WINCH", "Window changed" },
    [SIGIO]     = { "IO", "I/O possible" },
    [SIGPWR]    = { "PWR", "Power failure" },
    [SIGSYS]    = { "SYS", "Bad system call" },
};

static const struct signal_name *find_signal(int sig)
{
    if (sig > 0 && sig < (int)(sizeof(signal_names) / sizeof(signal_names[0])))
        return &signal_names[sig];
    return NULL;
}

const char *sigabbrev_np(int sig)
{
    const struct signal_name *s = find_signal(sig);
    return s ? s->abbrev : NULL;
}

/* strsignal: like strerror, "Unknown signal N" may be a static buffer */
char *strsignal(int sig)
{
    static char unknown[32];
    const struct signal_name *s = find_signal(sig);
    if (s != NULL)
        return (char *)s->text;
    if (sig >= 34 && sig < NSIG)
        snprintf(unknown, sizeof(unknown), "Real-time signal %d", sig - 34);
    else
        snprintf(unknown, sizeof(unknown), "Unknown signal %d", sig);
    return unknown;
}
