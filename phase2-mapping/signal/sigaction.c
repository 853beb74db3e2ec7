/*
 * phase2-mapping/signal/sigaction.c - the calls that set up signal
 * handling: rt_sigaction, sigaltstack, rt_sigpending, and signal_init,
 * which plugs phase 2's signals into phase 1 (hooks, syscall_register).
 */
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <uapi/syscall_numbers.h>
#include <signal/sigstate.h>
#include <uapi/errno.h>

/* do_sigaction: set `sig`'s action to *act (NULL: only read) and return
 * the old one in *oact (NULL: not wanted).  Setting SIG_IGN, or SIG_DFL
 * for a signal whose default is to ignore it, discards it if pending, as
 * POSIX requires.  0, -EINVAL or -ENOMEM. */
static int do_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact)
{
    struct sigstate *s;

    if (sig < 1 || sig >= NSIG || (act && (sig == SIGKILL || sig == SIGSTOP)))
        return -EINVAL;
    if (oact)
        *oact = *sig_action(current, sig);
    if (!act)
        return 0;
    s = sigstate_get(current);
    if (!s)
        return -ENOMEM;
    s->action[sig - 1] = *act;
    s->action[sig - 1].mask &= ~SIGNALS_UNBLOCKABLE;
    if (act->handler == SIG_IGN_HANDLER ||
        (act->handler == SIG_DFL_HANDLER && sig_default_ignored(sig)))
        sig_flush_pending(current, sig);
    return 0;
}

/* sys_rt_sigaction: rt_sigaction(sig, act, oact, sigsetsize), the kernel's
 * 32-byte struct sigaction with sa_restorer and an 8-byte mask. */
int64_t sys_rt_sigaction(uint64_t sig, uint64_t act_ptr, uint64_t oact_ptr, uint64_t size)
{
    struct k_sigaction act, oact;
    int err;

    if (size != sizeof(uint64_t))
        return -EINVAL;
    if (act_ptr && copy_from_user(&act, (const void *)act_ptr, sizeof(act)))
        return -EFAULT;
    err = do_sigaction((int)sig, act_ptr ? &act : NULL, &oact);
    if (err)
        return err;
    if (oact_ptr && copy_to_user((void *)oact_ptr, &oact, sizeof(oact)))
        return -EFAULT;
    return 0;
}

/* sys_sigaltstack: sigaltstack(ss, oss) with Linux's stack_t. */
int64_t sys_sigaltstack(uint64_t ss_ptr, uint64_t oss_ptr)
{
    struct user_stack ss, oss;
    int err;

    if (ss_ptr && copy_from_user(&ss, (const void *)ss_ptr, sizeof(ss)))
        return -EFAULT;
    err = do_sigaltstack(current, ss_ptr ? &ss : NULL, &oss, current->tf->rsp);
    if (err)
        return err;
    if (oss_ptr && copy_to_user((void *)oss_ptr, &oss, sizeof(oss)))
        return -EFAULT;
    return 0;
}

/* sys_rt_sigpending: the signals pending and blocked. */
int64_t sys_rt_sigpending(uint64_t set_ptr, uint64_t size)
{
    uint64_t set = current->pending_signals & current->blocked_signals;

    if (size > sizeof(uint64_t))
        return -EINVAL;
    if (copy_to_user((void *)set_ptr, &set, size))
        return -EFAULT;
    return 0;
}

void signal_init(void)
{
    sigstate_init();
    signal_set_handler_hook(handle_signal);
    syscall_register(SYS_rt_sigaction, "rt_sigaction", SYSCALL_HANDLER(sys_rt_sigaction));
    syscall_register(SYS_rt_sigreturn, "rt_sigreturn", SYSCALL_HANDLER(sys_rt_sigreturn));
    syscall_register(SYS_sigaltstack, "sigaltstack", SYSCALL_HANDLER(sys_sigaltstack));
    syscall_register(SYS_rt_sigpending, "rt_sigpending", SYSCALL_HANDLER(sys_rt_sigpending));
    syscall_register(SYS_rt_sigsuspend, "rt_sigsuspend", SYSCALL_HANDLER(sys_rt_sigsuspend));
    syscall_register(SYS_rt_sigtimedwait, "rt_sigtimedwait",
                     SYSCALL_HANDLER(sys_rt_sigtimedwait));
}
