/*
 * fs/syscalls.h - phase 2's file system calls (fs/sys_*.c), registered
 * with syscall_register() (kernel/syscall.h) by fs_syscalls_init().
 */
#ifndef FS_SYSCALLS_H
#define FS_SYSCALLS_H

#include <stdbool.h>
#include <stdint.h>

void fs_init(void);
void fs_syscalls_init(void);
void exec_image_init(bool have_disk);

/* each file registers its calls */
void sys_open_init(void);
void sys_rw_init(void);
void sys_stat_init(void);
void sys_namei_init(void);
void sys_fd_init(void);
void sys_cwd_init(void);
void sys_cred_init(void);
void pipe_init(void);
void sys_poll_init(void);
void clone_spawn_init(void);

#endif
