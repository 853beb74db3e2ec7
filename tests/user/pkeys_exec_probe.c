// not-a-test: pkeys runs it after exec to see a fresh protection-key state
/*
 * pkeys_exec_probe: exits with the key a first pkey_alloc returns (1 after
 * exec: only key 0 is allocated; 63 when it fails), plus 64 when PKRU is
 * not Linux's exec value 0x55555554 (keys 1-15 denied).  On a CPU without
 * protection keys it exits with 63.
 */
#include <usmm.h>

int main(void)
{
    int key = pkey_alloc(0, 0);
    int pkru_bad = key >= 0 && usmm_rdpkru() != (0x55555554u & ~(3u << (2 * key)));
    return (key < 0 ? 63 : key) | (pkru_bad ? 64 : 0);
}
