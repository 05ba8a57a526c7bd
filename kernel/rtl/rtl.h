/* kernel/rtl: the runtime library, the bottom of the kernel proper (NT's Rtl
 * plus the console and bug check). Owns string and memory routines, kprintf's
 * formatting (format.h, shared with ring 3), the kernel command line, symbol
 * lookup and backtraces, the console, panic, trap descriptions and the
 * version string. Every layer may include it; it calls only arch/ (the serial
 * port, VGA, halting). This header gathers the parts most code needs. */
#ifndef KERNEL_RTL_RTL_H
#define KERNEL_RTL_RTL_H

#include "kernel/rtl/console.h"
#include "kernel/rtl/panic.h"
#include "kernel/rtl/string.h"

#endif
