/*
 * phase2-mapping/proc/sys_cred.c - users and groups: the real, effective
 * and saved user and group ids of a process (in its fs_struct, so fork
 * copies them) and the calls that read and change them: get[e]uid,
 * get[e]gid, setuid, setgid, setreuid, setregid, setresuid, setresgid,
 * getresuid, getresgid, getgroups, setgroups.  Root (effective uid 0) may
 * set any id; anyone else only to one of its own real / effective / saved
 * ids (EPERM otherwise), as in Linux.  Phase 1's getuid, which answered 0
 * for everyone, is replaced.
 */
#include <fs/syscalls.h>
#include <fs/vfs.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <proc/task.h>
#include <uapi/errno.h>
#include <uapi/syscall_numbers.h>
#include <uapi/syscall_numbers_fs.h>

#define NO_CHANGE ((uint32_t)-1)

static struct fs_struct *cred(void)
{
    return task_fs(current);
}

static int64_t sys_getuid2(void) { return cred()->uid; }
static int64_t sys_geteuid2(void) { return cred()->euid; }
static int64_t sys_getgid2(void) { return cred()->gid; }
static int64_t sys_getegid2(void) { return cred()->egid; }

/* one_of: is id one of the process's r/e/s ids? */
static bool one_of(uint32_t id, uint32_t r, uint32_t e, uint32_t s)
{
    return id == r || id == e || id == s;
}

/* set_res: setresuid's rule for one set of ids (NO_CHANGE keeps one). */
static int set_res(uint32_t *r, uint32_t *e, uint32_t *s, uint32_t nr, uint32_t ne, uint32_t ns)
{
    bool root = cred()->euid == 0;

    if (!root && ((nr != NO_CHANGE && !one_of(nr, *r, *e, *s)) ||
                  (ne != NO_CHANGE && !one_of(ne, *r, *e, *s)) ||
                  (ns != NO_CHANGE && !one_of(ns, *r, *e, *s))))
        return -EPERM;
    if (nr != NO_CHANGE)
        *r = nr;
    if (ne != NO_CHANGE)
        *e = ne;
    if (ns != NO_CHANGE)
        *s = ns;
    return 0;
}

static int64_t sys_setresuid(uint64_t r, uint64_t e, uint64_t s)
{
    struct fs_struct *c = cred();
    return set_res(&c->uid, &c->euid, &c->suid, (uint32_t)r, (uint32_t)e, (uint32_t)s);
}

static int64_t sys_setresgid(uint64_t r, uint64_t e, uint64_t s)
{
    struct fs_struct *c = cred();
    return set_res(&c->gid, &c->egid, &c->sgid, (uint32_t)r, (uint32_t)e, (uint32_t)s);
}

/* setuid: root sets all three; others only the effective id, to the
 * real or saved one. */
static int64_t sys_setuid(uint64_t uid)
{
    struct fs_struct *c = cred();
    uint32_t id = (uint32_t)uid;

    if (id == NO_CHANGE)
        return -EINVAL;
    if (c->euid == 0) {
        c->uid = c->euid = c->suid = id;
        return 0;
    }
    if (id != c->uid && id != c->suid)
        return -EPERM;
    c->euid = id;
    return 0;
}

static int64_t sys_setgid(uint64_t gid)
{
    struct fs_struct *c = cred();
    uint32_t id = (uint32_t)gid;

    if (id == NO_CHANGE)
        return -EINVAL;
    if (c->euid == 0) {
        c->gid = c->egid = c->sgid = id;
        return 0;
    }
    if (id != c->gid && id != c->sgid)
        return -EPERM;
    c->egid = id;
    return 0;
}

/* setreuid: as Linux: the saved id follows the effective one when the
 * real id is set or the effective one becomes other than the real. */
static int64_t sys_setreuid(uint64_t r, uint64_t e)
{
    struct fs_struct *c = cred();
    uint32_t nr = (uint32_t)r, ne = (uint32_t)e, old_r = c->uid;
    bool root = c->euid == 0;

    if (!root && ((nr != NO_CHANGE && nr != c->uid && nr != c->euid) ||
                  (ne != NO_CHANGE && !one_of(ne, c->uid, c->euid, c->suid))))
        return -EPERM;
    if (nr != NO_CHANGE)
        c->uid = nr;
    if (ne != NO_CHANGE)
        c->euid = ne;
    if (nr != NO_CHANGE || (ne != NO_CHANGE && ne != old_r))
        c->suid = c->euid;
    return 0;
}

static int64_t sys_setregid(uint64_t r, uint64_t e)
{
    struct fs_struct *c = cred();
    uint32_t nr = (uint32_t)r, ne = (uint32_t)e, old_r = c->gid;
    bool root = c->euid == 0;

    if (!root && ((nr != NO_CHANGE && nr != c->gid && nr != c->egid) ||
                  (ne != NO_CHANGE && !one_of(ne, c->gid, c->egid, c->sgid))))
        return -EPERM;
    if (nr != NO_CHANGE)
        c->gid = nr;
    if (ne != NO_CHANGE)
        c->egid = ne;
    if (nr != NO_CHANGE || (ne != NO_CHANGE && ne != old_r))
        c->sgid = c->egid;
    return 0;
}

static int64_t put_three(uint64_t a, uint64_t b, uint64_t c, uint32_t x, uint32_t y, uint32_t z)
{
    if (copy_to_user((void *)a, &x, 4) || copy_to_user((void *)b, &y, 4) ||
        copy_to_user((void *)c, &z, 4))
        return -EFAULT;
    return 0;
}

static int64_t sys_getresuid(uint64_t r, uint64_t e, uint64_t s)
{
    struct fs_struct *c = cred();
    return put_three(r, e, s, c->uid, c->euid, c->suid);
}

static int64_t sys_getresgid(uint64_t r, uint64_t e, uint64_t s)
{
    struct fs_struct *c = cred();
    return put_three(r, e, s, c->gid, c->egid, c->sgid);
}

/* supplementary groups: none (setgroups: root may set an empty list). */
static int64_t sys_getgroups(uint64_t size, uint64_t list)
{
    return (int)size < 0 ? -EINVAL : 0;
}

static int64_t sys_setgroups(uint64_t size, uint64_t list)
{
    if (cred()->euid != 0)
        return -EPERM;
    return size > 65536 ? -EINVAL : 0;
}

void sys_cred_init(void)
{
    syscall_register(SYS_getuid, "getuid", SYSCALL_HANDLER(sys_getuid2));
    syscall_register(SYS_geteuid, "geteuid", SYSCALL_HANDLER(sys_geteuid2));
    syscall_register(SYS_getgid, "getgid", SYSCALL_HANDLER(sys_getgid2));
    syscall_register(SYS_getegid, "getegid", SYSCALL_HANDLER(sys_getegid2));
    syscall_register(SYS_setuid, "setuid", SYSCALL_HANDLER(sys_setuid));
    syscall_register(SYS_setgid, "setgid", SYSCALL_HANDLER(sys_setgid));
    syscall_register(SYS_setreuid, "setreuid", SYSCALL_HANDLER(sys_setreuid));
    syscall_register(SYS_setregid, "setregid", SYSCALL_HANDLER(sys_setregid));
    syscall_register(SYS_setresuid, "setresuid", SYSCALL_HANDLER(sys_setresuid));
    syscall_register(SYS_setresgid, "setresgid", SYSCALL_HANDLER(sys_setresgid));
    syscall_register(SYS_getresuid, "getresuid", SYSCALL_HANDLER(sys_getresuid));
    syscall_register(SYS_getresgid, "getresgid", SYSCALL_HANDLER(sys_getresgid));
    syscall_register(SYS_getgroups, "getgroups", SYSCALL_HANDLER(sys_getgroups));
    syscall_register(SYS_setgroups, "setgroups", SYSCALL_HANDLER(sys_setgroups));
}
