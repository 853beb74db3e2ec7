/*
 * cp SOURCE DEST - copy a file (DEST may be a directory: the copy keeps
 * the source's name).  The copy gets the source's permission bits.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char buf[8192], target[1024];
    struct stat st;
    int in, out;
    ssize_t n;

    if (argc != 3) {
        fprintf(stderr, "usage: cp SOURCE DEST\n");
        return 2;
    }
    in = open(argv[1], O_RDONLY);
    if (in < 0 || fstat(in, &st) != 0) {
        fprintf(stderr, "cp: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    snprintf(target, sizeof(target), "%s", argv[2]);
    struct stat dst;
    if (stat(argv[2], &dst) == 0 && S_ISDIR(dst.st_mode))
        snprintf(target, sizeof(target), "%s/%s", argv[2], basename(argv[1]));
    out = open(target, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 0777);
    if (out < 0) {
        fprintf(stderr, "cp: %s: %s\n", target, strerror(errno));
        return 1;
    }
    while ((n = read(in, buf, sizeof(buf))) > 0) {
        if (write(out, buf, (size_t)n) != n) {
            fprintf(stderr, "cp: %s: %s\n", target, strerror(errno));
            return 1;
        }
    }
    if (n < 0) {
        fprintf(stderr, "cp: %s: %s\n", argv[1], strerror(errno));
        return 1;
    }
    return close(out) == 0 ? 0 : 1;
}
