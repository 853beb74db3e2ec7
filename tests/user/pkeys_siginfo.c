// phases: 2 3
// cpus: max
/*
 * pkeys_siginfo: a protection-key violation reaches a SIGSEGV handler as
 * si_code SEGV_PKUERR with si_pkey the page's key and si_addr the
 * address.  The handler moves the page back to key 0 (pkey_set in a
 * handler would not last: sigreturn restores the interrupted PKRU from
 * the frame, as Linux does) and returns: the access then completes.  Only
 * on a CPU with PKU (-cpu max).
 */
#include "utest.h"
#include <usmm.h>

static volatile int code, pkey, hits;
static volatile uintptr_t addr;
static char *page;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    hits++;
    code = si->si_code;
    pkey = (int)si->si_pkey;
    addr = (uintptr_t)si->si_addr;
    pkey_mprotect(page, 4096, PROT_READ | PROT_WRITE, 0);     /* let it through */
}

int main(void)
{
    struct sigaction sa;
    int k = pkey_alloc(0, PKEY_DISABLE_WRITE);

    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    EXPECT_EQ("pkey_mprotect_succeeds", 0, pkey_mprotect(page, 4096, PROT_READ | PROT_WRITE, k));
    *(volatile char *)&page[100] = 7;     /* volatile: not moved past the checks */
    EXPECT_EQ("handler_ran_once", 1, hits);
    EXPECT_EQ("si_code_is_segv_pkuerr", SEGV_PKUERR, code);
    EXPECT_EQ("si_pkey_is_the_key", k, pkey);
    EXPECT_EQ("si_addr_is_the_address", (uintptr_t)(page + 100), addr);
    EXPECT_EQ("access_completes_after_the_handler", 7, page[100]);
    return utest_finish();
}
