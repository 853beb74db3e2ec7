/*
 * <sys/shm.h> - System V shared memory (Linux x86-64 layout).
 *
 *   int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
 *   char *p = shmat(id, NULL, 0);           (void *)-1 on failure
 *   ... fork: the child sees the same page ...
 *   shmdt(p); shmctl(id, IPC_RMID, NULL);
 */
#ifndef _SYS_SHM_H
#define _SYS_SHM_H

#include <sys/ipc.h>
#include <sys/types.h>

#define SHM_RDONLY 010000
#define SHM_RND    020000
#define SHM_REMAP  040000
#define SHM_EXEC   0100000
#define SHM_LOCK   11
#define SHM_UNLOCK 12
#define SHM_STAT   13
#define SHM_INFO   14
#define SHMLBA     4096

typedef unsigned long shmatt_t;

struct shmid_ds {
    struct ipc_perm shm_perm;
    size_t shm_segsz;           /* bytes */
    time_t shm_atime;           /* last shmat */
    time_t shm_dtime;           /* last shmdt */
    time_t shm_ctime;           /* last change */
    pid_t shm_cpid;             /* creator */
    pid_t shm_lpid;             /* last shmat/shmdt */
    shmatt_t shm_nattch;        /* attachments */
    unsigned long __unused4;
    unsigned long __unused5;
};

int shmget(key_t key, size_t size, int flags);
void *shmat(int id, const void *addr, int flags);
int shmdt(const void *addr);
int shmctl(int id, int cmd, struct shmid_ds *buf);

#endif
