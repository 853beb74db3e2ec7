/*
 * <string.h> - memory and string functions.  The core (mem*, str*cpy,
 * strlen, ...) is lib/string.c, shared with the kernel and declared in
 * <lib/string.h>; the rest is user/lib/string_extra.c and strerror.c.
 */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>
#include <lib/string.h>

char *strdup(const char *s);
char *strndup(const char *s, size_t max);
char *strpbrk(const char *s, const char *accept);
char *strtok(char *s, const char *delim);
char *strtok_r(char *s, const char *delim, char **saveptr);
char *strsep(char **sp, const char *delim);
char *stpcpy(char *dst, const char *src);
void *mempcpy(void *dst, const void *src, size_t n);
int strcoll(const char *a, const char *b);

/* strerror: the message for an errno value ("Unknown error N" for others) */
char *strerror(int errnum);
/* strsignal: "Segmentation fault" for SIGSEGV */
char *strsignal(int sig);
/* sigabbrev_np (as in glibc): "SEGV" for SIGSEGV, NULL for no such signal */
const char *sigabbrev_np(int sig);

#include <strings.h>

#endif
