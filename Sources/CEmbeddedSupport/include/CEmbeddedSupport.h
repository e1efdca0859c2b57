// What the Embedded Swift standard library expects the platform to provide (the full runtime has its own).
#ifndef SGW_CEMBEDDED_SUPPORT_H
#define SGW_CEMBEDDED_SUPPORT_H
int sgw_embedded_support_linked(void);
/// The firmware version stamped into this binary (see FirmwareStamp.c and Deploy/update/stamp-version.sh).
const char *sgw_firmware_version(void);
#endif
