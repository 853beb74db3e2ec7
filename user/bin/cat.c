/*
 * cat - copy standard input to standard output until end of input
 * (on the console: Ctrl-D at the start of a line).  Phase 1 has no files
 * to name; cat reads what is typed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    char buf[512];
    ssize_t n;

    if (argc > 1) {
        fprintf(stderr, "cat: no files in this phase: cat copies what you type\n");
        return 2;
    }
    while ((n = read(STDIN_FILENO, buf, sizeof(buf))) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            fprintf(stderr, "cat: %s\n", strerror(errno));
            return 1;
        }
        if (write(STDOUT_FILENO, buf, (size_t)n) != n)
            return 1;
    }
    return 0;
}
