/*
 * user/lib/exit.c - ending the process: exit (atexit handlers, destructors,
 * stdio flush), _Exit, and abort.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "stdio_impl.h"

#define ATEXIT_MAX 32           /* the minimum POSIX asks for */

static void (*atexit_handlers[ATEXIT_MAX])(void);
static int atexit_count;

/* the linker's bounds of .fini_array (destructors) */
extern void (*__fini_array_start[])(void) __attribute__((weak));
extern void (*__fini_array_end[])(void) __attribute__((weak));

/* atexit: run fn at exit(), after those registered later; 0 or -1 */
int atexit(void (*fn)(void))
{
    if (atexit_count == ATEXIT_MAX)
        return -1;
    atexit_handlers[atexit_count++] = fn;
    return 0;
}

void exit(int status)
{
    /* a handler may call exit() again: each handler runs only once */
    while (atexit_count > 0)
        atexit_handlers[--atexit_count]();
    for (long i = __fini_array_end - __fini_array_start; i > 0; i--)
        __fini_array_start[i - 1]();
    fflush(NULL);
    _exit(status);
}

void _Exit(int status)
{
    _exit(status);
}

/* abort: die of SIGABRT, even if a handler for it returns.  Until the
 * kernel delivers signals, ends the process with the status a shell
 * shows for SIGABRT (128 + 6). */
void abort(void)
{
    struct sigaction default_action = { .sa_handler = SIG_DFL };
    sigset_t abrt = 1UL << (SIGABRT - 1);

    sigprocmask(SIG_UNBLOCK, &abrt, NULL);
    raise(SIGABRT);
    sigaction(SIGABRT, &default_action, NULL);
    raise(SIGABRT);
    _exit(128 + SIGABRT);
}
