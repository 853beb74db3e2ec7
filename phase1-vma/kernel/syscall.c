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

/* trace_call: one `strace` line; a call with no handler in this phase is
 * named all the same, and marked. */
static void trace_call(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                       int64_t ret)
{
    bool handled = nr < SYS_MAX && table[nr].fn;
    const char *name = handled ? table[nr].name : linux_syscall_name(nr);

    printk("strace: %s[%d] %s(%#lx, %#lx, %#lx, %#lx) = %ld%s\n", current->name, current->pid,
           name ? name : "?", a0, a1, a2, a3, ret, handled ? "" : " (not in this phase)");
}

void syscall_dispatch(struct trap_frame *tf)
{
    uint64_t nr = syscall_nr(tf);
    uint64_t a0 = syscall_arg0(tf), a1 = syscall_arg1(tf), a2 = syscall_arg2(tf);
    uint64_t a3 = syscall_arg3(tf), a4 = syscall_arg4(tf), a5 = syscall_arg5(tf);
    int64_t ret = -ENOSYS;

    current->fault_guard.repeats = 0;   /* a new instruction (mm/page_fault.c) */
    current->syscall_nr = (int64_t)nr;  /* for a signal handler's restart decision */
    current->nr_syscalls++;
    if (nr < SYS_MAX && table[nr].fn)
        ret = table[nr].fn(a0, a1, a2, a3, a4, a5);
    if (strace)
        trace_call(nr, a0, a1, a2, a3, ret);
    syscall_set_return(tf, (uint64_t)ret);
}

void syscall_init(void)
{
    strace = cmdline_has(&kernel_cmdline, "strace");
    syscall_init_table();
    arch_syscall_init(syscall_dispatch);
}
