# How fast can gpio-sim be pulsed before gpiomon (libgpiod v1, 16-event kernel FIFO per line)
# loses edges on this emulated CPU? Steps the toggler's rate up and counts edges at each step.
# Prints one "RATE" line per step and a closing "FASTEST-LOSSLESS <Hz>" line; exits 0.
# Rates are what the toggler reached, not what it was asked for: under TCG they differ.
# vboard: gpio-lines=1

pulses=${PULSES:-5000}
pull=$VBOARD_GPIO_SYSFS/sim_gpio0/pull
fastest=0
# rate:niceness. The last step gives the toggler the reader's priority, as a stress case:
# then the toggler outpaces gpiomon on the one vCPU and the 16-event kernel FIFO overflows.
for step in 1000:10 2000:10 3000:10 5000:10 0:10 0:0; do
    rate=${step%:*} niceness=${step#*:}
    gpiomon --format='%e' "$VBOARD_GPIO_CHIP" 0 > /tmp/edges &
    monitor=$!
    for _ in $(seq 50); do gpioinfo "$VBOARD_GPIO_CHIP" | grep -q '"gpiomon"' && break; sleep 0.1; done
    # niced: a real pulse source is outside the board and takes no CPU from the reader
    reached=$(toggler -n "$niceness" -r "$rate" "$pull" "$pulses" | sed -n 's/.* = \([0-9.]*\) Hz$/\1/p')
    [ -n "$reached" ] || { echo "toggler failed at rate $rate"; exit 1; }
    sleep 1
    kill "$monitor"; wait "$monitor" 2>/dev/null
    edges=$(wc -l < /tmp/edges)
    lost=$((2 * pulses - edges))
    echo "RATE asked=${rate}Hz (0 = max) toggler-nice=$niceness reached=${reached}Hz pulses=$pulses edges=$edges lost=$lost"
    if [ "$lost" = 0 ]; then
        fastest=$(awk -v a="$fastest" -v b="$reached" 'BEGIN { print (b > a ? b : a) }')
    fi
done
echo "FASTEST-LOSSLESS ${fastest} Hz (pulses of $pulses, 1 vCPU, TCG)"
exit 0
