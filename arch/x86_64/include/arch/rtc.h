/*
 * arch/rtc.h - the PC's real-time clock.
 */
#ifndef ARCH_RTC_H
#define ARCH_RTC_H

#include <stdint.h>

/* rtc_read_epoch: the time of day in seconds since 1970-01-01 UTC (the
 * RTC is taken to run in UTC, as QEMU's and Bochs's do by default). */
uint64_t rtc_read_epoch(void);

#endif
