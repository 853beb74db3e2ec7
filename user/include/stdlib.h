/*
 * <stdlib.h> - memory allocation, process exit, number conversion, sorting.
 *
 * malloc (user/lib/malloc.c) serves small blocks from the brk heap and
 * blocks of 128 KiB and more straight from mmap; results are 16-byte
 * aligned.  free() of a pointer malloc did not return, or a second free,
 * prints "free(): invalid pointer 0x..." (or "double free") and aborts.
 */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX 2147483647

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
void *aligned_alloc(size_t alignment, size_t size);
int posix_memalign(void **out, size_t alignment, size_t size);

void exit(int status) __attribute__((noreturn));
void _Exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));
int atexit(void (*fn)(void));

int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
long long strtoll(const char *s, char **end, int base);
unsigned long long strtoull(const char *s, char **end, int base);

int abs(int v);
long labs(long v);
long long llabs(long long v);

int rand(void);
void srand(unsigned seed);

void qsort(void *base, size_t n, size_t size,
           int (*compare)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
              int (*compare)(const void *, const void *));

char *getenv(const char *name);

#endif
