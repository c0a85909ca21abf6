// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg SNMP ALG: parser for the header of an SNMP message (RFC 1157,
 * RFC 3416, RFC 3412) and the per-conversation PDU policy.
 *
 * Only as much of the message is decoded as the policy needs: the version,
 * the PDU type and, for a v1 Trap, where its agent-addr lies.  Every BER
 * length met on the way is checked against the element holding it, so a
 * message that passes is at least well framed up to its PDU.
 */

#include <nfalg/types.h>
#include <linux/nfalg.h>
#include "snmp_parse.h"

#define BER_INTEGER	0x02
#define BER_OCTETS	0x04
#define BER_OID		0x06
#define BER_SEQUENCE	0x30
#define BER_IPADDRESS	0x40
#define BER_PDU		0xa0	/* context-specific, constructed, 0-30 */

/* v3 msgFlags */
#define SNMP_FLAG_PRIV	0x02

/*
 * A BER cursor: @pos is the next byte in message coordinates; bytes at or
 * past @len are not in the buffer, bytes past @total not in the message.
 */
struct ber {
	const u8 *b;
	unsigned int len;
	unsigned int pos;
};

/*
 * Read the header of the element at c->pos, which must carry @tag and end
 * at or before @end.  On success c->pos is its value and *vlen its length.
 */
static int ber_hdr(struct ber *c, unsigned int end, u8 tag, unsigned int *vlen)
{
	unsigned int n, l, i;

	if (c->pos + 2 > c->len || c->pos + 2 > end)
		return -EINVAL;
	if (c->b[c->pos] != tag)
		return -EINVAL;
	l = c->b[c->pos + 1];
	c->pos += 2;
	if (l & 0x80) {
		/* long form; 0x80 alone would be the indefinite form */
		n = l & 0x7f;
		if (n < 1 || n > 4 || c->pos + n > c->len || c->pos + n > end)
			return -EINVAL;
		for (l = 0, i = 0; i < n; i++)
			l = l << 8 | c->b[c->pos + i];
		c->pos += n;
	}
	if (l > end - c->pos)
		return -EINVAL;
	*vlen = l;
	return 0;
}

/* Skip a whole element carrying @tag with a value of lo..hi bytes. */
static int ber_skip(struct ber *c, unsigned int end, u8 tag, unsigned int lo,
		    unsigned int hi)
{
	unsigned int vlen;

	if (ber_hdr(c, end, tag, &vlen) || vlen < lo || vlen > hi)
		return -EINVAL;
	c->pos += vlen;
	return 0;
}

/* The PDU header: its type must be one @version has, and it ends at @end. */
static int snmp_pdu(struct ber *c, unsigned int end, u8 version,
		    struct nfalg_snmp_msg *out)
{
	unsigned int vlen;
	u8 t;

	if (c->pos >= c->len)
		return -EINVAL;
	t = c->b[c->pos];
	if (t < BER_PDU || t > BER_PDU + NFALG_SNMP_PDU_REPORT)
		return -EINVAL;
	t -= BER_PDU;
	if (version == NFALG_SNMP_V1 ? t > NFALG_SNMP_PDU_TRAP1 :
				       t == NFALG_SNMP_PDU_TRAP1)
		return -EINVAL;
	if (ber_hdr(c, end, BER_PDU + t, &vlen) || c->pos + vlen != end)
		return -EINVAL;
	if (t == NFALG_SNMP_PDU_TRAP1) {
		/* enterprise, then agent-addr: the address must be here */
		if (ber_skip(c, end, BER_OID, 1, 128) ||
		    ber_hdr(c, end, BER_IPADDRESS, &vlen) || vlen != 4 ||
		    c->pos + 4 > c->len)
			return -EINVAL;
		out->agent_addr_off = c->pos;
	}
	out->pdu = t;
	return 0;
}

static int snmp_v3(struct ber *c, unsigned int end, struct nfalg_snmp_msg *out)
{
	unsigned int vlen, gend;
	u8 flags;

	/* msgGlobalData: msgID, msgMaxSize, msgFlags, msgSecurityModel */
	if (ber_hdr(c, end, BER_SEQUENCE, &vlen))
		return -EINVAL;
	gend = c->pos + vlen;
	if (ber_skip(c, gend, BER_INTEGER, 1, 5) ||
	    ber_skip(c, gend, BER_INTEGER, 1, 5) ||
	    ber_hdr(c, gend, BER_OCTETS, &vlen) || vlen != 1 ||
	    c->pos >= c->len)
		return -EINVAL;
	flags = c->b[c->pos++];
	if (ber_skip(c, gend, BER_INTEGER, 1, 5) || c->pos != gend)
		return -EINVAL;
	/* msgSecurityParameters */
	if (ber_skip(c, end, BER_OCTETS, 0, 0xffff))
		return -EINVAL;
	if (flags & SNMP_FLAG_PRIV) {
		/* encryptedPDU: all that is left */
		if (ber_hdr(c, end, BER_OCTETS, &vlen) || c->pos + vlen != end)
			return -EINVAL;
		out->pdu = NFALG_SNMP_PDU_ENCRYPTED;
		return 0;
	}
	/* ScopedPDU: contextEngineID, contextName, PDU */
	if (ber_hdr(c, end, BER_SEQUENCE, &vlen) || c->pos + vlen != end ||
	    ber_skip(c, end, BER_OCTETS, 0, 0xffff) ||
	    ber_skip(c, end, BER_OCTETS, 0, 0xffff))
		return -EINVAL;
	return snmp_pdu(c, end, NFALG_SNMP_V3, out);
}

int nfalg_snmp_parse(const u8 *buf, unsigned int len, unsigned int total,
		     struct nfalg_snmp_msg *out)
{
	struct ber c = { .b = buf, .len = len, .pos = 0 };
	unsigned int vlen;
	int ret;

	memset(out, 0, sizeof(*out));
	if (len > total)
		return -EINVAL;
	if (ber_hdr(&c, total, BER_SEQUENCE, &vlen) || c.pos + vlen != total)
		goto bad;
	if (ber_hdr(&c, total, BER_INTEGER, &vlen) || vlen != 1 ||
	    c.pos >= len)
		goto bad;
	out->version = buf[c.pos++];
	switch (out->version) {
	case NFALG_SNMP_V1:
	case NFALG_SNMP_V2C:
		/* community */
		if (ber_skip(&c, total, BER_OCTETS, 0, 0xffff))
			goto bad;
		ret = snmp_pdu(&c, total, out->version, out);
		break;
	case NFALG_SNMP_V3:
		ret = snmp_v3(&c, total, out);
		break;
	default:
		ret = -EINVAL;
	}
	if (ret)
		goto bad;
	return 0;
bad:
	memset(out, 0, sizeof(*out));
	return -EINVAL;
}

#define PDU(t)	(1U << NFALG_SNMP_PDU_##t)
#define ANSWERS	(PDU(RESPONSE) | PDU(REPORT))

/* No snmp-command: requests to an agent may read */
#define SNMP_READ	0

/* PDU types one command allows from the initiator and from the other end */
static void snmp_command_pdus(unsigned int command, u32 *from, u32 *to)
{
	u32 from_initiator, answers = ANSWERS;

	switch (command) {
	case SNMP_READ:
		from_initiator = PDU(GET) | PDU(GETNEXT) | PDU(GETBULK);
		break;
	case NFALG_SNMP_GET:
		from_initiator = PDU(GET);
		break;
	case NFALG_SNMP_GET_NEXT:
		from_initiator = PDU(GETNEXT) | PDU(GETBULK);
		break;
	case NFALG_SNMP_SET:
		from_initiator = PDU(SET);
		break;
	case NFALG_SNMP_TRAP:
		from_initiator = PDU(TRAP1) | PDU(TRAP2) | PDU(INFORM);
		break;
	case NFALG_SNMP_GET_RESPONSE:
		from_initiator = ANSWERS;
		answers = 0;
		break;
	default:
		from_initiator = 0;
		answers = 0;
	}
	*from |= from_initiator;
	*to |= answers;
}

bool nfalg_snmp_allowed(u8 commands, bool notify, bool reply, u8 pdu)
{
	u32 from = 0, to = 0;
	unsigned int cmd;

	if (pdu == NFALG_SNMP_PDU_ENCRYPTED)
		return true;
	if (pdu > NFALG_SNMP_PDU_REPORT)
		return false;
	if (!commands)
		snmp_command_pdus(notify ? NFALG_SNMP_TRAP : SNMP_READ, &from,
				  &to);
	for (cmd = 1; cmd < 8; cmd++)
		if (commands & (1U << cmd))
			snmp_command_pdus(cmd, &from, &to);
	return (reply ? to : from) & (1U << pdu);
}
