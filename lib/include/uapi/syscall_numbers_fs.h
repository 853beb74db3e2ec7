/*
 * uapi/syscall_numbers_fs.h - Linux x86-64 numbers of the file system,
 * pipe, poll and user-id calls that phase 2 adds (fs/sys_*.c).
 */
#ifndef UAPI_SYSCALL_NUMBERS_FS_H
#define UAPI_SYSCALL_NUMBERS_FS_H

#define SYS_lstat       6
#define SYS_poll        7
#define SYS_access      21
#define SYS_pipe        22
#define SYS_select      23
#define SYS_fdatasync   75
#define SYS_truncate    76
#define SYS_chdir       80
#define SYS_fchdir      81
#define SYS_rename      82
#define SYS_mkdir       83
#define SYS_rmdir       84
#define SYS_creat       85
#define SYS_link        86
#define SYS_symlink     88
#define SYS_readlink    89
#define SYS_chmod       90
#define SYS_fchmod      91
#define SYS_chown       92
#define SYS_fchown      93
#define SYS_lchown      94
#define SYS_umask       95
#define SYS_setuid      105
#define SYS_setgid      106
#define SYS_setreuid    113
#define SYS_setregid    114
#define SYS_getgroups   115
#define SYS_setgroups   116
#define SYS_setresuid   117
#define SYS_getresuid   118
#define SYS_setresgid   119
#define SYS_getresgid   120
#define SYS_sync        162
#define SYS_getdents64  217
#define SYS_openat      257
#define SYS_mkdirat     258
#define SYS_fchownat    260
#define SYS_newfstatat  262
#define SYS_unlinkat    263
#define SYS_renameat    264
#define SYS_linkat      265
#define SYS_symlinkat   266
#define SYS_readlinkat  267
#define SYS_fchmodat    268
#define SYS_faccessat   269
#define SYS_pselect6    270
#define SYS_ppoll       271
#define SYS_dup3        292
#define SYS_pipe2       293
#define SYS_renameat2   316
#define SYS_faccessat2  439

#endif
