/*
 * mkdir [-p] DIR... - make directories (-p: with their parents, and no
 * complaint when one exists).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* make: one directory, parents first with -p; 0 or 1 */
static int make(char *path, bool parents)
{
    if (parents) {
        for (char *p = path + 1; *p; p++) {
            if (*p != '/')
                continue;
            *p = '\0';
            if (mkdir(path, 0777) != 0 && errno != EEXIST) {
                fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno));
                return 1;
            }
            *p = '/';
        }
    }
    if (mkdir(path, 0777) != 0 && !(parents && errno == EEXIST)) {
        fprintf(stderr, "mkdir: %s: %s\n", path, strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    bool parents = argc > 1 && strcmp(argv[1], "-p") == 0;
    int status = 0;

    if (argc < 2 + parents) {
        fprintf(stderr, "usage: mkdir [-p] DIR...\n");
        return 2;
    }
    for (int i = 1 + parents; i < argc; i++)
        status |= make(argv[i], parents);
    return status;
}
