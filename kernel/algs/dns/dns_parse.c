// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg DNS ALG: the DNS message header (RFC 1035) and the set of queries
 * waiting for an answer.
 */

#include <nfalg/types.h>
#include "dns_parse.h"

int nfalg_dns_parse(const u8 *buf, unsigned int len, struct nfalg_dns_hdr *out)
{
	memset(out, 0, sizeof(*out));
	if (len < NFALG_DNS_HDR_LEN)
		return -EINVAL;
	out->id = buf[0] << 8 | buf[1];
	out->qr = buf[2] >> 7;
	out->opcode = (buf[2] >> 3) & 0x0f;
	out->qdcount = buf[4] << 8 | buf[5];
	return 0;
}

int nfalg_dns_tcp_len(const u8 *buf, unsigned int len)
{
	unsigned int n;

	if (len < NFALG_DNS_TCP_PREFIX)
		return 0;
	n = buf[0] << 8 | buf[1];
	if (n < NFALG_DNS_HDR_LEN)
		return -EINVAL;
	if (len < NFALG_DNS_TCP_PREFIX + NFALG_DNS_HDR_LEN)
		return 0;
	return NFALG_DNS_TCP_PREFIX + n;
}

static int dns_find(const struct nfalg_dns_pending *p, u16 id)
{
	unsigned int i;

	for (i = 0; i < p->n && i < NFALG_DNS_PENDING_MAX; i++)
		if (p->id[i] == id)
			return i;
	return -1;
}

/* A set that says it holds more than it can is taken as full */
static void dns_clamp(struct nfalg_dns_pending *p)
{
	if (p->n > NFALG_DNS_PENDING_MAX)
		p->n = NFALG_DNS_PENDING_MAX;
	p->answered &= (1U << p->n) - 1;
}

/* Take entry @i out, keeping the order and the answered marks */
static void dns_remove(struct nfalg_dns_pending *p, unsigned int i)
{
	u8 low = p->answered & ((1U << i) - 1);

	p->answered = low | ((p->answered >> 1) & ~((1U << i) - 1));
	for (; i + 1 < p->n; i++)
		p->id[i] = p->id[i + 1];
	p->id[--p->n] = 0;
}

static unsigned int dns_waiting(const struct nfalg_dns_pending *p)
{
	unsigned int i, n = 0;

	for (i = 0; i < p->n; i++)
		if (!(p->answered & (1U << i)))
			n++;
	return n;
}

int nfalg_dns_query(struct nfalg_dns_pending *p, u16 id)
{
	int i;

	dns_clamp(p);
	i = dns_find(p, id);
	if (i >= 0) {
		if (!(p->answered & (1U << i)))
			return -EEXIST;
		p->answered &= ~(1U << i);
		return 0;
	}
	if (p->n >= NFALG_DNS_PENDING_MAX) {
		if (!p->answered)
			return -ENOSPC;
		dns_remove(p, __builtin_ctz(p->answered));
	}
	p->id[p->n++] = id;
	return 0;
}

int nfalg_dns_answer(struct nfalg_dns_pending *p, u16 id, bool keep)
{
	int i;

	dns_clamp(p);
	i = dns_find(p, id);
	if (i < 0 || (!keep && (p->answered & (1U << i))))
		return -ENOENT;
	if (keep)
		p->answered |= 1U << i;
	else
		dns_remove(p, i);
	return dns_waiting(p);
}
