/*
 * user/lib/usmm.c - the kernel's own system calls (<usmm.h>); their
 * contracts are in <uapi/usmm.h>.
 */
#include <usmm.h>

#include "syscall.h"

long usmm_meminfo(struct usmm_meminfo *out)
{
    return syscall_return(syscall1(SYS_usmm_meminfo, (long)out));
}

long usmm_vmas(int pid, uint64_t from, struct usmm_vma_info *buf, uint64_t max)
{
    return syscall_return(syscall4(SYS_usmm_vmas, pid, (long)from, (long)buf, (long)max));
}

long usmm_mmstat(int pid, struct usmm_mmstat *out)
{
    return syscall_return(syscall2(SYS_usmm_mmstat, pid, (long)out));
}

long usmm_programs(char *buf, uint64_t size)
{
    return syscall_return(syscall2(SYS_usmm_programs, (long)buf, (long)size));
}

long usmm_poweroff(int status)
{
    return syscall_return(syscall1(SYS_usmm_poweroff, status));
}

long usmm_check_mm(int pid)
{
    return syscall_return(syscall1(SYS_usmm_check_mm, pid));
}

long usmm_sysctl(const char *name, int64_t *old_value, const int64_t *new_value)
{
    return syscall_return(syscall3(SYS_usmm_sysctl, (long)name, (long)old_value,
                                   (long)new_value));
}

long usmm_ps(struct usmm_ps_entry *buf, uint64_t max)
{
    return syscall_return(syscall2(SYS_usmm_ps, (long)buf, (long)max));
}
