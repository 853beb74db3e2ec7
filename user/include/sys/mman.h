/*
 * <sys/mman.h> - memory mappings: mmap and friends, memory locking,
 * protection keys, POSIX shared memory.  The constants are Linux's
 * (<uapi/mman.h>).  Every call goes straight to the kernel, which returns
 * ENOSYS for what the current phase does not implement yet.
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>
#include <uapi/mman.h>

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset);
int munmap(void *addr, size_t length);
int mprotect(void *addr, size_t length, int prot);
/* mremap: the fifth argument (new address) is read only with MREMAP_FIXED */
void *mremap(void *old, size_t old_size, size_t new_size, int flags, ...);
int msync(void *addr, size_t length, int flags);
int madvise(void *addr, size_t length, int advice);
int posix_madvise(void *addr, size_t length, int advice);
int mincore(void *addr, size_t length, unsigned char *vec);

int mlock(const void *addr, size_t length);
int munlock(const void *addr, size_t length);
int mlockall(int flags);
int munlockall(void);

/* protection keys: pkey_alloc/free/mprotect are system calls; pkey_get and
 * pkey_set read and write this thread's rights for one key in the PKRU
 * register (they raise SIGILL on a CPU without PKU) */
int pkey_alloc(unsigned int flags, unsigned int access_rights);
int pkey_free(int pkey);
int pkey_mprotect(void *addr, size_t length, int prot, int pkey);
int pkey_get(int pkey);
int pkey_set(int pkey, unsigned int access_rights);

/* POSIX shared memory: a name "/x" is the file /dev/shm/x */
int shm_open(const char *name, int oflag, mode_t mode);
int shm_unlink(const char *name);
int memfd_create(const char *name, unsigned int flags);

#define POSIX_MADV_NORMAL     MADV_NORMAL
#define POSIX_MADV_RANDOM     MADV_RANDOM
#define POSIX_MADV_SEQUENTIAL MADV_SEQUENTIAL
#define POSIX_MADV_WILLNEED   MADV_WILLNEED
#define POSIX_MADV_DONTNEED   MADV_DONTNEED

#endif
