/*
 * Emulated USB barcode scanners for the driver tests (umockdev).
 *
 * One emulator per process: umockdev's testbed is process-global. Create it, add devices, and
 * only then call libusb_init (libusb enumerates during init). Close every libusb handle and
 * the libusb context before scanner_emulator_free. The process must run with
 * LD_PRELOAD=libumockdev-preload.so.0 (umockdev-wrapper does that); without it libusb sees the
 * real /sys and /dev and no emulated device appears.
 *
 * This header has no glib types so Swift can import it without glib's headers.
 */
#ifndef SCANNER_EMULATOR_H
#define SCANNER_EMULATOR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ScannerEmulator ScannerEmulator;

typedef enum {
    /* HID boot keyboard (interface class 3, subclass 1, protocol 1), 8-byte input reports on
     * interrupt IN endpoint 0x81; the LED output report arrives by SET_REPORT. */
    SCANNER_EMULATOR_KEYBOARD_WEDGE = 0,
    /* HID POS bar code scanner (usage page 0x8C), interface class 3/0/0, 64-byte input report
     * ID 2 on 0x81: [0]=2 [1]=data length (<=56) [2..4]=AIM id [5..60]=data [61]=code id
     * [62]=reserved [63]=1 if more reports follow. Output report ID 4 (1 byte) on OUT 0x02. */
    SCANNER_EMULATOR_HID_POS = 1,
    /* Not a scanner interface: a vendor-class (0xFF) device with bulk endpoints only. */
    SCANNER_EMULATOR_VENDOR_SERIAL = 2,
    /* Not a scanner interface: a HID boot mouse (3/1/2), 3-byte reports. */
    SCANNER_EMULATOR_BOOT_MOUSE = 3,
} ScannerEmulatorKind;

typedef struct {
    ScannerEmulatorKind kind;
    uint16_t vendor_id;
    uint16_t product_id;
    /* Bus number (root hub usbN, N >= 1) and device address (1..127, 1 is the root hub). */
    uint8_t bus;
    uint8_t devnum;
    /* Port chain below the root hub, dot separated: "1.2" gives sysfs name "<bus>-1.2" behind
     * an emulated hub "<bus>-1"; "3" gives "<bus>-3" directly on the root hub. */
    const char *ports;
    /* Optional report descriptor replacing the built-in one (NULL = built-in). */
    const uint8_t *report_descriptor;
    size_t report_descriptor_length;
    /* Optional strings (NULL = built-in). */
    const char *manufacturer;
    const char *product;
    const char *serial;
} ScannerEmulatorDeviceSpec;

/* Creates the testbed. Returns NULL and writes a message into error when it cannot. */
ScannerEmulator *scanner_emulator_new(char *error, size_t error_capacity);

/* Removes every device and the testbed. libusb must already be closed. */
void scanner_emulator_free(ScannerEmulator *emulator);

/* Adds (plugs in) a device; its hubs are created as needed. Returns a device id >= 0, or -1
 * with a message in error. */
int scanner_emulator_add_device(ScannerEmulator *emulator, const ScannerEmulatorDeviceSpec *spec,
                                char *error, size_t error_capacity);

/* Unplugs: URBs in flight end with -ESHUTDOWN (libusb: LIBUSB_TRANSFER_NO_DEVICE), every later
 * ioctl on the old node fails with ENODEV, then a "remove" uevent is sent and the device leaves
 * sysfs. Reports still queued stay queued (like a scanner's buffer) and are sent after a
 * replug. Returns 0, or -1 if the device is unknown or already unplugged. */
int scanner_emulator_unplug(ScannerEmulator *emulator, int device);

/* Plugs the device back in at the same port with a new address (devnum 0 picks the next free
 * one, as the kernel does). Returns the new address, or -1. */
int scanner_emulator_replug(ScannerEmulator *emulator, int device, uint8_t devnum);

/* Queues one input report to be sent as soon as the host polls. length may be shorter than
 * the endpoint's packet size (a truncated report); longer is refused. Returns 0 or -1. */
int scanner_emulator_queue_report(ScannerEmulator *emulator, int device, const uint8_t *bytes, size_t length);

/* Queues count reports of report_length bytes each (back to back in bytes), the i-th becoming
 * ready interval_us * i microseconds from now, as a scanner producing them at that rate would.
 * The device holds at most fifo_depth ready reports the host has not yet read; a report that
 * becomes ready while the buffer is full is dropped and counted (scanner_emulator_dropped).
 * fifo_depth 0 means unlimited. Returns 0 or -1. */
int scanner_emulator_queue_paced(ScannerEmulator *emulator, int device, const uint8_t *bytes,
                                 size_t report_length, size_t count, uint32_t interval_us,
                                 uint32_t fifo_depth);

/* Queues the boot-keyboard reports a keyboard-wedge scanner sends for text (US layout, HUT
 * ch. 10): a press and a release per character; GS (0x1D) as Ctrl+] (modifier 0x01, usage
 * 0x30), '\n' as Enter. Returns the number of characters queued, or -1 if one has no key. */
int scanner_emulator_type_text(ScannerEmulator *emulator, int device, const char *text);

/* Queues a HID POS scan (see SCANNER_EMULATOR_HID_POS for the layout): aim is the 3-character
 * AIM symbology identifier ("]C1"), the data is split into 56-byte reports, the last one with
 * the more-follows byte 0. Returns the number of reports queued, or -1. */
int scanner_emulator_queue_pos_scan(ScannerEmulator *emulator, int device, const char *aim,
                                    const uint8_t *data, size_t length, uint8_t code_id);

/* Reports queued and not yet sent (including dropped ones not yet accounted). */
size_t scanner_emulator_pending(ScannerEmulator *emulator, int device);
/* Reports handed to the host in a completed URB since the device was added. */
uint64_t scanner_emulator_sent(ScannerEmulator *emulator, int device);
/* Paced reports dropped because the host did not read fast enough. */
uint64_t scanner_emulator_dropped(ScannerEmulator *emulator, int device);

/* 1 if the (emulated) kernel HID driver is bound to interface 0, 0 if detached, -1 unknown. */
int scanner_emulator_kernel_driver_bound(ScannerEmulator *emulator, int device);
/* 1 if interface 0 is claimed through usbfs, 0 if not, -1 unknown. */
int scanner_emulator_interface_claimed(ScannerEmulator *emulator, int device);
/* Current device address, 0 while unplugged, -1 unknown. */
int scanner_emulator_devnum(ScannerEmulator *emulator, int device);

/* Output reports received (SET_REPORT or interrupt OUT). The last one is copied into buffer;
 * returns its length (0 if none yet), and the total count into count if non-NULL. */
size_t scanner_emulator_last_output_report(ScannerEmulator *emulator, int device, uint8_t *buffer,
                                           size_t capacity, uint64_t *count);

/* 1 if LD_PRELOAD names libumockdev-preload, so emulated devices are visible to libusb. */
int scanner_emulator_preload_active(void);

#ifdef __cplusplus
}
#endif

#endif
