/*
 * kernel/phase.h - how a phase joins the kernel.
 *
 * The phase-N kernel links the objects of phases 1..N.  Each phase declares
 * itself once with DECLARE_PHASE; kernel_main() runs the init functions of
 * all phases present, in phase order, after the phase-1 base is up.  A
 * lower phase therefore never names a higher one: it offers hooks
 * (operations tables, registration calls) and the higher phase's init
 * function plugs into them.
 */
#ifndef KERNEL_PHASE_H
#define KERNEL_PHASE_H

struct phase_info {
    int number;
    const char *name;
    void (*init)(void);
};

/* The linker section holds only pointers: the compiler may pad larger
 * objects to 16 bytes, which would break walking the section as an array. */
#define DECLARE_PHASE(n, title, init_fn)                                     \
    static const struct phase_info phase_info_##n = { n, title, init_fn };   \
    static const struct phase_info *const phase_ptr_##n                      \
        __attribute__((used, section(".phases." #n))) = &phase_info_##n

/* The phases linked into this kernel, lowest first. */
extern const struct phase_info *const __phases_start[], *const __phases_end[];

/* kernel_phase: the highest phase linked in. */
int kernel_phase(void);

#endif
