# Sourced by prepare.sh, build-initramfs.sh, run.sh and test.sh: what differs between the virtual board's
# flavours. VBOARD_ARCH picks one (default x86_64; amd64 and arm64 are accepted as aliases):
#   x86_64   Debian's amd64 kernel under qemu-system-x86_64; the host's own tools go into the VM
#   aarch64  Debian's arm64 kernel under qemu-system-aarch64 -M virt (Cortex-A53); arm64 packages are
#            downloaded and unpacked (never installed), modules and helpers are cross-built
# Each flavour keeps its own work directory, so both can be prepared side by side:
# .work/ for x86_64 (as before the aarch64 flavour existed), .work-aarch64/ for aarch64.
case "${VBOARD_ARCH:-x86_64}" in
    x86_64|amd64)
        VBOARD_ARCH=x86_64
        DEB_ARCH=amd64              # Debian's architecture name: kernel flavour, package suffix
        MULTIARCH=x86_64-linux-gnu
        ELF_MACHINE='Advanced Micro Devices X86-64'   # readelf -h "Machine:"
        CROSS=                      # toolchain prefix; empty: the host's gcc
        QEMU=qemu-system-x86_64
        QEMU_PKG=qemu-system-x86
        QEMU_MACHINE=(-accel tcg)
        QEMU_CPU=max
        CONSOLE=ttyS0
        # On a loaded host the emulated PIT can miss the kernel's IO-APIC timer check, which then panics
        # ("IO-APIC + timer doesn't work"; seen once at load 18 on 2 cores). The check proves nothing here.
        KERNEL_ARGS=no_timer_check
        ;;
    aarch64|arm64)
        VBOARD_ARCH=aarch64
        DEB_ARCH=arm64
        MULTIARCH=aarch64-linux-gnu
        ELF_MACHINE=AArch64
        CROSS=aarch64-linux-gnu-
        QEMU=qemu-system-aarch64
        QEMU_PKG=qemu-system-arm
        QEMU_MACHINE=(-M virt -accel tcg)
        QEMU_CPU=cortex-a53
        CONSOLE=ttyAMA0
        KERNEL_ARGS=
        ;;
    *)
        echo "vboard: unknown VBOARD_ARCH '$VBOARD_ARCH' (x86_64 or aarch64)" >&2
        exit 2
        ;;
esac
export VBOARD_ARCH
# The host's own architecture runs its tools natively (ldd works); another one is "foreign": its binaries
# come from downloaded .debs and their libraries are resolved from the ELF NEEDED entries.
if [ "$DEB_ARCH" = "$(dpkg --print-architecture)" ]; then VBOARD_FOREIGN=0; else VBOARD_FOREIGN=1; fi
if [ "$VBOARD_ARCH" = x86_64 ]; then
    WORK=${VBOARD_WORK:-$HERE/.work}
else
    WORK=${VBOARD_WORK:-$HERE/.work-$VBOARD_ARCH}
fi

# elf_machine FILE: readelf's "Machine:" of FILE (empty when it is not an ELF file).
elf_machine() {
    LC_ALL=C readelf -h "$1" 2>/dev/null | sed -n 's/^ *Machine: *//p'
}
