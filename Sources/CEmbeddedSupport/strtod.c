#include "CEmbeddedSupport.h"
#include <stdlib.h>

int sgw_embedded_support_linked(void) { return 1; }

#ifdef SGW_EMBEDDED
// `Double(String)` in Embedded Swift calls this; the full runtime defines it itself. The board program never
// calls setlocale, so strtod runs in the "C" locale.
const char *_swift_stdlib_strtod_clocale(const char *nptr, double *outResult) {
    char *end;
    *outResult = strtod(nptr, &end);
    return end;
}
#endif
