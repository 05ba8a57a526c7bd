# The kernel sources each host unit test links (pure logic only).
$(B)/host/test_format:   kernel/format.c
$(B)/host/test_cmdline:  kernel/cmdline.c kernel/format.c
$(B)/host/test_bootinfo: boot/bootinfo.c
$(B)/host/test_ksym:     kernel/ksym.c
$(B)/host/test_trapdesc: kernel/trapdesc.c kernel/format.c
$(B)/host/test_slab:     mm/slab.c
$(B)/host/test_pfnlist:  mm/pfnlist.c
$(B)/host/test_elf:      kernel/elf.c
$(B)/host/test_vad:      mm/vad.c
$(B)/host/test_pte:      
$(B)/host/test_selectors: 
$(B)/host/test_slots:    mm/slots.c
$(B)/host/test_swaphdr:  mm/swaphdr.c arch/ide_text.c
$(B)/host/test_heap:     user/lib/heap_core.c user/lib/heap_segment.c user/lib/heap_big.c \
                         user/lib/heap_check.c user/lib/heap_index.c user/lib/heap_pool.c \
                         $(wildcard user/lib/heap*.h)
