/*
 * user/lib/stdlib.c - the small things of <stdlib.h>: absolute values,
 * random numbers, the environment.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* set by crt0.asm before main() */
char **environ;

int abs(int v)
{
    return v < 0 ? -v : v;
}

long labs(long v)
{
    return v < 0 ? -v : v;
}

long long llabs(long long v)
{
    return v < 0 ? -v : v;
}

intmax_t imaxabs(intmax_t v)
{
    return v < 0 ? -v : v;
}

/* rand: a 64-bit linear congruential generator (Knuth's MMIX constants);
 * its high bits are the good ones, so those are returned */
static uint64_t rand_state = 1;

void srand(unsigned seed)
{
    rand_state = seed;
}

int rand(void)
{
    rand_state = rand_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int)(rand_state >> 33);     /* 31 bits: 0..RAND_MAX */
}

/* getenv: the value of NAME in "NAME=value", or NULL */
char *getenv(const char *name)
{
    size_t len = strlen(name);
    if (environ == NULL || len == 0 || strchr(name, '=') != NULL)
        return NULL;
    for (char **e = environ; *e != NULL; e++)
        if (strncmp(*e, name, len) == 0 && (*e)[len] == '=')
            return *e + len + 1;
    return NULL;
}
