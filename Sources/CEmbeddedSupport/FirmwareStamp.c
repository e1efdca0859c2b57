#include "CEmbeddedSupport.h"

// The firmware version lives in the binary as data behind a marker, not as a Swift literal, so a release
// build can be stamped after linking (Deploy/update/stamp-version.sh rewrites the bytes after the marker in
// place, NUL-padded to the array's size). `volatile` keeps the compiler from folding the text into its callers,
// so the stamped bytes are the ones `--version` and the retained status report.
#define SGW_FIRMWARE_MARKER "SGW-FIRMWARE-VERSION:"
__attribute__((used)) static volatile const char sgw_firmware_stamp[64] = SGW_FIRMWARE_MARKER "0.1.0";

const char *sgw_firmware_version(void) {
    return (const char *)sgw_firmware_stamp + (sizeof(SGW_FIRMWARE_MARKER) - 1);
}
