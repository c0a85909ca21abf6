/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg: IPv4 and IPv6 addresses as text, for the ALGs' parsers (FTP's
 * EPRT, SIP's URIs and SDP).
 *
 * Pure functions over (buffer, length): no allocation, no global state;
 * they never read past the length given.  Built into nfalg.ko, which
 * exports them to the ALG modules, and into the userspace unit tests and
 * libFuzzer targets (kernel/core/inet_text.c).
 */
#ifndef _NFALG_INET_TEXT_H
#define _NFALG_INET_TEXT_H

#include <nfalg/types.h>

/* Longest text nfalg_inet_ntop() writes (an IPv4-mapped IPv6 address) */
#define NFALG_INET_TEXT_MAX	45

/**
 * nfalg_inet_pton4() - read a dotted quad
 * @s: the text
 * @n: its length: all of it must be the address
 * @addr: out: 4 bytes, network order
 *
 * Four decimal numbers 0..255 without leading zeros, separated by ".".
 *
 * Return: 0 or -EINVAL.
 */
int nfalg_inet_pton4(const char *s, unsigned int n, u8 *addr);

/**
 * nfalg_inet_pton6() - read IPv6 text (RFC 4291 section 2.2)
 * @s: the text, without brackets or zone index
 * @n: its length: all of it must be the address
 * @addr: out: 16 bytes, network order
 *
 * Eight groups of 1 to 4 hex digits (any case), or fewer with one "::"
 * standing for one or more zero groups, the last 32 bits possibly a
 * dotted quad as nfalg_inet_pton4() reads it.
 *
 * Return: 0 or -EINVAL.
 */
int nfalg_inet_pton6(const char *s, unsigned int n, u8 *addr);

/**
 * nfalg_inet_ntop() - write an address as text
 * @dst: at least NFALG_INET_TEXT_MAX bytes; no NUL is written
 * @v6: @addr is IPv6 (16 bytes), else IPv4 (4 bytes)
 * @addr: the address, network order
 *
 * IPv4 in dotted decimal; IPv6 in RFC 5952 canonical form (lower-case hex
 * without leading zeros, the longest run of two or more zero groups, the
 * first of equal ones, as "::"), an IPv4-mapped address (::ffff:0:0/96)
 * with its dotted quad (RFC 5952 section 5).
 *
 * Return: the number of bytes written.
 */
unsigned int nfalg_inet_ntop(char *dst, bool v6, const u8 *addr);

#endif /* _NFALG_INET_TEXT_H */
