/*
 * proc/task.h - a process.
 *
 * Each process has its own kernel stack.  While the process runs in ring 3
 * the stack is empty; a trap or system call pushes a struct trap_frame at
 * its top, and that frame is what fork copies and exec rewrites:
 *
 *   kstack_top ->  +--------------------+
 *                  | struct trap_frame  |  user registers (task->tf)
 *                  +--------------------+
 *                  | kernel call frames |
 *                  |        ...         |
 *   saved_rsp ->   | switch frame       |  while switched out
 *                  +--------------------+
 *                  | (unused)           |
 *   kstack base -> +--------------------+  16 KiB, from the buddy allocator
 *
 * There is no fixed limit on processes: tasks come from a slab cache,
 * kernel stacks from the buddy allocator, PIDs from a counter with a hash
 * table for lookup.
 */
#ifndef PROC_TASK_H
#define PROC_TASK_H

#include <arch/context.h>
#include <arch/trap.h>
#include <kernel/list.h>
#include <stdbool.h>
#include <stdint.h>

#define TASK_NAME_LEN   32
#define KSTACK_ORDER    2                       /* 4 frames = 16 KiB */
#define KSTACK_SIZE     (4096ul << KSTACK_ORDER)
#define TASK_MAX_FILES  32
#define PID_MAX         4194304                 /* as Linux's default on 64-bit */
#define RLIMIT_COUNT    16                      /* RLIMIT_CPU .. RLIMIT_RTTIME */

enum task_state {
    TASK_RUNNABLE,   /* running, or on the run queue */
    TASK_SLEEPING,   /* on a wait queue */
    TASK_ZOMBIE,     /* exited, waiting for its parent's wait() */
};

struct mm_struct;
struct file;

struct wait_queue {
    struct list_head sleepers;
};

/* The last page fault the kernel resolved for a task, and how many times in
 * a row it recurred (the fault-loop guard, mm/page_fault.c). */
struct fault_guard {
    uint64_t rip, addr, error;
    unsigned repeats;
};

struct task {
    int pid;
    enum task_state state;
    char name[TASK_NAME_LEN];

    /* kernel stack and saved context */
    struct page *kstack;
    uint64_t kstack_top;
    uint64_t saved_rsp;             /* while switched out (arch_switch_stack) */
    struct trap_frame *tf;          /* user registers, at the top of kstack */
    struct fpu_state fpu;           /* user SSE/x87 registers and PKRU */
    struct user_bases bases;        /* user FS/GS bases (arch_prctl) */
    uint64_t clear_child_tid;       /* set_tid_address (for threads, later) */

    struct mm_struct *mm;           /* NULL for the idle task */
    struct file *files[TASK_MAX_FILES];
    uint8_t fd_flags[TASK_MAX_FILES]; /* FD_CLOEXEC per descriptor (kernel/file.h) */

    /* family */
    struct task *parent;
    int pgid;                       /* process group (Ctrl-C, kill(-pgid)) */
    struct list_head children;      /* our children, via their `sibling` */
    struct list_head sibling;
    struct wait_queue child_exit;   /* where wait() sleeps */

    /* scheduling */
    struct list_head run_link;      /* run queue or one wait queue */
    struct list_head hash_link;     /* PID hash chain */
    uint64_t wake_tick;             /* nanosleep: when to wake */

    /* exit and signals */
    int exit_status;                /* wait status (uapi/signal.h encoding) */
    uint64_t pending_signals;       /* bit n-1 for signal n */
    uint64_t blocked_signals;       /* the signal mask (rt_sigprocmask), same bits */
    uint64_t fault_addr;            /* the address of the last SIGSEGV (CR2) */
    int fault_code;                 /* and why: SEGV_MAPERR, _ACCERR, _PKUERR */
    uint64_t fault_error;           /* the CPU's error code of the last fault (REG_ERR) */
    int fault_trapno;               /* its vector (REG_TRAPNO) */
    int fault_pkey;                 /* SEGV_PKUERR: the page's protection key; -1 none */
    uint64_t nr_syscalls;           /* system calls made (usmm_mmstat: the vDSO's test) */
    int64_t syscall_nr;             /* the call in progress, -1 none (Linux's orig_ax):
                                     * a signal handler decides on restarting it */
    struct fault_guard fault_guard;

    /* resource limits (prlimit64): reported and kept, enforced from
     * phase 3 on (RLIMIT_* indexes, as Linux's) */
    struct rlimit64 {
        uint64_t cur, max;
    } rlimits[RLIMIT_COUNT];

    void *phase_data[4];            /* per-task state of higher phases (TASK_DATA_*) */
};

/* The phase_data slots, one per subsystem of a higher phase. */
#define TASK_DATA_SIGNAL 0              /* phase 2: handlers, alt stack (signal/sigstate.c) */
#define TASK_DATA_FS     1              /* phase 2: cwd, umask, user ids (fs/fs_struct.c) */

/* Per-task state of a higher phase follows a task through its life by
 * these calls (task_add_hooks): fork copies the parent's into the child
 * (0 or -ENOMEM: the fork fails), exec resets it for the new program (past
 * the point of no return: cannot fail), release frees it (the task is
 * being reaped, or its fork failed: it must cope with state never made).
 * Any may be NULL. */
struct task_hooks {
    int (*fork)(struct task *child, struct task *parent);
    void (*exec)(struct task *t);
    void (*release)(struct task *t);
};

/* task_add_hooks: register `h` (kept by pointer; at most 4 sets). */
void task_add_hooks(const struct task_hooks *h);

/* task_hooks_fork / _exec / _release: run every registered set's call
 * (fork.c, exec.c, task_free). */
int task_hooks_fork(struct task *child, struct task *parent);
void task_hooks_exec(struct task *t);
void task_hooks_release(struct task *t);

/* current: the task running on the CPU. */
extern struct task *current;

/* task_alloc: a task with a kernel stack and a PID, state RUNNABLE but not
 * on the run queue; NULL when out of memory. */
struct task *task_alloc(const char *name);

/* task_free: release a reaped task (its mm must already be gone). */
void task_free(struct task *t);

/* task_find: the task with `pid`, or NULL. */
struct task *task_find(int pid);

/* task_set_name: name a task after the program it runs (basename). */
void task_set_name(struct task *t, const char *path);

/* task_count: tasks that exist (zombies included). */
uint64_t task_count(void);

/* task_for_each: call fn for every task; stop when fn returns non-zero
 * and return that value (0 when it never did). */
int task_for_each(int (*fn)(struct task *t, void *ctx), void *ctx);

void task_init(void);

#endif
