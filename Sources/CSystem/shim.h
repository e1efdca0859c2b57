// The C library as board code sees it. Embedded Swift has no Glibc module, so every board module that needs
// libc imports this one instead (in both build modes, so the two modes compile the same source).
#ifndef SGW_CSYSTEM_SHIM_H
#define SGW_CSYSTEM_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <pthread.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/ioctl.h>
#include <sys/statvfs.h>
#include <sys/utsname.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <math.h>
#include <termios.h>

// errno is a macro (a thread-local lvalue); Swift reaches it only through functions.
static inline int sgw_errno(void) { return errno; }
static inline void sgw_set_errno(int value) { errno = value; }
// stderr and stdout are macros too.
static inline FILE *sgw_stderr(void) { return stderr; }
static inline FILE *sgw_stdout(void) { return stdout; }
// SIG_IGN is a cast macro Swift cannot import.
static inline void sgw_ignore_signal(int signal_number) { signal(signal_number, SIG_IGN); }
// ioctl is variadic: the width of the terminal on `fd`, or 0 when it is not a terminal.
static inline int sgw_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}
#endif
