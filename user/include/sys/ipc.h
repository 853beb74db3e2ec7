/*
 * <sys/ipc.h> - System V IPC keys and permissions (Linux x86-64 layout).
 */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H

#include <sys/types.h>

#define IPC_PRIVATE ((key_t)0)

#define IPC_CREAT   01000
#define IPC_EXCL    02000
#define IPC_NOWAIT  04000

#define IPC_RMID 0
#define IPC_SET  1
#define IPC_STAT 2
#define IPC_INFO 3

struct ipc_perm {
    key_t __key;
    uid_t uid;
    gid_t gid;
    uid_t cuid;
    gid_t cgid;
    mode_t mode;                /* 4 bytes on x86-64, as the kernel's */
    unsigned short __seq;
    unsigned short __pad2;
    unsigned long __unused1;
    unsigned long __unused2;
};

/* ftok: a key from a file's inode number and an 8-bit project id */
key_t ftok(const char *path, int proj_id);

#endif
