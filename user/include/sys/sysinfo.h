/*
 * <sys/sysinfo.h> - the system's memory and uptime (Linux x86-64 layout).
 */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

struct sysinfo {
    long uptime;                /* seconds since boot */
    unsigned long loads[3];
    unsigned long totalram;     /* in units of mem_unit bytes */
    unsigned long freeram;
    unsigned long sharedram;
    unsigned long bufferram;
    unsigned long totalswap;
    unsigned long freeswap;
    unsigned short procs;
    unsigned short __pad;
    unsigned long totalhigh;
    unsigned long freehigh;
    unsigned int mem_unit;
    char __reserved[4];
};

int sysinfo(struct sysinfo *out);

#endif
