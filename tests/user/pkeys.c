// phases: 2 3
// cpus: max max,-pku
// cmdline: check_mm=2
/*
 * pkeys: protection keys with Linux's semantics and errors -- pkey_alloc,
 * pkey_free, pkey_mprotect, PKRU rights through pkey_get/pkey_set (ring 3
 * and copy_to_user alike), keys kept in the VMAs (no merging across keys),
 * fork inheriting the allocation, exec resetting it, execute-only memory
 * on its reserved key.  Run on a CPU with PKU (-cpu max) and on one
 * without (max,-pku), where only pkey_mprotect with key -1 works, with
 * Linux's errors exactly (the no-PKU half gives the same results as this
 * host's Linux 6.18, whose CPU has no PKU).
 */
#include "utest.h"
#include <sys/random.h>
#include <usmm.h>

#define PAGE 4096

static volatile int sink;

static int cpu_has_ospke(void)
{
    unsigned eax = 7, ebx, ecx = 0, edx;
    __asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx));
    return (ecx >> 4) & 1;
}

static uint64_t vma_count(void)
{
    struct usmm_mmstat st;
    usmm_mmstat(0, &st);
    return st.map_count;
}

static char *map(size_t pages, int prot)
{
    return mmap(NULL, pages * PAGE, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/* ---- both CPUs ---------------------------------------------------------- */

static void argument_errors(void)
{
    char *p = map(1, PROT_READ | PROT_WRITE);

    EXPECT_ERRNO("pkey_alloc_flags_must_be_0", pkey_alloc(1, 0), EINVAL);
    EXPECT_ERRNO("pkey_alloc_unknown_rights_is_einval", pkey_alloc(0, 4), EINVAL);
    EXPECT_ERRNO("pkey_free_unallocated_is_einval", pkey_free(5), EINVAL);
    EXPECT_ERRNO("pkey_free_16_is_einval", pkey_free(16), EINVAL);
    EXPECT_ERRNO("pkey_free_minus_1_is_einval", pkey_free(-1), EINVAL);
    EXPECT_ERRNO("pkey_mprotect_unallocated_key_is_einval",
                 pkey_mprotect(p, PAGE, PROT_READ, 7), EINVAL);
    EXPECT_ERRNO("pkey_mprotect_key_16_is_einval", pkey_mprotect(p, PAGE, PROT_READ, 16), EINVAL);
    EXPECT_ERRNO("pkey_mprotect_unaligned_is_einval",
                 pkey_mprotect(p + 1, PAGE, PROT_READ, -1), EINVAL);
    EXPECT_EQ("pkey_mprotect_minus_1_is_mprotect", 0,
              pkey_mprotect(p, PAGE, PROT_READ, -1));
    EXPECT_SIGNAL("pkey_mprotect_minus_1_made_it_read_only", SIGSEGV, p[0] = 1);
    munmap(p, PAGE);
}

/* ---- a CPU without PKU ---------------------------------------------------- */

static void without_pku(void)
{
    unsigned char *code = (unsigned char *)map(1, PROT_READ | PROT_WRITE);

    /* Linux's quirk: the first call takes key 0, fails to set its rights
     * and cannot free it; from then on there is no key left */
    EXPECT_ERRNO("no_pku_first_pkey_alloc_is_einval", pkey_alloc(0, 0), EINVAL);
    EXPECT_ERRNO("no_pku_next_pkey_alloc_is_enospc", pkey_alloc(0, PKEY_DISABLE_WRITE), ENOSPC);
    EXPECT_ERRNO("no_pku_pkey_mprotect_key_0_is_einval",
                 pkey_mprotect(code, PAGE, PROT_READ, 0), EINVAL);
    EXPECT_ERRNO("no_pku_pkey_mprotect_key_1_is_einval",
                 pkey_mprotect(code, PAGE, PROT_READ, 1), EINVAL);
    EXPECT_ERRNO("no_pku_pkey_free_0_is_einval", pkey_free(0), EINVAL);
    EXPECT_ERRNO("no_pku_pkey_get_is_enosys", pkey_get(0), ENOSYS);
    /* PROT_EXEC alone cannot be execute-only: the page stays readable */
    code[0] = 0xc3;
    EXPECT_EQ("no_pku_mprotect_exec_only_succeeds", 0, mprotect(code, PAGE, PROT_EXEC));
    ((void (*)(void))code)();
    EXPECT_EQ("no_pku_exec_only_page_stays_readable", 0xc3, code[0]);
    munmap(code, PAGE);
}

/* ---- a CPU with PKU ------------------------------------------------------- */

/* execute_only: in a fresh child (no key allocated yet) PROT_EXEC alone
 * takes key 1 for execute-only memory: the code runs, reads fault, and
 * the key is the kernel's, not the program's. */
static void execute_only(void)
{
    unsigned char *code = (unsigned char *)map(2, PROT_READ | PROT_WRITE);
    pid_t pid = fork();
    int status = -1;

    if (pid == 0) {
        code[0] = 0xc3;
        EXPECT_EQ("exec_only_mprotect_succeeds", 0, mprotect(code, PAGE, PROT_EXEC));
        ((void (*)(void))code)();
        EXPECT_TRUE("exec_only_code_runs", 1);
        EXPECT_SIGNAL("exec_only_read_is_sigsegv", SIGSEGV, sink = code[0]);
        EXPECT_EQ("exec_only_key_denied_in_pkru", PKEY_DISABLE_ACCESS, pkey_get(1));
        EXPECT_ERRNO("exec_only_key_cannot_be_freed", pkey_free(1), EINVAL);
        EXPECT_ERRNO("exec_only_key_cannot_be_used", pkey_mprotect(code + PAGE, PAGE, PROT_READ, 1),
                     EINVAL);
        EXPECT_EQ("pkey_alloc_skips_the_exec_only_key", 2, pkey_alloc(0, 0));
        EXPECT_EQ("copy_to_user_into_exec_only_is_efault", -1,
                  (int)getrandom(code, 16, 0));
        EXPECT_EQ("mprotect_read_exec_leaves_exec_only", 0, mprotect(code, PAGE, PROT_READ | PROT_EXEC));
        EXPECT_EQ("read_after_leaving_exec_only", 0xc3, code[0]);
        EXPECT_EQ("mmap_exec_only_uses_the_same_key", 0,
                  mmap(code + PAGE, PAGE, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0)
                      == code + PAGE ? 0 : -1);
        EXPECT_SIGNAL("mmap_exec_only_read_is_sigsegv", SIGSEGV, sink = code[PAGE]);
        EXPECT_EQ("check_mm_with_exec_only", 0, usmm_check_mm(0));
        exit(utest_finish());
    }
    waitpid(pid, &status, 0);
    EXPECT_EQ("exec_only_child_passed", 0, status);
    munmap(code, 2 * PAGE);
}

static void allocation(void)
{
    int keys[16], n = 0, k;

    EXPECT_EQ("pkey_alloc_returns_1_first", 1, keys[n++] = pkey_alloc(0, 0));
    while ((k = pkey_alloc(0, 0)) > 0 && n < 16)
        keys[n++] = k;
    EXPECT_EQ("fifteen_keys_for_the_program", 15, n);
    EXPECT_EQ("key_15_is_the_last", 15, keys[n - 1]);
    EXPECT_ERRNO("sixteenth_pkey_alloc_is_enospc", pkey_alloc(0, 0), ENOSPC);
    EXPECT_EQ("pkey_free_succeeds", 0, pkey_free(7));
    EXPECT_ERRNO("pkey_free_twice_is_einval", pkey_free(7), EINVAL);
    EXPECT_EQ("pkey_alloc_reuses_the_freed_key", 7, pkey_alloc(0, 0));
    for (int i = 0; i < n; i++)
        pkey_free(keys[i]);
    EXPECT_EQ("pkey_alloc_after_freeing_all", 1, pkey_alloc(0, 0));
    pkey_free(1);
    char *p = map(1, PROT_READ);
    EXPECT_EQ("pkey_mprotect_key_0_works", 0, pkey_mprotect(p, PAGE, PROT_READ | PROT_WRITE, 0));
    p[0] = 1;
    EXPECT_EQ("pkey_mprotect_key_0_made_it_writable", 1, p[0]);
    munmap(p, PAGE);
}

static void rights(void)
{
    char *p = map(3, PROT_READ | PROT_WRITE);
    uint64_t before;
    int k = pkey_alloc(0, PKEY_DISABLE_WRITE);

    memset(p, 'a', 3 * PAGE);
    before = vma_count();
    EXPECT_EQ("pkey_alloc_write_disabled", 1, k);
    EXPECT_EQ("pkey_get_shows_the_initial_rights", PKEY_DISABLE_WRITE, pkey_get(k));
    EXPECT_EQ("pkey_mprotect_middle_page", 0, pkey_mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE, k));
    EXPECT_EQ("different_keys_do_not_merge", before + 2, vma_count());
    struct usmm_vma_info v;
    usmm_vmas(0, (uint64_t)(p + PAGE), &v, 1);
    EXPECT_EQ("vma_carries_the_key", k, (int)((v.flags & USMM_VM_PKEY_MASK) >> USMM_VM_PKEY_SHIFT));
    EXPECT_EQ("read_allowed_with_write_disabled", 'a', p[PAGE]);
    EXPECT_SIGNAL("write_with_write_disabled_is_sigsegv", SIGSEGV, p[PAGE] = 1);
    p[0] = 'b';
    p[2 * PAGE] = 'c';
    EXPECT_EQ("neighbours_keep_key_0", 'b' + 'c', p[0] + p[2 * PAGE]);
    EXPECT_EQ("copy_to_user_write_disabled_is_efault", -1, (int)getrandom(p + PAGE, 8, 0));
    EXPECT_EQ("copy_to_user_write_disabled_errno", EFAULT, errno);
    EXPECT_EQ("pkey_set_allows_write", 0, pkey_set(k, 0));
    p[PAGE] = 'w';
    EXPECT_EQ("write_after_pkey_set", 'w', p[PAGE]);
    EXPECT_EQ("pkey_set_denies_access", 0, pkey_set(k, PKEY_DISABLE_ACCESS));
    EXPECT_SIGNAL("read_with_access_disabled_is_sigsegv", SIGSEGV, sink = p[PAGE]);
    EXPECT_EQ("pkey_get_after_set", PKEY_DISABLE_ACCESS, pkey_get(k));
    EXPECT_ERRNO("pkey_set_unknown_rights_is_einval", pkey_set(k, 4), EINVAL);
    EXPECT_ERRNO("pkey_get_16_is_einval", pkey_get(16), EINVAL);
    EXPECT_EQ("check_mm_with_keys", 0, usmm_check_mm(0));

    /* fork: the child has the same keys allocated and the same PKRU */
    EXPECT_EXIT("fork_inherits_pkru", 0, _exit(pkey_get(k) == PKEY_DISABLE_ACCESS ? 0 : 1));
    EXPECT_EXIT("fork_inherits_the_allocation", 2, _exit(pkey_alloc(0, 0)));
    EXPECT_SIGNAL("fork_child_denied_too", SIGSEGV, sink = p[PAGE]);
    /* exec: a fresh allocation and Linux's initial PKRU */
    EXPECT_EXIT("exec_resets_keys_and_pkru", 1,
                execve("pkeys_exec_probe", (char *[]){ "pkeys_exec_probe", NULL }, NULL));

    pkey_set(k, 0);
    EXPECT_EQ("pkey_mprotect_back_to_key_0", 0, pkey_mprotect(p + PAGE, PAGE, PROT_READ | PROT_WRITE, 0));
    EXPECT_EQ("same_key_merges_again", before, vma_count());
    EXPECT_EQ("pkey_free_in_use_key_succeeds", 0, pkey_free(k));
    EXPECT_EQ("contents_survive_keys", 'w', p[PAGE]);
    munmap(p, 3 * PAGE);
}

int main(void)
{
    argument_errors();
    if (!cpu_has_ospke()) {
        printf("no protection keys on this CPU\n");
        without_pku();
        return utest_finish();
    }
    printf("protection keys on this CPU\n");
    execute_only();
    allocation();
    rights();
    return utest_finish();
}
