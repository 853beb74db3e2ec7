/*
 * proc/exec.h - replacing a process's program.
 *
 * execve builds the complete new address space first -- program segments
 * (proc/elf.c), a stack holding the arguments -- and only then drops the
 * old one: if anything fails before that point, the caller still has its
 * old program and gets the error.
 *
 * The new stack, as the program's _start finds it:
 *
 *   stack_top ->  [ 16 random bytes      ]  AT_RANDOM points here
 *                 [ argument and         ]
 *                 [ environment strings  ]
 *                 [ auxv: (type, value)  ]  ... AT_NULL
 *                 [ envp[0..] NULL       ]
 *                 [ argv[0..] NULL       ]
 *   rsp ->        [ argc                 ]  16-byte aligned
 */
#ifndef PROC_EXEC_H
#define PROC_EXEC_H

#include <stdint.h>

struct file;
struct task;

/* Where a program's file comes from.  Phase 1 reads it from the ramdisk
 * (by its last path component); a higher phase with a file system sets a
 * loader with exec_set_image_loader().  The loader finds `path` (relative
 * to the caller's working directory), checks that it may be executed and
 * hands back its bytes in `img`; `release` (may be NULL) frees them once
 * the program is loaded.  Returns 0 or -errno (-ENOENT, -EACCES, ...);
 * -ENODEV means "no file system here": the ramdisk is used instead.
 *
 * Two kinds of image: the whole file in memory (`data`, `size`; `file`
 * NULL), whose segments the loader copies in; or an open file that can be
 * mapped (`file`, `file_size`) with only its first bytes in `data` (the
 * ELF and program headers): the loader then maps the segments from the
 * file, MAP_PRIVATE -- demand paging from the page cache, as Linux. */
struct exec_image {
    const uint8_t *data;
    uint64_t size;              /* bytes at data */
    struct file *file;          /* the program file to map, or NULL */
    uint64_t file_size;
    void (*release)(struct exec_image *img);
    void *priv;
};
typedef int (*exec_image_loader_fn)(const char *path, struct exec_image *img);
void exec_set_image_loader(exec_image_loader_fn loader);

/* The extra-mappings hook (Linux's arch_setup_additional_pages): called
 * for every new program's mm after its segments are loaded and before its
 * stack is built; it may map what it likes (phase 2: [vvar] and [vdso])
 * and write up to `max_pairs` (type, value) pairs for the auxiliary
 * vector into `aux` (AT_SYSINFO_EHDR).  Returns the number of pairs, or a
 * negative errno: exec then fails with it (the caller keeps its program). */
struct mm_struct;
typedef int (*exec_additional_pages_fn)(struct mm_struct *mm, uint64_t *aux, int max_pairs);
void exec_set_additional_pages(exec_additional_pages_fn fn);

/* kernel_execve: give task `t` (current, or a new task: init) the program
 * `path` from the ramdisk.  argv/envp are kernel strings.  Returns 0 or a
 * negative errno (-ENOENT, -ENOEXEC, -E2BIG, -ENOMEM). */
int kernel_execve(struct task *t, const char *path, const char *const *argv,
                  const char *const *envp);

/* do_execve: the execve system call, with user pointers. */
int do_execve(const char *user_path, const char *const *user_argv,
              const char *const *user_envp);

#endif
