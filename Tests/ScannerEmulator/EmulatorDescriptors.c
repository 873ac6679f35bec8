/* USB descriptors of the emulated devices (USB 2.0 ch. 9.6, HID 1.11 ch. 6.2). */
#include <string.h>

#include "EmulatorInternal.h"

/* HID 1.11 appendix B.1: the boot keyboard report descriptor (8-byte input report:
 * modifiers, reserved, 6 key usages; 1-byte LED output report). */
static const uint8_t boot_keyboard_descriptor[] = {
    0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x05, 0x07, 0x19, 0xE0, 0x29, 0xE7, 0x15, 0x00,
    0x25, 0x01, 0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0x95, 0x01, 0x75, 0x08, 0x81, 0x01,
    0x95, 0x05, 0x75, 0x01, 0x05, 0x08, 0x19, 0x01, 0x29, 0x05, 0x91, 0x02, 0x95, 0x01,
    0x75, 0x03, 0x91, 0x01, 0x95, 0x06, 0x75, 0x08, 0x15, 0x00, 0x25, 0x65, 0x05, 0x07,
    0x19, 0x00, 0x29, 0x65, 0x81, 0x00, 0xC0,
};

/* HID 1.11 appendix B.2: the boot mouse (3-byte input report). */
static const uint8_t boot_mouse_descriptor[] = {
    0x05, 0x01, 0x09, 0x02, 0xA1, 0x01, 0x09, 0x01, 0xA1, 0x00, 0x05, 0x09, 0x19, 0x01,
    0x29, 0x03, 0x15, 0x00, 0x25, 0x01, 0x95, 0x03, 0x75, 0x01, 0x81, 0x02, 0x95, 0x01,
    0x75, 0x05, 0x81, 0x01, 0x05, 0x01, 0x09, 0x30, 0x09, 0x31, 0x15, 0x81, 0x25, 0x7F,
    0x75, 0x08, 0x95, 0x02, 0x81, 0x06, 0xC0, 0xC0,
};

/* A HID POS scanner written for this emulator after HUT 1.5 chapter "Bar Code Scanner Page
 * (0x8C)": input report 2 = length (vendor byte), symbology identifier 1..3 (0xFB..0xFD),
 * 56 bytes Decoded Data (0xFE), 2 vendor bytes (code id, reserved), Decode Data Continued
 * (0xFF); output report 4 = one vendor byte (beep/LED). Real scanners differ in detail. */
static const uint8_t hid_pos_descriptor[] = {
    0x06, 0x8C, 0x00,       /* Usage Page (Bar Code Scanner) */
    0x09, 0x02,             /* Usage (Bar Code Scanner) */
    0xA1, 0x01,             /* Collection (Application) */
    0x09, 0x12,             /*   Usage (Scanned Data Report) */
    0xA1, 0x02,             /*   Collection (Logical) */
    0x85, 0x02,             /*     Report ID (2) */
    0x15, 0x00,             /*     Logical Minimum (0) */
    0x26, 0xFF, 0x00,       /*     Logical Maximum (255) */
    0x75, 0x08,             /*     Report Size (8) */
    0x95, 0x01,             /*     Report Count (1) */
    0x06, 0x00, 0xFF,       /*     Usage Page (vendor) */
    0x09, 0x01,             /*     Usage (data length) */
    0x81, 0x02,             /*     Input (Data, Var, Abs) */
    0x06, 0x8C, 0x00,       /*     Usage Page (Bar Code Scanner) */
    0x95, 0x03,             /*     Report Count (3) */
    0x19, 0xFB, 0x29, 0xFD, /*     Usage (Symbology Identifier 1 .. 3) */
    0x81, 0x02,             /*     Input (Data, Var, Abs) */
    0x95, 0x38,             /*     Report Count (56) */
    0x09, 0xFE,             /*     Usage (Decoded Data) */
    0x82, 0x02, 0x01,       /*     Input (Data, Var, Abs, Buffered Bytes) */
    0x06, 0x00, 0xFF,       /*     Usage Page (vendor) */
    0x95, 0x02,             /*     Report Count (2) */
    0x09, 0x02,             /*     Usage (code id, reserved) */
    0x81, 0x02,             /*     Input (Data, Var, Abs) */
    0x06, 0x8C, 0x00,       /*     Usage Page (Bar Code Scanner) */
    0x95, 0x01,             /*     Report Count (1) */
    0x09, 0xFF,             /*     Usage (Decode Data Continued) */
    0x81, 0x02,             /*     Input (Data, Var, Abs) */
    0xC0,                   /*   End Collection */
    0x85, 0x04,             /*   Report ID (4) */
    0x06, 0x00, 0xFF,       /*   Usage Page (vendor) */
    0x09, 0x03,             /*   Usage (beep / LED) */
    0x95, 0x01,             /*   Report Count (1) */
    0x75, 0x08,             /*   Report Size (8) */
    0x91, 0x02,             /*   Output (Data, Var, Abs) */
    0xC0,                   /* End Collection */
};

static size_t put(uint8_t *out, size_t at, const uint8_t *bytes, size_t n)
{
    memcpy(out + at, bytes, n);
    return at + n;
}

static size_t put_endpoint(uint8_t *out, size_t at, uint8_t address, uint8_t attributes,
                           uint16_t packet, uint8_t interval)
{
    const uint8_t ep[7] = { 7, 0x05, address, attributes, (uint8_t)(packet & 0xFF), (uint8_t)(packet >> 8), interval };
    return put(out, at, ep, sizeof ep);
}

void emu_build_descriptors(EmuDevice *d, const ScannerEmulatorDeviceSpec *spec)
{
    const uint8_t *report = NULL;
    size_t report_length = 0;
    uint8_t if_class = 3, if_subclass = 0, if_protocol = 0, endpoints = 1;

    d->in_endpoint = 0x81;
    d->out_endpoint = 0;
    d->hid = true;
    switch (spec->kind) {
    case SCANNER_EMULATOR_KEYBOARD_WEDGE:
        report = boot_keyboard_descriptor; report_length = sizeof boot_keyboard_descriptor;
        if_subclass = 1; if_protocol = 1; d->in_packet_size = 8;
        break;
    case SCANNER_EMULATOR_HID_POS:
        report = hid_pos_descriptor; report_length = sizeof hid_pos_descriptor;
        d->in_packet_size = 64; d->out_endpoint = 0x02; endpoints = 2;
        break;
    case SCANNER_EMULATOR_BOOT_MOUSE:
        report = boot_mouse_descriptor; report_length = sizeof boot_mouse_descriptor;
        if_subclass = 1; if_protocol = 2; d->in_packet_size = 3;
        break;
    case SCANNER_EMULATOR_VENDOR_SERIAL:
    default:
        d->hid = false; if_class = 0xFF; d->in_packet_size = 64; d->out_endpoint = 0x02; endpoints = 2;
        break;
    }
    if (spec->report_descriptor && spec->report_descriptor_length > 0 &&
        spec->report_descriptor_length <= EMU_MAX_REPORT_DESCRIPTOR) {
        report = spec->report_descriptor; report_length = spec->report_descriptor_length;
    }
    if (d->hid) {
        memcpy(d->report_descriptor, report, report_length);
        d->report_descriptor_length = report_length;
    }

    uint16_t total = 9 + 9 + (d->hid ? 9 : 0) + 7 * endpoints;
    const uint8_t device[18] = {
        18, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 64,
        (uint8_t)(spec->vendor_id & 0xFF), (uint8_t)(spec->vendor_id >> 8),
        (uint8_t)(spec->product_id & 0xFF), (uint8_t)(spec->product_id >> 8),
        0x00, 0x01, 1, 2, 3, 1,
    };
    const uint8_t config[9] = { 9, 0x02, (uint8_t)(total & 0xFF), (uint8_t)(total >> 8), 1, 1, 0, 0xA0, 50 };
    const uint8_t interface[9] = { 9, 0x04, 0, 0, endpoints, if_class, if_subclass, if_protocol, 0 };
    const uint8_t hid[9] = { 9, 0x21, 0x11, 0x01, 0, 1, 0x22,
                             (uint8_t)(report_length & 0xFF), (uint8_t)(report_length >> 8) };
    size_t at = 0;
    at = put(d->descriptors, at, device, sizeof device);
    at = put(d->descriptors, at, config, sizeof config);
    at = put(d->descriptors, at, interface, sizeof interface);
    if (d->hid)
        at = put(d->descriptors, at, hid, sizeof hid);
    at = put_endpoint(d->descriptors, at, d->in_endpoint, d->hid ? 0x03 : 0x02, d->in_packet_size, 1);
    if (d->out_endpoint)
        at = put_endpoint(d->descriptors, at, d->out_endpoint, d->hid ? 0x03 : 0x02, 64, 1);
    d->descriptors_length = at;
}

size_t emu_hub_descriptors(uint8_t *out, size_t capacity, bool root)
{
    /* Root hub: Linux Foundation 1d6b:0002. External hub: a generic 7-port hub 05e3:0608. */
    const uint8_t device[18] = {
        18, 0x01, 0x00, 0x02, 0x09, 0x00, root ? 0x00 : 0x01, 64,
        root ? 0x6B : 0xE3, root ? 0x1D : 0x05, root ? 0x02 : 0x08, root ? 0x00 : 0x06,
        0x00, 0x01, 0, 0, 0, 1,
    };
    const uint8_t rest[25] = {
        9, 0x02, 25, 0, 1, 1, 0, 0xE0, 0,
        9, 0x04, 0, 0, 1, 0x09, 0, 0, 0,
        7, 0x05, 0x81, 0x03, 4, 0, 12,
    };
    if (capacity < sizeof device + sizeof rest)
        return 0;
    size_t at = put(out, 0, device, sizeof device);
    return put(out, at, rest, sizeof rest);
}

size_t emu_string_descriptor(const EmuDevice *d, uint8_t index, uint8_t *out, size_t capacity)
{
    if (capacity < 4)
        return 0;
    if (index == 0) { /* supported languages: en-US */
        out[0] = 4; out[1] = 0x03; out[2] = 0x09; out[3] = 0x04;
        return 4;
    }
    if (index > 3 || d->strings[index] == NULL)
        return 0;
    const char *s = d->strings[index];
    size_t n = strlen(s);
    if (2 + 2 * n > 255)
        n = (255 - 2) / 2;
    size_t length = 2 + 2 * n;
    if (length > capacity)
        length = capacity & ~(size_t)1;
    out[0] = (uint8_t)length; out[1] = 0x03;
    for (size_t i = 0; 2 + 2 * i + 1 < length; i++) { /* ASCII to UTF-16LE */
        out[2 + 2 * i] = (uint8_t)s[i];
        out[3 + 2 * i] = 0;
    }
    return length;
}
