/*
 * <sys/resource.h> - resource limits and usage (Linux x86-64 layout).
 * RLIMIT_AS, RLIMIT_DATA, RLIMIT_STACK and RLIMIT_MEMLOCK are the ones the
 * memory system enforces (phase 3).
 */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H

#include <sys/time.h>
#include <sys/types.h>

typedef unsigned long rlim_t;

#define RLIM_INFINITY (~0UL)

#define RLIMIT_CPU     0
#define RLIMIT_FSIZE   1
#define RLIMIT_DATA    2
#define RLIMIT_STACK   3
#define RLIMIT_CORE    4
#define RLIMIT_RSS     5
#define RLIMIT_NPROC   6
#define RLIMIT_NOFILE  7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS      9
#define RLIMIT_NLIMITS 16
#define RLIM_NLIMITS   RLIMIT_NLIMITS

struct rlimit {
    rlim_t rlim_cur;
    rlim_t rlim_max;
};

#define RUSAGE_SELF      0
#define RUSAGE_CHILDREN  (-1)

struct rusage {
    struct timeval ru_utime;
    struct timeval ru_stime;
    long ru_maxrss;     /* KiB */
    long ru_ixrss;
    long ru_idrss;
    long ru_isrss;
    long ru_minflt;     /* page faults served without I/O */
    long ru_majflt;
    long ru_nswap;
    long ru_inblock;
    long ru_oublock;
    long ru_msgsnd;
    long ru_msgrcv;
    long ru_nsignals;
    long ru_nvcsw;
    long ru_nivcsw;
};

int getrlimit(int resource, struct rlimit *out);
int setrlimit(int resource, const struct rlimit *limit);
int prlimit(pid_t pid, int resource, const struct rlimit *limit, struct rlimit *old);
int getrusage(int who, struct rusage *out);

#endif
