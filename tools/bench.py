#!/usr/bin/env python3
"""tools/bench.py - `make bench`: the same benchmark binary on usmm and on
Linux, under the same QEMU, in one run, and one table of both.

Usage: bench.py --binary BENCH_MM [--kernel KERNEL32] [--linux-cache DIR]
                [--qemu QEMU] [--max-tier N] [--no-linux] [--no-usmm]
                [--markdown FILE] [--log-dir DIR]

Both kernels run tests/user/bench_mm.c, built once as a static musl binary
(BENCH_MM), with the same QEMU flags:

    -machine pc -cpu max,-erms -m 2G -smp 1 -no-reboot -display none
    -icount shift=0,align=off,sleep=off

Under -icount shift=0 the guest's rdtsc counts instructions exactly; -erms
keeps `rep movsb/stosb` counted once per iteration on both sides.  usmm runs
the binary from its ramdisk (`run bench_mm`); Linux runs the very same file
as /init of a small initramfs made here, with the command line

    console=ttyS0 quiet mitigations=off init_on_alloc=0
    transparent_hugepage=madvise panic=-1 sysctl.vm.max_map_count=2000000

mitigations=off: no page-table isolation or other speculation defences
(usmm has none either); init_on_alloc=0: Debian's default zeroes every
allocation twice; transparent_hugepage=madvise: no 2 MiB pages unless
asked; max_map_count: room for the million-VMA rows; panic=-1: a crash
ends QEMU instead of hanging.

Linux itself is Debian's cloud kernel, fetched once with apt-get download
into the cache folder (default build/linux) and reused offline after that.
When it cannot be had, the table shows usmm's column alone and says why.
"""
import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
QEMU_COMMON = ["-machine", "pc", "-cpu", "max,-erms", "-m", "2G", "-smp", "1", "-no-reboot",
               "-display", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
               "-icount", "shift=0,align=off,sleep=off"]
LINUX_CMDLINE = ("console=ttyS0 quiet mitigations=off init_on_alloc=0 "
                 "transparent_hugepage=madvise panic=-1 sysctl.vm.max_map_count=2000000")
LINUX_PACKAGE = "linux-image-cloud-amd64"
ROW = re.compile(r"^bench-row (\S+) (\d+) (\d+) (\d+)\s*$")

# What each row of bench_mm measures, in the table's order.
LABELS = {
    "write_fault": "anonymous write fault",
    "read_fault": "anonymous read fault",
    "write_after_read": "write after a read fault (zero-page COW)",
    "mmap_munmap": "mmap + munmap of 4 KiB",
    "mmap_new_vma": "mmap of 4 KiB, a new VMA",
    "mmap_merging": "mmap of 4 KiB, merged into its neighbour",
    "munmap_vma": "munmap of a one-page VMA",
    "mprotect_unpopulated": "mprotect split + merge, unpopulated",
    "mprotect_populated": "mprotect split + merge, populated",
    "populate_per_page": "MAP_POPULATE, per page",
    "munmap_per_page": "munmap of populated memory, per page",
    "cow_fault": "COW write fault after fork",
    "cow_reuse_fault": "COW write fault, the child gone (reuse, no copy)",
    "null_syscall": "null system call (getppid)",
    "file_read_4k": "pread of 4 KiB, cached (a file in /tmp)",
    "file_write_4k": "pwrite of 4 KiB over cached data (/tmp)",
    "file_fault_read_shared": "file page-cache fault, read, MAP_SHARED (/tmp)",
    "file_fault_write_shared": "file page-cache fault, write, MAP_SHARED (/tmp)",
    "file_fault_read_private": "file page-cache fault, read, MAP_PRIVATE (/tmp)",
    "file_fault_write_private": "file page-cache fault, write, MAP_PRIVATE (copy)",
    "file_msync_page": "msync(MS_SYNC) of one dirty page (/tmp)",
    "file_mmap_munmap": "mmap + munmap of a 4 KiB file mapping",
    "fork_small": "fork (the process as it is)",
    "fork_per_page": "fork, per resident page more",
    "exit_small": "exit + reap (the child as it is)",
    "exit_per_page": "exit + reap, per page more",
}


def load_mkinitrd():
    spec = importlib.util.spec_from_file_location("mkinitrd", os.path.join(HERE, "mkinitrd.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_initramfs(binary, output):
    """A newc archive: /dev, /dev/console, /proc and /init = binary."""
    mk = load_mkinitrd()
    with open(binary, "rb") as f:
        program = f.read()
    archive = (mk.entry(1, "dev", 0o040755, b"") +
               mk.entry(2, "dev/console", 0o020600, b"", rdev=(5, 1)) +
               mk.entry(3, "proc", 0o040555, b"") +
               mk.entry(4, "init", 0o100755, program) +
               mk.entry(0, mk.TRAILER, 0, b""))
    with open(output, "wb") as f:
        f.write(archive)


def fetch_linux(cache):
    """Path of a cached vmlinuz, fetching Debian's package once; or
    (None, reason)."""
    vmlinuz = os.path.join(cache, "vmlinuz")
    if os.path.exists(vmlinuz):
        return vmlinuz, None
    os.makedirs(cache, exist_ok=True)
    match = None
    for attempt in range(2):
        try:
            deps = subprocess.run(["apt-cache", "depends", LINUX_PACKAGE], stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, timeout=60).stdout
        except (OSError, subprocess.TimeoutExpired) as e:
            return None, f"apt-cache failed: {e}"
        match = re.search(r"Depends: (linux-image-\S+)", deps)
        if match or attempt == 1:
            break
        # a fresh machine may never have read the package lists
        update = ["apt-get", "update"] if os.geteuid() == 0 else ["sudo", "-n", "apt-get", "update"]
        print(f"bench: {LINUX_PACKAGE} unknown to apt; running {' '.join(update)}", flush=True)
        try:
            subprocess.run(update, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        except (OSError, subprocess.TimeoutExpired):
            break
    if not match:
        return None, f"apt-cache depends {LINUX_PACKAGE} names no kernel image package"
    package = match.group(1)
    work = tempfile.mkdtemp(dir=cache)
    try:
        got = subprocess.run(["apt-get", "download", package], cwd=work, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, timeout=600)
        debs = [f for f in os.listdir(work) if f.endswith(".deb")]
        if got.returncode != 0 or not debs:
            return None, f"apt-get download {package} failed: {got.stdout.strip()[-300:]}"
        tar = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", debs[0]], cwd=work,
                               stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "--wildcards", "./boot/vmlinuz-*"], cwd=work,
                       stdin=tar.stdout, check=True)
        tar.wait()
        boot = os.path.join(work, "boot")
        image = [f for f in os.listdir(boot) if f.startswith("vmlinuz-")][0]
        shutil.move(os.path.join(boot, image), vmlinuz)
        with open(os.path.join(cache, "VERSION"), "w") as f:
            f.write(debs[0] + "\n")
        return vmlinuz, None
    except (OSError, subprocess.SubprocessError, IndexError) as e:
        return None, f"could not unpack {package}: {e}"
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(qemu, args, log, timeout):
    """Run QEMU, its console to `log`; returns (rows, text)."""
    start = time.time()
    with open(log, "w") as out:
        try:
            subprocess.run([qemu] + QEMU_COMMON + ["-serial", "stdio"] + args,
                           stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                           timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    with open(log, errors="replace") as f:
        text = f.read()
    rows = {}
    for line in text.splitlines():
        m = ROW.match(line.replace("\r", ""))
        if m:
            rows[(m.group(1), int(m.group(2)))] = (int(m.group(3)), int(m.group(4)))
    print(f"bench: {os.path.basename(log)}: {len(rows)} figures in {time.time() - start:.0f} s"
          f" (log {log})", flush=True)
    return rows, text


def fmt(n):
    return f"{n:,}"


def table(usmm, linux, note):
    """The whole table as lines of Markdown."""
    keys = []
    for name in LABELS:
        for tier in sorted({t for (n, t) in list(usmm) + list(linux) if n == name}):
            keys.append((name, tier))
    out = ["| operation | VMAs | usmm | Linux | usmm / Linux |", "|---|---:|---:|---:|---:|"]
    for name, tier in keys:
        u, l = usmm.get((name, tier)), linux.get((name, tier))
        ratio = f"{u[1] / l[1]:.2f}" if u and l and l[1] else "-"
        out.append(f"| {LABELS[name]} | {fmt(tier)} | {fmt(u[1]) if u else '-'} | "
                   f"{fmt(l[1]) if l else '-'} | {ratio} |")
    counts = lambda rows: ", ".join(f"{fmt(t)}: {fmt(v)}" for t, v in
                                    sorted({(t, c) for (_, t), (c, _) in rows.items()}))
    out.append("")
    out.append(f"VMAs measured in the process at each tier: usmm {counts(usmm) or '-'}; "
               f"Linux {counts(linux) or '-'}.")
    out += [""] + growth(usmm, linux)
    if note:
        out += ["", note]
    return out


def growth(usmm, linux):
    """How much each VMA operation grows from its 1-VMA tier."""
    out = ["Growth with the VMA count (cost at the tier / cost at 1 VMA):", "",
           "| operation | usmm 1,000 | usmm 100,000 | usmm 1,000,000 | Linux 100,000 | Linux 1,000,000 |",
           "|---|---:|---:|---:|---:|---:|"]
    for name in LABELS:
        if (name, 1000) not in usmm and (name, 1000) not in linux:
            continue

        def g(rows, tier):
            base, at = rows.get((name, 1)), rows.get((name, tier))
            return f"{at[1] / base[1]:.2f}x" if base and at and base[1] else "-"
        out.append(f"| {LABELS[name]} | {g(usmm, 1000)} | {g(usmm, 100000)} | "
                   f"{g(usmm, 1000000)} | {g(linux, 100000)} | {g(linux, 1000000)} |")
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", required=True, help="the bench_mm binary, for Linux's /init")
    ap.add_argument("--kernel", help="usmm's kernel32.elf (its ramdisk holds bench_mm)")
    ap.add_argument("--linux-cache", default="build/linux")
    ap.add_argument("--qemu", default="qemu-system-x86_64")
    ap.add_argument("--max-tier", type=int, default=1000000)
    ap.add_argument("--no-linux", action="store_true")
    ap.add_argument("--no-usmm", action="store_true")
    ap.add_argument("--markdown", help="also write the table to this file")
    ap.add_argument("--log-dir", default="build/logs")
    ap.add_argument("--timeout", type=int, default=3600)
    args = ap.parse_args()
    os.makedirs(args.log_dir, exist_ok=True)

    usmm, linux, note = {}, {}, ""
    if not args.no_usmm:
        if not args.kernel:
            sys.exit("bench: --kernel is needed for usmm's column")
        usmm, text = run(args.qemu, ["-kernel", args.kernel, "-append",
                                     f"quiet -- run bench_mm {args.max_tier}"],
                         os.path.join(args.log_dir, "bench-usmm.log"), args.timeout)
        if "bench_mm: done" not in text:
            print("bench: usmm's run did not finish; its log ends:\n" +
                  "\n".join(text.splitlines()[-15:]))
    if not args.no_linux:
        vmlinuz, why = fetch_linux(args.linux_cache)
        if vmlinuz:
            initramfs = os.path.join(args.linux_cache, "bench-initramfs.cpio")
            make_initramfs(args.binary, initramfs)
            linux, text = run(args.qemu, ["-kernel", vmlinuz, "-initrd", initramfs, "-append",
                                          f"{LINUX_CMDLINE} -- {args.max_tier}"],
                              os.path.join(args.log_dir, "bench-linux.log"), args.timeout)
            version = open(os.path.join(args.linux_cache, "VERSION")).read().strip() \
                if os.path.exists(os.path.join(args.linux_cache, "VERSION")) else "vmlinuz"
            note = f"Linux: {version}."
            if "bench_mm: done" not in text:
                print("bench: Linux's run did not finish; its log ends:\n" +
                      "\n".join(text.splitlines()[-15:]))
        else:
            note = f"No Linux column: {why}"
            print(f"bench: {note}")
    lines = table(usmm, linux, note)
    print("\n".join(lines))
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("\n".join(lines) + "\n")
    return 0 if usmm or linux else 1


if __name__ == "__main__":
    sys.exit(main())
