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

struct task;

/* kernel_execve: give task `t` (current, or a new task: init) the program
 * `path` from the ramdisk.  argv/envp are kernel strings.  Returns 0 or a
 * negative errno (-ENOENT, -ENOEXEC, -E2BIG, -ENOMEM). */
int kernel_execve(struct task *t, const char *path, const char *const *argv,
                  const char *const *envp);

/* do_execve: the execve system call, with user pointers. */
int do_execve(const char *user_path, const char *const *user_argv,
              const char *const *user_envp);

#endif
