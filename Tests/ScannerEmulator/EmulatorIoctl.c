/*
 * The usbdevfs ioctls of an emulated scanner, as the Linux kernel answers them
 * (drivers/usb/core/devio.c; libusb's os/linux_usbfs.c is the client).
 *
 * umockdev calls emu_handle_ioctl on its worker thread for every ioctl libusb makes on the
 * device node. Every request libusb 1.0.26 can send is answered, so libusb never falls back
 * to a path that ends in ENOTTY.
 */
#include <errno.h>
#include <string.h>

#include "EmulatorInternal.h"

#define USB_SPEED_FULL_VALUE 2 /* enum usb_device_speed: UNKNOWN, LOW, FULL, HIGH, ... */

typedef struct {
    long result;
    int error;
} Answer;

static Answer ok(long result) { return (Answer){ result, 0 }; }
static Answer fail(int error) { return (Answer){ -1, error }; }

static UMockdevIoctlData *resolve_arg(UMockdevIoctlData *arg, gsize length)
{
    return umockdev_ioctl_data_resolve(arg, 0, length, NULL);
}

/* A control or interface request needs the interface claimed; the kernel claims it on the
 * fly unless another driver (usbhid) holds it (devio.c checkintf). */
static int check_interface(EmuPlug *p, unsigned interface)
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

static void record_output(EmuDevice *d, const uint8_t *bytes, size_t length)
{
    if (length > EMU_MAX_REPORT)
        length = EMU_MAX_REPORT;
    memcpy(d->last_output, bytes, length);
    d->last_output_length = length;
    d->outputs++;
}

/* Answers a control request: fills data (capacity = wLength) and returns the byte count, or
 * a negative URB status (-EPIPE = stall). */
static int control_request(EmuPlug *p, const uint8_t *setup, uint8_t *data, size_t capacity)
{
    EmuDevice *d = p->device;
    uint8_t request_type = setup[0], request = setup[1];
    uint16_t value = (uint16_t)(setup[2] | setup[3] << 8);
    uint16_t index = (uint16_t)(setup[4] | setup[5] << 8);
    uint8_t buffer[256];
    size_t n = 0;

    if ((request_type & 0x1F) == 0x01) { /* recipient: interface */
        int error = check_interface(p, index & 0xFF);
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
        record_output(d, data, capacity);
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

static Answer submit_urb(EmuPlug *p, UMockdevIoctlData *arg)
{
    EmuDevice *d = p->device;
    g_autoptr(UMockdevIoctlData) urb_data = resolve_arg(arg, sizeof(struct usbdevfs_urb));
    if (!urb_data)
        return fail(EFAULT);
    struct usbdevfs_urb *urb = (struct usbdevfs_urb *)urb_data->data;
    g_autoptr(UMockdevIoctlData) buffer = umockdev_ioctl_data_resolve(
        urb_data, G_STRUCT_OFFSET(struct usbdevfs_urb, buffer), (gsize)urb->buffer_length, NULL);
    if (!buffer)
        return fail(EFAULT);

    if (urb->type == USBDEVFS_URB_TYPE_CONTROL) {
        if (urb->buffer_length < 8)
            return fail(EINVAL);
        uint16_t length = (uint16_t)(buffer->data[6] | buffer->data[7] << 8);
        if ((size_t)urb->buffer_length < 8u + length)
            return fail(EINVAL);
        int r = control_request(p, buffer->data, buffer->data + 8, length);
        if (r == -EBUSY || r == -ENOENT)
            return fail(-r); /* the kernel refuses the submit itself */
        urb->status = r < 0 ? r : 0;
        urb->actual_length = r < 0 ? 0 : r; /* data bytes only, the setup packet excluded */
        g_queue_push_tail(&p->done_urbs, g_object_ref(urb_data));
        return ok(0);
    }

    if (urb->type != USBDEVFS_URB_TYPE_INTERRUPT && urb->type != USBDEVFS_URB_TYPE_BULK)
        return fail(EINVAL);
    if (urb->endpoint != d->in_endpoint && (d->out_endpoint == 0 || urb->endpoint != d->out_endpoint))
        return fail(ENOENT);
    int error = check_interface(p, 0);
    if (error)
        return fail(error);
    if (urb->endpoint & 0x80) {
        g_queue_push_tail(&p->in_urbs, g_object_ref(urb_data));
    } else {
        record_output(d, buffer->data, (size_t)urb->buffer_length);
        urb->status = 0;
        urb->actual_length = urb->buffer_length;
        g_queue_push_tail(&p->done_urbs, g_object_ref(urb_data));
    }
    return ok(0);
}

/* Drops paced reports that became ready while the device's buffer was full (HID devices
 * cannot hold more than their buffer when the host does not poll). Only reports are sent at
 * reap time, so between two reaps the set of ready reports only grows: keeping the first
 * fifo_depth ready ones and dropping the rest is what the device would have done. */
static void drop_overflow(EmuDevice *d, gint64 now)
{
    guint ready = 0;
    GList *l = d->reports.head;
    while (l) {
        EmuReport *r = l->data;
        GList *next = l->next;
        if (r->ready_at_us > now)
            break;
        ready++;
        if (r->paced && r->fifo_depth > 0 && ready > r->fifo_depth) {
            g_queue_delete_link(&d->reports, l);
            g_free(r);
            d->dropped++;
            ready--;
        }
        l = next;
    }
}

/* Completes one URB into the reap argument (the kernel hands back the URB pointer). */
static Answer hand_back(UMockdevIoctlData *arg, UMockdevIoctlData *urb_data)
{
    g_autoptr(UMockdevIoctlData) slot = resolve_arg(arg, sizeof(gpointer));
    if (!slot) {
        g_object_unref(urb_data);
        return fail(EFAULT);
    }
    umockdev_ioctl_data_set_ptr(slot, 0, urb_data);
    g_object_unref(urb_data); /* the slot holds it now */
    return ok(0);
}

static Answer reap_urb(EmuPlug *p, UMockdevIoctlData *arg)
{
    EmuDevice *d = p->device;
    UMockdevIoctlData *urb_data = g_queue_pop_head(&p->done_urbs);
    if (urb_data)
        return hand_back(arg, urb_data);

    if (!p->present) { /* unplugged: every URB in flight ends with -ESHUTDOWN, then ENODEV */
        urb_data = g_queue_pop_head(&p->in_urbs);
        if (!urb_data)
            return fail(ENODEV);
        struct usbdevfs_urb *urb = (struct usbdevfs_urb *)urb_data->data;
        urb->status = -ESHUTDOWN;
        urb->actual_length = 0;
        return hand_back(arg, urb_data);
    }

    if (g_queue_is_empty(&p->in_urbs) || g_queue_is_empty(&d->reports))
        return fail(EAGAIN);
    gint64 now = g_get_monotonic_time();
    drop_overflow(d, now);
    EmuReport *report = g_queue_peek_head(&d->reports);
    if (!report || report->ready_at_us > now)
        return fail(EAGAIN);

    urb_data = g_queue_pop_head(&p->in_urbs);
    struct usbdevfs_urb *urb = (struct usbdevfs_urb *)urb_data->data;
    g_autoptr(UMockdevIoctlData) buffer = umockdev_ioctl_data_resolve(
        urb_data, G_STRUCT_OFFSET(struct usbdevfs_urb, buffer), (gsize)urb->buffer_length, NULL);
    size_t length = report->length;
    if (length > (size_t)urb->buffer_length)
        length = (size_t)urb->buffer_length; /* the kernel would report -EOVERFLOW; keep it simple */
    if (buffer)
        memcpy(buffer->data, report->bytes, length);
    urb->status = 0;
    urb->actual_length = (int)length;
    g_queue_pop_head(&d->reports);
    g_free(report);
    d->sent++;
    return hand_back(arg, urb_data);
}

static gint same_client_address(gconstpointer data, gconstpointer address)
{
    return ((const UMockdevIoctlData *)data)->client_addr == (gulong)address ? 0 : 1;
}

static Answer discard_urb(EmuPlug *p, UMockdevIoctlData *arg)
{
    gpointer address = *(gpointer *)arg->data; /* the argument is the URB pointer itself */
    GList *l = g_queue_find_custom(&p->in_urbs, address, same_client_address);
    if (!l)
        return fail(EINVAL);
    UMockdevIoctlData *urb_data = l->data;
    g_queue_delete_link(&p->in_urbs, l);
    ((struct usbdevfs_urb *)urb_data->data)->status = -ENOENT;
    ((struct usbdevfs_urb *)urb_data->data)->actual_length = 0;
    g_queue_push_tail(&p->done_urbs, urb_data);
    return ok(0);
}

static Answer get_driver(EmuPlug *p, UMockdevIoctlData *arg)
{
    g_autoptr(UMockdevIoctlData) data = resolve_arg(arg, sizeof(struct usbdevfs_getdriver));
    if (!data)
        return fail(EFAULT);
    struct usbdevfs_getdriver *gd = (struct usbdevfs_getdriver *)data->data;
    if (gd->interface != 0)
        return fail(EINVAL);
    memset(gd->driver, 0, sizeof gd->driver);
    if (p->claimed)
        strcpy(gd->driver, "usbfs");
    else if (p->driver_bound)
        strcpy(gd->driver, "usbhid");
    else
        return fail(ENODATA);
    return ok(0);
}

static Answer driver_ioctl(EmuPlug *p, UMockdevIoctlData *arg)
{
    g_autoptr(UMockdevIoctlData) data = resolve_arg(arg, sizeof(struct usbdevfs_ioctl));
    if (!data)
        return fail(EFAULT);
    struct usbdevfs_ioctl *command = (struct usbdevfs_ioctl *)data->data;
    if (command->ifno != 0)
        return fail(EINVAL);
    switch (command->ioctl_code) {
    case USBDEVFS_DISCONNECT:
        if (!p->driver_bound)
            return fail(ENODATA);
        p->driver_bound = false;
        return ok(0);
    case USBDEVFS_CONNECT:
        if (p->claimed)
            return fail(EBUSY);
        if (!p->device->hid)
            return ok(0); /* no driver wants the interface */
        p->driver_bound = true;
        return ok(1);
    default:
        return fail(ENOTTY);
    }
}

static Answer disconnect_claim(EmuPlug *p, UMockdevIoctlData *arg)
{
    g_autoptr(UMockdevIoctlData) data = resolve_arg(arg, sizeof(struct usbdevfs_disconnect_claim));
    if (!data)
        return fail(EFAULT);
    struct usbdevfs_disconnect_claim *dc = (struct usbdevfs_disconnect_claim *)data->data;
    if (dc->interface != 0)
        return fail(ENOENT);
    if (p->claimed)
        return ok(0);
    if (p->driver_bound) {
        bool named = strncmp(dc->driver, "usbhid", sizeof dc->driver) == 0;
        bool unbind = (dc->flags & USBDEVFS_DISCONNECT_CLAIM_IF_DRIVER) ? named
                    : (dc->flags & USBDEVFS_DISCONNECT_CLAIM_EXCEPT_DRIVER) ? !named : true;
        if (!unbind)
            return fail(EBUSY);
        p->driver_bound = false;
    }
    p->claimed = true;
    return ok(0);
}

static Answer sync_control(EmuPlug *p, UMockdevIoctlData *arg)
{
    g_autoptr(UMockdevIoctlData) data = resolve_arg(arg, sizeof(struct usbdevfs_ctrltransfer));
    if (!data)
        return fail(EFAULT);
    struct usbdevfs_ctrltransfer *ct = (struct usbdevfs_ctrltransfer *)data->data;
    uint8_t setup[8] = { ct->bRequestType, ct->bRequest, (uint8_t)(ct->wValue & 0xFF), (uint8_t)(ct->wValue >> 8),
                         (uint8_t)(ct->wIndex & 0xFF), (uint8_t)(ct->wIndex >> 8),
                         (uint8_t)(ct->wLength & 0xFF), (uint8_t)(ct->wLength >> 8) };
    g_autoptr(UMockdevIoctlData) buffer = NULL;
    uint8_t empty[1];
    uint8_t *bytes = empty;
    if (ct->wLength > 0) {
        buffer = umockdev_ioctl_data_resolve(data, G_STRUCT_OFFSET(struct usbdevfs_ctrltransfer, data), ct->wLength, NULL);
        if (!buffer)
            return fail(EFAULT);
        bytes = buffer->data;
    }
    int r = control_request(p, setup, bytes, ct->wLength);
    return r < 0 ? fail(-r) : ok(r);
}

static Answer answer(EmuPlug *p, gulong request, UMockdevIoctlData *arg)
{
    if (!p->present) {
        if (request == USBDEVFS_REAPURB || request == USBDEVFS_REAPURBNDELAY)
            return reap_urb(p, arg);
        return fail(ENODEV);
    }
    switch (request) {
    case USBDEVFS_GET_CAPABILITIES: {
        g_autoptr(UMockdevIoctlData) data = resolve_arg(arg, sizeof(guint32));
        if (!data)
            return fail(EFAULT);
        *(guint32 *)data->data = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
                                 USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET;
        return ok(0);
    }
    case USBDEVFS_SUBMITURB:
        return submit_urb(p, arg);
    case USBDEVFS_REAPURB:
    case USBDEVFS_REAPURBNDELAY:
        return reap_urb(p, arg);
    case USBDEVFS_DISCARDURB:
        return discard_urb(p, arg);
    case USBDEVFS_CLAIMINTERFACE: {
        g_autoptr(UMockdevIoctlData) data = resolve_arg(arg, sizeof(unsigned int));
        if (!data)
            return fail(EFAULT);
        unsigned int interface = *(unsigned int *)data->data;
        if (interface != 0)
            return fail(ENOENT);
        if (!p->claimed && p->driver_bound)
            return fail(EBUSY);
        p->claimed = true;
        return ok(0);
    }
    case USBDEVFS_RELEASEINTERFACE: {
        g_autoptr(UMockdevIoctlData) data = resolve_arg(arg, sizeof(unsigned int));
        if (!data)
            return fail(EFAULT);
        if (*(unsigned int *)data->data != 0 || !p->claimed)
            return fail(EINVAL);
        p->claimed = false;
        return ok(0);
    }
    case USBDEVFS_GETDRIVER:
        return get_driver(p, arg);
    case USBDEVFS_IOCTL:
        return driver_ioctl(p, arg);
    case USBDEVFS_DISCONNECT_CLAIM:
        return disconnect_claim(p, arg);
    case USBDEVFS_SETINTERFACE: {
        g_autoptr(UMockdevIoctlData) data = resolve_arg(arg, sizeof(struct usbdevfs_setinterface));
        if (!data)
            return fail(EFAULT);
        struct usbdevfs_setinterface *si = (struct usbdevfs_setinterface *)data->data;
        return si->interface == 0 && si->altsetting == 0 ? ok(0) : fail(EINVAL);
    }
    case USBDEVFS_SETCONFIGURATION:
    case USBDEVFS_CLEAR_HALT:
    case USBDEVFS_RESETEP:
    case USBDEVFS_RESET:
        return ok(0);
    case USBDEVFS_CONNECTINFO: {
        g_autoptr(UMockdevIoctlData) data = resolve_arg(arg, sizeof(struct usbdevfs_connectinfo));
        if (!data)
            return fail(EFAULT);
        struct usbdevfs_connectinfo *ci = (struct usbdevfs_connectinfo *)data->data;
        ci->devnum = p->devnum;
        ci->slow = 0;
        return ok(0);
    }
    case USBDEVFS_GET_SPEED:
        return ok(USB_SPEED_FULL_VALUE);
    case USBDEVFS_CONTROL:
        return sync_control(p, arg);
    default:
        return fail(ENOTTY);
    }
}

gboolean emu_handle_ioctl(UMockdevIoctlBase *handler, UMockdevIoctlClient *client, gpointer user_data)
{
    (void)handler;
    EmuPlug *p = user_data;
    ScannerEmulator *em = p->device->emulator;
    gulong request = umockdev_ioctl_client_get_request(client);
    UMockdevIoctlData *arg = umockdev_ioctl_client_get_arg(client);

    g_mutex_lock(&em->lock);
    Answer a = answer(p, request, arg);
    g_mutex_unlock(&em->lock);

    umockdev_ioctl_client_complete(client, a.result, a.error);
    return TRUE;
}

void emu_plug_release_urbs(EmuPlug *p)
{
    UMockdevIoctlData *urb;
    while ((urb = g_queue_pop_head(&p->in_urbs)))
        g_object_unref(urb);
    while ((urb = g_queue_pop_head(&p->done_urbs)))
        g_object_unref(urb);
}

/* The client closed the node: the kernel releases its claims and forgets its URBs; the
 * interface stays without driver until someone asks for a reconnect (as on Linux). */
void emu_client_vanished(UMockdevIoctlBase *handler, UMockdevIoctlClient *client, gpointer user_data)
{
    (void)handler;
    (void)client;
    EmuPlug *p = user_data;
    ScannerEmulator *em = p->device->emulator;
    g_mutex_lock(&em->lock);
    p->claimed = false;
    emu_plug_release_urbs(p);
    g_mutex_unlock(&em->lock);
}
