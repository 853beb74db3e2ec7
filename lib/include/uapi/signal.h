/*
 * uapi/signal.h - signal numbers (Linux x86-64) and the wait status
 * encoding, shared by the kernel and <signal.h> / <sys/wait.h>.
 *
 * Wait status, as Linux encodes it:
 *   exited with code c:        (c & 0xff) << 8
 *   killed by signal s:        s & 0x7f   (| 0x80 with a core dump)
 */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

#define SIGHUP    1
#define SIGINT    2
#define SIGQUIT   3
#define SIGILL    4
#define SIGTRAP   5
#define SIGABRT   6
#define SIGIOT    6
#define SIGBUS    7
#define SIGFPE    8
#define SIGKILL   9
#define SIGUSR1   10
#define SIGSEGV   11
#define SIGUSR2   12
#define SIGPIPE   13
#define SIGALRM   14
#define SIGTERM   15
#define SIGSTKFLT 16
#define SIGCHLD   17
#define SIGCONT   18
#define SIGSTOP   19
#define SIGTSTP   20
#define SIGTTIN   21
#define SIGTTOU   22
#define SIGURG    23
#define SIGXCPU   24
#define SIGXFSZ   25
#define SIGVTALRM 26
#define SIGPROF   27
#define SIGWINCH  28
#define SIGIO     29
#define SIGPOLL   SIGIO
#define SIGPWR    30
#define SIGSYS    31
#define NSIG      65   /* one more than the highest signal number */

/* si_code values (Linux's) */
#define SI_USER     0       /* kill() */
#define SI_KERNEL   0x80    /* the kernel (an exception without a finer code) */
#define SI_TKILL    (-6)    /* tkill(), tgkill() (raise) */
#define ILL_ILLOPN  2       /* illegal operand (#UD) */
#define FPE_INTDIV  1       /* integer divide by zero (#DE) */
#define FPE_FLTDIV  3       /* floating-point divide by zero */
#define FPE_FLTOVF  4       /* floating-point overflow */
#define FPE_FLTUND  5       /* floating-point underflow (or denormal) */
#define FPE_FLTRES  6       /* floating-point inexact result */
#define FPE_FLTINV  7       /* invalid floating-point operation */
#define BUS_ADRALN  1       /* misaligned address (#AC) */
#define CLD_EXITED  1       /* SIGCHLD: the child exited */
#define CLD_KILLED  2       /* SIGCHLD: a signal killed it */
#define SEGV_MAPERR 1       /* no mapping at the address */
#define SEGV_ACCERR 2       /* the mapping does not allow the access */
#define SEGV_PKUERR 4       /* the page's protection key does not */
#define BUS_ADRERR  2       /* no such physical address (past a file's end) */

#define WNOHANG     1
#define WUNTRACED   2
#define WCONTINUED  8
#define __WNOTHREAD 0x20000000
#define __WALL      0x40000000
#define __WCLONE    0x80000000

#define WAIT_STATUS_EXITED(code)  (((code) & 0xff) << 8)
#define WAIT_STATUS_SIGNALED(sig) ((sig) & 0x7f)

#endif
