// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: IPv4 and IPv6 addresses as text, shared by the ALGs'
 * parsers (see <nfalg/inet_text.h>).  Pure: the same source builds into
 * nfalg.ko and into the userspace unit tests and fuzz targets.
 */

#include <nfalg/inet_text.h>

#ifdef __KERNEL__
#include <linux/export.h>
#define NFALG_INET_EXPORT(sym)	EXPORT_SYMBOL_GPL(sym)
#else
#define NFALG_INET_EXPORT(sym)
#endif

static int it_hexval(u8 c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int nfalg_inet_pton4(const char *s, unsigned int n, u8 *addr)
{
	unsigned int p = 0, i, start, v;

	for (i = 0; i < 4; i++) {
		if (i) {
			if (p >= n || s[p] != '.')
				return -EINVAL;
			p++;
		}
		start = p;
		v = 0;
		while (p < n && p - start < 3 && s[p] >= '0' && s[p] <= '9')
			v = v * 10 + (s[p++] - '0');
		if (p == start || v > 255 ||
		    (p - start > 1 && s[start] == '0') ||
		    (p < n && s[p] >= '0' && s[p] <= '9'))
			return -EINVAL;
		addr[i] = v;
	}
	return p == n ? 0 : -EINVAL;
}
NFALG_INET_EXPORT(nfalg_inet_pton4);

int nfalg_inet_pton6(const char *s, unsigned int n, u8 *addr)
{
	unsigned int p = 0, q, i, nw = 0;
	int gap = -1, h;
	u16 w[8];
	u8 v4[4];
	u32 v;

	if (n < 2)
		return -EINVAL;
	if (s[0] == ':') {
		if (s[1] != ':')
			return -EINVAL;
		gap = 0;
		p = 2;
	}
	while (p < n) {
		v = 0;
		for (q = p; q < n && q - p < 5; q++) {
			h = it_hexval(s[q]);
			if (h < 0)
				break;
			v = v << 4 | h;
		}
		if (q < n && s[q] == '.') {
			/* a dotted quad ends the text */
			if (nw > 6 || nfalg_inet_pton4(s + p, n - p, v4))
				return -EINVAL;
			w[nw++] = v4[0] << 8 | v4[1];
			w[nw++] = v4[2] << 8 | v4[3];
			break;
		}
		if (q == p || q - p > 4 || nw == 8)
			return -EINVAL;
		w[nw++] = v;
		if (q == n)
			break;
		if (s[q] != ':' || ++q == n)
			return -EINVAL;
		if (s[q] == ':') {
			if (gap >= 0)
				return -EINVAL;
			gap = nw;
			q++;
		}
		p = q;
	}
	if (gap < 0 ? nw != 8 : nw > 7)
		return -EINVAL;

	memset(addr, 0, 16);
	for (i = 0; i < nw; i++) {
		q = (gap >= 0 && i >= (unsigned int)gap) ? i + 8 - nw : i;
		addr[2 * q] = w[i] >> 8;
		addr[2 * q + 1] = w[i] & 0xff;
	}
	return 0;
}
NFALG_INET_EXPORT(nfalg_inet_pton6);

static unsigned int it_dec(char *d, unsigned int v)
{
	char t[3];
	unsigned int n = 0, i;

	do {
		t[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		d[i] = t[n - 1 - i];
	return n;
}

static unsigned int it_hex(char *d, u16 v)
{
	static const char digits[] = "0123456789abcdef";
	unsigned int n = 0;
	int shift = 12;

	while (shift && !(v >> shift))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		d[n++] = digits[(v >> shift) & 0xf];
	return n;
}

static unsigned int it_ntop4(char *d, const u8 *a)
{
	unsigned int n = 0, i;

	for (i = 0; i < 4; i++) {
		if (i)
			d[n++] = '.';
		n += it_dec(d + n, a[i]);
	}
	return n;
}

unsigned int nfalg_inet_ntop(char *dst, bool v6, const u8 *a)
{
	unsigned int i, n = 0, run = 0, best = 0, at = 8;
	u16 w[8];

	if (!v6)
		return it_ntop4(dst, a);
	for (i = 0; i < 8; i++)
		w[i] = a[2 * i] << 8 | a[2 * i + 1];
	for (i = 0; i < 8; i++) {
		run = w[i] ? 0 : run + 1;
		if (run > best) {
			best = run;
			at = i + 1 - run;
		}
	}
	if (best < 2)
		at = 8;
	if (at == 0 && best == 5 && w[5] == 0xffff) {
		memcpy(dst, "::ffff:", 7);
		return 7 + it_ntop4(dst + 7, a + 12);
	}
	for (i = 0; i < 8; i++) {
		if (i == at) {
			dst[n++] = ':';
			dst[n++] = ':';
			i += best - 1;
			continue;
		}
		if (i && i != at + best)
			dst[n++] = ':';
		n += it_hex(dst + n, w[i]);
	}
	return n;
}
NFALG_INET_EXPORT(nfalg_inet_ntop);
