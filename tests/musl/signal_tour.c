// phases: 2 3
/*
 * signal_tour: signals as a C programmer meets them, from one static musl
 * binary run on this host's Linux and in usmm (phase 2 on): the output and
 * the exit status must be the same.  A SIGSEGV handler that mprotects the
 * page and returns (the store then succeeds), siginfo of a fault, of kill
 * and of raise, siglongjmp out of a handler, sigaltstack, sigsuspend,
 * sigtimedwait, abort() and the status a parent sees.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile char *page;
static sigjmp_buf jump;
static volatile int faults;
static char alt[32768];
static volatile char *volatile unmapped = (char *)0x10;

static void unprotect(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    faults++;
    printf("  handler: %s, si_code %s, si_addr %s the faulting byte\n",
           sig == SIGSEGV ? "SIGSEGV" : "?",
           si->si_code == SEGV_ACCERR ? "SEGV_ACCERR" : si->si_code == SEGV_MAPERR ?
           "SEGV_MAPERR" : "other", (volatile char *)si->si_addr == page + 123 ? "is" : "is not");
    mprotect((void *)page, 4096, PROT_READ | PROT_WRITE);
}

static void leave(int sig, siginfo_t *si, void *uc)
{
    (void)si, (void)uc;
    char here;
    printf("  handler: signal %d, on the alternate stack: %s\n", sig,
           &here >= alt && &here < alt + sizeof(alt) ? "yes" : "no");
    siglongjmp(jump, 1);
}

static void tell(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    printf("  handler: signal %d, si_code %s, from myself: %s\n", sig,
           si->si_code == SI_USER ? "SI_USER" : si->si_code == SI_TKILL ? "SI_TKILL" : "other",
           si->si_pid == getpid() ? "yes" : "no");
}

static void on(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa = { .sa_sigaction = fn, .sa_flags = SA_SIGINFO | flags };
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

int main(void)
{
    sigset_t set, old;
    siginfo_t si;
    int status;

    printf("1. a handler that fixes the fault and returns\n");
    page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    on(SIGSEGV, unprotect, 0);
    page[123] = 'x';
    printf("  the store happened after %d fault: page[123] = '%c'\n", faults, page[123]);

    printf("2. kill and raise\n");
    on(SIGUSR1, tell, 0);
    kill(getpid(), SIGUSR1);
    raise(SIGUSR1);

    printf("3. siglongjmp out of a handler on the alternate stack\n");
    stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) };
    sigaltstack(&ss, NULL);
    on(SIGSEGV, leave, SA_ONSTACK);
    if (!sigsetjmp(jump, 1))
        *unmapped = 1;
    sigprocmask(SIG_BLOCK, NULL, &old);
    printf("  back in main, SIGSEGV blocked: %s\n", sigismember(&old, SIGSEGV) ? "yes" : "no");

    printf("4. sigtimedwait and sigsuspend\n");
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR2);
    printf("  sigtimedwait: %s\n",
           sigtimedwait(&set, &si, &(struct timespec){ 0, 0 }) == SIGUSR2 ? "SIGUSR2" : "?");
    if (fork() == 0) {
        nanosleep(&(struct timespec){ 0, 20000000 }, NULL);
        kill(getppid(), SIGUSR1);
        _exit(0);
    }
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    sigemptyset(&set);
    printf("  sigsuspend returned %d\n", sigsuspend(&set));
    wait(NULL);

    printf("5. abort\n");
    fflush(stdout);
    if (fork() == 0)
        abort();
    wait(&status);
    printf("  the child %s %s\n", WIFSIGNALED(status) ? "was killed by" : "exited with",
           WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "a status");
    return 0;
}
