/* Scans as a scanner sends them: keystrokes of a keyboard wedge, data reports of HID POS. */
#include <string.h>

#include "EmulatorInternal.h"

/* US layout (HUT 1.5 ch. 10): usage and whether Shift is needed, for printable ASCII. */
static bool key_for(unsigned char c, uint8_t *modifier, uint8_t *usage)
{
    static const char unshifted[] = "-=[]\\;'`,./";
    static const uint8_t unshifted_usage[] = { 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38 };
    static const char shifted[] = "_+{}|:\"~<>?";
    static const char shifted_digits[] = "!@#$%^&*()";
    const char *hit;

    *modifier = 0;
    if (c == 0x1D) { *modifier = 0x01; *usage = 0x30; return true; } /* GS = Ctrl+] */
    if (c == '\n' || c == '\r') { *usage = 0x28; return true; }
    if (c == '\t') { *usage = 0x2B; return true; }
    if (c == ' ') { *usage = 0x2C; return true; }
    if (c >= 'a' && c <= 'z') { *usage = (uint8_t)(0x04 + c - 'a'); return true; }
    if (c >= 'A' && c <= 'Z') { *modifier = 0x02; *usage = (uint8_t)(0x04 + c - 'A'); return true; }
    if (c >= '1' && c <= '9') { *usage = (uint8_t)(0x1E + c - '1'); return true; }
    if (c == '0') { *usage = 0x27; return true; }
    if (c != 0 && (hit = strchr(unshifted, c))) { *usage = unshifted_usage[hit - unshifted]; return true; }
    if (c != 0 && (hit = strchr(shifted, c))) { *modifier = 0x02; *usage = unshifted_usage[hit - shifted]; return true; }
    if (c != 0 && (hit = strchr(shifted_digits, c))) {
        *modifier = 0x02;
        *usage = (uint8_t)(hit - shifted_digits < 9 ? 0x1E + (hit - shifted_digits) : 0x27);
        return true;
    }
    return false;
}

int scanner_emulator_type_text(ScannerEmulator *em, int id, const char *text)
{
    EmuDevice *d = emu_device(em, id);
    if (!d || !text || d->kind != SCANNER_EMULATOR_KEYBOARD_WEDGE)
        return -1;
    size_t n = strlen(text);
    for (size_t i = 0; i < n; i++) { /* all or nothing */
        uint8_t modifier, usage;
        if (!key_for((unsigned char)text[i], &modifier, &usage))
            return -1;
    }
    for (size_t i = 0; i < n; i++) {
        uint8_t modifier, usage;
        key_for((unsigned char)text[i], &modifier, &usage);
        const uint8_t press[8] = { modifier, 0, usage, 0, 0, 0, 0, 0 };
        const uint8_t release[8] = { 0 };
        if (scanner_emulator_queue_report(em, id, press, sizeof press) < 0 ||
            scanner_emulator_queue_report(em, id, release, sizeof release) < 0)
            return -1;
    }
    return (int)n;
}

int scanner_emulator_queue_pos_scan(ScannerEmulator *em, int id, const char *aim, const uint8_t *data,
                                    size_t length, uint8_t code_id)
{
    EmuDevice *d = emu_device(em, id);
    if (!d || d->kind != SCANNER_EMULATOR_HID_POS || !aim || strlen(aim) != 3 || (length > 0 && !data))
        return -1;
    int reports = 0;
    size_t at = 0;
    do {
        size_t chunk = length - at > 56 ? 56 : length - at;
        uint8_t report[64] = { 0x02, (uint8_t)chunk, (uint8_t)aim[0], (uint8_t)aim[1], (uint8_t)aim[2] };
        if (chunk > 0)
            memcpy(report + 5, data + at, chunk);
        at += chunk;
        report[61] = code_id;
        report[63] = at < length ? 1 : 0;
        if (scanner_emulator_queue_report(em, id, report, sizeof report) < 0)
            return -1;
        reports++;
    } while (at < length);
    return reports;
}
