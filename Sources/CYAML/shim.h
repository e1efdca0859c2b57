// libyaml (Debian libyaml-dev), the C parser the site, board and calibration files are read with in both
// build modes. Only its event API is used (Sources/YAMLReader builds the node tree).
#ifndef SGW_CYAML_SHIM_H
#define SGW_CYAML_SHIM_H
#include <yaml.h>
#endif
