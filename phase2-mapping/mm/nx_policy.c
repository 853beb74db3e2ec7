/*
 * phase2-mapping/mm/nx_policy.c - no page both writable and executable
 * unless the program asked for it, and the optional W^X policy that
 * refuses even the asking.
 *
 * NX everywhere is the default already (phase 1 does the mechanics, and
 * this file states the policy): vma_pte_flags() sets the no-execute bit on
 * every user page of a VMA without VM_EXEC; the ELF loader gives each
 * PT_LOAD segment exactly its p_flags (text r-x, rodata r--, data rw-);
 * the stack and the brk heap are rw- (musl programs are linked with
 * `-z noexecstack`); mmap/mprotect give PROT_EXEC only when asked.
 * check_mm() verifies that no present entry is executable in a VMA
 * without VM_EXEC.
 *
 * W^X (off by default, as on Linux; `wxorx=1` on the command line or the
 * vm.wxorx sysctl): mmap and mprotect refuse PROT_WRITE|PROT_EXEC with
 * EACCES, the choice OpenBSD made (it refuses them unless the binary is
 * marked wxallowed).  A JIT then maps its code writable, fills it, and
 * mprotects it to r-x.  Hook: mm_prot_policy.check_prot (mm/mmap.h).
 */
#include <kernel/boot.h>
#include <kernel/sysctl.h>
#include <mm/protection.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

int64_t sysctl_wxorx;

int wxorx_check_prot(int prot)
{
    if (sysctl_wxorx && (prot & PROT_WRITE) && (prot & PROT_EXEC))
        return -EACCES;
    return 0;
}

void nx_policy_init(void)
{
    const char *v = cmdline_get(&kernel_cmdline, "wxorx");
    sysctl_wxorx = v && (v[0] == '\0' || v[0] == '1');
    sysctl_register("vm.wxorx", &sysctl_wxorx, 0, 1);
}
