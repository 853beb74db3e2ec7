/*
 * <errno.h> - the error numbers (Linux's values, shared with the kernel in
 * <uapi/errno.h>) and errno, a plain global: the library is single-threaded.
 *
 * A system call stub that gets -E... back from the kernel stores E... in
 * errno and returns -1 (mmap: MAP_FAILED).
 */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <uapi/errno.h>

#ifndef EWOULDBLOCK
#define EWOULDBLOCK EAGAIN
#endif

extern int errno;

#endif
