# The kernel sources each host unit test links (pure logic only).
$(B)/host/test_format:   kernel/rtl/format.c kernel/rtl/format_float.c
$(B)/host/test_format_float: kernel/rtl/format.c kernel/rtl/format_float.c
$(B)/host/test_cmdline:  kernel/rtl/cmdline.c kernel/rtl/format.c kernel/rtl/format_float.c
$(B)/host/test_bootinfo: boot/bootinfo.c
$(B)/host/test_ksym:     kernel/rtl/ksym.c
$(B)/host/test_trapdesc: kernel/rtl/trapdesc.c kernel/rtl/format.c kernel/rtl/format_float.c
$(B)/host/test_slab:     mm/slab.c
$(B)/host/test_pfnlist:  mm/pfnlist.c
$(B)/host/test_elf:      kernel/ps/elf.c
$(B)/host/test_reloc:    mm/reloc.c kernel/ps/elf.c
$(B)/host/test_vad:      mm/vad.c
$(B)/host/test_pte:      
$(B)/host/test_selectors: 
$(B)/host/test_slots:    mm/slots.c
$(B)/host/test_lockorder: kernel/ke/lockorder.c
$(B)/host/test_swaphdr:  mm/swaphdr.c arch/mbr.c arch/ide_text.c
HEAP_ENGINE := user/lib/heap_core.c user/lib/heap_segment.c user/lib/heap_big.c \
               user/lib/heap_check.c user/lib/heap_index.c user/lib/heap_pool.c \
               user/lib/heap_compact.c user/lib/heap_walk.c $(wildcard user/lib/heap*.h)
$(B)/host/test_heap:      $(HEAP_ENGINE)
$(B)/host/test_heap_walk: $(HEAP_ENGINE)
$(B)/host/test_mtable:   user/lib/mtable.c user/lib/mtable.h
$(B)/host/test_ob:       kernel/ob/table.c kernel/ob/access.c kernel/ob/name.c
$(B)/host/test_privset:  kernel/se/privset.c
$(B)/host/test_dispatcher: kernel/ke/dispatcher.c kernel/ke/mutant.c
FAT_DRIVER := $(wildcard kernel/io/fat/*.c kernel/io/fat/*.h) kernel/rtl/wildcard.c \
              kernel/rtl/wildcard.h kernel/rtl/codepage.c tests/host/fat_image.h
$(B)/host/test_fat:      $(FAT_DRIVER)
$(B)/host/test_wildcard: kernel/rtl/wildcard.c
$(B)/host/test_fat_move: $(FAT_DRIVER)
$(B)/host/test_fat_scale: $(FAT_DRIVER)
$(B)/host/test_fat_corrupt: $(FAT_DRIVER)
$(B)/host/test_path:     kernel/rtl/path.c
$(B)/host/test_time:     kernel/rtl/time.c
$(B)/host/test_argv:     user/lib/argv.c user/lib/argv.h
$(B)/host/test_envblock: user/lib/envblock.c user/lib/envblock.h
$(B)/host/test_nls:      user/lib/nls_sort.c user/lib/nls_sort.h
$(B)/host/test_devname:  kernel/rtl/devname.c
