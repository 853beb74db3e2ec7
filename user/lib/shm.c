/*
 * user/lib/shm.c - shared memory: System V segments (shmget ...) and
 * POSIX objects (shm_open ...).
 *
 * POSIX shared memory has no system call of its own: as on Linux, the
 * object "/name" is the file /dev/shm/name, which the process then mmaps
 * with MAP_SHARED.
 */
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>

#include "syscall.h"

int shmget(key_t key, size_t size, int flags)
{
    return (int)syscall_return(syscall3(SYS_shmget, key, (long)size, flags));
}

/* shmat: the address the segment is attached at, or (void *)-1 */
void *shmat(int id, const void *addr, int flags)
{
    long ret = syscall3(SYS_shmat, id, (long)addr, flags);
    if (syscall_failed(ret)) {
        syscall_return(ret);
        return (void *)-1;
    }
    return (void *)ret;
}

int shmdt(const void *addr)
{
    return (int)syscall_return(syscall1(SYS_shmdt, (long)addr));
}

int shmctl(int id, int cmd, struct shmid_ds *buf)
{
    return (int)syscall_return(syscall3(SYS_shmctl, id, cmd, (long)buf));
}

/* ftok: glibc's recipe, so keys match those of the same program on Linux */
key_t ftok(const char *path, int proj_id)
{
    struct stat st;
    if (stat(path, &st) < 0)
        return (key_t)-1;
    return (key_t)((st.st_ino & 0xffff) | ((st.st_dev & 0xff) << 16) |
                   ((unsigned)(proj_id & 0xff) << 24));
}

/* shm_path: "/name" -> "/dev/shm/name" in out.  Returns 0, or -1 with
 * errno EINVAL (empty name, or a '/' inside it) or ENAMETOOLONG. */
static int shm_path(const char *name, char *out, size_t size)
{
    while (*name == '/')
        name++;
    if (*name == '\0' || strchr(name, '/') != NULL) {
        errno = EINVAL;
        return -1;
    }
    if (strlen(name) > NAME_MAX || strlen("/dev/shm/") + strlen(name) >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(out, "/dev/shm/");
    strcat(out, name);
    return 0;
}

int shm_open(const char *name, int oflag, mode_t mode)
{
    char path[sizeof("/dev/shm/") + NAME_MAX];
    if (shm_path(name, path, sizeof(path)) < 0)
        return -1;
    return open(path, oflag | O_NOFOLLOW | O_CLOEXEC, mode);
}

int shm_unlink(const char *name)
{
    char path[sizeof("/dev/shm/") + NAME_MAX];
    if (shm_path(name, path, sizeof(path)) < 0)
        return -1;
    return unlink(path);
}

int memfd_create(const char *name, unsigned int flags)
{
    return (int)syscall_return(syscall2(SYS_memfd_create, (long)name, flags));
}
