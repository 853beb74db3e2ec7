/*
 * user/lib/errno.c - errno: one plain global, the library has no threads.
 */
#include <errno.h>

int errno;
