/*
 * arch/x86_64/rtc.c - the PC's battery-backed clock (CMOS RTC, ports
 * 0x70/0x71), read once at boot for the time of day.
 */
#include <arch/cpu.h>
#include <arch/rtc.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define NMI_OFF    0x80    /* keep NMIs masked while the index is set */

static uint8_t cmos_read(uint8_t reg)
{
    outb(CMOS_INDEX, NMI_OFF | reg);
    return inb(CMOS_DATA);
}

static unsigned from_bcd(uint8_t v, bool bcd)
{
    return bcd ? (v >> 4) * 10u + (v & 0xf) : v;
}

/* days_from_civil: days since 1970-01-01 of a date in the Gregorian
 * calendar (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int64_t)doe - 719468;
}

uint64_t rtc_read_epoch(void)
{
    uint8_t sec, min, hour, day, mon, year, century, status_b;
    bool bcd, pm;

    /* wait out an update in progress, then read twice until stable */
    do {
        while (cmos_read(0x0a) & 0x80)
            cpu_relax();
        sec = cmos_read(0x00);
        min = cmos_read(0x02);
        hour = cmos_read(0x04);
        day = cmos_read(0x07);
        mon = cmos_read(0x08);
        year = cmos_read(0x09);
        century = cmos_read(0x32);
    } while (sec != cmos_read(0x00));
    status_b = cmos_read(0x0b);
    bcd = !(status_b & 0x04);
    pm = !(status_b & 0x02) && (hour & 0x80);       /* 12-hour clock, PM */
    hour = (uint8_t)from_bcd(hour & 0x7f, bcd);
    if (!(status_b & 0x02))
        hour = (uint8_t)(hour % 12 + (pm ? 12 : 0));
    unsigned full_year = from_bcd(year, bcd) + (century ? from_bcd(century, bcd) * 100 : 2000);
    int64_t days = days_from_civil(full_year, from_bcd(mon, bcd), from_bcd(day, bcd));
    if (days < 0)
        return 0;
    return (uint64_t)days * 86400 + hour * 3600u + from_bcd(min, bcd) * 60u + from_bcd(sec, bcd);
}
