/* Control requests to an emulated scanner: standard requests (USB 2.0 ch. 9.4) and the HID
 * class requests (HID 1.11 ch. 7.2), as a full-speed HID device answers them. */
#include <errno.h>
#include <string.h>

#include "EmulatorInternal.h"

/* A control or interface request needs the interface claimed; the kernel claims it on the
 * fly unless another driver (usbhid) holds it (devio.c checkintf). */
int emu_check_interface(EmuPlug *p, unsigned interface)
{
    if (interface != 0)
        return ENOENT;
    if (p->claimed)
        return 0;
    if (p->driver_bound)
        return EBUSY;
    p->claimed = true;
    return 0;
}

void emu_record_output(EmuDevice *d, const uint8_t *bytes, size_t length)
{
    if (length > EMU_MAX_REPORT)
        length = EMU_MAX_REPORT;
    memcpy(d->last_output, bytes, length);
    d->last_output_length = length;
    d->outputs++;
}

/* Answers a control request: fills data (capacity = wLength) and returns the byte count, or
 * a negative URB status (-EPIPE = stall). */
int emu_control_request(EmuPlug *p, const uint8_t *setup, uint8_t *data, size_t capacity)
{
    EmuDevice *d = p->device;
    uint8_t request_type = setup[0], request = setup[1];
    uint16_t value = (uint16_t)(setup[2] | setup[3] << 8);
    uint16_t index = (uint16_t)(setup[4] | setup[5] << 8);
    uint8_t buffer[256];
    size_t n = 0;

    if ((request_type & 0x1F) == 0x01) { /* recipient: interface */
        int error = emu_check_interface(p, index & 0xFF);
        if (error)
            return -error;
    }
    switch (request_type << 8 | request) {
    case 0x8006: /* GET_DESCRIPTOR (device) */
        switch (value >> 8) {
        case 0x01: n = 18; memcpy(buffer, d->descriptors, n); break;
        case 0x02: n = d->descriptors_length - 18; memcpy(buffer, d->descriptors + 18, n); break;
        case 0x03: n = emu_string_descriptor(d, value & 0xFF, buffer, sizeof buffer); break;
        default: return -EPIPE;
        }
        if (n == 0)
            return -EPIPE;
        break;
    case 0x8008: /* GET_CONFIGURATION */
        buffer[0] = 1; n = 1;
        break;
    case 0x8000: /* GET_STATUS */
        buffer[0] = 0; buffer[1] = 0; n = 2;
        break;
    case 0x0009: /* SET_CONFIGURATION */
        return value == 1 ? 0 : -EPIPE;
    case 0x8106: /* GET_DESCRIPTOR (interface): HID report or HID class descriptor */
        if (!d->hid)
            return -EPIPE;
        if (value >> 8 == 0x22) {
            n = d->report_descriptor_length; memcpy(buffer, d->report_descriptor, n);
        } else if (value >> 8 == 0x21) {
            n = 9; memcpy(buffer, d->descriptors + 18 + 9 + 9, n);
        } else {
            return -EPIPE;
        }
        break;
    case 0x2109: /* HID SET_REPORT */
        if (!d->hid || value >> 8 != 0x02) /* output reports only */
            return -EPIPE;
        emu_record_output(d, data, capacity);
        return (int)capacity;
    case 0x210A: /* HID SET_IDLE */
    case 0x210B: /* HID SET_PROTOCOL */
        return d->hid ? 0 : -EPIPE;
    case 0xA103: /* HID GET_PROTOCOL: report protocol */
        if (!d->hid)
            return -EPIPE;
        buffer[0] = 1; n = 1;
        break;
    default:
        return -EPIPE;
    }
    if (n > capacity)
        n = capacity;
    memcpy(data, buffer, n);
    return (int)n;
}
