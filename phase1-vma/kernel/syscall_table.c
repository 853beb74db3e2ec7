/*
 * phase1-vma/kernel/syscall_table.c - the system calls phase 1 provides.
 * Numbers are Linux's (uapi/syscall_numbers.h); anything missing here
 * returns -ENOSYS.
 */
#include <kernel/syscall.h>
#include <uapi/syscall_numbers.h>

struct syscall_def {
    unsigned nr;
    const char *name;
    syscall_fn fn;
};

static const struct syscall_def phase1_calls[] = {
    { SYS_read, "read", SYSCALL_HANDLER(sys_read) },
    { SYS_write, "write", SYSCALL_HANDLER(sys_write) },
    { SYS_ioctl, "ioctl", SYSCALL_HANDLER(sys_ioctl) },
    { SYS_readv, "readv", SYSCALL_HANDLER(sys_readv) },
    { SYS_writev, "writev", SYSCALL_HANDLER(sys_writev) },
    { SYS_close, "close", SYSCALL_HANDLER(sys_close) },
    { SYS_dup, "dup", SYSCALL_HANDLER(sys_dup) },
    { SYS_dup2, "dup2", SYSCALL_HANDLER(sys_dup2) },
    { SYS_mmap, "mmap", SYSCALL_HANDLER(sys_mmap) },
    { SYS_munmap, "munmap", SYSCALL_HANDLER(sys_munmap) },
    { SYS_mprotect, "mprotect", SYSCALL_HANDLER(sys_mprotect) },
    { SYS_brk, "brk", SYSCALL_HANDLER(sys_brk) },
    { SYS_mremap, "mremap", SYSCALL_HANDLER(sys_mremap) },
    { SYS_sched_yield, "sched_yield", SYSCALL_HANDLER(sys_sched_yield) },
    { SYS_nanosleep, "nanosleep", SYSCALL_HANDLER(sys_nanosleep) },
    { SYS_pause, "pause", SYSCALL_HANDLER(sys_pause) },
    { SYS_getpid, "getpid", SYSCALL_HANDLER(sys_getpid) },
    { SYS_getppid, "getppid", SYSCALL_HANDLER(sys_getppid) },
    { SYS_gettid, "gettid", SYSCALL_HANDLER(sys_gettid) },
    { SYS_fork, "fork", SYSCALL_HANDLER(sys_fork) },
    { SYS_vfork, "vfork", SYSCALL_HANDLER(sys_fork) },
    { SYS_execve, "execve", SYSCALL_HANDLER(sys_execve) },
    { SYS_exit, "exit", SYSCALL_HANDLER(sys_exit) },
    { SYS_exit_group, "exit_group", SYSCALL_HANDLER(sys_exit) },
    { SYS_wait4, "wait4", SYSCALL_HANDLER(sys_wait4) },
    { SYS_kill, "kill", SYSCALL_HANDLER(sys_kill) },
    { SYS_tkill, "tkill", SYSCALL_HANDLER(sys_tkill) },
    { SYS_tgkill, "tgkill", SYSCALL_HANDLER(sys_tgkill) },
    { SYS_setpgid, "setpgid", SYSCALL_HANDLER(sys_setpgid) },
    { SYS_getpgid, "getpgid", SYSCALL_HANDLER(sys_getpgid) },
    { SYS_getpgrp, "getpgrp", SYSCALL_HANDLER(sys_getpgrp) },
    { SYS_arch_prctl, "arch_prctl", SYSCALL_HANDLER(sys_arch_prctl) },
    { SYS_set_tid_address, "set_tid_address", SYSCALL_HANDLER(sys_set_tid_address) },
    { SYS_getuid, "getuid", SYSCALL_HANDLER(sys_getuid) },
    { SYS_rt_sigprocmask, "rt_sigprocmask", SYSCALL_HANDLER(sys_rt_sigprocmask) },
    { SYS_prlimit64, "prlimit64", SYSCALL_HANDLER(sys_prlimit64) },
    { SYS_getrlimit, "getrlimit", SYSCALL_HANDLER(sys_getrlimit) },
    { SYS_setrlimit, "setrlimit", SYSCALL_HANDLER(sys_setrlimit) },
    { SYS_getrandom, "getrandom", SYSCALL_HANDLER(sys_getrandom) },
    { SYS_madvise, "madvise", SYSCALL_HANDLER(sys_madvise) },
    { SYS_getgid, "getgid", SYSCALL_HANDLER(sys_getuid) },
    { SYS_geteuid, "geteuid", SYSCALL_HANDLER(sys_getuid) },
    { SYS_getegid, "getegid", SYSCALL_HANDLER(sys_getuid) },
    { SYS_uname, "uname", SYSCALL_HANDLER(sys_uname) },
    { SYS_clock_gettime, "clock_gettime", SYSCALL_HANDLER(sys_clock_gettime) },
    { SYS_gettimeofday, "gettimeofday", SYSCALL_HANDLER(sys_gettimeofday) },
    { SYS_sysinfo, "sysinfo", SYSCALL_HANDLER(sys_sysinfo) },
    { SYS_usmm_meminfo, "usmm_meminfo", SYSCALL_HANDLER(sys_usmm_meminfo) },
    { SYS_usmm_vmas, "usmm_vmas", SYSCALL_HANDLER(sys_usmm_vmas) },
    { SYS_usmm_mmstat, "usmm_mmstat", SYSCALL_HANDLER(sys_usmm_mmstat) },
    { SYS_usmm_programs, "usmm_programs", SYSCALL_HANDLER(sys_usmm_programs) },
    { SYS_usmm_poweroff, "usmm_poweroff", SYSCALL_HANDLER(sys_usmm_poweroff) },
    { SYS_usmm_check_mm, "usmm_check_mm", SYSCALL_HANDLER(sys_usmm_check_mm) },
    { SYS_usmm_sysctl, "usmm_sysctl", SYSCALL_HANDLER(sys_usmm_sysctl) },
    { SYS_usmm_ps, "usmm_ps", SYSCALL_HANDLER(sys_usmm_ps) },
    { SYS_usmm_pagemap, "usmm_pagemap", SYSCALL_HANDLER(sys_usmm_pagemap) },
};

void syscall_init_table(void)
{
    for (unsigned i = 0; i < sizeof(phase1_calls) / sizeof(phase1_calls[0]); i++)
        syscall_register(phase1_calls[i].nr, phase1_calls[i].name, phase1_calls[i].fn);
}
