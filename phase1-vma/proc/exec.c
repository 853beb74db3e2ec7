/*
 * phase1-vma/proc/exec.c - execve (see proc/exec.h).
 */
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <kernel/file.h>
#include <kernel/initrd.h>
#include <kernel/uaccess.h>
#include <lib/string.h>
#include <mm/layout.h>
#include <mm/mmap.h>
#include <mm/slab.h>
#include <proc/fork.h>
#include <proc/elf.h>
#include <proc/exec.h>
#include <proc/sched.h>
#include <proc/task.h>
#include <uapi/errno.h>

#define EXEC_PATH_MAX 256

#define AT_NULL   0
#define AT_PHDR   3
#define AT_PHENT  4
#define AT_PHNUM  5
#define AT_PAGESZ 6
#define AT_ENTRY  9
#define AT_UID    11
#define AT_EUID   12
#define AT_GID    13
#define AT_EGID   14
#define AT_HWCAP  16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_EXECFN 31
#define AT_RANDOM 25
#define AUXV_PAIRS 15
#define AUXV_EXTRA 4       /* pairs a higher phase may add (exec_set_additional_pages) */

/* The arguments and environment, copied into the kernel: all strings back
 * to back in `strings` (argv's first), `argc` + `envc` of them. */
struct exec_args {
    char path[EXEC_PATH_MAX];
    char *strings;
    uint64_t used;
    int argc, envc;
    uint64_t execfn;                /* where in `strings` the path is (AT_EXECFN) */
};

static int add_string(struct exec_args *a, const char *s, uint64_t len)
{
    if (len + 1 > USER_ARG_MAX - a->used)
        return -E2BIG;
    memcpy(a->strings + a->used, s, len);
    a->strings[a->used + len] = '\0';
    a->used += len + 1;
    return 0;
}

static int add_kernel_strings(struct exec_args *a, const char *const *v, int *count)
{
    for (*count = 0; v && v[*count]; (*count)++) {
        int err = add_string(a, v[*count], strlen(v[*count]));
        if (err)
            return err;
    }
    return 0;
}

static int add_user_strings(struct exec_args *a, const char *const *user_vec, int *count)
{
    *count = 0;
    if (!user_vec)
        return 0;
    for (;;) {
        const char *s;
        long len;
        if (copy_from_user(&s, &user_vec[*count], sizeof(s)))
            return -EFAULT;
        if (!s)
            return 0;
        if (a->used == USER_ARG_MAX)    /* full: no room for even "" */
            return -E2BIG;
        len = strncpy_from_user(a->strings + a->used, s, USER_ARG_MAX - a->used);
        if (len == -ENAMETOOLONG)
            return -E2BIG;
        if (len < 0)
            return (int)len;
        a->used += (uint64_t)len + 1;
        (*count)++;
    }
}

/* stack_image: the initial stack, built in a kernel buffer (`image`, which
 * will be copied to [sp, stack_top) of the new address space). */
struct stack_image {
    uint8_t *image;
    uint64_t sp, top;
};

static void put_word(struct stack_image *st, uint64_t *at, uint64_t value)
{
    memcpy(st->image + (*at - st->sp), &value, 8);
    *at += 8;
}

/* put_string_pointers: the user addresses of the next `count` strings
 * (starting at user address *s, copied to strings_at). */
static void put_string_pointers(struct stack_image *st, uint64_t *at,
                                const struct exec_args *a, uint64_t *s,
                                uint64_t strings_at, int count)
{
    for (int i = 0; i < count; i++) {
        put_word(st, at, *s);
        *s += strlen(a->strings + (*s - strings_at)) + 1;
    }
}

static int build_stack(struct mm_struct *mm, const struct exec_args *a,
                       const struct elf_info *info, const uint64_t *extra, int nextra,
                       struct stack_image *st)
{
    uint64_t random_at = mm->stack_top - 16;
    uint64_t strings_at = (random_at - a->used) & ~15ul;
    uint64_t words = 1 + (uint64_t)a->argc + 1 + (uint64_t)a->envc + 1 +
                     2 * (AUXV_PAIRS + (uint64_t)nextra);
    uint64_t at, s = strings_at;
    uint64_t aux[2 * AUXV_PAIRS] = {
        AT_PHDR, info->phdr, AT_PHENT, 56, AT_PHNUM, info->phnum, AT_PAGESZ, PAGE_SIZE,
        AT_ENTRY, info->entry, AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0,
        AT_RANDOM, random_at, AT_SECURE, 0, AT_CLKTCK, TIMER_HZ,
        AT_HWCAP, cpuid(1, 0).edx, AT_EXECFN, strings_at + a->execfn, AT_NULL, 0,
    };

    st->top = mm->stack_top;
    st->sp = (strings_at - words * 8) & ~15ul;
    st->image = kzalloc(st->top - st->sp);
    if (!st->image)
        return -ENOMEM;
    at = st->sp;
    put_word(st, &at, (uint64_t)a->argc);
    put_string_pointers(st, &at, a, &s, strings_at, a->argc);
    put_word(st, &at, 0);           /* the NULL after argv */
    put_string_pointers(st, &at, a, &s, strings_at, a->envc);
    put_word(st, &at, 0);           /* the NULL after envp */
    for (int i = 0; i < 2 * nextra; i++)    /* a higher phase's (AT_SYSINFO_EHDR) */
        put_word(st, &at, extra[i]);
    for (int i = 0; i < 2 * AUXV_PAIRS; i++)
        put_word(st, &at, aux[i]);
    memcpy(st->image + (strings_at - st->sp), a->strings, a->used);
    for (int i = 0; i < 16; i++)    /* AT_RANDOM: seeds for the C library */
        st->image[random_at - st->sp + i] = (uint8_t)(rdtsc() >> (i % 8));
    return 0;
}

/* insert_stack_vma: the stack VMA below mm->stack_top: stack_initial_size
 * bytes (mm/layout.h), or more when the arguments need it, with a page to
 * spare.  It grows down (VM_GROWSDOWN) when phase 2 grows stacks. */
static int insert_stack_vma(struct mm_struct *mm, uint64_t used)
{
    uint64_t size = page_round_up(used) + PAGE_SIZE;

    if (size < stack_initial_size)
        size = stack_initial_size;
    if (!mm_insert_vma(mm, mm->stack_top - size, mm->stack_top,
                       VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_STACK |
                           VM_GROWSDOWN))
        return -ENOMEM;
    return 0;
}

static exec_image_loader_fn image_loader;
static exec_additional_pages_fn additional_pages;

void exec_set_additional_pages(exec_additional_pages_fn fn)
{
    additional_pages = fn;
}

/* setup_additional_pages: the higher phase's extra mappings (the vDSO) in
 * the new mm, and their auxv pairs in `extra`; the number of pairs, or a
 * negative errno. */
static int setup_additional_pages(struct mm_struct *mm, uint64_t *extra)
{
    return additional_pages ? additional_pages(mm, extra, AUXV_EXTRA) : 0;
}

void exec_set_image_loader(exec_image_loader_fn loader)
{
    image_loader = loader;
}

/* find_image: the program file's bytes: from the loader a higher phase set,
 * or (none, or it has no file system) from the ramdisk by basename. */
static int find_image(const char *path, struct exec_image *img)
{
    const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    int err;

    *img = (struct exec_image){ 0 };
    err = image_loader ? image_loader(path, img) : -ENODEV;

    if (err != -ENODEV)
        return err;
    img->release = NULL;
    return initrd_find(name, &img->data, &img->size);
}

/* new_address_space: the program and its stack in a fresh mm. */
static int new_address_space(const struct exec_args *a, struct mm_struct **out,
                             struct elf_info *info)
{
    struct exec_image img;
    struct stack_image st;
    struct mm_struct *mm;
    uint64_t extra[2 * AUXV_EXTRA];
    int nextra = 0;
    int err = find_image(a->path, &img);

    if (err)
        return err;
    mm = mm_create();
    if (!mm) {
        if (img.release)
            img.release(&img);
        return -ENOMEM;
    }
    err = elf_load(mm, &img, info);
    if (img.release)
        img.release(&img);
    if (!err) {
        nextra = setup_additional_pages(mm, extra);
        err = nextra < 0 ? nextra : 0;
    }
    if (!err)
        err = build_stack(mm, a, info, extra, nextra, &st);
    if (!err) {
        err = insert_stack_vma(mm, st.top - st.sp);
        if (!err)
            err = mm_populate_write(mm, st.sp, st.image, st.top - st.sp);
        mm->start_stack = st.sp;
        kfree(st.image);
    }
    if (err) {
        mm_destroy(mm);
        return err;
    }
    *out = mm;
    return 0;
}

/* switch_program: past the point of no return: the new mm replaces the
 * old, and the registers start the program at its entry point. */
static void switch_program(struct task *t, const struct exec_args *a, struct mm_struct *mm,
                           const struct elf_info *info)
{
    struct mm_struct *old = t->mm;
    struct trap_frame *tf = t->tf;

    if (old)
        mm_release(t);
    t->mm = mm;
    mm_activate(mm);
    if (old)
        mmput(old);
    task_set_name(t, a->path);
    files_close_on_exec(t);
    fpu_init_state(&t->fpu);
    fpu_restore(&t->fpu);
    t->bases = (struct user_bases){ 0, 0 };
    arch_load_user_bases(&t->bases);
    t->clear_child_tid = 0;
    task_hooks_exec(t);             /* e.g. handlers back to SIG_DFL (phase 2) */
    memset(tf, 0, sizeof(*tf));
    tf->rip = info->entry;
    tf->rsp = mm->start_stack;
    tf->cs = USER_CS;
    tf->ss = USER_DS;
    tf->rflags = RFLAGS_IF | 0x2;
}

static int exec_with(struct task *t, struct exec_args *a)
{
    struct mm_struct *mm;
    struct elf_info info;
    int err;

    a->execfn = a->used;            /* the path, after the strings, for AT_EXECFN */
    err = add_string(a, a->path, strlen(a->path));
    if (!err)
        err = new_address_space(a, &mm, &info);
    if (!err)
        switch_program(t, a, mm, &info);
    return err;
}

int kernel_execve(struct task *t, const char *path, const char *const *argv, const char *const *envp)
{
    struct exec_args a = { .strings = kmalloc(USER_ARG_MAX) };
    int err;

    if (!a.strings)
        return -ENOMEM;
    strlcpy(a.path, path, sizeof(a.path));
    err = add_kernel_strings(&a, argv, &a.argc);
    if (!err)
        err = add_kernel_strings(&a, envp, &a.envc);
    if (!err)
        err = exec_with(t, &a);
    kfree(a.strings);
    return err;
}

int do_execve(const char *user_path, const char *const *user_argv,
              const char *const *user_envp)
{
    struct exec_args a = { .strings = kmalloc(USER_ARG_MAX) };
    long len;
    int err;

    if (!a.strings)
        return -ENOMEM;
    len = strncpy_from_user(a.path, user_path, sizeof(a.path));
    err = len < 0 ? (int)len : len == 0 ? -ENOENT : 0;
    if (!err)
        err = add_user_strings(&a, user_argv, &a.argc);
    if (!err)
        err = add_user_strings(&a, user_envp, &a.envc);
    if (!err)
        err = exec_with(current, &a);
    kfree(a.strings);
    return err;
}
