/*
 * toggler: drive a gpio-sim line with pulses, from inside the virtual board.
 *
 *   toggler [-r HZ] [-b BOUNCE_US] [-e EVERY] [-d DEBOUNCE_US] [-n NICE | -f PRIO] [-q] PULL_FILE COUNT
 *
 * PULL_FILE is /sys/devices/platform/<dev>/<chip>/sim_gpioN/pull. Each pulse writes
 * "pull-up" then "pull-down", which gpio-sim turns into a rising and a falling edge.
 * -r HZ         pulses per second at most (rising edges never closer than 1/HZ); 0 = as fast as possible
 * -b BOUNCE_US  after each rising edge, add a contact-bounce glitch: an extra down/up pair
 *               that completes within BOUNCE_US microseconds (a debouncer must swallow it)
 * -e EVERY      bounce only every EVERY-th pulse (default 1: every pulse)
 * -d DEBOUNCE_US  judge each glitch against a debounce time from the times around its writes: one
 *               whose level before and whose own level both held DEBOUNCE_US or longer is a real pulse
 *               by then (the emulator stretched it), one whose bounds straddle it is undecided
 * -n NICE       lower the toggler's own priority: a real pulse source is outside the board and
 *               takes no CPU from the reader under test (busybox has no nice applet)
 * -f PRIO       run SCHED_FIFO at PRIO instead: a contact's bounce does not wait for the board's CPU,
 *               so a reader woken by the first edge must not be able to preempt the toggler mid-glitch
 * -q            no summary line
 * The summary reports pulses, glitches and the rate actually reached, because on an emulated
 * CPU the requested rate is a wish, and the test must judge its counts against what happened.
 *
 * Built statically so the initramfs needs no libc for it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char pull_up[] = "pull-up";
static const char pull_down[] = "pull-down";

static void die(const char *what, const char *path) {
    fprintf(stderr, "toggler: %s %s: %s\n", what, path, strerror(errno));
    exit(2);
}

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

/* When a level began: the kernel stamps the edge somewhere inside the write, so only bounds are known. */
struct edge { long long before, after; };

static struct edge set_pull(int fd, const char *path, const char *value, size_t length) {
    struct edge e = { .before = now_ns() };
    /* sysfs attributes take one whole write at offset 0; pwrite avoids an lseek per edge */
    if (pwrite(fd, value, length, 0) != (ssize_t)length) die("write", path);
    e.after = now_ns();
    return e;
}

/* How late wake-ups come, on average. An emulated timer wakes a sleeper a few hundred
 * microseconds late, which at 1 kHz would cost half the rate; aiming early by the usual
 * lateness keeps the rate close to the one asked for, without busy-waiting (which would
 * starve the reader under test on a one-CPU VM). */
static long long wake_late_ns = 0;

static void sleep_until_ns(long long deadline) {
    long long target = deadline - wake_late_ns;
    if (target <= now_ns()) return;
    struct timespec t = { .tv_sec = target / 1000000000LL, .tv_nsec = target % 1000000000LL };
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) == EINTR) {}
    long long late = now_ns() - target;
    wake_late_ns += (late - wake_late_ns) / 8;
    if (wake_late_ns < 0) wake_late_ns = 0;
    if (wake_late_ns > 2000000) wake_late_ns = 2000000;
}

static long parse_number(const char *text, const char *name) {
    char *end;
    errno = 0;
    long value = strtol(text, &end, 0);
    if (errno || *end || value < 0) {
        fprintf(stderr, "toggler: %s must be a non-negative integer, got '%s'\n", name, text);
        exit(64);
    }
    return value;
}

static void usage(void) {
    fprintf(stderr, "usage: toggler [-r HZ] [-b BOUNCE_US] [-e EVERY] [-d DEBOUNCE_US] [-n NICE | -f PRIO] [-q] PULL_FILE COUNT\n");
    exit(64);
}

int main(int argc, char **argv) {
    long rate_hz = 0, bounce_us = 0, bounce_every = 1, niceness = 0, fifo = 0, debounce_us = 0;
    int quiet = 0, option;
    while ((option = getopt(argc, argv, "r:b:e:d:n:f:q")) != -1) {
        switch (option) {
        case 'r': rate_hz = parse_number(optarg, "HZ"); break;
        case 'b': bounce_us = parse_number(optarg, "BOUNCE_US"); break;
        case 'e': bounce_every = parse_number(optarg, "EVERY"); break;
        case 'd': debounce_us = parse_number(optarg, "DEBOUNCE_US"); break;
        case 'n': niceness = parse_number(optarg, "NICE"); break;
        case 'f': fifo = parse_number(optarg, "PRIO"); break;
        case 'q': quiet = 1; break;
        default: usage();
        }
    }
    if (argc - optind != 2 || bounce_every < 1 || (niceness && fifo)) usage();
    const char *path = argv[optind];
    long count = parse_number(argv[optind + 1], "COUNT");

    errno = 0;
    if (niceness && nice((int)niceness) == -1 && errno) die("nice", "");
    if (fifo) {
        struct sched_param param = { .sched_priority = (int)fifo };
        if (sched_setscheduler(0, SCHED_FIFO, &param) == -1) die("sched_setscheduler", "SCHED_FIFO");
    }

    int fd = open(path, O_WRONLY);
    if (fd < 0) die("open", path);
    (void)set_pull(fd, path, pull_down, sizeof pull_down - 1); /* known low start: no stray first edge */

    long long period_ns = rate_hz > 0 ? 1000000000LL / rate_hz : 0;
    long long start = now_ns(), pulse_start = start - period_ns, low_since = start;
    long glitches = 0, stretched = 0, undecided = 0;
    long long debounce_ns = debounce_us * 1000LL;
    for (long pulse = 0; pulse < count; pulse++) {
        /* After a stall (a busy emulator host) the schedule restarts from now instead of
         * bursting to catch up: a burst would test the reader at a rate nobody asked for. */
        long long now = now_ns();
        pulse_start = pulse_start + period_ns > now ? pulse_start + period_ns : now;
        /* Each level lasts at least half a period from the write that began it, even after a stall:
         * a level cut shorter than a debounce time would be a glitch, not the pulse asked for. */
        if (period_ns && pulse_start < low_since + period_ns / 2) pulse_start = low_since + period_ns / 2;
        if (period_ns) sleep_until_ns(pulse_start);
        struct edge rise = set_pull(fd, path, pull_up, sizeof pull_up - 1);
        long long high_since = rise.after;
        if (bounce_us > 0 && pulse % bounce_every == 0) {
            /* down then up again, both inside the bounce window */
            struct edge down = set_pull(fd, path, pull_down, sizeof pull_down - 1);
            sleep_until_ns(down.before + bounce_us * 1000LL / 2);
            struct edge up = set_pull(fd, path, pull_up, sizeof pull_up - 1);
            high_since = up.after;
            glitches++;
            if (debounce_ns) {
                /* shortest and longest each level can have lasted between the kernel's stamps */
                long long high_min = down.before - rise.after, high_max = down.after - rise.before;
                long long low_min = up.before - down.after, low_max = up.after - down.before;
                if (high_min >= debounce_ns && low_min >= debounce_ns) stretched++;
                else if (high_max >= debounce_ns && low_max >= debounce_ns) undecided++;
            }
        }
        if (period_ns) {
            long long end = pulse_start + period_ns / 2;
            sleep_until_ns(end > high_since + period_ns / 2 ? end : high_since + period_ns / 2);
        }
        low_since = set_pull(fd, path, pull_down, sizeof pull_down - 1).after;
    }
    double seconds = (now_ns() - start) / 1e9;
    close(fd);
    if (!quiet && debounce_ns)
        printf("toggler: %ld pulses (%ld glitches: %ld held past %ld us on both levels, %ld undecided) in %.3f s = %.1f Hz\n",
               count, glitches, stretched, debounce_us, undecided, seconds, seconds > 0 ? count / seconds : 0.0);
    else if (!quiet)
        printf("toggler: %ld pulses (%ld glitches) in %.3f s = %.1f Hz\n",
               count, glitches, seconds, seconds > 0 ? count / seconds : 0.0);
    return 0;
}
