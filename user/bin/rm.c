/*
 * rm [-r] PATH... - remove files; with -r, directories and all they hold.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool recursive;

/* remove_path: path (a directory's contents first with -r); 0 or 1 */
static int remove_path(const char *path)
{
    struct stat st;
    int status = 0;

    if (recursive && lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        char child[1024];
        while (d && (e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
            status |= remove_path(child);
            rewinddir(d);               /* the directory changed under us */
        }
        if (d)
            closedir(d);
        if (rmdir(path) != 0) {
            fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
            return 1;
        }
        return status;
    }
    if (unlink(path) != 0) {
        fprintf(stderr, "rm: %s: %s\n", path, strerror(errno));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    int status = 0, i = 1;

    if (argc > 1 && strcmp(argv[1], "-r") == 0) {
        recursive = true;
        i++;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: rm [-r] PATH...\n");
        return 2;
    }
    for (; i < argc; i++)
        status |= remove_path(argv[i]);
    return status;
}
