# vados top-level build. `make help` lists the targets.
# Outputs go to build/; header dependencies are tracked (-MMD), so incremental and
# parallel (-j) builds are correct.

CROSS    ?= i686-linux-gnu-
CC       := $(CROSS)gcc
CXX      := $(CROSS)g++
LD       := $(CROSS)ld
AR       := $(CROSS)ar
OBJCOPY  := $(CROSS)objcopy
NASM     ?= nasm
HOSTCC   ?= gcc
PYTHON   ?= python3

MEM      ?= 128
FAT      ?= 512
SWAP     ?= 64
CPU      ?= max
CMDLINE  ?=
JOBS     ?= 2
GDBPORT  ?= $(shell echo $$((10000 + $$(id -u) % 50000)))

B        := build
VERSION  := 0.1.0

# Install missing Debian packages before any rule runs (tools/setup.sh is idempotent).
REQUIRED_TOOLS := $(CC) $(CXX) $(LD) $(NASM) $(HOSTCC) grub-mkrescue xorriso mformat \
                  qemu-system-i386 bochs gdb $(PYTHON)
MISSING := $(foreach t,$(REQUIRED_TOOLS),$(if $(shell command -v $(t)),,$(t)))
MISSING += $(if $(wildcard /usr/lib/grub/i386-pc/multiboot2.mod),,grub-pc-bin)
MISSING += $(if $(wildcard /usr/sbin/sfdisk /sbin/sfdisk),,sfdisk)
MISSING += $(if $(wildcard /usr/sbin/mkswap /sbin/mkswap),,mkswap)
MISSING += $(if $(wildcard /usr/sbin/mkfs.fat /sbin/mkfs.fat),,mkfs.fat)
MISSING += $(if $(wildcard /usr/share/bochs/BIOS-bochs-latest),,bochsbios)
MISSING += $(if $(wildcard /usr/share/bochs/VGABIOS-lgpl-latest),,vgabios)
MISSING += $(if $(wildcard /usr/lib/*/bochs/plugins/libbx_term_gui.so),,bochs-term)
ifneq ($(strip $(MISSING)),)
$(info make: missing $(strip $(MISSING)); running tools/setup.sh)
SETUP_OUT := $(shell tools/setup.sh >&2 || echo failed)
$(if $(SETUP_OUT),$(error tools/setup.sh failed; install the packages it lists by hand))
endif

KCFLAGS := -m32 -march=i486 -std=gnu11 -ffreestanding -fno-pic -fno-pie \
           -fno-stack-protector -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer \
           -fno-asynchronous-unwind-tables -mgeneral-regs-only -fno-strict-aliasing \
           -O2 -g -Wall -Wextra -Werror -I. -I$(B)/gen -MMD -MP
KLDFLAGS := -m elf_i386 -nostdlib -T arch/kernel.ld
LIBGCC   := $(shell $(CC) -m32 -print-libgcc-file-name 2>/dev/null)

KSRCS := $(sort $(wildcard boot/*.c arch/*.c mm/*.c kernel/*.c kernel/*/*.c kernel/*/*/*.c \
                   tests/kernel/*.c))
KASMS := $(sort $(wildcard boot/*.asm arch/*.asm))
KOBJS := $(KSRCS:%.c=$(B)/%.o) $(KASMS:%.asm=$(B)/%.asm.o)

# Ring-3 programs: user/programs/*.c and tests/user/*.c(pp), linked at 0x00400000
# against the SDK (user/lib plus the kernel's own formatting and string code),
# as static position-independent executables: code stays -fno-pic (no GOT),
# and ld lists every absolute address in it as an R_386_RELATIVE relocation
# (text relocations, -z notext) that the kernel applies at page-in (ASLR).
# Programs written elsewhere use the same flags through tools/vados-cc (make
# sdk-flags), without -Wextra -Werror: their warnings are shown, not fatal.
# Stack probing is part of the ABI, as Windows' __chkstk: a ring-3 stack grows
# only through its one guard page, so a frame (or alloca) larger than a page
# must touch its pages from the top down. GCC's -fstack-clash-protection does
# exactly that inline (a probe every 4 KB as ESP goes down, VLAs and alloca
# included), with no helper to write or call; frames under a page need none,
# as the return address pushed by the call touches the stack within a page.
# Headers: the SDK's own and GCC's freestanding ones (stddef.h, stdint.h, ...),
# never the cross compiler's glibc or libstdc++ headers (-nostdinc).
# wchar_t is Windows' 16-bit UTF-16 unit (-fshort-wchar: L"x" is WCHAR[]);
# libgcc takes no wchar_t, so it links unchanged.
SDK_ABI := -m32 -march=i486 -ffreestanding -fno-pic -fno-pie -fno-stack-protector \
           -fstack-clash-protection -fno-omit-frame-pointer -fno-asynchronous-unwind-tables \
           -fshort-wchar \
           -nostdinc -isystem $(shell $(CC) -print-file-name=include) \
           -I$(CURDIR)/user/include -iquote $(CURDIR)
# C++ without exceptions and RTTI: the runtime has neither unwinder nor type info.
# operator new gives what the heap gives, 8-aligned blocks (HeapAlloc's on
# 32-bit Windows; MSVC's default new alignment is 8 too), so -faligned-new=8:
# a type aligned more strictly goes through the align_val_t forms (<new>).
SDK_CFLAGS   := $(SDK_ABI) -std=gnu11 -O2 -g -Wall
SDK_CXXFLAGS := $(SDK_ABI) -std=gnu++17 -fno-exceptions -fno-rtti -faligned-new=8 -O2 -g -Wall
SDK_LDFLAGS  := -m32 -nostdlib -static-pie -Wl,-z,notext,--build-id=none -T $(CURDIR)/user/user.ld
UCFLAGS   := $(SDK_CFLAGS) -Wextra -Werror -MMD -MP
UCXXFLAGS := $(SDK_CXXFLAGS) -Wextra -Werror -MMD -MP
ULIB_SRCS := $(sort $(wildcard user/lib/*.c user/lib/*.cpp)) kernel/rtl/format.c \
             kernel/rtl/format_float.c kernel/rtl/string.c \
             kernel/rtl/time.c kernel/rtl/codepage.c
ULIB_OBJS := $(addsuffix .o,$(basename $(ULIB_SRCS:%=$(B)/user/obj/%)))
# An archive: a program carries only the objects it uses (crt0 always).
ULIB      := $(B)/user/libvados.a
ULIB_CRT0 := $(B)/user/obj/user/lib/crt0.o
UPROG_SRCS := $(sort $(wildcard user/programs/*.c user/programs/*.cpp tests/user/*.c tests/user/*.cpp))
UPROGS    := $(addprefix $(B)/user/,$(addsuffix .exe,$(basename $(notdir $(UPROG_SRCS)))))

KERNEL := $(B)/kernel.elf
ISO    := $(B)/vados.iso

.PHONY: all iso run debug gdb disk test host-tests user bench clean help FORCE
# Keep intermediate objects: no rebuilds, and no "rm" after the test summary.
.SECONDARY:
# make run's image: with a C: (FAT not 0) every program is on the disk and
# the image carries only init and the shell (the console still works when
# C: cannot be mounted); without one, every program rides along as a boot
# module but the file tests, which run from C:\BIN. (The test runner makes
# its own images: tools/qemu.py.)
ISO_PROGS := $(if $(filter-out 0,$(FAT)),$(filter %/init.exe %/shell.exe,$(UPROGS)),\
		$(filter-out $(B)/user/file-%.exe,$(UPROGS)))

all: $(KERNEL) $(UPROGS) $(ISO)
user: $(UPROGS)
iso: $(ISO)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(KCFLAGS) -c $< -o $@

# The SDK's objects are rebuilt when its flags change (they are the ABI).
$(B)/gen/ucflags: FORCE
	@mkdir -p $(@D)
	@echo '$(UCFLAGS) $(UCXXFLAGS)' > $@.tmp; cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(B)/user/obj/%.o: %.c $(B)/gen/ucflags
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -c $< -o $@
$(B)/user/obj/%.o: %.cpp $(B)/gen/ucflags
	@mkdir -p $(@D)
	$(CXX) $(UCXXFLAGS) -c $< -o $@

# GetProcAddress's table of the SDK's functions (user/lib/exports.h),
# written from the other objects: only a program that calls it links it.
ULIB_EXPORTS := $(B)/user/obj/gen/sdk_exports.o
$(B)/gen/sdk_exports.c: $(ULIB_OBJS) tools/gen-exports.py user/include/psapi.h
	@mkdir -p $(@D)
	$(PYTHON) tools/gen-exports.py $(CROSS)nm $@ user/include/psapi.h $(ULIB_OBJS)
$(ULIB_EXPORTS): $(B)/gen/sdk_exports.c $(B)/gen/ucflags
	@mkdir -p $(@D)
	$(CC) $(UCFLAGS) -c $< -o $@

$(ULIB): $(ULIB_OBJS) $(ULIB_EXPORTS)
	rm -f $@ && $(AR) rcs $@ $^

USER_LINK = $(CC) $(SDK_LDFLAGS) -o $@ $(ULIB_CRT0) $< $(ULIB) -lgcc
$(B)/user/%.exe: $(B)/user/obj/user/programs/%.o $(ULIB) user/user.ld
	$(USER_LINK)
$(B)/user/%.exe: $(B)/user/obj/tests/user/%.o $(ULIB) user/user.ld
	$(USER_LINK)
# Programs in parts: NAME.c and the parts in user/programs/NAME/ (vmbench: the
# shared figures and printing, the second boot's rows; shell: the commands
# that look at processes and memory).
PARTED_PROGS := vmbench shell
prog_parts = $(patsubst %.c,$(B)/user/obj/%.o,$(wildcard user/programs/$(1)/*.c))
$(foreach p,$(PARTED_PROGS),$(eval $(B)/user/$(p).exe: $(call prog_parts,$(p))))
$(PARTED_PROGS:%=$(B)/user/%.exe): $(B)/user/%.exe: $(B)/user/obj/user/programs/%.o $(ULIB) user/user.ld
	$(CC) $(SDK_LDFLAGS) -o $@ $(ULIB_CRT0) $(filter %.o,$^) $(ULIB) -lgcc

# tools/vados-cc: builds the SDK and prints what it compiles and links with.
.PHONY: sdk-flags
sdk-flags: $(ULIB) $(ULIB_CRT0)
	@echo 'cc=$(CC)'
	@echo 'cxx=$(CXX)'
	@echo 'cflags=$(SDK_CFLAGS)'
	@echo 'cxxflags=$(SDK_CXXFLAGS)'
	@echo 'ldflags=$(SDK_LDFLAGS)'
	@echo 'crt0=$(CURDIR)/$(ULIB_CRT0)'
	@echo 'libs=$(CURDIR)/$(ULIB) -lgcc'

$(B)/%.asm.o: %.asm
	@mkdir -p $(@D)
	$(NASM) -f elf32 -g -F dwarf -MD $(@:.o=.d) -MP $< -o $@

# The version header changes only when the git revision does, so it rebuilds one file.
$(B)/gen/vados_version.h: FORCE
	@mkdir -p $(@D)
	@rev=$$(git rev-parse --short HEAD 2>/dev/null || echo unknown); \
	 git diff --quiet HEAD 2>/dev/null || rev="$$rev-dirty"; \
	 echo "#define VADOS_VERSION \"$(VERSION) ($$rev)\"" > $@.tmp; \
	 cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@
$(B)/kernel/rtl/version.o: $(B)/gen/vados_version.h

$(KERNEL): $(KOBJS) arch/kernel.ld
	$(LD) $(KLDFLAGS) -o $@ $(KOBJS) $(LIBGCC)

# The ISO embeds CMDLINE, so it is rebuilt when CMDLINE changes.
$(B)/gen/cmdline: FORCE
	@mkdir -p $(@D)
	@echo '$(CMDLINE)' '$(notdir $(ISO_PROGS))' > $@.tmp; cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

# The programs of ISO_PROGS ride along as multiboot2 modules named after their
# files; gen/cmdline changes with CMDLINE and with that list.
$(ISO): $(KERNEL) $(UPROGS) $(B)/gen/cmdline tools/mkiso.sh $(wildcard iso/boot/grub/*)
	tools/mkiso.sh -o $@ -k $(KERNEL) -c '$(CMDLINE)' \
	    $(foreach p,$(ISO_PROGS),-m $(p)=$(basename $(notdir $(p))))

# make run's and make debug's disk, build/disk.img (tools/mkdisk.sh): an MBR
# with a FAT32 partition (C:) of FAT MB holding every program in C:\BIN, and a
# swap partition of SWAP MB after it (0: none; FAT=0 SWAP=0: no disk). Made
# when missing and then kept, so what is written to C: survives from boot to
# boot (and make clean); before each boot the programs rebuilt since the last
# one are copied over their old copies. `make disk` makes a fresh one: the
# only way to another FAT or SWAP size, and what C: held is lost.
# DISK_SIZE holds the image's "FAT SWAP"; DISK_STAMP is as old as the last
# copy of the programs into it.
DISK_IMG   := $(B)/disk.img
DISK_SIZE  := $(B)/disk.size
DISK_STAMP := $(B)/gen/disk-programs
DISK_PROGS := $(if $(filter-out 0,$(FAT)),$(UPROGS))
DISK_DEP   := $(if $(filter-out 0,$(FAT) $(SWAP)),$(DISK_IMG) $(DISK_STAMP))
DISK_ARGS  := $(if $(DISK_DEP),--disk $(DISK_IMG))
# Says so when the kept disk is not of the sizes asked for.
DISK_NOTE   = @test -z '$(DISK_DEP)' || test "$$(cat $(DISK_SIZE) 2>/dev/null)" = '$(FAT) $(SWAP)' || \
	echo "make: $(DISK_IMG) has FAT and SWAP $$(cat $(DISK_SIZE) 2>/dev/null || echo unknown), not $(FAT) $(SWAP): kept; 'make disk FAT=$(FAT) SWAP=$(SWAP)' makes a fresh one (what C: holds is lost)"

define make-disk
	@mkdir -p $(B)/gen
	@tools/mkdisk.sh --fat $(FAT) --swap $(SWAP) $(DISK_IMG) $(DISK_PROGS)
	@echo '$(FAT) $(SWAP)' > $(DISK_SIZE) && touch $(DISK_STAMP)
endef

$(DISK_IMG): | $(UPROGS)
	$(make-disk)

disk: $(UPROGS)
	$(make-disk)

# The programs newer than the last copy ($?) go in, over their old copies.
# make run and make debug name the image as well: .SECONDARY makes every
# target intermediate, and make does not remake a missing intermediate
# prerequisite of an up-to-date target.
$(DISK_STAMP): $(UPROGS) | $(DISK_IMG)
	$(if $(filter $(DISK_PROGS),$?),@tools/mkdisk.sh --update $(DISK_IMG) $(filter $(DISK_PROGS),$?))
	@mkdir -p $(@D) && touch $@

run: $(ISO) $(DISK_DEP)
	$(DISK_NOTE)
	$(PYTHON) tools/qemu.py run --iso $(ISO) --mem $(MEM) --cpu $(CPU) $(DISK_ARGS)

# make debug keeps a copy of the ELF it booted, so make gdb loads matching
# symbols even if the sources changed (and the kernel was rebuilt) meanwhile.
DEBUG_ELF := $(B)/debug/kernel.elf
debug: $(ISO) $(DISK_DEP)
	$(DISK_NOTE)
	@mkdir -p $(dir $(DEBUG_ELF)) && cp $(KERNEL) $(DEBUG_ELF)
	$(PYTHON) tools/qemu.py debug --iso $(ISO) --mem $(MEM) --cpu $(CPU) \
	    --gdb-port $(GDBPORT) --kernel $(DEBUG_ELF) $(DISK_ARGS)

gdb:
	@test -f $(DEBUG_ELF) || { echo "make gdb: start 'make debug' first" >&2; exit 1; }
	gdb -q -x tools/gdbinit -ex 'target remote localhost:$(GDBPORT)' $(DEBUG_ELF)

# Host unit tests: pure logic compiled for the host under ASan/UBSan.
HOSTCFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -I. -DHOST_TEST \
              -fsanitize=address,undefined -fno-sanitize-recover=all
HOST_TESTS := $(patsubst tests/host/%.c,$(B)/host/%,$(wildcard tests/host/test_*.c))
include tests/host/deps.mk

$(B)/host/%: tests/host/%.c $(wildcard tests/host/*.h */*.h)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -o $@ $(filter %.c,$^)

host-tests: $(HOST_TESTS)

# EMULATOR=qemu: QEMU only; EMULATOR=bochs: every scenario on Bochs; unset:
# QEMU, and on Bochs the subset tests/bochs-subset.txt lists (what CI runs).
test: all host-tests
	$(PYTHON) tools/run-tests.py --jobs $(JOBS) $(if $(TESTS),--filter '$(TESTS)') \
	    $(if $(EMULATOR),--emulator $(EMULATOR))

# The VM benchmark against the Linux peer (never part of make test); the
# table goes to build/bench.txt. CPU=486 (no TSC) stops with a message.
bench: all
	$(PYTHON) tools/bench.py --cpu $(CPU)

# Keeps the disk, which holds what the user wrote to C: (make disk replaces it).
clean:
	find $(B) -mindepth 1 -maxdepth 1 ! -name disk.img ! -name disk.size -exec rm -rf {} + 2>/dev/null || true

help:
	@echo "make [all|iso|run|debug|gdb|disk|test|bench|clean]  MEM=$(MEM) FAT=$(FAT) SWAP=$(SWAP) CPU=$(CPU) CMDLINE='$(CMDLINE)'"
	@echo "make disk                   a fresh build/disk.img (FAT32 C: with the programs in C:\\BIN, and swap)"
	@echo "make test TESTS='pattern'   runs only the tests whose name matches"
	@echo "make test EMULATOR=bochs    every scenario on Bochs (=qemu: QEMU only)"
	@echo "make bench                  the VM benchmark, vados against Linux: build/bench.txt"

-include $(shell find $(B) -name '*.d' -type f 2>/dev/null)
