/*
 * <unistd.h> - processes, file descriptors, the program break, sysconf.
 *
 * Programs live in the kernel's ramdisk and are named by their plain name
 * ("hello"), so execvp() does no PATH search: it is execve() with environ.
 */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

/* sysconf names (glibc's numbers) */
#define _SC_ARG_MAX          0
#define _SC_CLK_TCK          2
#define _SC_OPEN_MAX         4
#define _SC_PAGESIZE         30
#define _SC_PAGE_SIZE        _SC_PAGESIZE
#define _SC_NPROCESSORS_CONF 83
#define _SC_NPROCESSORS_ONLN 84
#define _SC_PHYS_PAGES       85
#define _SC_AVPHYS_PAGES     86

extern char **environ;

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pread(int fd, void *buf, size_t n, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup(int fd);
int dup2(int fd, int newfd);
int fsync(int fd);
int ftruncate(int fd, off_t length);
int unlink(const char *path);
char *getcwd(char *buf, size_t size);
int isatty(int fd);

pid_t fork(void);
pid_t vfork(void);              /* the same as fork() here */
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
void _exit(int status) __attribute__((noreturn));
pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
int pause(void);

int brk(void *addr);
void *sbrk(intptr_t increment);

long sysconf(int name);
int getpagesize(void);
unsigned int sleep(unsigned int seconds);
int usleep(useconds_t usec);

/* syscall: any system call by number (<sys/syscall.h>); -1 and errno on
 * failure, like the named stubs */
long syscall(long number, ...);

#endif
