/*
 * user/lib/system.c - what a process can learn about the system and
 * itself: sysconf, the auxiliary vector, resource limits and usage,
 * sysinfo, uname, and syscall() for any call by number.
 */
#include <stdarg.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <usmm.h>

#include "syscall.h"

/* set by crt0.asm: the auxiliary vector, (type, value) pairs up to AT_NULL */
unsigned long *__libc_auxv;

unsigned long getauxval(unsigned long type)
{
    for (unsigned long *a = __libc_auxv; a != NULL && a[0] != AT_NULL; a += 2)
        if (a[0] == type)
            return a[1];
    return 0;
}

int getpagesize(void)
{
    unsigned long size = getauxval(AT_PAGESZ);
    return size ? (int)size : 4096;
}

/* sysconf: memory sizes come from the kernel's own counters */
long sysconf(int name)
{
    struct usmm_meminfo mi;

    switch (name) {
    case _SC_PAGESIZE:
        return getpagesize();
    case _SC_CLK_TCK:
        return 100;             /* Linux's USER_HZ: clock_t ticks */
    case _SC_ARG_MAX:
        return 131072;
    case _SC_OPEN_MAX:
        return 64;
    case _SC_NPROCESSORS_CONF:
    case _SC_NPROCESSORS_ONLN:
        return 1;
    case _SC_PHYS_PAGES:
    case _SC_AVPHYS_PAGES:
        if (usmm_meminfo(&mi) < 0)
            return -1;
        return (long)(name == _SC_PHYS_PAGES ? mi.total_pages : mi.free_pages);
    default:
        errno = EINVAL;
        return -1;
    }
}

int getrlimit(int resource, struct rlimit *out)
{
    return (int)syscall_return(syscall2(SYS_getrlimit, resource, (long)out));
}

int setrlimit(int resource, const struct rlimit *limit)
{
    return (int)syscall_return(syscall2(SYS_setrlimit, resource, (long)limit));
}

int prlimit(pid_t pid, int resource, const struct rlimit *limit, struct rlimit *old)
{
    return (int)syscall_return(syscall4(SYS_prlimit64, pid, resource, (long)limit,
                                        (long)old));
}

int getrusage(int who, struct rusage *out)
{
    return (int)syscall_return(syscall2(SYS_getrusage, who, (long)out));
}

int sysinfo(struct sysinfo *out)
{
    return (int)syscall_return(syscall1(SYS_sysinfo, (long)out));
}

int uname(struct utsname *out)
{
    return (int)syscall_return(syscall1(SYS_uname, (long)out));
}

/* syscall: every call takes at most six arguments; reading six when fewer
 * were passed only reads registers nobody set */
long syscall(long number, ...)
{
    va_list ap;
    long a[6];
    va_start(ap, number);
    for (int i = 0; i < 6; i++)
        a[i] = va_arg(ap, long);
    va_end(ap);
    return syscall_return(syscall6(number, a[0], a[1], a[2], a[3], a[4], a[5]));
}
