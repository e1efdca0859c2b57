// SQLite's C API as the journal sees it (Debian's libsqlite3-dev), in both build modes.
#ifndef SGW_CSQLITE_SHIM_H
#define SGW_CSQLITE_SHIM_H
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import: text bound through
// this is copied by SQLite before the call returns, so the Swift string may go away at once.
static inline int sgw_sqlite3_bind_text_copy(sqlite3_stmt *statement, int index, const char *text, int bytes) {
    return sqlite3_bind_text(statement, index, text, bytes, SQLITE_TRANSIENT);
}
#endif
