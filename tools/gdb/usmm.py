# tools/gdb/usmm.py - GDB commands that show the kernel's memory structures,
# in the spirit of Linux's lx-* helpers.  `make gdb` loads them (tools/gdbinit).
#
#   usmm-ps                      the processes: pid, state, name, mm, rss
#   usmm-vmas [PID]              a process's VMAs as pmap shows them (default:
#                                the current process)
#   usmm-pte ADDR [PID]          walk the page tables for ADDR: the entry at
#                                each of the four levels, its bits decoded
#   usmm-page PFN|ADDR           the struct page of a frame: a frame number
#                                (below max_pfn), else a physical or a
#                                direct-map address
#   usmm-trapframe [ADDR]        the registers saved at the last trap
#                                (default: the page fault being handled, else
#                                the current process's user frame)
#
# They read the kernel's own variables through its symbols, so they work on
# whichever phase's kernel.elf GDB has loaded.
import gdb

PAGE_SHIFT = 12
PHYS_MAP_BASE = 0xffff800000000000
ADDR_MASK = 0x000ffffffffff000
LEVEL_NAMES = {4: "PML4", 3: "PDPT", 2: "PD  ", 1: "PT  "}
PTE_BITS = [(0, "P"), (1, "W"), (2, "U"), (3, "PWT"), (4, "PCD"), (5, "A"), (6, "D"),
            (7, "PS"), (8, "G"), (9, "PROTNONE"), (63, "NX")]
VM_FLAG_NAMES = [(0x8, "shared"), (0x100, "growsdown"), (0x200, "stack"), (0x400, "heap"),
                 (0x800, "image"), (0x2000, "locked"), (0x200000, "noreserve")]
STATES = {0: "runnable", 1: "sleeping", 2: "zombie"}


def u64(value):
    return int(value) & 0xffffffffffffffff


def read_u64(addr):
    mem = gdb.selected_inferior().read_memory(addr, 8)
    return int.from_bytes(bytes(mem), "little")


def tasks():
    """Every task, from the PID hash table (the idle task is not in it)."""
    table = gdb.parse_and_eval("pid_hash")
    task_type = gdb.lookup_type("struct task")
    link_offset = gdb.parse_and_eval("&((struct task *)0)->hash_link").cast(
        gdb.lookup_type("unsigned long"))
    found = []
    for i in range(table.type.range()[1] + 1):
        head = table[i].address
        node = table[i]["next"]
        while u64(node) != u64(head):
            t = gdb.Value(u64(node) - int(link_offset)).cast(task_type.pointer())
            found.append(t)
            node = node["next"]
    return sorted(found, key=lambda t: int(t["pid"]))


def task_by_pid(pid):
    for t in tasks():
        if int(t["pid"]) == pid:
            return t
    raise gdb.GdbError(f"no process with pid {pid}")


def task_arg(arg):
    arg = arg.strip()
    if arg:
        return task_by_pid(int(gdb.parse_and_eval(arg)))
    return gdb.parse_and_eval("current")


def decode_pte(e):
    if e == 0:
        return "(empty)"
    bits = [name for bit, name in PTE_BITS if e & (1 << bit)]
    pkey = (e >> 59) & 0xf
    return f"{e:#018x}  frame {e & ADDR_MASK:#x}  [{' '.join(bits)}]" + \
        (f" pkey {pkey}" if pkey else "")


class UsmmPs(gdb.Command):
    """usmm-ps: the processes (pid, state, name, mm, resident pages)."""

    def __init__(self):
        super().__init__("usmm-ps", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        cur = u64(gdb.parse_and_eval("current"))
        print(f"{'PID':>6} {'PPID':>6} {'STATE':<9} {'RSS':>7} {'VMAS':>6}  {'MM':<18} NAME")
        for t in tasks():
            mm = t["mm"]
            rss = int(mm["rss"]) if u64(mm) else 0
            vmas = int(mm["map_count"]) if u64(mm) else 0
            ppid = int(t["parent"]["pid"]) if u64(t["parent"]) else 0
            mark = "*" if u64(t) == cur else " "
            print(f"{int(t['pid']):>6} {ppid:>6} {STATES.get(int(t['state']), '?'):<9} "
                  f"{rss:>7} {vmas:>6}  {u64(mm):#018x} {t['name'].string()}{mark}")
        print("(* = current; RSS in pages)")


class UsmmVmas(gdb.Command):
    """usmm-vmas [PID]: a process's VMAs, as pmap shows them."""

    def __init__(self):
        super().__init__("usmm-vmas", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        t = task_arg(arg)
        mm = t["mm"]
        if not u64(mm):
            raise gdb.GdbError(f"{t['name'].string()}[{int(t['pid'])}] has no address space")
        print(f"{t['name'].string()}[{int(t['pid'])}]: {int(mm['map_count'])} VMAs, "
              f"{int(mm['rss'])} resident pages")
        v = mm["mmap"]
        while u64(v):
            start, end, flags = u64(v["vm_start"]), u64(v["vm_end"]), int(v["vm_flags"])
            rights = ("r" if flags & 1 else "-") + ("w" if flags & 2 else "-") + \
                     ("x" if flags & 4 else "-") + ("s" if flags & 8 else "p")
            ops = v["vm_ops"]
            kind = ops["name"].string() if u64(ops) else "?"
            extra = [name for bit, name in VM_FLAG_NAMES if flags & bit]
            print(f"{start:016x}-{end:016x} {rights} {(end - start) >> 10:>9} KiB  "
                  f"pgoff {u64(v['vm_pgoff']):#x}  {kind} {' '.join(extra)}")
            v = v["vm_next"]


class UsmmPte(gdb.Command):
    """usmm-pte ADDR [PID]: the page-table walk for ADDR, level by level."""

    def __init__(self):
        super().__init__("usmm-pte", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        words = gdb.string_to_argv(arg)
        if not words:
            raise gdb.GdbError("usage: usmm-pte ADDR [PID]")
        addr = u64(gdb.parse_and_eval(words[0]))
        t = task_arg(words[1] if len(words) > 1 else "")
        mm = t["mm"]
        if not u64(mm):
            raise gdb.GdbError("no address space")
        table = u64(mm["pgd"])
        print(f"{t['name'].string()}[{int(t['pid'])}] {addr:#x}: pgd at {table:#x}")
        for level in (4, 3, 2, 1):
            index = (addr >> (PAGE_SHIFT + 9 * (level - 1))) & 511
            e = read_u64(table + 8 * index)
            print(f"  {LEVEL_NAMES[level]} [{index:3}] {decode_pte(e)}")
            if not (e & 1) or level == 1 or (e & (1 << 7)):
                if not (e & 1):
                    print("  -> not present" + (" (PROT_NONE: frame kept)" if e & (1 << 9) else ""))
                return
            table = PHYS_MAP_BASE + (e & ADDR_MASK)


class UsmmPage(gdb.Command):
    """usmm-page PFN|ADDR: the struct page describing a frame."""

    def __init__(self):
        super().__init__("usmm-page", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        if not arg.strip():
            raise gdb.GdbError("usage: usmm-page PFN|PHYSICAL-ADDRESS|DIRECT-MAP-ADDRESS")
        value = u64(gdb.parse_and_eval(arg))
        max_pfn = u64(gdb.parse_and_eval("max_pfn"))
        if value >= PHYS_MAP_BASE:          # a direct-map address
            value -= PHYS_MAP_BASE
        pfn = value if value < max_pfn else value >> PAGE_SHIFT
        if pfn >= max_pfn:
            raise gdb.GdbError(f"frame {pfn:#x} is beyond max_pfn")
        page = gdb.parse_and_eval(f"page_array[{pfn}]")
        print(f"frame {pfn:#x} (physical {pfn << PAGE_SHIFT:#x}): {page}")


class UsmmTrapframe(gdb.Command):
    """usmm-trapframe [ADDR]: the registers saved by a trap."""

    def __init__(self):
        super().__init__("usmm-trapframe", gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        tf_type = gdb.lookup_type("struct trap_frame").pointer()
        if arg.strip():
            tf = gdb.parse_and_eval(arg).cast(tf_type)
        else:
            tf = None
            frame = gdb.newest_frame()
            while frame is not None:          # inside a trap handler: its tf
                try:
                    tf = frame.read_var("tf").cast(tf_type)
                    break
                except (ValueError, gdb.error):
                    frame = frame.older()
            if tf is None:
                tf = gdb.parse_and_eval("current->tf").cast(tf_type)
        f = tf.dereference()
        vector = int(f["vector"])
        print(f"trap frame at {u64(tf):#x}: vector {vector:#x}"
              f"{' (system call)' if vector == 0x100 else ''}, error {u64(f['error']):#x}, "
              f"from ring {int(f['cs']) & 3}")
        print(f"  rip {u64(f['rip']):#018x}  cs {u64(f['cs']):#x}  rflags {u64(f['rflags']):#x}")
        print(f"  rsp {u64(f['rsp']):#018x}  ss {u64(f['ss']):#x}")
        regs = ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "r8", "r9", "r10", "r11",
                "r12", "r13", "r14", "r15"]
        for i in range(0, len(regs), 4):
            print("  " + "  ".join(f"{r:<3} {u64(f[r]):#018x}" for r in regs[i:i + 4]))
        if vector == 14:
            err = u64(f["error"])
            bits = [name for bit, name in [(0, "present"), (1, "write"), (2, "user"),
                                           (3, "reserved"), (4, "fetch"), (5, "pkey")]
                    if err & (1 << bit)]
            print(f"  page fault: {' '.join(bits) or 'not-present read kernel'}; "
                  f"cr2 {u64(gdb.parse_and_eval('$cr2')):#x}")


UsmmPs()
UsmmVmas()
UsmmPte()
UsmmPage()
UsmmTrapframe()
print("usmm: GDB helpers loaded: usmm-ps, usmm-vmas, usmm-pte, usmm-page, usmm-trapframe "
      "(help usmm-...)")
