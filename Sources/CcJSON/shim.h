// cJSON (Debian libcjson-dev): the board's only JSON parser, for the city's resend requests. The board writes
// its own JSON by hand (SenML's JSONWriter); it only has to read this one small message.
#ifndef SGW_CCJSON_SHIM_H
#define SGW_CCJSON_SHIM_H
#include <cjson/cJSON.h>
#endif
