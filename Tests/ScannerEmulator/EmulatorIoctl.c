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


static EmuAnswer submit_urb(EmuPlug *p, UMockdevIoctlData *arg)
{
    EmuDevice *d = p->device;
    g_autoptr(UMockdevIoctlData) urb_data = emu_resolve_arg(arg, sizeof(struct usbdevfs_urb));
    if (!urb_data)
        return emu_fail(EFAULT);
    struct usbdevfs_urb *urb = (struct usbdevfs_urb *)urb_data->data;
    g_autoptr(UMockdevIoctlData) buffer = umockdev_ioctl_data_resolve(
        urb_data, G_STRUCT_OFFSET(struct usbdevfs_urb, buffer), (gsize)urb->buffer_length, NULL);
    if (!buffer)
        return emu_fail(EFAULT);

    if (urb->type == USBDEVFS_URB_TYPE_CONTROL) {
        if (urb->buffer_length < 8)
            return emu_fail(EINVAL);
        uint16_t length = (uint16_t)(buffer->data[6] | buffer->data[7] << 8);
        if ((size_t)urb->buffer_length < 8u + length)
            return emu_fail(EINVAL);
        int r = emu_control_request(p, buffer->data, buffer->data + 8, length);
        if (r == -EBUSY || r == -ENOENT)
            return emu_fail(-r); /* the kernel refuses the submit itself */
        urb->status = r < 0 ? r : 0;
        urb->actual_length = r < 0 ? 0 : r; /* data bytes only, the setup packet excluded */
        g_queue_push_tail(&p->done_urbs, g_object_ref(urb_data));
        return emu_ok(0);
    }

    if (urb->type != USBDEVFS_URB_TYPE_INTERRUPT && urb->type != USBDEVFS_URB_TYPE_BULK)
        return emu_fail(EINVAL);
    if (urb->endpoint != d->in_endpoint && (d->out_endpoint == 0 || urb->endpoint != d->out_endpoint))
        return emu_fail(ENOENT);
    int error = emu_check_interface(p, 0);
    if (error)
        return emu_fail(error);
    if (urb->endpoint & 0x80) {
        g_queue_push_tail(&p->in_urbs, g_object_ref(urb_data));
    } else {
        emu_record_output(d, buffer->data, (size_t)urb->buffer_length);
        urb->status = 0;
        urb->actual_length = urb->buffer_length;
        g_queue_push_tail(&p->done_urbs, g_object_ref(urb_data));
    }
    return emu_ok(0);
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
static EmuAnswer hand_back(UMockdevIoctlData *arg, UMockdevIoctlData *urb_data)
{
    g_autoptr(UMockdevIoctlData) slot = emu_resolve_arg(arg, sizeof(gpointer));
    if (!slot) {
        g_object_unref(urb_data);
        return emu_fail(EFAULT);
    }
    umockdev_ioctl_data_set_ptr(slot, 0, urb_data);
    g_object_unref(urb_data); /* the slot holds it now */
    return emu_ok(0);
}

static EmuAnswer reap_urb(EmuPlug *p, UMockdevIoctlData *arg)
{
    EmuDevice *d = p->device;
    UMockdevIoctlData *urb_data = g_queue_pop_head(&p->done_urbs);
    if (urb_data)
        return hand_back(arg, urb_data);

    if (!p->present) { /* unplugged: every URB in flight ends with -ESHUTDOWN, then ENODEV */
        urb_data = g_queue_pop_head(&p->in_urbs);
        if (!urb_data)
            return emu_fail(ENODEV);
        struct usbdevfs_urb *urb = (struct usbdevfs_urb *)urb_data->data;
        urb->status = -ESHUTDOWN;
        urb->actual_length = 0;
        return hand_back(arg, urb_data);
    }

    if (g_queue_is_empty(&p->in_urbs) || g_queue_is_empty(&d->reports))
        return emu_fail(EAGAIN);
    gint64 now = g_get_monotonic_time();
    drop_overflow(d, now);
    EmuReport *report = g_queue_peek_head(&d->reports);
    if (!report || report->ready_at_us > now)
        return emu_fail(EAGAIN);

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

static EmuAnswer discard_urb(EmuPlug *p, UMockdevIoctlData *arg)
{
    gpointer address = *(gpointer *)arg->data; /* the argument is the URB pointer itself */
    GList *l = g_queue_find_custom(&p->in_urbs, address, same_client_address);
    if (!l)
        return emu_fail(EINVAL);
    UMockdevIoctlData *urb_data = l->data;
    g_queue_delete_link(&p->in_urbs, l);
    ((struct usbdevfs_urb *)urb_data->data)->status = -ENOENT;
    ((struct usbdevfs_urb *)urb_data->data)->actual_length = 0;
    g_queue_push_tail(&p->done_urbs, urb_data);
    return emu_ok(0);
}

static EmuAnswer sync_control(EmuPlug *p, UMockdevIoctlData *arg)
{
    g_autoptr(UMockdevIoctlData) data = emu_resolve_arg(arg, sizeof(struct usbdevfs_ctrltransfer));
    if (!data)
        return emu_fail(EFAULT);
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
            return emu_fail(EFAULT);
        bytes = buffer->data;
    }
    int r = emu_control_request(p, setup, bytes, ct->wLength);
    return r < 0 ? emu_fail(-r) : emu_ok(r);
}

static EmuAnswer answer(EmuPlug *p, gulong request, UMockdevIoctlData *arg)
{
    if (!p->present) {
        if (request == USBDEVFS_REAPURB || request == USBDEVFS_REAPURBNDELAY)
            return reap_urb(p, arg);
        return emu_fail(ENODEV);
    }
    switch (request) {
    case USBDEVFS_GET_CAPABILITIES: {
        g_autoptr(UMockdevIoctlData) data = emu_resolve_arg(arg, sizeof(guint32));
        if (!data)
            return emu_fail(EFAULT);
        *(guint32 *)data->data = USBDEVFS_CAP_BULK_CONTINUATION | USBDEVFS_CAP_NO_PACKET_SIZE_LIM |
                                 USBDEVFS_CAP_REAP_AFTER_DISCONNECT | USBDEVFS_CAP_ZERO_PACKET;
        return emu_ok(0);
    }
    case USBDEVFS_SUBMITURB:
        return submit_urb(p, arg);
    case USBDEVFS_REAPURB:
    case USBDEVFS_REAPURBNDELAY:
        return reap_urb(p, arg);
    case USBDEVFS_DISCARDURB:
        return discard_urb(p, arg);
    case USBDEVFS_CLAIMINTERFACE: {
        g_autoptr(UMockdevIoctlData) data = emu_resolve_arg(arg, sizeof(unsigned int));
        if (!data)
            return emu_fail(EFAULT);
        unsigned int interface = *(unsigned int *)data->data;
        if (interface != 0)
            return emu_fail(ENOENT);
        if (!p->claimed && p->driver_bound)
            return emu_fail(EBUSY);
        p->claimed = true;
        return emu_ok(0);
    }
    case USBDEVFS_RELEASEINTERFACE: {
        g_autoptr(UMockdevIoctlData) data = emu_resolve_arg(arg, sizeof(unsigned int));
        if (!data)
            return emu_fail(EFAULT);
        if (*(unsigned int *)data->data != 0 || !p->claimed)
            return emu_fail(EINVAL);
        p->claimed = false;
        return emu_ok(0);
    }
    case USBDEVFS_GETDRIVER:
        return emu_get_driver(p, arg);
    case USBDEVFS_IOCTL:
        return emu_driver_ioctl(p, arg);
    case USBDEVFS_DISCONNECT_CLAIM:
        return emu_disconnect_claim(p, arg);
    case USBDEVFS_SETINTERFACE: {
        g_autoptr(UMockdevIoctlData) data = emu_resolve_arg(arg, sizeof(struct usbdevfs_setinterface));
        if (!data)
            return emu_fail(EFAULT);
        struct usbdevfs_setinterface *si = (struct usbdevfs_setinterface *)data->data;
        return si->interface == 0 && si->altsetting == 0 ? emu_ok(0) : emu_fail(EINVAL);
    }
    case USBDEVFS_SETCONFIGURATION:
    case USBDEVFS_CLEAR_HALT:
    case USBDEVFS_RESETEP:
    case USBDEVFS_RESET:
        return emu_ok(0);
    case USBDEVFS_CONNECTINFO: {
        g_autoptr(UMockdevIoctlData) data = emu_resolve_arg(arg, sizeof(struct usbdevfs_connectinfo));
        if (!data)
            return emu_fail(EFAULT);
        struct usbdevfs_connectinfo *ci = (struct usbdevfs_connectinfo *)data->data;
        ci->devnum = p->devnum;
        ci->slow = 0;
        return emu_ok(0);
    }
    case USBDEVFS_GET_SPEED:
        return emu_ok(USB_SPEED_FULL_VALUE);
    case USBDEVFS_CONTROL:
        return sync_control(p, arg);
    default:
        return emu_fail(ENOTTY);
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
    EmuAnswer a = answer(p, request, arg);
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
