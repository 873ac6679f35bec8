/* Which driver holds interface 0: the emulated kernel HID driver (usbhid) until libusb
 * detaches it, usbfs while claimed (devio.c: GETDRIVER, USBDEVFS_IOCTL DISCONNECT/CONNECT,
 * DISCONNECT_CLAIM). */
#include <errno.h>
#include <string.h>

#include "EmulatorInternal.h"

EmuAnswer emu_get_driver(EmuPlug *p, UMockdevIoctlData *arg)
{
    g_autoptr(UMockdevIoctlData) data = emu_resolve_arg(arg, sizeof(struct usbdevfs_getdriver));
    if (!data)
        return emu_fail(EFAULT);
    struct usbdevfs_getdriver *gd = (struct usbdevfs_getdriver *)data->data;
    if (gd->interface != 0)
        return emu_fail(EINVAL);
    memset(gd->driver, 0, sizeof gd->driver);
    if (p->claimed)
        strcpy(gd->driver, "usbfs");
    else if (p->driver_bound)
        strcpy(gd->driver, "usbhid");
    else
        return emu_fail(ENODATA);
    return emu_ok(0);
}

EmuAnswer emu_driver_ioctl(EmuPlug *p, UMockdevIoctlData *arg)
{
    g_autoptr(UMockdevIoctlData) data = emu_resolve_arg(arg, sizeof(struct usbdevfs_ioctl));
    if (!data)
        return emu_fail(EFAULT);
    struct usbdevfs_ioctl *command = (struct usbdevfs_ioctl *)data->data;
    if (command->ifno != 0)
        return emu_fail(EINVAL);
    switch (command->ioctl_code) {
    case USBDEVFS_DISCONNECT:
        if (!p->driver_bound)
            return emu_fail(ENODATA);
        p->driver_bound = false;
        return emu_ok(0);
    case USBDEVFS_CONNECT:
        if (p->claimed)
            return emu_fail(EBUSY);
        if (!p->device->hid)
            return emu_ok(0); /* no driver wants the interface */
        p->driver_bound = true;
        return emu_ok(1);
    default:
        return emu_fail(ENOTTY);
    }
}

EmuAnswer emu_disconnect_claim(EmuPlug *p, UMockdevIoctlData *arg)
{
    g_autoptr(UMockdevIoctlData) data = emu_resolve_arg(arg, sizeof(struct usbdevfs_disconnect_claim));
    if (!data)
        return emu_fail(EFAULT);
    struct usbdevfs_disconnect_claim *dc = (struct usbdevfs_disconnect_claim *)data->data;
    if (dc->interface != 0)
        return emu_fail(ENOENT);
    if (p->claimed)
        return emu_ok(0);
    if (p->driver_bound) {
        bool named = strncmp(dc->driver, "usbhid", sizeof dc->driver) == 0;
        bool unbind = (dc->flags & USBDEVFS_DISCONNECT_CLAIM_IF_DRIVER) ? named
                    : (dc->flags & USBDEVFS_DISCONNECT_CLAIM_EXCEPT_DRIVER) ? !named : true;
        if (!unbind)
            return emu_fail(EBUSY);
        p->driver_bound = false;
    }
    p->claimed = true;
    return emu_ok(0);
}
