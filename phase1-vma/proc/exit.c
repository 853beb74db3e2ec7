/*
 * phase1-vma/proc/exit.c - exit and wait (see proc/exit.h).
 */
#include <arch/cpu.h>
#include <arch/poweroff.h>
#include <arch/printk.h>
#include <kernel/boot.h>
#include <kernel/file.h>
#include <kernel/power.h>
#include <mm/mm.h>
#include <proc/fork.h>
#include <proc/exit.h>
#include <proc/sched.h>
#include <proc/signal.h>
#include <uapi/errno.h>

struct task *init_task;

/* init_exit_code: the status the machine powers off with when init ends. */
static int init_exit_code(int status)
{
    if ((status & 0x7f) == 0)
        return (status >> 8) & 0xff;
    return 128 + (status & 0x7f);
}

/* reparent_children: init adopts current's children (and reaps any that
 * are already zombies when it next waits). */
static void reparent_children(void)
{
    bool zombies = false;
    while (!list_empty(&current->children)) {
        struct task *child = list_entry(current->children.next, struct task, sibling);
        list_del(&child->sibling);
        child->parent = init_task;
        list_add_tail(&child->sibling, &init_task->children);
        zombies |= child->state == TASK_ZOMBIE;
    }
    if (zombies)
        wake_up(&init_task->child_exit);
}

void do_exit(int status)
{
    struct mm_struct *mm = current->mm;

    if (current == init_task) {
        if (status & 0x7f)
            printk("init: killed by signal %d (%s)\n", status & 0x7f, signal_name(status & 0x7f));
        power_off(init_exit_code(status));
    }
    files_close_all(current);
    if (mm) {
        if (KERNEL_DEBUG && check_mm(mm) != 0)
            panic("check_mm failed for %s[%d] at exit", current->name, current->pid);
        mm_release(current);
        current->mm = NULL;
        mmput(mm);
    }
    irq_disable();
    reparent_children();
    current->exit_status = status;
    current->state = TASK_ZOMBIE;
    /* dropped unless it is handled (or blocked); the info says who and how */
    send_signal_info(current->parent, &(struct ksiginfo){
        .signo = SIGCHLD, .pid = current->pid, .pkey = -1,
        .code = (status & 0x7f) ? CLD_KILLED : CLD_EXITED,
        .status = (status & 0x7f) ? (status & 0x7f) : (status >> 8) & 0xff });
    wake_up(&current->parent->child_exit);
    schedule();
    panic("a zombie was scheduled");
}

/* reap: free a zombie child and return its pid. */
static int reap(struct task *child, int *status)
{
    int pid = child->pid;
    *status = child->exit_status;
    list_del(&child->sibling);
    task_free(child);
    return pid;
}

int do_wait4(int pid, int *status, int options)
{
    uint64_t flags = irq_save();
    int result;

    for (;;) {
        struct list_head *pos;
        bool have_child = false;
        result = 0;
        list_for_each(pos, &current->children) {
            struct task *child = list_entry(pos, struct task, sibling);
            if (pid > 0 && child->pid != pid)
                continue;
            have_child = true;
            if (child->state == TASK_ZOMBIE) {
                result = reap(child, status);
                break;
            }
        }
        if (result > 0)
            break;
        if (!have_child) {
            result = -ECHILD;
            break;
        }
        if (options & WNOHANG)
            break;
        if (signal_pending(current)) {
            result = -EINTR;
            break;
        }
        sleep_on(&current->child_exit);
    }
    irq_restore(flags);
    return result;
}
