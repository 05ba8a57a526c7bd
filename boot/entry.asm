; vados boot stub: the multiboot2 header and the code GRUB jumps to.
; It runs at the 1 MB load address with paging off, maps the first BOOT_MAP_MB of
; RAM both identity and at KERNEL_BASE with a minimal boot page directory, turns
; paging on and jumps to the higher-half kernel. Nothing here reads multiboot2
; beyond handing EAX/EBX to boot_main.

KERNEL_BASE     equ 0x80000000
BOOT_MAP_MB     equ 16
BOOT_PT_COUNT   equ BOOT_MAP_MB / 4
PTE_P_W         equ 0x003
CR0_PG_WP       equ 0x80010000

MB2_MAGIC       equ 0xE85250D6
MB2_ARCH_I386   equ 0

section .multiboot progbits alloc noexec nowrite align=8
align 8
mb2_header:
    dd MB2_MAGIC
    dd MB2_ARCH_I386
    dd mb2_header_end - mb2_header
    dd -(MB2_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
    ; information request: command line (1), modules (3), basic meminfo (4),
    ; memory map (6), ELF section headers (9).
align 8
    dw 1, 0
    dd 8 + 5 * 4
    dd 1, 3, 4, 6, 9
    ; modules page-aligned, so they can be mapped in place later.
align 8
    dw 6, 0
    dd 8
align 8
    dw 0, 0
    dd 8
mb2_header_end:

section .boot_pt nobits alloc write
align 4096
global boot_page_directory, boot_page_tables
boot_page_directory: resb 4096
boot_page_tables:    resb 4096 * BOOT_PT_COUNT

; Paging is off in the stub: it reaches upper-half symbols by physical address.
%define PHYS(x) ((x) - KERNEL_BASE)

extern boot_upper_entry

section .boot.text progbits alloc exec nowrite align=16
global _start:function
_start:
    cli
    cld
    mov esi, eax                ; multiboot2 magic, checked in C
    mov edi, ebx                ; physical address of the multiboot2 info

    ; Zero the directory, then fill the page tables with 0..BOOT_MAP_MB identity frames.
    mov ebp, PHYS(boot_page_directory)
    xor eax, eax
    mov ecx, 1024
    mov edx, edi
    mov edi, ebp
    rep stosd
    mov edi, PHYS(boot_page_tables)
    mov eax, PTE_P_W
    mov ecx, 1024 * BOOT_PT_COUNT
.fill_pt:
    stosd
    add eax, 4096
    loop .fill_pt
    mov edi, edx

    ; Each table appears twice: identity (so this code survives CR0.PG) and at KERNEL_BASE.
    xor ecx, ecx
.fill_pd:
    mov eax, ecx
    shl eax, 12
    add eax, PHYS(boot_page_tables) + PTE_P_W
    mov [ebp + ecx * 4], eax
    mov [ebp + ecx * 4 + (KERNEL_BASE >> 22) * 4], eax
    inc ecx
    cmp ecx, BOOT_PT_COUNT
    jb .fill_pd

    mov cr3, ebp
    mov eax, cr0
    or eax, CR0_PG_WP
    mov cr0, eax
    mov eax, boot_upper_entry
    jmp eax

section .note.GNU-stack noalloc noexec nowrite progbits
