#!/usr/bin/env python3
"""tools/mkinitrd.py - pack programs into the kernel's ramdisk.

Usage: mkinitrd.py OUTPUT.cpio FILE... [--tests FILE...] [--data FILE...]

Writes a cpio archive in the "newc" format (the one Linux's initramfs
uses), holding each FILE under its base name (no directories), owned by
root, with time 0 so that the same inputs always give the same archive.
The mode says what a file is, for the kernel's list of programs (the
shell's `ls`): 0100755 a program, 0100750 a test program (after --tests),
0100644 data (after --data).

newc layout, every entry starting on a 4-byte boundary:

    header   110 ASCII bytes: "070701", then 13 fields of 8 hex digits:
             ino mode uid gid nlink mtime filesize devmajor devminor
             rdevmajor rdevminor namesize check
    name     namesize bytes, the terminating NUL included, padded to 4
    data     filesize bytes, padded to 4

The archive ends with an entry named "TRAILER!!!", and is padded with
zeros to a multiple of 8 bytes so that the kernel can place it 8-byte
aligned at both ends.
"""
import os
import sys

MAGIC = b"070701"
MODE_EXECUTABLE = 0o100755
TRAILER = "TRAILER!!!"


def pad4(n):
    """Bytes of zero padding that bring n up to a multiple of 4."""
    return (4 - n % 4) % 4


def entry(ino, name, mode, data, rdev=(0, 0)):
    """One archive entry: header, name, data, each padded.  rdev is the
    (major, minor) of a device node (tools/bench.py makes /dev/console)."""
    name_bytes = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_bytes), 0]
    header = MAGIC + b"".join(b"%08X" % f for f in fields)
    out = header + name_bytes + b"\0" * pad4(len(header) + len(name_bytes))
    return out + data + b"\0" * pad4(len(data))


MODES = {"program": MODE_EXECUTABLE, "test": 0o100750, "data": 0o100644}


def kinds(args):
    """(path, kind) for FILE... --tests FILE... --data FILE...: each marker
    sets the kind of the files after it (programs first)."""
    kind, out = "program", []
    for a in args:
        if a in ("--tests", "--data", "--programs"):
            kind = {"--tests": "test", "--data": "data", "--programs": "program"}[a]
        else:
            out.append((a, kind))
    return out


def build(files):
    """The whole archive for `files` [(path, kind)], as bytes."""
    paths = [p for p, _ in files]
    names = [os.path.basename(p) for p in paths]
    seen = set()
    for name in names:
        if name in seen:
            sys.exit(f"mkinitrd: two files are named {name}")
        if name == TRAILER or not name:
            sys.exit(f"mkinitrd: bad file name {name!r}")
        seen.add(name)
    archive = bytearray()
    for ino, ((path, kind), name) in enumerate(zip(files, names), start=1):
        with open(path, "rb") as f:
            archive += entry(ino, name, MODES[kind], f.read())
    archive += entry(0, TRAILER, 0, b"")
    archive += b"\0" * ((8 - len(archive) % 8) % 8)
    return bytes(archive)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: mkinitrd.py OUTPUT.cpio FILE... [--tests FILE...] [--data FILE...]")
    output = sys.argv[1]
    archive = build(kinds(sys.argv[2:]))
    tmp = output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(archive)
    os.replace(tmp, output)      # never leave a half-written archive


if __name__ == "__main__":
    main()
