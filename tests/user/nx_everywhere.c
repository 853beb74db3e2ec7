// phases: 2 3
// cmdline: check_mm=2
// expect-log: ^nx_everywhere\[\d+\]: segfault at ([0-9a-f]+) ip 0*\1 sp [0-9a-f]+ error 15$
// expect-log: ^pf: nx_everywhere\[\d+\] addr 0x([0-9a-f]+) \[[^]]*\] ip 0x\1 vma .* rw- anon -> SIGSEGV \(SEGV_ACCERR\)$
/*
 * nx_everywhere: no user page is both writable and executable unless the
 * program asked for it.  Executing the stack, the heap (malloc and brk)
 * and a data page each die with SIGSEGV -- an instruction fetch from a
 * present page (error 0x15: present, user, instruction fetch), which is
 * SEGV_ACCERR (the pftrace line of the stack case says so); the text is
 * not writable; no VMA of a fresh program is
 * w and x at once.  The optional W^X policy (sysctl vm.wxorx) refuses
 * PROT_WRITE|PROT_EXEC in mmap and mprotect with EACCES.
 */
#include "utest.h"
#include <usmm.h>

#define PAGE 4096

static unsigned char data_page[PAGE] __attribute__((aligned(PAGE))) = { 0xc3 };
static unsigned char bss_page[PAGE] __attribute__((aligned(PAGE)));
static const unsigned char rodata_ret[PAGE] __attribute__((aligned(PAGE))) = { 0xc3 };

static void call(const void *code)
{
    ((void (*)(void))code)();
}

static void *volatile text_address = (void *)call;

static void run_on_stack(void)
{
    unsigned char code[16] = { 0xc3 };
    int64_t on = 1;
    usmm_sysctl("kernel.pftrace", NULL, &on);      /* the log line names the si_code */
    call(code);
}

static int writable_and_executable_vmas(void)
{
    struct usmm_vma_info v[64];
    long n = usmm_vmas(0, 0, v, 64);
    int bad = 0;
    for (long i = 0; i < n && i < 64; i++)
        if ((v[i].flags & USMM_VM_WRITE) && (v[i].flags & USMM_VM_EXEC))
            bad++;
    return bad;
}

static void nx(void)
{
    unsigned char *heap = malloc(64);
    unsigned char *brk_page = usmm_sbrk(PAGE);

    heap[0] = 0xc3;
    brk_page[0] = 0xc3;
    bss_page[0] = 0xc3;
    EXPECT_EQ("no_vma_is_writable_and_executable", 0, writable_and_executable_vmas());
    EXPECT_SIGNAL("executing_the_stack_is_sigsegv", SIGSEGV, run_on_stack());
    usmm_sysctl("kernel.pftrace", NULL, &(int64_t){ 0 });
    EXPECT_SIGNAL("executing_malloc_memory_is_sigsegv", SIGSEGV, call(heap));
    EXPECT_SIGNAL("executing_the_brk_heap_is_sigsegv", SIGSEGV, call(brk_page));
    EXPECT_SIGNAL("executing_a_data_page_is_sigsegv", SIGSEGV, call(data_page));
    EXPECT_SIGNAL("executing_a_bss_page_is_sigsegv", SIGSEGV, call(bss_page));
    EXPECT_SIGNAL("executing_rodata_is_sigsegv", SIGSEGV, call(rodata_ret));
    EXPECT_SIGNAL("writing_the_text_is_sigsegv", SIGSEGV, *(volatile char *)text_address = 0);
    free(heap);
}

static void wxorx(void)
{
    int64_t on = 1, off = 0, was = -1;
    unsigned char *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    EXPECT_EQ("wxorx_is_off_by_default", 0, usmm_sysctl("vm.wxorx", &was, NULL) == 0 ? was : -1);
    EXPECT_TRUE("rwx_mmap_allowed_by_default", p != MAP_FAILED);
    p[0] = 0xc3;
    call(p);
    EXPECT_TRUE("rwx_page_runs_when_asked_for", 1);
    EXPECT_EQ("wxorx_sysctl_on", 0, usmm_sysctl("vm.wxorx", NULL, &on));
    EXPECT_ERRNO("wxorx_mmap_rwx_is_eacces",
                 mmap(NULL, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS,
                      -1, 0), EACCES);
    EXPECT_ERRNO("wxorx_mmap_wx_is_eacces",
                 mmap(NULL, PAGE, PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                 EACCES);
    EXPECT_EQ("wxorx_mprotect_rw_allowed", 0, mprotect(p, PAGE, PROT_READ | PROT_WRITE));
    EXPECT_ERRNO("wxorx_mprotect_rwx_is_eacces", mprotect(p, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC),
                 EACCES);
    EXPECT_EQ("wxorx_mprotect_rx_allowed", 0, mprotect(p, PAGE, PROT_READ | PROT_EXEC));
    call(p);
    EXPECT_TRUE("wxorx_jit_pattern_runs", 1);
    EXPECT_ERRNO("wxorx_sysctl_rejects_2", usmm_sysctl("vm.wxorx", NULL, &(int64_t){ 2 }), EINVAL);
    EXPECT_EQ("wxorx_sysctl_off", 0, usmm_sysctl("vm.wxorx", NULL, &off));
    EXPECT_EQ("rwx_mprotect_allowed_again", 0, mprotect(p, PAGE, PROT_READ | PROT_WRITE | PROT_EXEC));
    munmap(p, PAGE);
}

int main(void)
{
    nx();
    wxorx();
    return utest_finish();
}
