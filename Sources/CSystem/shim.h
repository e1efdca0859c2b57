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
#include <netdb.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/timex.h>
#include <sys/wait.h>
#include <sys/file.h>
#include <spawn.h>

extern char **environ;
// The process environment, for posix_spawn callers that pass it on with additions.
static inline char **sgw_environ(void) { return environ; }
// The wait(2) status macros.
static inline int sgw_exited(int status) { return WIFEXITED(status); }
static inline int sgw_exit_status(int status) { return WEXITSTATUS(status); }
static inline int sgw_signalled(int status) { return WIFSIGNALED(status); }
static inline int sgw_term_signal(int status) { return WTERMSIG(status); }
// A Unix datagram socket bound at `path` (the sd_notify socket a supervisor offers its child); -1 on error.
static inline int sgw_bind_unix_datagram(const char *path) {
    struct sockaddr_un address;
    memset(&address, 0, sizeof address);
    address.sun_family = AF_UNIX;
    if (strlen(path) >= sizeof address.sun_path) { errno = ENAMETOOLONG; return -1; }
    strcpy(address.sun_path, path);
    int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    unlink(path);
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0) { int e = errno; close(fd); errno = e; return -1; }
    return fd;
}

// errno is a macro (a thread-local lvalue); Swift reaches it only through functions.
static inline int sgw_errno(void) { return errno; }
static inline void sgw_set_errno(int value) { errno = value; }
// stderr and stdout are macros too.
static inline FILE *sgw_stderr(void) { return stderr; }
static inline FILE *sgw_stdout(void) { return stdout; }
static inline FILE *sgw_stdin(void) { return stdin; }
// open(2) is variadic (the mode only with O_CREAT), which Swift cannot call without Glibc's overlay.
static inline int sgw_open_file(const char *path, int flags, mode_t mode) { return open(path, flags, mode); }
// open(2) and ioctl(2) are variadic, which Swift does not import; these fix their argument lists.
static inline int sgw_open(const char *path, int flags) { return open(path, flags); }
static inline int sgw_open_mode(const char *path, int flags, mode_t mode) { return open(path, flags, mode); }
static inline int sgw_ioctl_pointer(int fd, unsigned long request, void *argument) { return ioctl(fd, request, argument); }
static inline int sgw_ioctl_value(int fd, unsigned long request, long argument) { return ioctl(fd, request, argument); }
// A clock as nanoseconds, so Swift need not touch struct timespec (whose owning module Clang may assign to
// whichever C module included <time.h> first, which Embedded Swift then insists a file imports).
static inline uint64_t sgw_clock_nanoseconds(clockid_t clock) {
    struct timespec now = {0, 0};
    clock_gettime(clock, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}
static inline int64_t sgw_clock_milliseconds(clockid_t clock) {
    struct timespec now = {0, 0};
    clock_gettime(clock, &now);
    return (int64_t)now.tv_sec * 1000 + (int64_t)now.tv_nsec / 1000000;
}
// The kernel's own verdict on the wall clock: 1 while STA_UNSYNC is set (no NTP daemon has disciplined the clock
// since boot or since it was last set by hand), 0 once chrony or systemd-timesyncd has cleared it, -1 with errno when
// the kernel refused the question. Reading (modes 0) needs no privilege.
static inline int sgw_kernel_clock_unsynchronised(void) {
    struct timex state;
    memset(&state, 0, sizeof state);
    if (adjtimex(&state) == -1) return -1;
    return (state.status & STA_UNSYNC) ? 1 : 0;
}
// SIG_IGN is a cast macro Swift cannot import.
static inline void sgw_ignore_signal(int signal_number) { signal(signal_number, SIG_IGN); }
// ioctl is variadic: the width of the terminal on `fd`, or 0 when it is not a terminal.
static inline int sgw_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}
// prctl is variadic, which Swift cannot call: names the calling thread (at most 15 bytes show in
// /proc/<pid>/task/<tid>/comm, top and ps), so a technician can see which thread uses the CPU.
static inline int sgw_set_thread_name(const char *name) { return prctl(PR_SET_NAME, (unsigned long)name, 0, 0, 0); }
#endif
