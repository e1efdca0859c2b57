// swift_bridgeObjectRetain for the Embedded board program: retains the object a BridgeObject points to and
// returns the BridgeObject itself, bits and all.
//
// Why the board program defines it: the Embedded Swift runtime of Swift 6.3.1 (weak definitions emitted into
// every Embedded object file) masks the BridgeObject down to the plain object pointer to retain it, then
// returns the *masked* value. The compiler declares the function as returning its argument, so LLVM may use
// the return value in place of the argument. For a String, whose `_object` is a BridgeObject, that strips the
// discriminator bits 0x70 from the top byte: a small "m" (0xE1…) comes back as 0x81…, a "large shared" string
// with a null storage pointer, and the next comparison or print reads address 0x18 and the program segfaults.
// Whether LLVM uses the return value is a register-allocation choice: on aarch64 it did (in the ADS1115 loop
// closure of I2CChannelSampler, which copies the channel's unit String into a ChannelSample), on x86_64 it
// did not. This strong definition replaces the weak ones at link time; the full Swift runtime is unaffected
// (SGW_EMBEDDED is only defined for Embedded builds). Fixed upstream after 6.3.1 ("[Embedded] Don't corrupt
// the pointer returned from swift_bridgeObjectRetain_n"); remove this file once the toolchain has that fix.
#include <stdint.h>

#if defined(SGW_EMBEDDED) && UINTPTR_MAX == UINT64_MAX

// The Embedded runtime's own entry points (C calling convention), which these wrap.
extern void *swift_retain_n(void *object, uint32_t n);

// Embedded Swift's 64-bit BridgeObject layout: bit 63 marks an immortal or tagged value (small strings,
// literals) that owns no heap object; bits 60–62 and 0–2 are tag bits around the object pointer.
static const uintptr_t immortal_bit = (uintptr_t)1 << 63;
static const uintptr_t object_pointer_bits = 0x0FFFFFFFFFFFFFF8u;

void *swift_bridgeObjectRetain_n(void *object, uint32_t n) {
    uintptr_t bits = (uintptr_t)object;
    if ((bits & immortal_bit) == 0 && (bits & object_pointer_bits) != 0) {
        swift_retain_n((void *)(bits & object_pointer_bits), n);
    }
    return object;
}

void *swift_bridgeObjectRetain(void *object) {
    return swift_bridgeObjectRetain_n(object, 1);
}

#endif
