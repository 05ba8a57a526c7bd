#ifndef KERNEL_VERSION_H
#define KERNEL_VERSION_H

/* "0.1.0 (abc1234)": release and git revision of this build. */
extern const char vados_version[];

#endif
