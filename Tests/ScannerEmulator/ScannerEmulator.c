/*
 * Emulated USB scanners on a umockdev testbed: sysfs entries, /dev/bus/usb nodes, hotplug
 * uevents and the report queues the tests fill. See ScannerEmulator.h for the rules of use.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmulatorInternal.h"

static void set_error(char *error, size_t capacity, const char *message)
{
    if (error && capacity > 0)
        g_strlcpy(error, message, capacity);
}

int scanner_emulator_preload_active(void)
{
    const char *preload = getenv("LD_PRELOAD");
    return preload != NULL && strstr(preload, "libumockdev-preload") != NULL;
}

ScannerEmulator *scanner_emulator_new(char *error, size_t error_capacity)
{
    ScannerEmulator *em = g_new0(ScannerEmulator, 1);
    em->testbed = umockdev_testbed_new();
    if (!em->testbed) {
        set_error(error, error_capacity, "umockdev_testbed_new failed");
        g_free(em);
        return NULL;
    }
    g_mutex_init(&em->lock);
    em->devices = g_ptr_array_new();
    em->plugs = g_ptr_array_new();
    em->hubs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    return em;
}

EmuDevice *emu_device(ScannerEmulator *em, int id)
{
    if (!em || id < 0 || (guint)id >= em->devices->len)
        return NULL;
    return g_ptr_array_index(em->devices, id);
}

static int take_devnum(ScannerEmulator *em, uint8_t bus, int wanted, bool from_top)
{
    if (wanted > 0) {
        if (wanted > 127 || em->used_devnums[bus][wanted])
            return -1;
        em->used_devnums[bus][wanted] = true;
        return wanted;
    }
    for (int i = 0; i < 126; i++) {
        int n = from_top ? 127 - i : 2 + i;
        if (!em->used_devnums[bus][n]) {
            em->used_devnums[bus][n] = true;
            return n;
        }
    }
    return -1;
}

static char *hex(const uint8_t *bytes, size_t length)
{
    GString *s = g_string_sized_new(length * 2 + 1);
    for (size_t i = 0; i < length; i++)
        g_string_append_printf(s, "%02x", bytes[i]);
    return g_string_free(s, FALSE);
}

/* One usb_device entry as libusb reads it: uevent properties, the node, the attributes it
 * parses (busnum, devnum, speed, bConfigurationValue) and the binary descriptors file. */
static gboolean add_usb_device(ScannerEmulator *em, const char *devpath, uint8_t bus, uint8_t devnum,
                               unsigned speed, uint16_t vid, uint16_t pid, const uint8_t *descriptors,
                               size_t descriptors_length)
{
    g_autofree char *descriptor_hex = hex(descriptors, descriptors_length);
    g_autofree char *record = g_strdup_printf(
        "P: %s\n"
        "N: bus/usb/%03u/%03u\n"
        "E: SUBSYSTEM=usb\n"
        "E: DEVTYPE=usb_device\n"
        "E: DRIVER=usb\n"
        "E: DEVNAME=/dev/bus/usb/%03u/%03u\n"
        "E: BUSNUM=%03u\n"
        "E: DEVNUM=%03u\n"
        "E: PRODUCT=%x/%x/100\n"
        "A: busnum=%u\\n\n"
        "A: devnum=%u\\n\n"
        "A: speed=%u\\n\n"
        "A: bConfigurationValue=1\\n\n"
        "A: idVendor=%04x\\n\n"
        "A: idProduct=%04x\\n\n"
        "H: descriptors=%s\n",
        devpath, bus, devnum, bus, devnum, bus, devnum, vid, pid, bus, devnum, speed, vid, pid, descriptor_hex);
    return umockdev_testbed_add_from_string(em->testbed, record, NULL);
}

/* Makes sure the hub with this sysfs name ("usb1", "1-1", "1-1.4") exists, parents first. */
static gboolean ensure_hub(ScannerEmulator *em, uint8_t bus, const char *sysname, char *devpath_out, size_t cap)
{
    char parent_path[256] = "";
    bool root = g_str_has_prefix(sysname, "usb");
    if (!root) {
        g_autofree char *parent = g_strdup(sysname);
        char *cut = strrchr(parent, '.');
        if (!cut)
            cut = strrchr(parent, '-');
        if (!cut)
            return FALSE;
        *cut = '\0';
        g_autofree char *parent_name = strchr(parent, '-') ? g_strdup(parent) : g_strdup_printf("usb%u", bus);
        if (!ensure_hub(em, bus, parent_name, parent_path, sizeof parent_path))
            return FALSE;
    }
    g_snprintf(devpath_out, cap, root ? "/devices/%s" : "%s/%s", root ? sysname : parent_path, sysname);
    if (g_hash_table_contains(em->hubs, sysname))
        return TRUE;

    int devnum = root ? take_devnum(em, bus, 1, false) : take_devnum(em, bus, 0, true);
    if (devnum < 0)
        return FALSE;
    uint8_t descriptors[64];
    size_t length = emu_hub_descriptors(descriptors, sizeof descriptors, root);
    if (!add_usb_device(em, devpath_out, bus, (uint8_t)devnum, 480, root ? 0x1d6b : 0x05e3,
                        root ? 0x0002 : 0x0608, descriptors, length))
        return FALSE;
    g_hash_table_insert(em->hubs, g_strdup(sysname), GINT_TO_POINTER(devnum));
    return TRUE;
}

/* Attaches a fresh ioctl handler to the device's node, then creates the sysfs entry (which
 * sends the "add" uevent). The handler must exist first: libusb may open the node as soon as
 * it sees the uevent. */
static EmuPlug *plug_in(ScannerEmulator *em, EmuDevice *d, uint8_t devnum, char *error, size_t cap)
{
    EmuPlug *p = g_new0(EmuPlug, 1);
    p->device = d;
    p->devnum = devnum;
    p->present = true;
    p->driver_bound = d->hid;
    g_queue_init(&p->in_urbs);
    g_queue_init(&p->done_urbs);
    g_snprintf(p->devnode, sizeof p->devnode, "/dev/bus/usb/%03u/%03u", d->bus, devnum);
    p->handler = umockdev_ioctl_base_new();
    g_signal_connect(p->handler, "handle-ioctl", G_CALLBACK(emu_handle_ioctl), p);
    g_signal_connect(p->handler, "client-vanished", G_CALLBACK(emu_client_vanished), p);
    g_ptr_array_add(em->plugs, p);
    if (!umockdev_testbed_attach_ioctl(em->testbed, p->devnode, p->handler, NULL)) {
        set_error(error, cap, "umockdev_testbed_attach_ioctl failed");
        return NULL;
    }
    g_mutex_lock(&em->lock);
    d->plug = p;
    g_mutex_unlock(&em->lock);

    const char *devpath = d->syspath + strlen("/sys");
    if (!add_usb_device(em, devpath, d->bus, devnum, 12, d->vendor_id, d->product_id, d->descriptors,
                        d->descriptors_length)) {
        set_error(error, cap, "umockdev_testbed_add_from_string refused the device record");
        return NULL;
    }
    return p;
}

int scanner_emulator_add_device(ScannerEmulator *em, const ScannerEmulatorDeviceSpec *spec, char *error, size_t cap)
{
    if (!em || !spec || !spec->ports || spec->bus < 1 || spec->bus > EMU_MAX_BUSES) {
        set_error(error, cap, "bad device spec: bus must be 1..8 and ports given");
        return -1;
    }
    for (const char *c = spec->ports; *c; c++) {
        if (!g_ascii_isdigit(*c) && *c != '.') {
            set_error(error, cap, "bad device spec: ports must look like \"1.2\"");
            return -1;
        }
    }
    if (spec->devnum < 2 || spec->devnum > 127 || em->used_devnums[spec->bus][spec->devnum]) {
        set_error(error, cap, "bad device spec: devnum must be a free address in 2..127");
        return -1;
    }
    EmuDevice *d = g_new0(EmuDevice, 1);
    d->emulator = em;
    d->kind = spec->kind;
    d->vendor_id = spec->vendor_id;
    d->product_id = spec->product_id;
    d->bus = spec->bus;
    g_queue_init(&d->reports);
    g_snprintf(d->sysname, sizeof d->sysname, "%u-%s", spec->bus, spec->ports);
    d->strings[1] = g_strdup(spec->manufacturer ? spec->manufacturer : "Titlehold test bench");
    d->strings[2] = g_strdup(spec->product ? spec->product : "Emulated scanner");
    d->strings[3] = g_strdup(spec->serial ? spec->serial : d->sysname);
    emu_build_descriptors(d, spec);

    /* The parent of "1-1.2" is hub "1-1"; of "1-3" the root hub "usb1". */
    char parent_path[256];
    g_autofree char *parent = g_strdup(d->sysname);
    char *cut = strrchr(parent, '.');
    g_autofree char *parent_name = cut ? (*cut = '\0', g_strdup(parent)) : g_strdup_printf("usb%u", spec->bus);
    if (!ensure_hub(em, spec->bus, parent_name, parent_path, sizeof parent_path)) {
        set_error(error, cap, "could not create the hubs above the device");
        return -1;
    }
    g_snprintf(d->syspath, sizeof d->syspath, "/sys%s/%s", parent_path, d->sysname);

    d->id = (int)em->devices->len;
    g_ptr_array_add(em->devices, d);
    em->used_devnums[spec->bus][spec->devnum] = true;
    if (!plug_in(em, d, spec->devnum, error, cap))
        return -1;
    return d->id;
}

int scanner_emulator_unplug(ScannerEmulator *em, int id)
{
    EmuDevice *d = emu_device(em, id);
    if (!d)
        return -1;
    g_mutex_lock(&em->lock);
    EmuPlug *p = d->plug;
    if (p) {
        p->present = false; /* URBs in flight now reap with -ESHUTDOWN, the rest is ENODEV */
        d->plug = NULL;
        em->used_devnums[d->bus][p->devnum] = false;
    }
    g_mutex_unlock(&em->lock);
    if (!p)
        return -1;
    /* A regular file cannot signal POLLERR, so libusb learns of the removal by the uevent. */
    umockdev_testbed_uevent(em->testbed, d->syspath, "remove");
    umockdev_testbed_remove_device(em->testbed, d->syspath);
    return 0;
}

int scanner_emulator_replug(ScannerEmulator *em, int id, uint8_t devnum)
{
    EmuDevice *d = emu_device(em, id);
    if (!d || d->plug)
        return -1;
    /* A new address, as the kernel gives; an address used before keeps its old handler, so
     * pick one never attached on this bus. */
    int n = -1;
    for (int tries = 0; tries < 126; tries++) {
        n = take_devnum(em, d->bus, devnum, false);
        if (n < 0)
            return -1;
        char node[64];
        g_snprintf(node, sizeof node, "/dev/bus/usb/%03u/%03u", d->bus, n);
        bool attached_before = false;
        for (guint i = 0; i < em->plugs->len; i++)
            attached_before |= strcmp(((EmuPlug *)g_ptr_array_index(em->plugs, i))->devnode, node) == 0;
        if (!attached_before)
            break;
        if (devnum != 0)
            return -1;
        n = -1;
    }
    if (n < 0 || !plug_in(em, d, (uint8_t)n, NULL, 0))
        return -1;
    return n;
}

void scanner_emulator_free(ScannerEmulator *em)
{
    if (!em)
        return;
    for (guint i = 0; i < em->plugs->len; i++) {
        EmuPlug *p = g_ptr_array_index(em->plugs, i);
        umockdev_testbed_detach_ioctl(em->testbed, p->devnode, NULL);
    }
    g_clear_object(&em->testbed); /* removes the testbed's directory and unsets UMOCKDEV_DIR */
    for (guint i = 0; i < em->plugs->len; i++) {
        EmuPlug *p = g_ptr_array_index(em->plugs, i);
        emu_plug_release_urbs(p);
        g_clear_object(&p->handler);
        g_free(p);
    }
    for (guint i = 0; i < em->devices->len; i++) {
        EmuDevice *d = g_ptr_array_index(em->devices, i);
        g_queue_clear_full(&d->reports, g_free);
        for (int s = 0; s < 4; s++)
            g_free(d->strings[s]);
        g_free(d);
    }
    g_ptr_array_free(em->plugs, TRUE);
    g_ptr_array_free(em->devices, TRUE);
    g_hash_table_destroy(em->hubs);
    g_mutex_clear(&em->lock);
    g_free(em);
}
