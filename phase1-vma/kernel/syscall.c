/*
 * phase1-vma/kernel/syscall.c - dispatching system calls by number (see
 * kernel/syscall.h).
 */
#include <arch/printk.h>
#include <arch/syscall.h>
#include <kernel/boot.h>
#include <kernel/syscall.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/syscall_numbers.h>

struct syscall_entry {
    const char *name;
    syscall_fn fn;
};

static struct syscall_entry table[SYS_MAX];
static bool strace;

void syscall_register(unsigned nr, const char *name, syscall_fn fn)
{
    if (nr >= SYS_MAX)
        panic("syscall_register(%u, %s): number too large", nr, name);
    table[nr] = (struct syscall_entry){ name, fn };
}

void syscall_dispatch(struct trap_frame *tf)
{
    uint64_t nr = syscall_nr(tf);
    uint64_t a0 = syscall_arg0(tf), a1 = syscall_arg1(tf), a2 = syscall_arg2(tf);
    uint64_t a3 = syscall_arg3(tf), a4 = syscall_arg4(tf), a5 = syscall_arg5(tf);
    int64_t ret = -ENOSYS;

    current->fault_guard.repeats = 0;   /* a new instruction (mm/page_fault.c) */
    if (nr < SYS_MAX && table[nr].fn)
        ret = table[nr].fn(a0, a1, a2, a3, a4, a5);
    if (strace)
        printk("strace: %s[%d] %s(%#lx, %#lx, %#lx, %#lx) = %ld\n", current->name,
               current->pid, nr < SYS_MAX && table[nr].name ? table[nr].name : "?",
               a0, a1, a2, a3, ret);
    syscall_set_return(tf, (uint64_t)ret);
}

void syscall_init(void)
{
    strace = cmdline_has(&kernel_cmdline, "strace");
    syscall_init_table();
    arch_syscall_init(syscall_dispatch);
}
