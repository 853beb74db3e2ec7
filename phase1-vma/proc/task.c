/*
 * phase1-vma/proc/task.c - creating, finding and freeing tasks.
 *
 * PIDs count up from 1 and wrap at PID_MAX, skipping PIDs still in use;
 * a hash table of PID_HASH_SIZE chains finds a task by PID.
 */
#include <arch/printk.h>
#include <lib/string.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/vmstat.h>
#include <proc/sched.h>
#include <proc/task.h>

#define PID_HASH_SIZE 4096

static struct kmem_cache task_cache;
static struct list_head pid_hash[PID_HASH_SIZE];
static int last_pid;
static uint64_t nr_tasks;

struct task *current;

#define TASK_HOOKS_MAX 4
static const struct task_hooks *hooks[TASK_HOOKS_MAX];
static int nr_hooks;

void task_add_hooks(const struct task_hooks *h)
{
    if (nr_hooks == TASK_HOOKS_MAX)
        panic("task_add_hooks: more than %d sets", TASK_HOOKS_MAX);
    hooks[nr_hooks++] = h;
}

int task_hooks_fork(struct task *child, struct task *parent)
{
    for (int i = 0; i < nr_hooks; i++) {
        int err = hooks[i]->fork ? hooks[i]->fork(child, parent) : 0;
        if (err)
            return err;             /* task_free(child) releases what was made */
    }
    return 0;
}

void task_hooks_exec(struct task *t)
{
    for (int i = 0; i < nr_hooks; i++)
        if (hooks[i]->exec)
            hooks[i]->exec(t);
}

void task_hooks_release(struct task *t)
{
    for (int i = 0; i < nr_hooks; i++)
        if (hooks[i]->release)
            hooks[i]->release(t);
}

void task_init(void)
{
    kmem_cache_init(&task_cache, "task", sizeof(struct task));
    for (int i = 0; i < PID_HASH_SIZE; i++)
        list_init(&pid_hash[i]);
}

struct task *task_find(int pid)
{
    struct list_head *pos;
    if (pid <= 0 || pid >= PID_MAX)
        return NULL;
    list_for_each(pos, &pid_hash[pid % PID_HASH_SIZE]) {
        struct task *t = list_entry(pos, struct task, hash_link);
        if (t->pid == pid)
            return t;
    }
    return NULL;
}

static int alloc_pid(void)
{
    do {
        last_pid = last_pid >= PID_MAX - 1 ? 1 : last_pid + 1;
    } while (task_find(last_pid));
    return last_pid;
}

void task_set_name(struct task *t, const char *path)
{
    const char *base = strrchr(path, '/');
    strlcpy(t->name, base ? base + 1 : path, sizeof(t->name));
}

/* rlimits_init: Linux's defaults for a first process */
static void rlimits_init(struct task *t)
{
    for (int i = 0; i < RLIMIT_COUNT; i++)
        t->rlimits[i] = (struct rlimit64){ UINT64_MAX, UINT64_MAX };
    t->rlimits[3] = (struct rlimit64){ 8ul << 20, UINT64_MAX };           /* STACK */
    t->rlimits[4] = (struct rlimit64){ 0, UINT64_MAX };                   /* CORE */
    t->rlimits[7] = (struct rlimit64){ TASK_MAX_FILES, TASK_MAX_FILES };  /* NOFILE */
    t->rlimits[8] = (struct rlimit64){ 8ul << 20, 8ul << 20 };            /* MEMLOCK */
}

struct task *task_alloc(const char *name)
{
    struct task *t = kmem_cache_zalloc(&task_cache);
    if (!t)
        return NULL;
    t->kstack = alloc_pages(KSTACK_ORDER);
    if (!t->kstack) {
        kmem_cache_free(&task_cache, t);
        return NULL;
    }
    t->kstack->flags |= PG_KSTACK;
    vmstat.kstack_pages += 1ul << KSTACK_ORDER;
    t->kstack_top = (uint64_t)page_address(t->kstack) + KSTACK_SIZE;
    t->tf = (struct trap_frame *)(t->kstack_top - sizeof(struct trap_frame));
    t->pid = alloc_pid();
    t->state = TASK_RUNNABLE;
    task_set_name(t, name);
    list_init(&t->children);
    list_init(&t->sibling);
    list_init(&t->run_link);
    wait_queue_init(&t->child_exit);
    fpu_init_state(&t->fpu);
    t->fault_pkey = -1;
    t->syscall_nr = -1;
    rlimits_init(t);
    list_add(&t->hash_link, &pid_hash[t->pid % PID_HASH_SIZE]);
    nr_tasks++;
    return t;
}

void task_free(struct task *t)
{
    task_hooks_release(t);
    list_del(&t->hash_link);
    t->kstack->flags &= (uint16_t)~PG_KSTACK;
    free_pages(t->kstack, KSTACK_ORDER);
    vmstat.kstack_pages -= 1ul << KSTACK_ORDER;
    kmem_cache_free(&task_cache, t);
    nr_tasks--;
}

uint64_t task_count(void)
{
    return nr_tasks;
}

int task_for_each(int (*fn)(struct task *t, void *ctx), void *ctx)
{
    for (int i = 0; i < PID_HASH_SIZE; i++) {
        struct list_head *pos, *tmp;
        list_for_each_safe(pos, tmp, &pid_hash[i]) {
            int r = fn(list_entry(pos, struct task, hash_link), ctx);
            if (r)
                return r;
        }
    }
    return 0;
}
