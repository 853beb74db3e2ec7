/*
 * phase1-vma/kernel/sys_usmm.c - the kernel's own system calls for looking
 * at memory (uapi/usmm.h): what free, vmstat, pmap, ps and the tests use,
 * plus sysinfo(2) and init's poweroff.
 */
#include <arch/poweroff.h>
#include <kernel/file.h>
#include <kernel/initrd.h>
#include <kernel/power.h>
#include <arch/trap.h>
#include <kernel/sysctl.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <mm/mmap.h>
#include <mm/page_alloc.h>
#include <mm/page_table.h>
#include <mm/slab.h>
#include <mm/vmstat.h>
#include <proc/exit.h>
#include <proc/sched.h>
#include <uapi/errno.h>
#include <uapi/usmm.h>

int64_t sys_usmm_meminfo(uint64_t out)
{
    struct usmm_meminfo m;
    struct buddy_stats st;

    memset(&m, 0, sizeof(m));
    buddy_get_stats(&st);
    m.page_size = PAGE_SIZE;
    m.total_pages = st.managed_pages;
    m.free_pages = st.free_pages;
    for (int o = 0; o <= MAX_ORDER && o <= USMM_MAX_ORDER; o++)
        m.free_blocks[o] = st.free_blocks[o];
    m.user_pages = vmstat.user_pages;
    m.pagetable_pages = vmstat.pagetable_pages;
    m.kstack_pages = vmstat.kstack_pages;
    m.slab_pages = vmstat.slab_pages;
    m.kmalloc_large_pages = vmstat.large_kmalloc_pages;
    m.minor_faults = vmstat.minor_faults;
    m.segv_faults = vmstat.segv_faults;
    m.cow_copies = vmstat.cow_copies;
    m.cow_reuses = vmstat.cow_reuses;
    m.zero_page_maps = vmstat.zero_page_maps;
    m.zero_page_breaks = vmstat.zero_page_breaks;
    m.page_cache_pages = vmstat.page_cache_pages;
    m.major_faults = vmstat.major_faults;
    m.writeback_pages = vmstat.writeback_pages;
    m.readahead_pages = vmstat.readahead_pages;
    m.processes = task_count();
    m.page_struct_bytes = sizeof(struct page);
    m.vma_struct_bytes = sizeof(struct vm_area_struct);
    m.ticks = ticks;
    m.ticks_per_second = TIMER_HZ;
    return copy_to_user((void *)out, &m, sizeof(m));
}

/* task_mm: the address space of `pid` (0: the caller), or NULL. */
static struct mm_struct *task_mm(uint64_t pid, struct task **t)
{
    *t = pid == 0 ? current : task_find((int)pid);
    return *t ? (*t)->mm : NULL;
}

/* count_page: one more resident page, unless it is the shared zero page
 * (not resident memory of its own: Linux leaves it out of Rss too). */
static void count_page(pte_t *pte, uint64_t va, void *ctx)
{
    if (!page_is_zero(phys_to_page(pte_addr(*pte))))
        (*(uint64_t *)ctx)++;
}

static void vma_name(const struct task *t, const struct vm_area_struct *vma, char *name)
{
    const char *special = vma->vm_ops && vma->vm_ops->vma_name ? vma->vm_ops->vma_name(vma)
                                                               : NULL;
    name[0] = '\0';
    if (special)
        strlcpy(name, special, USMM_NAME_LEN);
    else if (vma->vm_file)
        strlcpy(name, vma->vm_file->name, USMM_NAME_LEN);
    else if (vma->vm_flags & VM_HEAP)
        strlcpy(name, "[heap]", USMM_NAME_LEN);
    else if (vma->vm_flags & VM_STACK)
        strlcpy(name, "[stack]", USMM_NAME_LEN);
    else if (vma->vm_flags & VM_IMAGE)
        strlcpy(name, t->name, USMM_NAME_LEN);
}

int64_t sys_usmm_vmas(uint64_t pid, uint64_t from, uint64_t buf, uint64_t max)
{
    struct task *t;
    struct mm_struct *mm = task_mm(pid, &t);
    struct vm_area_struct *vma;
    struct usmm_vma_info info;
    struct usmm_vma_info *out = (struct usmm_vma_info *)buf;

    if (!mm)
        return -ESRCH;
    vma = find_vma(mm, from);
    for (uint64_t i = 0; i < max && vma; i++, vma = vma->vm_next) {
        memset(&info, 0, sizeof(info));
        info.start = vma->vm_start;
        info.end = vma->vm_end;
        info.offset = vma->vm_pgoff << PAGE_SHIFT;
        info.flags = vma->vm_flags;
        if (!(vma->vm_flags & VM_PFNMAP))   /* device or kernel frames: not rss */
            pt_walk_range(mm->pgd, vma->vm_start, vma->vm_end, count_page, &info.rss_pages,
                          false);
        vma_name(t, vma, info.name);
        strlcpy(info.kind, vma->vm_ops ? vma->vm_ops->name : "", sizeof(info.kind));
        if (copy_to_user(&out[i], &info, sizeof(info)))
            return -EFAULT;
    }
    return (int64_t)mm->map_count;
}

/* count_sharing: sort a resident page as shared (its frame has more than
 * one user: copy-on-write after fork, shared memory), private, or the
 * zero page.  A file's page cache is not a user (as Linux's smaps: a page
 * mapped by one process alone is private). */
static void count_sharing(pte_t *pte, uint64_t va, void *ctx)
{
    struct usmm_mmstat *s = ctx;
    struct page *page = phys_to_page(pte_addr(*pte));
    int users = page->refcount - (page->flags & PG_CACHE ? 1 : 0);

    if (page_is_zero(page))
        s->zero_pages++;
    else if (users > 1)
        s->shared_pages++;
    else
        s->private_pages++;
}

/* pagemap_word: what usmm_pagemap says of one entry (uapi/usmm.h). */
static uint64_t pagemap_word(pte_t e)
{
    struct page *page;
    uint64_t w;

    if (!e || !pte_present(e))
        return 0;
    page = phys_to_page(pte_addr(e));
    w = USMM_PM_PRESENT | (pte_addr(e) >> PAGE_SHIFT);
    w |= e & PTE_WRITE ? USMM_PM_WRITE : 0;
    w |= e & PTE_DIRTY ? USMM_PM_DIRTY : 0;
    w |= e & PTE_COW ? USMM_PM_COW : 0;
    w |= page->flags & PG_CACHE ? USMM_PM_FILE : 0;
    w |= page_is_zero(page) ? USMM_PM_ZERO : 0;
    return w;
}

int64_t sys_usmm_pagemap(uint64_t pid, uint64_t addr, uint64_t npages, uint64_t out)
{
    struct task *t;
    struct mm_struct *mm = task_mm(pid, &t);
    uint64_t *words = (uint64_t *)out;

    if (!mm)
        return -ESRCH;
    if ((addr & ~PAGE_MASK) || addr >= USER_TOP || npages > USMM_PAGEMAP_MAX ||
        npages > (USER_TOP - addr) >> PAGE_SHIFT)
        return -EINVAL;
    for (uint64_t i = 0; i < npages; i++) {
        pte_t *pte = pt_lookup(mm->pgd, addr + (i << PAGE_SHIFT));
        uint64_t w = pte ? pagemap_word(*pte) : 0;
        if (copy_to_user(&words[i], &w, sizeof(w)))
            return -EFAULT;
    }
    return 0;
}

int64_t sys_usmm_mmstat(uint64_t pid, uint64_t out)
{
    struct task *t;
    struct mm_struct *mm = task_mm(pid, &t);
    struct usmm_mmstat s;

    if (!mm)
        return -ESRCH;
    memset(&s, 0, sizeof(s));
    s.pid = t->pid;
    strlcpy(s.name, t->name, sizeof(s.name));
    s.map_count = mm->map_count;
    s.total_vm = mm->total_vm;
    s.rss = mm->rss;
    for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
        uint64_t pages = (v->vm_end - v->vm_start) >> PAGE_SHIFT;
        if (v->vm_flags & VM_STACK)
            s.stack_vm += pages;
        else if (v->vm_flags & VM_EXEC)
            s.exec_vm += pages;
        else if (v->vm_flags & VM_WRITE)
            s.data_vm += pages;
    }
    s.locked_vm = mm->locked_vm;
    s.min_flt = mm->min_flt;
    s.maj_flt = mm->maj_flt;
    s.pagetable_pages = pt_count_user_tables(mm->pgd) + 1;
    s.start_code = mm->start_code;
    s.end_code = mm->end_code;
    s.start_data = mm->start_data;
    s.end_data = mm->end_data;
    s.start_brk = mm->start_brk;
    s.brk = mm->brk;
    s.start_stack = mm->start_stack;
    s.mmap_base = mm->mmap_base;
    s.syscalls = t->nr_syscalls;
    for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next)
        if (!(v->vm_flags & VM_PFNMAP))     /* not in rss (mm/special.h, phase 2) */
            pt_walk_range(mm->pgd, v->vm_start, v->vm_end, count_sharing, &s, false);
    return copy_to_user((void *)out, &s, sizeof(s));
}

struct name_list {
    char *buf;
    uint64_t size, len;
};

/* add_program_name: "name\n" for a program, "tests/name\n" for a test,
 * "data/name\n" for anything else (exec ignores the directory part) */
static int add_program_name(const char *name, uint64_t size, uint32_t mode, void *ctx)
{
    struct name_list *l = ctx;
    const char *dir = mode == INITRD_MODE_PROGRAM ? "" : mode == INITRD_MODE_TEST ? "tests/" : "data/";
    uint64_t d = strlen(dir), n = strlen(name);
    if (l->len + d + n + 1 < l->size) {
        memcpy(l->buf + l->len, dir, d);
        memcpy(l->buf + l->len + d, name, n);
        l->buf[l->len + d + n] = '\n';
    }
    l->len += d + n + 1;
    return 0;
}

int64_t sys_usmm_programs(uint64_t buf, uint64_t size)
{
    struct name_list l = { kmalloc(4 * PAGE_SIZE), 4 * PAGE_SIZE, 0 };
    int64_t result;

    if (!l.buf)
        return -ENOMEM;
    initrd_for_each(add_program_name, &l);
    result = (int64_t)l.len;
    if (l.len < l.size && size > 0) {
        uint64_t n = l.len < size - 1 ? l.len : size - 1;
        l.buf[n] = '\0';
        if (copy_to_user((void *)buf, l.buf, n + 1))
            result = -EFAULT;
    }
    kfree(l.buf);
    return result;
}

int64_t sys_usmm_poweroff(uint64_t status)
{
    if (current != init_task)
        return -EPERM;
    power_off((int)(status & 0xff));
}

int64_t sys_usmm_check_mm(uint64_t pid)
{
    struct task *t;
    struct mm_struct *mm = task_mm(pid, &t);
    if (!mm)
        return -ESRCH;
    return check_mm(mm) == 0 && check_mm_audit() == 0 ? 0 : -EIO;
}

struct sysctl {
    const char *name;
    int64_t *value;
    int64_t min, max;
};

static const struct sysctl sysctls[] = {
    { "vm.max_map_count", (int64_t *)&sysctl_max_map_count, 1, 1ll << 40 },
    { "kernel.check_mm", &sysctl_check_mm, 0, 2 },
    { "kernel.pftrace", &sysctl_pftrace, 0, 1 },
    { "debug.inject_bad_iret", &trap_inject_bad_iret, 0, 1 },
};

static struct sysctl extra_sysctls[SYSCTL_EXTRA_MAX];
static unsigned nr_extra_sysctls;

int sysctl_register(const char *name, int64_t *value, int64_t min, int64_t max)
{
    if (nr_extra_sysctls == SYSCTL_EXTRA_MAX)
        return -ENOSPC;
    extra_sysctls[nr_extra_sysctls++] = (struct sysctl){ name, value, min, max };
    return 0;
}

/* find_sysctl: the tunable called `name`, or NULL. */
static const struct sysctl *find_sysctl(const char *name)
{
    for (unsigned i = 0; i < sizeof(sysctls) / sizeof(sysctls[0]); i++)
        if (strcmp(name, sysctls[i].name) == 0)
            return &sysctls[i];
    for (unsigned i = 0; i < nr_extra_sysctls; i++)
        if (strcmp(name, extra_sysctls[i].name) == 0)
            return &extra_sysctls[i];
    return NULL;
}

int64_t sys_usmm_sysctl(uint64_t name_ptr, uint64_t old_ptr, uint64_t new_ptr)
{
    char name[64];
    long len = strncpy_from_user(name, (const char *)name_ptr, sizeof(name));
    const struct sysctl *s;

    if (len < 0)
        return len == -ENAMETOOLONG ? -ENOENT : len;
    s = find_sysctl(name);
    if (!s)
        return -ENOENT;
    if (old_ptr && copy_to_user((void *)old_ptr, s->value, sizeof(int64_t)))
        return -EFAULT;
    if (new_ptr) {
        int64_t v;
        if (copy_from_user(&v, (const void *)new_ptr, sizeof(v)))
            return -EFAULT;
        if (v < s->min || v > s->max)
            return -EINVAL;
        *s->value = v;
    }
    return 0;
}

struct ps_walk {
    struct usmm_ps_entry *out;
    uint64_t max, count;
    int err;
};

static int add_ps_entry(struct task *t, void *ctx)
{
    struct ps_walk *w = ctx;
    struct usmm_ps_entry e;

    if (w->count < w->max && !w->err) {
        memset(&e, 0, sizeof(e));
        e.pid = t->pid;
        e.ppid = t->parent ? t->parent->pid : 0;
        e.state = t->state == TASK_ZOMBIE ? USMM_PROC_ZOMBIE
                  : t->state == TASK_SLEEPING ? USMM_PROC_SLEEPING : USMM_PROC_RUNNING;
        e.rss = t->mm ? t->mm->rss : 0;
        e.total_vm = t->mm ? t->mm->total_vm : 0;
        strlcpy(e.name, t->name, sizeof(e.name));
        if (copy_to_user(&w->out[w->count], &e, sizeof(e)))
            w->err = -EFAULT;
    }
    w->count++;
    return 0;
}

int64_t sys_usmm_ps(uint64_t buf, uint64_t max)
{
    struct ps_walk w = { (struct usmm_ps_entry *)buf, max, 0, 0 };
    task_for_each(add_ps_entry, &w);
    return w.err ? w.err : (int64_t)w.count;
}

/* struct sysinfo, as Linux x86-64 lays it out. */
struct sysinfo {
    int64_t uptime;
    uint64_t loads[3];
    uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
    uint16_t procs, pad;
    uint32_t pad2;
    uint64_t totalhigh, freehigh;
    uint32_t mem_unit;
    char reserved[4];
};

int64_t sys_sysinfo(uint64_t out)
{
    struct sysinfo si;
    struct buddy_stats st;

    memset(&si, 0, sizeof(si));
    buddy_get_stats(&st);
    si.uptime = (int64_t)(ticks / TIMER_HZ);
    si.totalram = st.managed_pages;
    si.freeram = st.free_pages;
    si.procs = (uint16_t)(task_count() > 0xffff ? 0xffff : task_count());
    si.mem_unit = PAGE_SIZE;
    return copy_to_user((void *)out, &si, sizeof(si));
}
