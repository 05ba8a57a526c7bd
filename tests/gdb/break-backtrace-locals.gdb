# Attaches to a halted vados, stops at the ELF entry point and at a kernel
# function, and checks symbols, the backtrace and a local variable.
# Run by tools/run-tests.py: QEMU is started with -S and gdb already attached.
# cmdline: test=gdb
# expect: ^_start in section \.boot$
# expect: ^#0 +(0x[0-9a-f]+ in )?selftest_gdb_leaf \(value=1592590343\)
# expect: ^#1 +0x[0-9a-f]+ in selftest_gdb_probe \(depth=7\)
# expect: ^#\d +0x[0-9a-f]+ in kernel_main \(
# expect: ^gdb_magic = 0x5eed0007$
# expect: ^selftest_gdb_probe returned 0x5eed0007$
set confirm off
hbreak _start
continue
info symbol $pc
delete
hbreak selftest_gdb_leaf
continue
bt
frame 1
printf "gdb_magic = 0x%x\n", gdb_magic
finish
printf "selftest_gdb_probe returned 0x%x\n", $
kill
