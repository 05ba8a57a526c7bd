#!/bin/sh
# Builds a bootable vados ISO from the GRUB tree template in iso/.
#   tools/mkiso.sh -o OUT.iso -k build/kernel.elf [-c 'kernel command line'] [-m FILE[=NAME]]...
# Each -m adds a multiboot2 module named NAME (default: the file's base name);
# FILE.exe (a ring-3 program) goes in without its debug information.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
out= kernel= cmdline= modules=
while getopts o:k:c:m: opt; do
	case $opt in
	o) out=$OPTARG ;;
	k) kernel=$OPTARG ;;
	c) cmdline=$OPTARG ;;
	m) modules="$modules
$OPTARG" ;;
	*) echo "usage: $0 -o OUT.iso -k KERNEL [-c CMDLINE] [-m FILE[=NAME]]..." >&2; exit 2 ;;
	esac
done
[ -n "$out" ] && [ -f "$kernel" ] || { echo "mkiso: need -o OUT and an existing -k KERNEL" >&2; exit 2; }

# GRUB expands $ and treats quotes and ; specially: refuse rather than mangle.
case "$cmdline" in
*[\'\"\$\;\\\{\}]*) echo "mkiso: the command line may not contain ' \" \$ ; \\ { }" >&2; exit 2 ;;
esac
quoted=
for word in $cmdline; do quoted="$quoted '$word'"; done

work=$(mktemp -d "${TMPDIR:-/tmp}/vados-iso.XXXXXX")
trap 'rm -rf "$work"' EXIT
tree=$work/tree
mkdir "$tree"
cp -r "$top/iso/." "$tree/"
mkdir -p "$tree/boot/modules"
cp "$kernel" "$tree/boot/kernel.elf"

# strip FILE.exe: sets $stripped to FILE.exe's copy without debug
# information, making it unless one newer than FILE.exe exists. Parallel
# builders may race here: each writes its own temporary and renames it.
strip() {
	case "$1" in */*) dir=${1%/*} ;; *) dir=. ;; esac
	stripped=$dir/.stripped/${1##*/}
	if ! [ "$stripped" -nt "$1" ]; then      # made again on a tie: mtimes may be in seconds
		mkdir -p "$dir/.stripped"
		i686-linux-gnu-strip --strip-debug -o "$stripped.$$" "$1"
		mv -f "$stripped.$$" "$stripped"
	fi
}

lines=
IFS='
'
for m in $modules; do
	file=${m%%=*}
	name=${file##*/}
	[ "$file" != "$m" ] && name=${m#*=}
	case "$name" in
	''|*[!A-Za-z0-9._-]*) echo "mkiso: module name '$name' must be [A-Za-z0-9._-]" >&2; exit 2 ;;
	esac
	[ -f "$file" ] || { echo "mkiso: no such module file: $file" >&2; exit 2; }
	# Ring-3 programs go in without their DWARF (gdb reads build/user/*.exe):
	# tens of programs would otherwise crowd small machines' memory. The
	# stripped copy is kept beside the program (.stripped/) and made again
	# only when the program changes: stripping a hundred programs for every
	# image was most of the test suite's time outside the emulators.
	case "$file" in
	*.exe) strip "$file"; ln -f "$stripped" "$tree/boot/modules/$name" 2>/dev/null ||
		cp "$stripped" "$tree/boot/modules/$name" ;;
	*) cp "$file" "$tree/boot/modules/$name" ;;
	esac
	lines="$lines	module2 /boot/modules/$name $name
"
done
unset IFS

cfg="$tree/boot/grub/grub.cfg"
awk -v cmd="$quoted" -v mods="$lines" \
	'{ gsub(/@CMDLINE@/, cmd); if ($0 == "@MODULES@") printf "%s", mods; else print }' \
	"$cfg" > "$cfg.new"
mv "$cfg.new" "$cfg"

mkdir -p "$(dirname "$out")"
grub-mkrescue -o "$out.tmp" "$tree" >"$work/mkrescue.log" 2>&1 ||
	{ cat "$work/mkrescue.log" >&2; exit 1; }
mv "$out.tmp" "$out"
