/* The report queues the tests fill, and what the tests read back from a device. */
#include <string.h>

#include "EmulatorInternal.h"

static int queue(EmuDevice *d, const uint8_t *bytes, size_t length, gint64 ready_at, bool paced, uint32_t depth)
{
    if (length > EMU_MAX_REPORT || length > d->in_packet_size || (length > 0 && !bytes))
        return -1;
    EmuReport *r = g_new0(EmuReport, 1);
    memcpy(r->bytes, bytes, length);
    r->length = length;
    r->ready_at_us = ready_at;
    r->paced = paced;
    r->fifo_depth = depth;
    g_queue_push_tail(&d->reports, r);
    return 0;
}

int scanner_emulator_queue_report(ScannerEmulator *em, int id, const uint8_t *bytes, size_t length)
{
    EmuDevice *d = emu_device(em, id);
    if (!d)
        return -1;
    g_mutex_lock(&em->lock);
    int r = queue(d, bytes, length, 0, false, 0);
    g_mutex_unlock(&em->lock);
    return r;
}

int scanner_emulator_queue_paced(ScannerEmulator *em, int id, const uint8_t *bytes, size_t report_length,
                                 size_t count, uint32_t interval_us, uint32_t fifo_depth)
{
    EmuDevice *d = emu_device(em, id);
    if (!d || report_length == 0 || report_length > d->in_packet_size)
        return -1;
    g_mutex_lock(&em->lock);
    gint64 start = g_get_monotonic_time();
    int r = 0;
    for (size_t i = 0; i < count && r == 0; i++)
        r = queue(d, bytes + i * report_length, report_length, start + (gint64)interval_us * (gint64)i, true, fifo_depth);
    g_mutex_unlock(&em->lock);
    return r;
}

#define READ_LOCKED(em, id, type, fallback, expr) \
    do { \
        EmuDevice *d = emu_device(em, id); \
        if (!d) \
            return fallback; \
        g_mutex_lock(&em->lock); \
        type value = (expr); \
        g_mutex_unlock(&em->lock); \
        return value; \
    } while (0)

size_t scanner_emulator_pending(ScannerEmulator *em, int id) { READ_LOCKED(em, id, size_t, 0, d->reports.length); }
uint64_t scanner_emulator_sent(ScannerEmulator *em, int id) { READ_LOCKED(em, id, uint64_t, 0, d->sent); }
uint64_t scanner_emulator_dropped(ScannerEmulator *em, int id) { READ_LOCKED(em, id, uint64_t, 0, d->dropped); }
int scanner_emulator_kernel_driver_bound(ScannerEmulator *em, int id)
{
    READ_LOCKED(em, id, int, -1, d->plug ? (int)d->plug->driver_bound : -1);
}
int scanner_emulator_interface_claimed(ScannerEmulator *em, int id)
{
    READ_LOCKED(em, id, int, -1, d->plug ? (int)d->plug->claimed : -1);
}
int scanner_emulator_devnum(ScannerEmulator *em, int id) { READ_LOCKED(em, id, int, -1, d->plug ? d->plug->devnum : 0); }

size_t scanner_emulator_last_output_report(ScannerEmulator *em, int id, uint8_t *buffer, size_t capacity, uint64_t *count)
{
    EmuDevice *d = emu_device(em, id);
    if (!d)
        return 0;
    g_mutex_lock(&em->lock);
    size_t n = d->last_output_length < capacity ? d->last_output_length : capacity;
    if (buffer && n > 0)
        memcpy(buffer, d->last_output, n);
    if (count)
        *count = d->outputs;
    g_mutex_unlock(&em->lock);
    return n;
}
