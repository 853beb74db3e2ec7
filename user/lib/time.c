/*
 * user/lib/time.c - clocks and sleeping.
 */
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"

int nanosleep(const struct timespec *request, struct timespec *remaining)
{
    return (int)syscall_return(syscall2(SYS_nanosleep, (long)request, (long)remaining));
}

int clock_gettime(clockid_t clock, struct timespec *out)
{
    return (int)syscall_return(syscall2(SYS_clock_gettime, clock, (long)out));
}

int gettimeofday(struct timeval *tv, struct timezone *tz)
{
    return (int)syscall_return(syscall2(SYS_gettimeofday, (long)tv, (long)tz));
}

/* time: seconds since the epoch, as CLOCK_REALTIME tells; -1 on failure */
time_t time(time_t *out)
{
    struct timespec now;
    time_t t = clock_gettime(CLOCK_REALTIME, &now) < 0 ? (time_t)-1 : now.tv_sec;
    if (out != NULL)
        *out = t;
    return t;
}

/* sleep: returns the seconds left when a signal cut the sleep short */
unsigned int sleep(unsigned int seconds)
{
    struct timespec request = { seconds, 0 }, remaining = { 0, 0 };
    if (nanosleep(&request, &remaining) < 0 && errno == EINTR)
        return (unsigned int)remaining.tv_sec + (remaining.tv_nsec > 0);
    return 0;
}

int usleep(useconds_t usec)
{
    struct timespec request = { usec / 1000000, (long)(usec % 1000000) * 1000 };
    return nanosleep(&request, NULL);
}
