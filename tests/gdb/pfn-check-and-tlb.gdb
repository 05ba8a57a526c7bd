# From the debugger: run the PFN invariant checker inside the stopped kernel and
# read QEMU's TLB view: no user-accessible page in the kernel half, nothing
# mapped below 64 KB, the kernel text mapped read-only and global at
# 0x80100000, the self-map not global.
# cmdline: test=boot
# expect: ^pfn_check\(\) = 0$
# (info tlb lines: "VIRT: PHYS flags", flags X G P D A C T U W or '-')
# expect: ^0000000080100000: 0000000000100000 .G......-$
# expect: ^00000000c0300000: [0-9a-f]{16} .-.....-W$
# reject: ^00000000[89a-f][0-9a-f]{7}: [0-9a-f]{16} .......U.$
# reject: ^000000000000[0-9a-f]{4}: 
set confirm off
hbreak selftest_run
continue
printf "pfn_check() = %d\n", pfn_check()
monitor info tlb
kill
