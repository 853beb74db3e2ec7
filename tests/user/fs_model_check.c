// phases: 2 3
// args: /mc 3000
// disk-check: e2fsck
/*
 * fs_model_check: thousands of random file operations (create, write at
 * random offsets, append, truncate, unlink, rename, link, read back) on
 * the disk, each checked against a model of what the files must hold,
 * then every file and the directory listing compared with the model.
 * The grader checks the image with e2fsck afterwards.  The random
 * sequence is fixed (a seeded generator), so a failure repeats.  Runs on
 * Linux too: `fs_model_check DIR COUNT`.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/stat.h>
#include "utest.h"

#define NAMES   12
#define OBJECTS (NAMES + 1)
#define MAXSIZE (40 * 1024)

struct object {
    int nlink;
    long size;
    unsigned char data[MAXSIZE];
};

static struct object objects[OBJECTS];
static int names[NAMES];            /* object of each name, -1: none */
static char base[256];
static unsigned long long rng = 0x2545f4914f6cdd1dull;
static int mismatches;
static long op_counts[8];

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng % n);
}

static const char *path(int name)
{
    static char buf[2][300];
    static int k;
    char *p = buf[k++ % 2];
    snprintf(p, 300, "%s/f%d", base, name);
    return p;
}

static void mismatch(const char *what, int name, long expected, long got)
{
    if (mismatches++ < 10)
        printf("model: %s on f%d: expected %ld, got %ld (errno %d)\n", what, name, expected,
               got, errno);
}

static int new_object(void)
{
    for (int i = 0; i < OBJECTS; i++)
        if (objects[i].nlink == 0) {
            objects[i].size = 0;
            return i;
        }
    return -1;
}

static void drop_name(int name)
{
    objects[names[name]].nlink--;
    names[name] = -1;
}

/* expect: a call's result against the model's (-errno for a failure) */
static void expect(const char *what, int name, long want, long got)
{
    long g = got < 0 ? -errno : got;
    if (g != want)
        mismatch(what, name, want, g);
}

static void op_create(int a)
{
    int fd = open(path(a), O_CREAT | O_EXCL | O_WRONLY, 0644);
    expect("create", a, names[a] >= 0 ? -EEXIST : fd < 0 ? -1 : fd, fd);
    if (fd >= 0) {
        close(fd);
        names[a] = new_object();
        objects[names[a]].nlink = 1;
    }
}

static void op_write(int a, bool append)
{
    static unsigned char buf[4096];
    struct object *o;
    long off, len = 1 + rnd(sizeof(buf));
    int fd = open(path(a), O_WRONLY | (append ? O_APPEND : 0));

    if (names[a] < 0) {
        expect("open for write", a, -ENOENT, fd);
        return;
    }
    o = &objects[names[a]];
    off = append ? o->size : rnd((unsigned)(o->size + 2048));
    if (off + len > MAXSIZE)
        len = MAXSIZE - off;
    for (long i = 0; i < len; i++)
        buf[i] = (unsigned char)rnd(256);
    expect("write", a, len, append ? write(fd, buf, len) : pwrite(fd, buf, len, off));
    if (off > o->size)
        memset(o->data + o->size, 0, off - o->size);
    memcpy(o->data + off, buf, len);
    if (off + len > o->size)
        o->size = off + len;
    close(fd);
}

static void op_truncate(int a)
{
    long size = rnd(MAXSIZE);
    struct object *o;
    if (names[a] < 0) {
        expect("truncate", a, -ENOENT, truncate(path(a), size));
        return;
    }
    o = &objects[names[a]];
    expect("truncate", a, 0, truncate(path(a), size));
    if (size > o->size)
        memset(o->data + o->size, 0, size - o->size);
    o->size = size;
}

static void op_unlink(int a)
{
    expect("unlink", a, names[a] < 0 ? -ENOENT : 0, unlink(path(a)));
    if (names[a] >= 0)
        drop_name(a);
}

static void op_rename(int a, int b)
{
    long want = names[a] < 0 ? -ENOENT : 0;
    expect("rename", a, want, rename(path(a), path(b)));
    if (want || names[a] == names[b])
        return;                     /* same file under both names: nothing moves */
    if (names[b] >= 0)
        drop_name(b);
    names[b] = names[a];
    names[a] = -1;
}

static void op_link(int a, int b)
{
    long want = names[a] < 0 ? -ENOENT : names[b] >= 0 ? -EEXIST : 0;
    expect("link", a, want, link(path(a), path(b)));
    if (want == 0) {
        names[b] = names[a];
        objects[names[a]].nlink++;
    }
}

static void verify(int a)
{
    static unsigned char buf[MAXSIZE + 16];
    struct object *o;
    struct stat st;
    int fd = open(path(a), O_RDONLY);
    long got;

    if (names[a] < 0) {
        expect("open for read", a, -ENOENT, fd);
        return;
    }
    o = &objects[names[a]];
    got = read(fd, buf, sizeof(buf));
    expect("read size", a, o->size, got);
    if (got == o->size && memcmp(buf, o->data, o->size) != 0)
        mismatch("contents", a, 0, 1);
    fstat(fd, &st);
    expect("links", a, o->nlink, st.st_nlink);
    close(fd);
}

static void run(long count)
{
    for (long i = 0; i < count; i++) {
        int a = (int)rnd(NAMES), b = (int)rnd(NAMES), op = (int)rnd(8);
        op_counts[op]++;
        switch (op) {
        case 0: op_create(a); break;
        case 1: op_write(a, false); break;
        case 2: op_write(a, true); break;
        case 3: op_truncate(a); break;
        case 4: op_unlink(a); break;
        case 5: op_rename(a, b); break;
        case 6: op_link(a, b); break;
        default: verify(a); break;
        }
    }
}

static int listed(void)
{
    DIR *d = opendir(base);
    struct dirent *e;
    int n = 0, name;
    while (d && (e = readdir(d)) != NULL) {
        if (sscanf(e->d_name, "f%d", &name) == 1 && name >= 0 && name < NAMES &&
            names[name] >= 0)
            n++;
        else if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n += 1000;              /* a name the model does not have */
    }
    if (d)
        closedir(d);
    return n;
}

int main(int argc, char **argv)
{
    long count = argc > 2 ? atol(argv[2]) : 3000;
    int expected = 0;

    snprintf(base, sizeof(base), "%s", argc > 1 ? argv[1] : "/mc");
    for (int i = 0; i < NAMES; i++)
        names[i] = -1;
    EXPECT_EQ("mkdir_base", 0, mkdir(base, 0755));
    run(count);
    EXPECT_EQ("every_operation_matches_the_model", 0, mismatches);
    for (int i = 0; i < NAMES; i++) {
        verify(i);
        expected += names[i] >= 0;
    }
    EXPECT_EQ("final_contents_match_the_model", 0, mismatches);
    EXPECT_EQ("directory_lists_exactly_the_model", expected, listed());
    EXPECT_TRUE("every_kind_of_operation_ran", op_counts[0] && op_counts[4] && op_counts[5] &&
                                                  op_counts[6] && op_counts[7]);
    return utest_finish();
}
