/* Internal state of the scanner emulator (not part of the public header: uses glib types). */
#ifndef SCANNER_EMULATOR_INTERNAL_H
#define SCANNER_EMULATOR_INTERNAL_H

#include <sys/ioctl.h> /* before <linux/usbdevice_fs.h>, which uses _IOR and friends */
#include <linux/usbdevice_fs.h>
#include <stdbool.h>
#include <umockdev.h>

#include "ScannerEmulator.h"

#define EMU_MAX_REPORT 64
#define EMU_MAX_DESCRIPTORS 128
#define EMU_MAX_REPORT_DESCRIPTOR 512
#define EMU_MAX_BUSES 8

typedef struct EmuReport {
    uint8_t bytes[EMU_MAX_REPORT];
    size_t length;
    gint64 ready_at_us;   /* g_get_monotonic_time() value; 0 = ready now */
    bool paced;
    uint32_t fifo_depth;  /* for paced reports */
} EmuReport;

typedef struct EmuDevice EmuDevice;

/* One plug-in of a device: its /dev node, the ioctl handler attached to it and the state the
 * kernel keeps per connection (URBs, claims, driver binding). A replug makes a new one. */
typedef struct EmuPlug {
    EmuDevice *device;
    UMockdevIoctlBase *handler;
    char devnode[64];
    uint8_t devnum;
    bool present;
    bool driver_bound;      /* emulated kernel driver (usbhid) on interface 0 */
    bool claimed;           /* interface 0 claimed through usbfs */
    GQueue in_urbs;         /* UMockdevIoctlData* interrupt IN URBs, submission order */
    GQueue done_urbs;       /* UMockdevIoctlData* completed URBs (status set), reap order */
} EmuPlug;

struct EmuDevice {
    ScannerEmulator *emulator;
    int id;
    ScannerEmulatorKind kind;
    uint16_t vendor_id, product_id;
    uint8_t bus;
    char sysname[48];          /* "1-1.2" */
    char syspath[256];         /* "/sys/devices/usb1/1-1/1-1.2" */
    uint8_t descriptors[EMU_MAX_DESCRIPTORS];
    size_t descriptors_length;
    uint8_t report_descriptor[EMU_MAX_REPORT_DESCRIPTOR];
    size_t report_descriptor_length;
    uint8_t in_endpoint;       /* 0 = none */
    uint8_t out_endpoint;      /* 0 = none */
    uint16_t in_packet_size;
    bool hid;
    char *strings[4];          /* [1] manufacturer, [2] product, [3] serial */
    GQueue reports;            /* EmuReport* */
    uint64_t sent, dropped, outputs;
    uint8_t last_output[EMU_MAX_REPORT];
    size_t last_output_length;
    EmuPlug *plug;             /* NULL while unplugged */
};

struct ScannerEmulator {
    UMockdevTestbed *testbed;
    GMutex lock;
    GPtrArray *devices;        /* EmuDevice* */
    GPtrArray *plugs;          /* EmuPlug*, every plug ever made (freed at the end) */
    GHashTable *hubs;          /* sysname -> devnum (GINT_TO_POINTER) */
    bool used_devnums[EMU_MAX_BUSES + 1][128];
};

/* The result of an emulated ioctl: the return value and errno. */
typedef struct {
    long result;
    int error;
} EmuAnswer;

static inline EmuAnswer emu_ok(long result) { return (EmuAnswer){ result, 0 }; }
static inline EmuAnswer emu_fail(int error) { return (EmuAnswer){ -1, error }; }

/* The memory an ioctl's pointer argument points to. */
static inline UMockdevIoctlData *emu_resolve_arg(UMockdevIoctlData *arg, gsize length)
{
    return umockdev_ioctl_data_resolve(arg, 0, length, NULL);
}

/* EmulatorDescriptors.c */
void emu_build_descriptors(EmuDevice *device, const ScannerEmulatorDeviceSpec *spec);
size_t emu_hub_descriptors(uint8_t *out, size_t capacity, bool root);
size_t emu_string_descriptor(const EmuDevice *device, uint8_t index, uint8_t *out, size_t capacity);

/* EmulatorControl.c */
int emu_check_interface(EmuPlug *plug, unsigned interface);
void emu_record_output(EmuDevice *device, const uint8_t *bytes, size_t length);
int emu_control_request(EmuPlug *plug, const uint8_t *setup, uint8_t *data, size_t capacity);

/* EmulatorBinding.c */
EmuAnswer emu_get_driver(EmuPlug *plug, UMockdevIoctlData *arg);
EmuAnswer emu_driver_ioctl(EmuPlug *plug, UMockdevIoctlData *arg);
EmuAnswer emu_disconnect_claim(EmuPlug *plug, UMockdevIoctlData *arg);

/* EmulatorIoctl.c */
gboolean emu_handle_ioctl(UMockdevIoctlBase *handler, UMockdevIoctlClient *client, gpointer user_data);
void emu_client_vanished(UMockdevIoctlBase *handler, UMockdevIoctlClient *client, gpointer user_data);
void emu_plug_release_urbs(EmuPlug *plug);

/* ScannerEmulator.c */
EmuDevice *emu_device(ScannerEmulator *emulator, int id);

#endif
