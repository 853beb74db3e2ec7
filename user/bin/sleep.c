/*
 * sleep N - wait N seconds (Ctrl-C ends it: try it, the shell survives).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char *end;
    long seconds = argc == 2 ? strtol(argv[1], &end, 10) : -1;

    if (argc != 2 || *end != '\0' || seconds < 0) {
        fprintf(stderr, "usage: sleep SECONDS\n");
        return 2;
    }
    sleep((unsigned)seconds);
    return 0;
}
