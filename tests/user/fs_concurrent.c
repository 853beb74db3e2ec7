// phases: 2 3
// args: /conc
// disk-check: e2fsck
/*
 * fs_concurrent: four processes at once create, grow, read back, rename
 * and remove files in one directory of the disk, while the disk driver
 * puts each to sleep in the middle of its calls: every process must read
 * back exactly what it wrote, the directory must end up holding exactly
 * the files that were kept, and (the grader) e2fsck must find the image
 * clean.  Runs on Linux too: `fs_concurrent DIR`.
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include "utest.h"

#define WORKERS 4
#define ROUNDS  60

static char base[256];

/* worker: rounds of create / write / read back / rename / remove; exits
 * with the number of mismatches (0 when all went right) */
static int worker(int w)
{
    char name[300], other[300];
    static unsigned char buf[6000], back[6000];
    int bad = 0;

    for (int r = 0; r < ROUNDS; r++) {
        int fd;
        long len = 100 + (w * 977 + r * 131) % (long)(sizeof(buf) - 100);
        snprintf(name, sizeof(name), "%s/w%d-r%d", base, w, r);
        snprintf(other, sizeof(other), "%s/kept-w%d-r%d", base, w, r);
        for (long i = 0; i < len; i++)
            buf[i] = (unsigned char)(w * 31 + r * 7 + i);
        fd = open(name, O_CREAT | O_EXCL | O_RDWR, 0644);
        if (fd < 0 || write(fd, buf, len) != len || pread(fd, back, len, 0) != len ||
            memcmp(buf, back, len) != 0)
            bad++;
        close(fd);
        if (r % 3 == 0)
            bad += rename(name, other) != 0;
        else
            bad += unlink(name) != 0;
    }
    return bad;
}

static int count_kept(void)
{
    DIR *d = opendir(base);
    struct dirent *e;
    int kept = 0, other = 0;
    while (d && (e = readdir(d)) != NULL) {
        if (strncmp(e->d_name, "kept-", 5) == 0)
            kept++;
        else if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            other++;
    }
    if (d)
        closedir(d);
    return other ? -other : kept;
}

int main(int argc, char **argv)
{
    pid_t pids[WORKERS];
    int bad = 0, crashed = 0;

    snprintf(base, sizeof(base), "%s", argc > 1 ? argv[1] : "/conc");
    EXPECT_EQ("mkdir_base", 0, mkdir(base, 0755));
    fflush(stdout);
    for (int w = 0; w < WORKERS; w++) {
        pids[w] = fork();
        if (pids[w] == 0)
            _exit(worker(w));
    }
    for (int w = 0; w < WORKERS; w++) {
        int status = -1;
        waitpid(pids[w], &status, 0);
        if (WIFEXITED(status))
            bad += WEXITSTATUS(status);
        else
            crashed++;
    }
    EXPECT_EQ("no_worker_crashed", 0, crashed);
    EXPECT_EQ("every_worker_read_back_what_it_wrote", 0, bad);
    EXPECT_EQ("directory_holds_exactly_the_kept_files", WORKERS * ROUNDS / 3, count_kept());
    return utest_finish();
}
