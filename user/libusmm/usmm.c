/*
 * user/libusmm/usmm.c - libusmm: the kernel's own system calls (<usmm.h>;
 * their contracts are in <uapi/usmm.h>), a brk/sbrk that really moves the
 * break, and signal names.  Everything else a program needs is musl's.
 */
#include <errno.h>
#include <stdint.h>
#include <uapi/syscall_numbers.h>     /* Linux's numbers and the kernel's own */
#include <unistd.h>
#include <usmm.h>

long usmm_meminfo(struct usmm_meminfo *out)
{
    return syscall(SYS_usmm_meminfo, out);
}

long usmm_vmas(int pid, uint64_t from, struct usmm_vma_info *buf, uint64_t max)
{
    return syscall(SYS_usmm_vmas, pid, from, buf, max);
}

long usmm_mmstat(int pid, struct usmm_mmstat *out)
{
    return syscall(SYS_usmm_mmstat, pid, out);
}

long usmm_programs(char *buf, uint64_t size)
{
    return syscall(SYS_usmm_programs, buf, size);
}

long usmm_poweroff(int status)
{
    return syscall(SYS_usmm_poweroff, status);
}

long usmm_check_mm(int pid)
{
    return syscall(SYS_usmm_check_mm, pid);
}

long usmm_sysctl(const char *name, int64_t *old_value, const int64_t *new_value)
{
    return syscall(SYS_usmm_sysctl, name, old_value, new_value);
}

long usmm_pagemap(int pid, uint64_t addr, uint64_t npages, uint64_t *out)
{
    return syscall(SYS_usmm_pagemap, pid, addr, npages, out);
}

long usmm_vma_flags(const void *p, uint64_t *start, uint64_t *end)
{
    struct usmm_vma_info v;

    /* the first VMA ending above p: it holds p, or p is in a gap */
    if (usmm_vmas(0, (uint64_t)p, &v, 1) <= 0 || v.start > (uint64_t)p || v.end <= (uint64_t)p)
        return -1;
    if (start)
        *start = v.start;
    if (end)
        *end = v.end;
    return v.flags;
}

long usmm_ps(struct usmm_ps_entry *buf, uint64_t max)
{
    return syscall(SYS_usmm_ps, buf, max);
}

/* The brk system call returns the new break, or the old one when it
 * refused; the C functions turn that into 0/-1 and ENOMEM. */
static uintptr_t current_break;

int usmm_brk(void *addr)
{
    uintptr_t got = (uintptr_t)syscall(SYS_brk, addr);
    current_break = got;
    if (got != (uintptr_t)addr) {
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

void *usmm_sbrk(intptr_t increment)
{
    uintptr_t old;

    if (current_break == 0)
        current_break = (uintptr_t)syscall(SYS_brk, 0);
    old = current_break;
    if (increment != 0 && usmm_brk((void *)(old + (uintptr_t)increment)) != 0)
        return (void *)-1;
    return (void *)old;
}

const char *usmm_signal_abbrev(int sig)
{
    static const char *const names[32] = {
        NULL, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
        "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
        "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    };
    return sig > 0 && sig < 32 ? names[sig] : NULL;
}
