/*
 * user/lib/string_extra.c - the string functions the user library adds to
 * the shared ones of lib/string.c: copies on the heap, tokenizing,
 * case-insensitive comparison.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

char *strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    return copy ? memcpy(copy, s, n) : NULL;
}

/* strndup: at most `max` characters of s, always terminated */
char *strndup(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    char *copy = malloc(n + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

char *strpbrk(const char *s, const char *accept)
{
    s += strcspn(s, accept);
    return *s ? (char *)s : NULL;
}

/* strtok_r: the next token of s (NULL: continue where *saveptr left off),
 * separated by any of `delim`; the separator after it becomes '\0' */
char *strtok_r(char *s, const char *delim, char **saveptr)
{
    char *token;

    if (s == NULL)
        s = *saveptr;
    if (s == NULL)
        return NULL;
    s += strspn(s, delim);
    if (*s == '\0') {
        *saveptr = NULL;
        return NULL;
    }
    token = s;
    s += strcspn(s, delim);
    if (*s != '\0')
        *s++ = '\0';
    *saveptr = s;
    return token;
}

char *strtok(char *s, const char *delim)
{
    static char *saved;
    return strtok_r(s, delim, &saved);
}

/* strsep: like strtok_r, but empty fields between two separators count */
char *strsep(char **sp, const char *delim)
{
    char *token = *sp, *end;
    if (token == NULL)
        return NULL;
    end = token + strcspn(token, delim);
    if (*end != '\0') {
        *end = '\0';
        *sp = end + 1;
    } else {
        *sp = NULL;
    }
    return token;
}

char *stpcpy(char *dst, const char *src)
{
    size_t n = strlen(src);
    memcpy(dst, src, n + 1);
    return dst + n;
}

void *mempcpy(void *dst, const void *src, size_t n)
{
    return (char *)memcpy(dst, src, n) + n;
}

/* strcoll: the "C" locale orders by byte value */
int strcoll(const char *a, const char *b)
{
    return strcmp(a, b);
}

int strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || ca == '\0')
            return ca - cb;
    }
}

int strncasecmp(const char *a, const char *b, size_t n)
{
    for (; n > 0; n--, a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || ca == '\0')
            return ca - cb;
    }
    return 0;
}

void bzero(void *s, size_t n)
{
    memset(s, 0, n);
}

int bcmp(const void *a, const void *b, size_t n)
{
    return memcmp(a, b, n);
}

/* ffs: the position (from 1) of the lowest set bit, 0 for none */
int ffs(int v)
{
    return __builtin_ffs(v);
}
