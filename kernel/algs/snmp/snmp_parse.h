/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg SNMP ALG: parser for the header of an SNMP message and the policy
 * deciding which PDU types a conversation carries.
 *
 * Pure functions over (buffer, length): no skb, no allocation, no global
 * state; they never read past the length given.  The same source builds
 * into the kernel module and into the userspace unit tests and libFuzzer
 * targets.
 */
#ifndef _NFALG_SNMP_PARSE_H
#define _NFALG_SNMP_PARSE_H

#include <nfalg/types.h>

/* PDU types: the low five bits of the PDU's context-specific tag */
enum nfalg_snmp_pdu {
	NFALG_SNMP_PDU_GET = 0,		/* GetRequest */
	NFALG_SNMP_PDU_GETNEXT = 1,	/* GetNextRequest */
	NFALG_SNMP_PDU_RESPONSE = 2,	/* Response (v1: GetResponse) */
	NFALG_SNMP_PDU_SET = 3,		/* SetRequest */
	NFALG_SNMP_PDU_TRAP1 = 4,	/* v1 Trap */
	NFALG_SNMP_PDU_GETBULK = 5,	/* GetBulkRequest (v2c, v3) */
	NFALG_SNMP_PDU_INFORM = 6,	/* InformRequest (v2c, v3) */
	NFALG_SNMP_PDU_TRAP2 = 7,	/* SNMPv2-Trap (v2c, v3) */
	NFALG_SNMP_PDU_REPORT = 8,	/* Report (v3) */
	/* v3 with privacy: the PDU is encrypted, its type unknown */
	NFALG_SNMP_PDU_ENCRYPTED = 31,
};

/* msgVersion values */
#define NFALG_SNMP_V1	0
#define NFALG_SNMP_V2C	1
#define NFALG_SNMP_V3	3

/**
 * struct nfalg_snmp_msg - what nfalg_snmp_parse() found
 * @version: NFALG_SNMP_V1, NFALG_SNMP_V2C or NFALG_SNMP_V3
 * @pdu: enum nfalg_snmp_pdu
 * @agent_addr_off: v1 Trap: offset of the 4 bytes of agent-addr in the
 *	message; 0 otherwise
 */
struct nfalg_snmp_msg {
	u8 version;
	u8 pdu;
	u16 agent_addr_off;
};

/**
 * nfalg_snmp_parse() - read the version and PDU type of an SNMP message
 * @buf: the first @len bytes of the UDP payload
 * @len: bytes in @buf
 * @total: length of the whole UDP payload (@len or more)
 * @out: result; always initialised
 *
 * The message is a BER SEQUENCE filling exactly @total bytes: version
 * (INTEGER 0, 1 or 3), then for v1/v2c the community (OCTET STRING) and
 * the PDU; for v3 msgGlobalData (SEQUENCE of msgID, msgMaxSize, msgFlags,
 * msgSecurityModel), msgSecurityParameters (OCTET STRING) and either a
 * plaintext ScopedPDU (SEQUENCE of contextEngineID, contextName, PDU) or,
 * with the privacy flag, an encrypted one (OCTET STRING).  Lengths are
 * definite, in the short form or in at most four long-form octets, and no
 * element may reach past its parent.  The PDU's tag (0xa0-0xa8) and its
 * length must lie within @buf; what follows it is not read, except the
 * agent-addr of a v1 Trap (enterprise OID, then IpAddress of 4 bytes).
 *
 * Return: 0, or -EINVAL for anything else (not SNMP, malformed, or with
 * the PDU header beyond @len).
 */
int nfalg_snmp_parse(const u8 *buf, unsigned int len, unsigned int total,
		     struct nfalg_snmp_msg *out);

/**
 * nfalg_snmp_allowed() - whether a PDU type may pass
 * @commands: the conversation's snmp-commands, BIT(enum
 *	nfalg_snmp_command) each, or 0 for none: then @notify tells reads
 *	from notifications
 * @notify: with @command 0: the conversation goes to the trap port (162)
 * @reply: the PDU travels in the reply direction (to the initiator)
 * @pdu: enum nfalg_snmp_pdu
 *
 * Each command lets the initiator send its own PDU type(s) (get:
 * GetRequest; get-next: GetNextRequest and GetBulkRequest; set:
 * SetRequest; trap: v1 Trap, SNMPv2-Trap and InformRequest; get-response:
 * Response and Report) and the other end answer them (Response and
 * Report; nothing answers a get-response).  No command: get, get-next and
 * get-bulk, or with @notify the trap types.  An encrypted PDU always
 * passes: its type cannot be told.
 */
bool nfalg_snmp_allowed(u8 commands, bool notify, bool reply, u8 pdu);

#endif /* _NFALG_SNMP_PARSE_H */
