/*
 * phase1-vma/mm/page_fault.c - the page-fault path, top to bottom:
 *
 *   trap_entry.asm -> trap_dispatch (arch/x86_64/trap.c)
 *   -> page_fault_handler: decode CR2 and the error code
 *   -> handle_mm_fault: find the VMA (lab 1) -- or, for an address in the
 *      free range below a VM_GROWSDOWN VMA, let phase 2 grow the stack
 *      down to it (mm_set_expand_stack) -- check the access against it
 *   -> vma->vm_ops->fault: for anonymous memory do_anonymous_page (lab 5)
 *      gets a zeroed frame and writes the page-table entry
 *   -> return: the faulting instruction runs again and succeeds.
 *
 * When there is no VMA, or it does not allow the access (or the page's
 * protection key does not, PF_PK), a user program
 * gets SIGSEGV (and one line in the log, like Linux's); when the VMA allows
 * it but nothing can back the page (past the end of a mapped file: the
 * fault handler says -EIO), SIGBUS; the kernel, inside
 * copy_from_user and friends, continues at the fixup and returns -EFAULT;
 * anywhere else in the kernel it is a bug: report and panic.
 *
 * Command-line switches: `pftrace` prints one line per user page fault;
 * `bochs_break` stops in the Bochs debugger at every page fault.
 */
#include <arch/cpu.h>
#include <arch/poweroff.h>
#include <arch/printk.h>
#include <kernel/boot.h>
#include <kernel/sysctl.h>
#include <mm/mmap.h>
#include <mm/page_table.h>
#include <mm/vmstat.h>
#include <proc/signal.h>
#include <uapi/errno.h>

static wp_fault_fn wp_fault_handler;
static expand_stack_fn expand_stack;
static anon_read_fault_fn anon_read_fault;
static bool bochs_break;
int64_t sysctl_pftrace;

void mm_set_wp_fault_handler(wp_fault_fn fn)
{
    wp_fault_handler = fn;
}

void mm_set_expand_stack(expand_stack_fn fn)
{
    expand_stack = fn;
}

/* fault_vma: the VMA that holds addr -- after growing a stack down to it
 * when addr lies in the gap below a VM_GROWSDOWN VMA and phase 2 grows
 * stacks -- or NULL. */
static struct vm_area_struct *fault_vma(struct mm_struct *mm, uint64_t addr)
{
    /* find_vma (lab 1), after a look at the VMA touched last: faults come
     * in runs within one mapping, and then the lookup is O(1) */
    struct vm_area_struct *vma = find_vma_hinted(mm, addr);

    if (!vma || vma->vm_start <= addr)
        return vma;
    if (!(vma->vm_flags & VM_GROWSDOWN) || !expand_stack || expand_stack(vma, addr) != 0)
        return NULL;
    return vma;
}

void mm_set_anon_read_fault(anon_read_fault_fn fn)
{
    anon_read_fault = fn;
}

/* do_fault: a fault on a page with nothing mapped: the VMA's fault handler,
 * or -- a read of private anonymous memory, with phase 2 -- the zero page. */
static int do_fault(struct vm_area_struct *vma, uint64_t addr, unsigned flags)
{
    if (anon_read_fault && !(flags & FAULT_FLAG_WRITE) && vma->vm_ops == &anon_vm_ops &&
        !(vma->vm_flags & VM_SHARED))
        return anon_read_fault(vma, addr, flags);
    return vma->vm_ops->fault(vma, addr, flags);
}

/* access_permitted: may an access described by fault_flags touch vma?
 * x86 pages cannot be write-only or execute-only, so, as on Linux, a read
 * is allowed in any VMA that allows anything at all. */
static bool access_permitted(const struct vm_area_struct *vma, unsigned fault_flags)
{
    if (fault_flags & FAULT_FLAG_WRITE)
        return vma->vm_flags & VM_WRITE;
    if (fault_flags & FAULT_FLAG_EXEC)
        return vma->vm_flags & VM_EXEC;
    return vma->vm_flags & VM_PROT_MASK;
}

/* present_page_fault: a fault on a present page the VMA allows: phase 2's
 * copy-on-write, or an entry that already allows the access.  The latter
 * leaves nothing to fix -- a stale TLB entry from before the entry changed,
 * or a CPU (or emulator) reporting an access the entry permits -- so flush
 * the TLB entry and say FAULT_SPURIOUS: the instruction may try once more. */
static int present_page_fault(struct vm_area_struct *vma, uint64_t addr, unsigned flags)
{
    pte_t *pte = pt_lookup(vma->vm_mm->pgd, addr);

    if (!pte || !pte_present(*pte))
        return do_fault(vma, addr, flags);
    if ((flags & FAULT_FLAG_WRITE) && !(*pte & PTE_WRITE))
        return wp_fault_handler ? wp_fault_handler(vma, addr, pte) : -EFAULT;
    tlb_flush_page(addr);
    return FAULT_SPURIOUS;
}

int handle_mm_fault(struct mm_struct *mm, uint64_t addr, unsigned fault_flags,
                    uint64_t error_code)
{
    struct vm_area_struct *vma = fault_vma(mm, addr);
    uint64_t page = page_round_down(addr);
    int err;

    if (!vma || !access_permitted(vma, fault_flags))
        return -EFAULT;
    if (error_code & PF_RESERVED)   /* the kernel wrote a bad entry: its bug */
        panic("corrupted page table: reserved bit set in an entry for %#lx", addr);
    if (error_code & PF_PKEY)       /* the page's protection key denies it (PKRU) */
        return -EFAULT;
    if (error_code & PF_PRESENT)
        err = present_page_fault(vma, page, fault_flags);
    else
        err = do_fault(vma, page, fault_flags);
    if (err == VM_FAULT_MAJOR) {
        mm->maj_flt++;
        vmstat.major_faults++;
        err = 0;
    } else if (err == 0) {
        mm->min_flt++;
        vmstat.minor_faults++;
    }
    return err;
}

/* segv_code: why the access failed, as si_code will say it (phase 2). */
static int segv_code(uint64_t addr, uint64_t error)
{
    struct vm_area_struct *vma = current->mm ? find_vma(current->mm, addr) : NULL;

    if (!vma || vma->vm_start > addr)
        return SEGV_MAPERR;
    return error & PF_PKEY ? SEGV_PKUERR : SEGV_ACCERR;
}

static const char *segv_code_name(int code)
{
    return code == SEGV_MAPERR ? "SEGV_MAPERR" : code == SEGV_PKUERR ? "SEGV_PKUERR" : "SEGV_ACCERR";
}

static void trace_fault(const struct trap_frame *tf, uint64_t addr, int result)
{
    char decoded[96];
    struct vm_area_struct *vma = current->mm ? find_vma(current->mm, addr) : NULL;

    page_fault_decode(tf->error, decoded, sizeof(decoded));
    printk("pf: %s[%d] addr %#lx [%s] ip %#lx", current->name, current->pid, addr,
           decoded, tf->rip);
    if (vma && vma->vm_start <= addr)
        printk(" vma %#lx-%#lx %c%c%c %s", vma->vm_start, vma->vm_end,
               vma->vm_flags & VM_READ ? 'r' : '-', vma->vm_flags & VM_WRITE ? 'w' : '-',
               vma->vm_flags & VM_EXEC ? 'x' : '-', vma->vm_ops->name);
    else
        printk(" no vma");
    if (result == -EFAULT)
        printk(" -> SIGSEGV (%s)\n", segv_code_name(segv_code(addr, tf->error)));
    else
        printk(" -> %s\n", result == 0 ? "mapped" : result == FAULT_SPURIOUS ? "retry" :
                           result == -ENOMEM ? "out of memory" :
                           result == -EIO ? "SIGBUS (BUS_ADRERR)" : "SIGSEGV");
}

/* fault_loop: the guard against a fault that is "resolved" again and again
 * while the instruction never completes (which would hang the program, or
 * the kernel inside copy_from_user, for ever).  The same instruction
 * faulting again at once on the same address with the same error code
 * means the resolution changed nothing: after FAULT_SPURIOUS the second
 * time, after any other the FAULT_LOOP_LIMIT-th time in a row, the fault
 * counts as unresolvable, with a report naming who claimed to fix it.
 * The count restarts at every other fault and every system call (a fix
 * that another task can undo before the retry -- reclaim, say -- must
 * leave the page young, so that it cannot be undone eight times running). */
static bool fault_loop(const struct trap_frame *tf, uint64_t addr, int result)
{
    struct fault_guard *g = &current->fault_guard;
    unsigned limit = result == FAULT_SPURIOUS ? 1 : FAULT_LOOP_LIMIT;

    if (g->rip == tf->rip && g->addr == addr && g->error == tf->error) {
        g->repeats++;
    } else {
        *g = (struct fault_guard){ .rip = tf->rip, .addr = addr, .error = tf->error };
    }
    if (g->repeats < limit)
        return false;
    printk("pf: %s[%d] addr %#lx ip %#lx error %#lx: fault loop: the same fault again after "
           "%u fixes by %s; giving up\n", current->name, current->pid, addr, tf->rip, tf->error,
           g->repeats, result == FAULT_SPURIOUS ? "a TLB flush (the entry allows the access)"
           : tf->error & PF_PRESENT ? "the write-protect handler" : "the VMA's fault handler");
    g->repeats = 0;
    return true;
}

/* fault_pkey: the protection key of the page at addr (SEGV_PKUERR's si_pkey),
 * from the page-table entry the CPU checked. */
static int fault_pkey(uint64_t addr)
{
    pte_t *pte = pt_lookup(current->mm->pgd, addr);
    return pte ? (int)((*pte & PTE_PKEY_MASK) >> PTE_PKEY_SHIFT) : 0;
}

/* force_fault_signal: record the page fault for siginfo and the ucontext
 * (si_code, si_addr, si_pkey, REG_ERR, REG_TRAPNO) and force `signo`. */
static void force_fault_signal(const struct trap_frame *tf, uint64_t addr, int signo, int code,
                               int pkey)
{
    current->fault_addr = addr;
    current->fault_code = code;
    current->fault_pkey = pkey;
    current->fault_error = tf->error;
    current->fault_trapno = TRAP_PF;
    force_sig_info(&(struct ksiginfo){ .signo = signo, .code = code, .addr = addr,
                                       .pkey = pkey });
}

/* user_sigbus: the VMA allows the access but nothing backs the address
 * (past the end of a mapped file, or the disk failed): SIGBUS, BUS_ADRERR,
 * as Linux. */
static void user_sigbus(const struct trap_frame *tf, uint64_t addr)
{
    if (signal_unhandled(current, SIGBUS))
        printk("%s[%d]: bus error at %lx ip %016lx (no page behind it: past the end of "
               "the mapped file?)\n", current->name, current->pid, addr, tf->rip);
    force_fault_signal(tf, addr, SIGBUS, BUS_ADRERR, -1);
}

static void user_segfault(const struct trap_frame *tf, uint64_t addr, int err)
{
    int code;

    if (err == -EIO) {
        user_sigbus(tf, addr);
        return;
    }
    if (err == -ENOMEM) {
        printk("Out of memory: killed process %d (%s)\n", current->pid, current->name);
        send_signal(current, SIGKILL);
        return;
    }
    if (signal_unhandled(current, SIGSEGV))     /* a handler's own business */
        printk("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n", current->name,
               current->pid, addr, tf->rip, tf->rsp, tf->error);
    vmstat.segv_faults++;
    code = segv_code(addr, tf->error);
    force_fault_signal(tf, addr, SIGSEGV, code, code == SEGV_PKUERR ? fault_pkey(addr) : -1);
}

void page_fault_handler(struct trap_frame *tf)
{
    uint64_t addr = read_cr2();
    bool user = trap_from_user(tf);
    unsigned flags = (tf->error & PF_WRITE ? FAULT_FLAG_WRITE : 0) |
                     (tf->error & PF_INSTR ? FAULT_FLAG_EXEC : 0) |
                     (user ? FAULT_FLAG_USER : 0);
    int err = -EFAULT;

    if (bochs_break)
        bochs_magic_break();
    /* a user-space address, touched by the program or by copy_*_user;
     * any other kernel access to user memory is a bug (SMAP catches it) */
    if (addr < USER_TOP && current->mm && (user || trap_in_uaccess(tf->rip)))
        err = handle_mm_fault(current->mm, addr, flags, tf->error);
    if (user && sysctl_pftrace)
        trace_fault(tf, addr, err);
    if (err >= 0 && !fault_loop(tf, addr, err))
        return;
    if (err >= 0)
        err = -EFAULT;
    if (user)
        user_segfault(tf, addr, err);
    else if (!trap_fixup(tf))
        trap_kernel_fault(tf, addr);
}

void page_fault_init(void)
{
    sysctl_pftrace = cmdline_has(&kernel_cmdline, "pftrace");
    bochs_break = cmdline_has(&kernel_cmdline, "bochs_break");
    trap_register(TRAP_PF, page_fault_handler);
}
