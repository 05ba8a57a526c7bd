; vados boot, second half: the first code at the kernel's upper-half address.
; Kept apart from boot/entry.asm so each file's code lives in one section (NASM's
; DWARF line tables confuse gdb otherwise). EDI = multiboot2 info (physical),
; ESI = multiboot2 magic, as entry.asm leaves them.

section .text
extern boot_main, __bss_start, __bss_end
global boot_upper_entry
boot_upper_entry:
    ; Zero .bss ourselves: nothing guarantees the loader did.
    mov edx, edi
    mov edi, __bss_start
    mov ecx, __bss_end
    sub ecx, edi
    shr ecx, 2
    xor eax, eax
    rep stosd
    mov esp, boot_stack_top
    xor ebp, ebp                ; ends the frame-pointer chain for backtraces
    push edx                    ; multiboot2 info (physical)
    push esi                    ; multiboot2 magic
    call boot_main
.hang:
    cli
    hlt
    jmp .hang

; The boot kernel stack, with one guard page below it: arch_init unmaps the guard,
; so an overflow faults into the double-fault task instead of corrupting .bss.
section .bss
align 4096
global boot_stack_guard, boot_stack_bottom, boot_stack_top
boot_stack_guard:   resb 4096
boot_stack_bottom:  resb 16384
boot_stack_top:

section .note.GNU-stack noalloc noexec nowrite progbits
