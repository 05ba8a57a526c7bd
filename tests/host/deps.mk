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
$(B)/host/test_slots:    mm/slots.c
