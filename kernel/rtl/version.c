/* The version string, generated from the git revision at build time. */
#include "kernel/rtl/version.h"
#include "vados_version.h"

const char vados_version[] = VADOS_VERSION;
