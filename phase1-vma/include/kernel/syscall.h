/*
 * kernel/syscall.h - the system call table.
 *
 * A system call number indexes the table (kernel/syscall_table.c lists
 * phase 1's calls); a higher phase adds its calls with syscall_register().
 * A handler takes the six argument registers as uint64_t -- or fewer: the
 * table stores every handler as a six-argument function, which the x86-64
 * calling convention makes safe -- and returns a value or -errno.
 * `strace` on the kernel command line logs every call and its result.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <arch/trap.h>
#include <stdbool.h>
#include <stdint.h>

typedef int64_t (*syscall_fn)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

/* SYSCALL_HANDLER: a handler of any arity as a table entry (through
 * void (*)(void), the one cast GCC accepts between function types). */
#define SYSCALL_HANDLER(fn) ((syscall_fn)(void (*)(void))(fn))

/* syscall_register: install `fn` as system call `nr`. */
void syscall_register(unsigned nr, const char *name, syscall_fn fn);

/* syscall_dispatch: run the call described by `tf` (the syscall entry's
 * handler, see arch/syscall.h). */
void syscall_dispatch(struct trap_frame *tf);

void syscall_init_table(void);

/* linux_syscall_name: Linux's name for system call `nr`, or NULL
 * (kernel/syscall_names.c; strace uses it for calls without a handler). */
const char *linux_syscall_name(uint64_t nr);

/* syscall_init: the table, `strace`, and the syscall entry (boot). */
void syscall_init(void);

/* Phase 1's calls. */
int64_t sys_read(uint64_t fd, uint64_t buf, uint64_t n);
int64_t sys_write(uint64_t fd, uint64_t buf, uint64_t n);
int64_t sys_ioctl(uint64_t fd, uint64_t request, uint64_t arg);
int64_t sys_readv(uint64_t fd, uint64_t iov, uint64_t count);
int64_t sys_writev(uint64_t fd, uint64_t iov, uint64_t count);
int64_t sys_close(uint64_t fd);
int64_t sys_dup(uint64_t fd);
int64_t sys_dup2(uint64_t oldfd, uint64_t newfd);
int64_t sys_mmap(uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags, uint64_t fd,
                 uint64_t offset);
int64_t sys_munmap(uint64_t addr, uint64_t len);
int64_t sys_mprotect(uint64_t addr, uint64_t len, uint64_t prot);

/* mprotect_syscall: mprotect's and pkey_mprotect's argument checks, in
 * Linux's order (alignment, length 0 succeeds, range, protection bits, then
 * the key when pkey_valid is given), then do_mprotect_pkey with `pkey`
 * (-1: each VMA keeps its key). */
struct mm_struct;
int64_t mprotect_syscall(uint64_t addr, uint64_t len, uint64_t prot, int pkey,
                         bool (*pkey_valid)(const struct mm_struct *mm, int pkey));
int64_t sys_brk(uint64_t addr);
int64_t sys_mremap(uint64_t addr, uint64_t old_len, uint64_t new_len, uint64_t flags,
                   uint64_t new_addr);
int64_t sys_sched_yield(void);
int64_t sys_nanosleep(uint64_t req, uint64_t rem);
int64_t sys_pause(void);
int64_t sys_getpid(void);
int64_t sys_getppid(void);
int64_t sys_gettid(void);
int64_t sys_fork(void);
int64_t sys_execve(uint64_t path, uint64_t argv, uint64_t envp);
int64_t sys_exit(uint64_t code);
int64_t sys_wait4(uint64_t pid, uint64_t status, uint64_t options, uint64_t rusage);
int64_t sys_kill(uint64_t pid, uint64_t sig);
int64_t sys_tkill(uint64_t tid, uint64_t sig);
int64_t sys_tgkill(uint64_t tgid, uint64_t tid, uint64_t sig);
int64_t sys_setpgid(uint64_t pid, uint64_t pgid);
int64_t sys_getpgid(uint64_t pid);
int64_t sys_getpgrp(void);
int64_t sys_arch_prctl(uint64_t code, uint64_t addr);
int64_t sys_set_tid_address(uint64_t tidptr);
int64_t sys_getuid(void);
int64_t sys_rt_sigprocmask(uint64_t how, uint64_t set, uint64_t old, uint64_t size);
int64_t sys_prlimit64(uint64_t pid, uint64_t resource, uint64_t new_ptr, uint64_t old_ptr);
int64_t sys_getrlimit(uint64_t resource, uint64_t old_ptr);
int64_t sys_setrlimit(uint64_t resource, uint64_t new_ptr);
int64_t sys_getrandom(uint64_t buf, uint64_t count, uint64_t flags);
int64_t sys_madvise(uint64_t addr, uint64_t len, uint64_t advice);
int64_t sys_uname(uint64_t buf);
int64_t sys_clock_gettime(uint64_t clock, uint64_t ts);
int64_t sys_gettimeofday(uint64_t tv, uint64_t tz);
int64_t sys_sysinfo(uint64_t info);
int64_t sys_usmm_meminfo(uint64_t out);
int64_t sys_usmm_vmas(uint64_t pid, uint64_t from, uint64_t buf, uint64_t max);
int64_t sys_usmm_mmstat(uint64_t pid, uint64_t out);
int64_t sys_usmm_programs(uint64_t buf, uint64_t size);
int64_t sys_usmm_poweroff(uint64_t status);
int64_t sys_usmm_check_mm(uint64_t pid);
int64_t sys_usmm_sysctl(uint64_t name, uint64_t oldval, uint64_t newval);
int64_t sys_usmm_ps(uint64_t buf, uint64_t max);
int64_t sys_usmm_pagemap(uint64_t pid, uint64_t addr, uint64_t npages, uint64_t out);

#endif
