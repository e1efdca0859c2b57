# Sourced by scenarios (build-initramfs.sh puts it at /etc/vboard/stub-chips.sh): the register
# contents that make i2c-stub's chips look like the site's sensors.
#   stub_bme280 BUS    BME280 at 0x76: chip id, the field brief's calibration and raw readings
#                      (25.08 C, 100653 Pa)
#   stub_ads1115 BUS   ADS1115 at 0x48: reset config, thresholds, conversion 14400 (12 mA across
#                      150 ohm at +-4.096 V: 5.000 m on a 0-10 m 4-20 mA transducer)

stub_bme280() {
    local bus=$1 reg b
    i2cset -y "$bus" 0x76 0xd0 0x60 b                # BME280 chip id
    reg=0x88                                         # T1..P9 from the field brief, little-endian words
    for b in 0x70 0x6b 0x43 0x67 0x18 0xfc 0x7d 0x8e 0x43 0xd6 0xd0 0x0b 0x27 0x0b 0x8c 0x00 0xf9 0xff \
             0x8c 0x3c 0xf8 0xc6 0x70 0x17; do
        i2cset -y "$bus" 0x76 "$(printf 0x%02x $reg)" "$b" b; reg=$((reg + 1))
    done
    i2cset -y "$bus" 0x76 0xa1 0x4b b                # H1 = 75
    reg=0xe1                                         # H2 = 362, H3 = 0, H4 = 313, H5 = 50, H6 = 30
    for b in 0x6a 0x01 0x00 0x13 0x29 0x03 0x1e; do
        i2cset -y "$bus" 0x76 "$(printf 0x%02x $reg)" "$b" b; reg=$((reg + 1))
    done
    i2cset -y "$bus" 0x76 0xf3 0x00 b                # status: not measuring, no NVM copy in progress
    reg=0xf7                                         # adc_P 415148, adc_T 519888 (20-bit, left-justified), adc_H
    for b in 0x65 0x5a 0xc0 0x7e 0xed 0x00 0x66 0x00; do
        i2cset -y "$bus" 0x76 "$(printf 0x%02x $reg)" "$b" b; reg=$((reg + 1))
    done
}

stub_ads1115() {
    local bus=$1
    # ADS1115 registers are big-endian, SMBus words little-endian, so each value is written byte-swapped.
    i2cset -y "$bus" 0x48 0x01 0x8385 w              # config at reset: 0x8583
    i2cset -y "$bus" 0x48 0x02 0x0080 w              # lo_thresh 0x8000
    i2cset -y "$bus" 0x48 0x03 0xff7f w              # hi_thresh 0x7FFF
    i2cset -y "$bus" 0x48 0x00 0x4038 w              # conversion 14400
}
