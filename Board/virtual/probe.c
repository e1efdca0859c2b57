/*
 * probe: check the VM's C runtime and devices the way the gateway uses them.
 *
 *   probe I2C_DEV GPIOCHIP_DEV
 *
 * A second thread (pthread_create, which hangs when the dynamic loader and libc come from
 * different glibc builds) opens the I2C adapter and asks its functionality (I2C_FUNCS), then
 * opens the GPIO chip and asks its info (GPIO_GET_CHIPINFO_IOCTL). The main thread joins it and
 * prints one line:
 *   probe: <machine> thread ok; <i2c> funcs 0x...; <gpiochip> "<name>" [<label>] <n> lines
 * An alarm ends a hung run with status 3 instead of leaving the VM to its timeout.
 * Linked dynamically on purpose: it runs on whatever loader and libc the initramfs carries.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/gpio.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/utsname.h>
#include <unistd.h>

struct job {
    const char *i2c_path, *gpio_path;
    unsigned long funcs;
    struct gpiochip_info chip;
    char error[160];
};

static void *probe_devices(void *arg) {
    struct job *job = arg;
    int fd = open(job->i2c_path, O_RDWR | O_CLOEXEC);
    if (fd < 0 || ioctl(fd, I2C_FUNCS, &job->funcs) < 0) {
        snprintf(job->error, sizeof job->error, "%s: %s", job->i2c_path, strerror(errno));
        if (fd >= 0) close(fd);
        return NULL;
    }
    close(fd);
    fd = open(job->gpio_path, O_RDWR | O_CLOEXEC);
    if (fd < 0 || ioctl(fd, GPIO_GET_CHIPINFO_IOCTL, &job->chip) < 0) {
        snprintf(job->error, sizeof job->error, "%s: %s", job->gpio_path, strerror(errno));
        if (fd >= 0) close(fd);
        return NULL;
    }
    close(fd);
    return job;
}

static void on_alarm(int sig) {
    (void)sig;
    static const char msg[] = "probe: no answer from the thread in 20 s (pthread_create or join hung)\n";
    if (write(STDOUT_FILENO, msg, sizeof msg - 1) < 0) _exit(3);
    _exit(3);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: probe I2C_DEV GPIOCHIP_DEV\n");
        return 2;
    }
    signal(SIGALRM, on_alarm);
    alarm(20);
    struct utsname host;
    uname(&host);
    struct job job = { .i2c_path = argv[1], .gpio_path = argv[2] };
    pthread_t thread;
    int rc = pthread_create(&thread, NULL, probe_devices, &job);
    if (rc != 0) {
        printf("probe: pthread_create: %s\n", strerror(rc));
        return 1;
    }
    void *result = NULL;
    pthread_join(thread, &result);
    if (result == NULL) {
        printf("probe: %s thread ok; %s\n", host.machine, job.error);
        return 1;
    }
    printf("probe: %s thread ok; %s funcs 0x%08lx; %s \"%s\" [%s] %u lines\n", host.machine, job.i2c_path,
           job.funcs, job.gpio_path, job.chip.name, job.chip.label, job.chip.lines);
    return 0;
}
