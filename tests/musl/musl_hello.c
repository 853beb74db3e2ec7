// args: a b
/*
 * musl_hello: one static binary, built with Debian's musl-gcc -static and
 * run unchanged on the host's Linux and inside usmm; the grader compares
 * what it prints on both.  It exercises what musl's start-up, stdio,
 * malloc and exit need from the kernel: arch_prctl (the thread pointer),
 * set_tid_address, writev, ioctl(TIOCGWINSZ) on the console, mmap/munmap
 * and brk (malloc), exit_group.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static __thread int tls_counter = 41;    /* thread-local: lives behind FS */

int main(int argc, char **argv)
{
    char *small = malloc(100), *big = malloc(1 << 20);
    long sum = 0;

    tls_counter++;
    printf("hello from musl, argc %d (%s), tls %d\n", argc, argv[argc - 1], tls_counter);
    printf("floats: %5.2f %e %g\n", 3.14159, 1e-10, 2.5);
    strcpy(small, "small block");
    memset(big, 7, 1 << 20);
    for (int i = 0; i < (1 << 20); i += 4096)
        sum += big[i];
    big = realloc(big, 4 << 20);          /* mremap, or a copy */
    printf("%s, big sum %ld, still %d after realloc\n", small, sum, big[12345]);
    free(small);
    free(big);
    errno = 0;
    printf("mmap of 0 bytes: %s\n", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) ==
                                            MAP_FAILED ? strerror(errno) : "mapped?");
    printf("pid > 0: %d, uid %d\n", getpid() > 0, (int)getuid());
    fflush(stdout);
    return 3;
}
