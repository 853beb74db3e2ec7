#!/bin/sh
# tools/mkdisk.sh IMAGE STAGING BLOCKS FILE... - make the ext2 disk image
# (see mk/disk.mk): FILE... into STAGING/bin, /etc/passwd and /etc/group,
# the mount points; then mke2fs -d, and every inode owned by root except
# /home/user (1000:1000), whatever user ran the build.
set -e
image=$1 staging=$2 blocks=$3
shift 3
PATH=$PATH:/sbin:/usr/sbin
rm -rf "$staging" "$image"
mkdir -p "$staging/bin" "$staging/etc" "$staging/tmp" "$staging/dev/shm" "$staging/home/user"
for f in "$@"; do
    cp "$f" "$staging/bin/"
    chmod 0755 "$staging/bin/$(basename "$f")"
done
cat > "$staging/etc/passwd" <<PASSWD
root:x:0:0:root:/:/bin/sh
user:x:1000:1000:an unprivileged user:/home/user:/bin/sh
nobody:x:65534:65534:nobody:/:/bin/false
PASSWD
cat > "$staging/etc/group" <<GROUP
root:x:0:
user:x:1000:
nogroup:x:65534:
GROUP
printf 'this file lives on the disk\n' > "$staging/etc/motd"
chmod 0755 "$staging" "$staging/bin" "$staging/etc" "$staging/dev" "$staging/home" "$staging/home/user"
chmod 0644 "$staging/etc/passwd" "$staging/etc/group" "$staging/etc/motd"
chmod 1777 "$staging/tmp" "$staging/dev/shm"
mke2fs -q -F -t ext2 -r 1 -b 1024 -I 128 -O none,filetype,sparse_super,large_file \
    -L usmm -E root_owner=0:0 -d "$staging" "$image.tmp" "$blocks" >"$image.log" 2>&1 ||
    { cat "$image.log" >&2; exit 1; }
rm -f "$image.log"
# owners: root, whoever built it; /home/user belongs to user
( cd "$staging" && find . -mindepth 1 | sed 's|^\.||' ) | while read -r p; do
    printf 'sif %s uid 0\nsif %s gid 0\n' "$p" "$p"
done > "$image.owners"
printf 'sif /home/user uid 1000\nsif /home/user gid 1000\n' >> "$image.owners"
debugfs -w -f "$image.owners" "$image.tmp" >/dev/null 2>&1
rm -f "$image.owners"
e2fsck -fn "$image.tmp" >/dev/null 2>&1 || { e2fsck -fn "$image.tmp"; exit 1; }
mv "$image.tmp" "$image"
