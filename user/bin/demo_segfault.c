/*
 * demo_segfault [null|write-code|unmapped] - three ways to die of SIGSEGV.
 *
 *   null        read address 0: no VMA contains it            (the default)
 *   write-code  write into our own code: the VMA is read-only
 *   unmapped    use memory after munmap gave it back
 *
 * The page-fault handler finds no VMA (or one whose permissions forbid the
 * access) and ends the process with SIGSEGV; the shell or init reports
 * "killed by signal 11 (SIGSEGV)".
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
    const char *how = argc > 1 ? argv[1] : "null";
    volatile char *target;

    if (strcmp(how, "null") == 0) {
        target = NULL;
        printf("reading address %p ...\n", (void *)target);
        fflush(stdout);
        return *target;
    }
    if (strcmp(how, "write-code") == 0) {
        target = (volatile char *)(void *)main;
        printf("writing to main() at %p ...\n", (void *)target);
        fflush(stdout);
        *target = 0;
        return 0;
    }
    if (strcmp(how, "unmapped") == 0) {
        target = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (target == MAP_FAILED) {
            perror("mmap");
            return 1;
        }
        target[0] = 1;
        munmap((void *)target, 4096);
        printf("writing to %p after munmap ...\n", (void *)target);
        fflush(stdout);
        target[0] = 2;
        return 0;
    }
    fprintf(stderr, "usage: demo_segfault [null|write-code|unmapped]\n");
    return 2;
}
