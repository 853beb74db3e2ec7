/*
 * ls [-l] [-a] [PATH...] - list directories (or name files): one name per
 * line, sorted; -l adds the mode, links, owner, group and size; -a shows
 * the names that start with a dot.  On the phase-1 kernel, which has no
 * file system, it lists the programs of the ramdisk instead.
 */
#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <usmm.h>

static bool long_format, all;

static void mode_string(mode_t m, char *s)
{
    const char *rwx = "rwxrwxrwx";
    s[0] = S_ISDIR(m) ? 'd' : S_ISCHR(m) ? 'c' : S_ISLNK(m) ? 'l' : S_ISFIFO(m) ? 'p' : '-';
    for (int i = 0; i < 9; i++)
        s[i + 1] = (m & (0400 >> i)) ? rwx[i] : '-';
    if (m & S_ISVTX)
        s[9] = 't';
    s[10] = '\0';
}

/* show: one line for `name` (at path) */
static void show(const char *path, const char *name)
{
    struct stat st;
    char mode[11], user[16], group[16];
    struct passwd *pw;
    struct group *gr;

    if (!long_format) {
        puts(name);
        return;
    }
    if (lstat(path, &st) != 0) {
        printf("?????????? %s\n", name);
        return;
    }
    mode_string(st.st_mode, mode);
    pw = getpwuid(st.st_uid);
    gr = getgrgid(st.st_gid);
    snprintf(user, sizeof(user), "%s", pw ? pw->pw_name : "");
    snprintf(group, sizeof(group), "%s", gr ? gr->gr_name : "");
    if (!pw)
        snprintf(user, sizeof(user), "%u", (unsigned)st.st_uid);
    if (!gr)
        snprintf(group, sizeof(group), "%u", (unsigned)st.st_gid);
    printf("%s %2lu %-6s %-6s %8lld %s\n", mode, (unsigned long)st.st_nlink, user, group,
           (long long)st.st_size, name);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* list: a directory's names, sorted; 0 or 1 */
static int list(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char **names = NULL, path[1024];
    size_t n = 0, cap = 0;

    if (!d) {
        fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' && !all)
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            names = realloc(names, cap * sizeof(*names));
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(*names), by_name);
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        show(path, names[i]);
        free(names[i]);
    }
    free(names);
    return 0;
}

/* ramdisk: phase 1: the ramdisk's programs */
static int ramdisk(void)
{
    static char buf[65536];
    long n = usmm_programs(buf, sizeof(buf) - 1);
    if (n < 0)
        return 1;
    buf[n < (long)sizeof(buf) - 1 ? n : (long)sizeof(buf) - 1] = '\0';
    fputs(buf, stdout);
    return 0;
}

int main(int argc, char **argv)
{
    int status = 0, opt, paths = 0;
    struct stat st;

    while ((opt = getopt(argc, argv, "la")) != -1) {
        if (opt == 'l')
            long_format = true;
        else if (opt == 'a')
            all = true;
        else
            return 2;
    }
    if (stat(".", &st) != 0 && errno == ENOSYS)
        return ramdisk();
    for (int i = optind; i < argc; i++, paths++) {
        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "ls: %s: %s\n", argv[i], strerror(errno));
            status = 1;
        } else if (S_ISDIR(st.st_mode)) {
            if (argc - optind > 1)
                printf("%s:\n", argv[i]);
            status |= list(argv[i]);
        } else {
            show(argv[i], argv[i]);
        }
    }
    if (paths == 0)
        status = list(".");
    return status;
}
