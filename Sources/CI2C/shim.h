// Debian's libi2c-dev ships no pkg-config file, so the header set is named here.
#include <sys/ioctl.h>
#include <linux/i2c.h>
#include <linux/i2c-dev.h>
#include <i2c/smbus.h>
