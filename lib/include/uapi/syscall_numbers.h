/*
 * uapi/syscall_numbers.h - system call numbers.  Where Linux has the call,
 * the number is Linux's x86-64 number; the kernel's own calls (usmm_*)
 * start at 500.  A number the kernel does not implement returns -ENOSYS.
 */
#ifndef UAPI_SYSCALL_NUMBERS_H
#define UAPI_SYSCALL_NUMBERS_H

#define SYS_read            0
#define SYS_write           1
#define SYS_open            2
#define SYS_close           3
#define SYS_stat            4
#define SYS_fstat           5
#define SYS_lseek           8
#define SYS_mmap            9
#define SYS_mprotect        10
#define SYS_munmap          11
#define SYS_brk             12
#define SYS_rt_sigaction    13
#define SYS_rt_sigprocmask  14
#define SYS_rt_sigreturn    15
#define SYS_ioctl           16
#define SYS_pread64         17
#define SYS_pwrite64        18
#define SYS_readv           19
#define SYS_writev          20
#define SYS_sched_yield     24
#define SYS_mremap          25
#define SYS_msync           26
#define SYS_mincore         27
#define SYS_madvise         28
#define SYS_shmget          29
#define SYS_shmat           30
#define SYS_shmctl          31
#define SYS_dup             32
#define SYS_dup2            33
#define SYS_pause           34
#define SYS_nanosleep       35
#define SYS_getpid          39
#define SYS_fork            57
#define SYS_vfork           58
#define SYS_execve          59
#define SYS_exit            60
#define SYS_wait4           61
#define SYS_kill            62
#define SYS_uname           63
#define SYS_shmdt           67
#define SYS_fcntl           72
#define SYS_fsync           74
#define SYS_ftruncate       77
#define SYS_getcwd          79
#define SYS_unlink          87
#define SYS_gettimeofday    96
#define SYS_getrlimit       97
#define SYS_getrusage       98
#define SYS_sysinfo         99
#define SYS_getuid          102
#define SYS_getgid          104
#define SYS_geteuid         107
#define SYS_getegid         108
#define SYS_setpgid         109
#define SYS_getppid         110
#define SYS_getpgrp         111
#define SYS_getpgid         121
#define SYS_rt_sigpending   127
#define SYS_rt_sigtimedwait 128
#define SYS_rt_sigsuspend   130
#define SYS_sigaltstack     131
#define SYS_mlock           149
#define SYS_munlock         150
#define SYS_mlockall        151
#define SYS_munlockall      152
#define SYS_arch_prctl      158
#define SYS_setrlimit       160
#define SYS_gettid          186
#define SYS_tkill           200
#define SYS_set_tid_address 218
#define SYS_clock_gettime   228
#define SYS_exit_group      231
#define SYS_tgkill          234
#define SYS_prlimit64       302
#define SYS_getrandom       318
#define SYS_memfd_create    319
#define SYS_pkey_mprotect   329
#define SYS_pkey_alloc      330
#define SYS_pkey_free       331

#define SYS_usmm_meminfo    500  /* struct usmm_meminfo: the system's memory */
#define SYS_usmm_vmas       501  /* a process's VMAs (pmap) */
#define SYS_usmm_mmstat     502  /* a process's memory counters */
#define SYS_usmm_programs   503  /* names of the programs in the ramdisk */
#define SYS_usmm_poweroff   504  /* init only: stop the machine with a status */
#define SYS_usmm_check_mm   505  /* run check_mm() on a process's address space */
#define SYS_usmm_sysctl     506  /* read/set a kernel tunable */
#define SYS_usmm_ps         507  /* the process list */
#define SYS_usmm_pagemap    510  /* the frames behind a range of a process's pages */

#define SYS_MAX             512

#endif
