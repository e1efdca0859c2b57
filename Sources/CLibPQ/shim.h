// PostgreSQL's client library (Debian's libpq-dev), for the city's PostgreSQL store.
#ifndef SGW_CLIBPQ_SHIM_H
#define SGW_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
