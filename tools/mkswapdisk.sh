#!/bin/sh
# Makes a raw disk image for vados: an MBR partition table (sfdisk) with one
# partition of type 0x82 (Linux swap) from sector 2048 to the end, formatted
# by mkswap. No loop devices and no root: the partition is built as a file of
# its own, formatted there, then copied into the image at 1 MiB.
#
#   tools/mkswapdisk.sh SIZE_MB OUT.img
#
# SIZE_MB is the whole disk (2 .. 2097152, the MBR's 2 TiB); the image is
# sparse. Running it again replaces OUT.img with a fresh disk.
set -eu

die() { echo "mkswapdisk: $*" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: tools/mkswapdisk.sh SIZE_MB OUT.img"
size_mb=$1
out=$2
case $size_mb in
	''|*[!0-9]*) die "SIZE_MB must be a whole number of megabytes, not '$size_mb'" ;;
esac
[ "$size_mb" -ge 2 ] && [ "$size_mb" -le 2097152 ] ||
	die "SIZE_MB must be 2 .. 2097152 (the partition starts at 1 MiB), not $size_mb"
PATH=$PATH:/sbin:/usr/sbin
for tool in sfdisk mkswap dd truncate; do
	command -v $tool >/dev/null || die "$tool is missing: run tools/setup.sh"
done
mkdir -p "$(dirname "$out")" || die "cannot create the directory of $out"

part_mb=$((size_mb - 1))
tmp_img="$out.tmp.$$"
tmp_part="$out.part.$$"
trap 'rm -f "$tmp_img" "$tmp_part"' EXIT INT TERM

truncate -s "${size_mb}M" "$tmp_img" || die "cannot create $tmp_img"
echo 'label: dos
start=2048, type=82' | sfdisk --quiet "$tmp_img" >/dev/null ||
	die "sfdisk could not write the partition table"
truncate -s "${part_mb}M" "$tmp_part" && chmod 600 "$tmp_part" || die "cannot create $tmp_part"
# mkswap warns that a sparse file makes a poor Linux swap file: true, and moot.
log=$(mkswap --label vados-swap "$tmp_part" 2>&1) || die "mkswap failed: $log"
# mkswap writes only the first page of a fresh file; copying the first MiB
# (sparse) keeps even a 128 GB image quick to make.
dd if="$tmp_part" of="$tmp_img" bs=1M seek=1 count=1 conv=notrunc,sparse status=none ||
	die "cannot copy the swap area into the image"
mv -f "$tmp_img" "$out" || die "cannot write $out"
echo "mkswapdisk: $out: ${size_mb} MB, swap partition of $((part_mb * 256)) pages at sector 2048"
