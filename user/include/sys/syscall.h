/*
 * <sys/syscall.h> - system call numbers (SYS_read ...), for syscall().
 */
#ifndef _SYS_SYSCALL_H
#define _SYS_SYSCALL_H

#include <uapi/syscall_numbers.h>

#endif
