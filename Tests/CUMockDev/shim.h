/* umockdev (emulated sysfs, udev and /dev nodes under LD_PRELOAD=libumockdev-preload) for the
 * scanner emulator used by the USB driver tests. Test-only: the service never links it. */
#include <umockdev.h>
