#!/bin/sh
# Makes vados's disk: a sparse raw image with an MBR holding a FAT32 partition
# (type 0x0c, C:) from sector 2048 and a Linux swap partition (type 0x82)
# right after it, with the given programs in C:\BIN and any extra files. No
# root and no loop devices: sfdisk writes the table into the image file,
# mkfs.fat formats the FAT partition in place (--offset), mtools (-i IMG@@BYTES)
# copies files in, and mkswap formats a file of the swap partition's size whose
# first MiB is copied into the image.
#
#   tools/mkdisk.sh [--fat MB] [--swap MB] [--cluster BYTES] [--file HOST[=C:\PATH]]...
#                   OUT.img [PROGRAM...]        a fresh disk (replaces OUT.img)
#   tools/mkdisk.sh --update [--file HOST[=C:\PATH]]... OUT.img [PROGRAM...]
#                   copies into OUT.img's C: (overwriting), keeping everything else
#   tools/mkdisk.sh --check OUT.img
#                   fsck.fat -n on OUT.img's FAT partition: exit 0 only when clean
#
# --fat MB: the FAT32 partition (default 512; 0: none; at least 33, since FAT32
# needs 65525 clusters). --swap MB: the swap partition (default 64; 0: none).
# --cluster BYTES: 512, 1024, 2048 or 4096; by default 4096 (the Linux peer's
# disk, ../shared/peer/linux686) or, on a partition too small for 65525
# clusters of that size, the largest size that leaves as many. PROGRAMs go to
# C:\BIN under their own names, without debug sections; --file copies HOST to
# C:\PATH (default: C:\ and HOST's name; a PATH ending in \ is a directory),
# making the directories on the way. The disk is 1 + FAT + SWAP MiB.
set -eu

PATH=$PATH:/sbin:/usr/sbin
export MTOOLS_SKIP_CHECK=1      # mtools would refuse a partition whose size is no multiple of a track
PART_LBA=2048
MIN_CLUSTERS=65525              # fewer make a FAT12/16 volume, whatever the BPB says
# Sectors a FAT32 volume of MIN_CLUSTERS clusters of 512 bytes spends besides
# them (32 reserved and two FATs of 512 sectors each) and a margin.
OVERHEAD=1100

die() { echo "mkdisk: $*" >&2; exit 1; }

whole() {       # NAME VALUE: VALUE must be a whole number
	case $2 in ''|*[!0-9]*) die "$1 must be a whole number, not '$2'" ;; esac
}

need() {
	for tool; do
		command -v "$tool" >/dev/null || die "$tool is missing: run tools/setup.sh"
	done
}

# The FAT partition's first byte in OUT (for mtools' @@ and dd), from its table.
fat_offset() {
	sfdisk --dump "$1" 2>/dev/null |
		sed -n 's/.*start= *\([0-9]*\), *size= *\([0-9]*\), *type=c$/\1 \2/p' | head -1
}

# DEST ("C:\DIR\NAME", "\DIR\NAME", "C:/DIR/", ...) as an mtools path ::/DIR/NAME;
# HOST's name is added when DEST names a directory.
mtools_path() {
	host=$1 dest=$2
	case $dest in [Cc]:*) dest=${dest#??} ;; [A-Za-z]:*) die "only C: is on this disk, not $dest" ;; esac
	dest=$(printf '%s' "$dest" | tr '\\' /)
	case $dest in /*) ;; *) dest=/$dest ;; esac
	case $dest in */) dest=$dest$(basename "$host") ;; esac
	printf '::%s' "$dest"
}

# Makes every directory above mtools path $2 on image@@offset $1.
make_dirs() {
	dir=${2#::}
	dir=${dir%/*}
	path=
	IFS=/
	for part in $dir; do
		[ -n "$part" ] || continue
		path=$path/$part
		mdir -i "$1" "::$path" >/dev/null 2>&1 || mmd -i "$1" "::$path" ||
			die "cannot make the directory C:$path"
	done
	unset IFS
}

# Copies the programs into C:\BIN and each --file, overwriting, on image@@offset $1.
# The programs go in without their DWARF sections (objcopy --strip-debug: a
# fifth of the size; gdb reads the build's copies): with every program of
# the build in C:\BIN, a 40 MB test disk would otherwise fill as programs
# are added.
copy_in() {
	img=$1
	shift
	if [ $# -gt 0 ]; then
		mdir -i "$img" ::/BIN >/dev/null 2>&1 || mmd -i "$img" ::/BIN || die "cannot make C:\\BIN"
		bin=$(mktemp -d) || die "cannot make a temporary directory"
		for prog in "$@"; do
			objcopy --strip-debug "$prog" "$bin/${prog##*/}" ||
				{ rm -rf "$bin"; die "cannot copy $prog"; }
		done
		mcopy -o -i "$img" "$bin"/* ::/BIN/ || { rm -rf "$bin"; die "cannot copy the programs into C:\\BIN"; }
		rm -rf "$bin"
	fi
	printf '%s' "$files" | while IFS= read -r spec; do
		[ -n "$spec" ] || continue
		case $spec in *=*) host=${spec%=*} dest=${spec##*=} ;; *) host=$spec dest=/ ;; esac
		[ -f "$host" ] || die "--file: no such file: $host"
		target=$(mtools_path "$host" "$dest")
		make_dirs "$img" "$target"
		dos=$(printf 'C:%s' "${target#::}" | tr / '\\')
		mcopy -o -i "$img" "$host" "$target" || die "cannot copy $host to $dos"
		mcopy -i "$img" "$target" - | cmp -s - "$host" || die "$dos does not read back as $host"
		echo "mkdisk: $dos: $(wc -c < "$host") bytes from $host, read back equal"
	done
}

# The sectors per cluster for a partition of $1 sectors: $2 bytes, or the
# largest size up to 4096 bytes that leaves MIN_CLUSTERS clusters.
sectors_per_cluster() {
	if [ -n "$2" ]; then
		case $2 in 512|1024|2048|4096) echo $(($2 / 512)); return ;; esac
		die "--cluster must be 512, 1024, 2048 or 4096, not $2"
	fi
	for spc in 8 4 2 1; do
		[ $(($1 / spc)) -ge $((MIN_CLUSTERS + OVERHEAD)) ] && { echo $spc; return; }
	done
	echo 1
}

# Formats the FAT32 partition of $2 MiB at PART_LBA in image $1 (cluster size $3 or chosen).
format_fat() {
	sectors=$(($2 * 2048))
	spc=$(sectors_per_cluster $sectors "$3")
	log=$(mkfs.fat -F 32 -S 512 -s "$spc" -h $PART_LBA --offset $PART_LBA -n VADOS \
		"$1" $((sectors / 2)) 2>&1) || die "mkfs.fat failed: $log"
	case $log in *"less then suggested"*|*"less than suggested"*|*"Not enough clusters"*)
		die "a FAT32 partition of $2 MB with $((spc * 512))-byte clusters has fewer than $MIN_CLUSTERS clusters (at least 33 MB with 512-byte clusters)" ;;
	esac
	echo $((spc * 512))
}

# Formats the swap partition of $2 MiB at sector $3 of image $1: mkswap on a
# file of its own, whose first MiB (all mkswap writes: the header page) is
# copied in sparsely, so even a 128 GB swap partition is quick.
format_swap() {
	truncate -s "${2}M" "$tmp_part" && chmod 600 "$tmp_part" || die "cannot create $tmp_part"
	# mkswap warns that a sparse file makes a poor Linux swap file: true, and moot.
	log=$(mkswap --label vados-swap "$tmp_part" 2>&1) || die "mkswap failed: $log"
	dd if="$tmp_part" of="$1" bs=512 seek="$3" count=2048 conv=notrunc,sparse status=none ||
		die "cannot copy the swap area into the image"
	rm -f "$tmp_part"
}

# A fresh disk in $out.
create() {
	[ "$fat" -eq 0 ] || [ "$fat" -ge 33 ] ||
		die "--fat must be 0 or at least 33 MB (FAT32 needs $MIN_CLUSTERS clusters), not $fat"
	[ $((fat + swap)) -ge 1 ] || die "the disk needs a FAT or a swap partition"
	[ $((1 + fat + swap)) -le 2097152 ] || die "the disk may not exceed 2 TiB (the MBR's limit)"
	[ "$fat" -gt 0 ] || { [ $# -eq 0 ] && [ -z "$files" ]; } ||
		die "programs and --file need a FAT partition (--fat MB)"
	need sfdisk truncate dd
	[ "$fat" -eq 0 ] || need mkfs.fat mcopy mmd mdir objcopy
	[ "$swap" -eq 0 ] || need mkswap
	mkdir -p "$(dirname "$out")" || die "cannot create the directory of $out"
	tmp_img="$out.tmp.$$" tmp_part="$out.part.$$"
	trap 'rm -f "$tmp_img" "$tmp_part"' EXIT INT TERM
	truncate -s "$((1 + fat + swap))M" "$tmp_img" || die "cannot create $tmp_img"
	swap_lba=$((PART_LBA + fat * 2048))
	{
		echo 'label: dos'
		[ "$fat" -eq 0 ] || echo "start=$PART_LBA, size=$((fat * 2048)), type=c"
		[ "$swap" -eq 0 ] || echo "start=$swap_lba, size=$((swap * 2048)), type=82"
	} | sfdisk --quiet "$tmp_img" >/dev/null || die "sfdisk could not write the partition table"
	what=
	if [ "$fat" -gt 0 ]; then
		bytes=$(format_fat "$tmp_img" "$fat" "$cluster")
		copy_in "$tmp_img@@$((PART_LBA * 512))" "$@"
		what="FAT32 C: of $fat MiB ($bytes-byte clusters, $# programs in C:\\BIN) at sector $PART_LBA"
	fi
	if [ "$swap" -gt 0 ]; then
		format_swap "$tmp_img" "$swap" "$swap_lba"
		what="${what:+$what, }swap of $((swap * 256)) pages at sector $swap_lba"
	fi
	mv -f "$tmp_img" "$out" || die "cannot write $out"
	echo "mkdisk: $out: $((1 + fat + swap)) MiB: $what"
}

# Copies into the existing disk $out.
update() {
	need sfdisk mcopy mmd mdir objcopy
	[ -f "$out" ] || die "no such disk: $out"
	set -- "$(fat_offset "$out")" "$@"
	[ -n "$1" ] || die "$out has no FAT32 partition (type 0x0c)"
	img="$out@@$((${1% *} * 512))"
	shift
	copy_in "$img" "$@"
	echo "mkdisk: $out: $# program(s) copied into C:\\BIN$([ -z "$files" ] || echo ", and the --file files")"
}

# fsck.fat -n on a copy of the FAT partition (fsck.fat takes no offset).
check() {
	need sfdisk fsck.fat dd
	[ -f "$out" ] || die "no such disk: $out"
	part=$(fat_offset "$out")
	[ -n "$part" ] || die "$out has no FAT32 partition (type 0x0c)"
	tmp_part="$out.fsck.$$"
	trap 'rm -f "$tmp_part"' EXIT INT TERM
	dd if="$out" of="$tmp_part" bs=512 skip="${part% *}" count="${part#* }" conv=sparse \
		status=none || die "cannot read the FAT partition of $out"
	fsck.fat -n "$tmp_part"
}

mode=create fat=512 swap=64 cluster= files=
while [ $# -gt 0 ]; do
	case $1 in
	--fat) [ $# -ge 2 ] || die "--fat needs MB"; whole --fat "$2"; fat=$2; shift 2 ;;
	--swap) [ $# -ge 2 ] || die "--swap needs MB"; whole --swap "$2"; swap=$2; shift 2 ;;
	--cluster) [ $# -ge 2 ] || die "--cluster needs BYTES"; cluster=$2; shift 2 ;;
	--file) [ $# -ge 2 ] || die "--file needs HOST[=C:\\PATH]"
		files="$files$2
"
		shift 2 ;;
	--update) mode=update; shift ;;
	--check) mode=check; shift ;;
	--) shift; break ;;
	-*) die "unknown option $1 (see the top of tools/mkdisk.sh)" ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || die "usage: tools/mkdisk.sh [--fat MB] [--swap MB] [--cluster BYTES] [--file HOST[=C:\\PATH]]... OUT.img [PROGRAM...]"
out=$1
shift
case $mode in
create) create "$@" ;;
update) update "$@" ;;
check) [ $# -eq 0 ] || die "--check takes only the image"; check ;;
esac
