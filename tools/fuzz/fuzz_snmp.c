// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the SNMP message header parser.
 *
 * Besides memory safety (ASan, UBSan), checks what the parser reports
 * against the input: the first input byte splits it into the head the
 * parser sees and the whole message length it is told, as the kernel
 * does with long datagrams.  Any inconsistency aborts.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snmp/snmp_parse.h"

#define FAIL(...) do {							\
	fprintf(stderr, "fuzz_snmp: " __VA_ARGS__);			\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nfalg_snmp_msg r;
	unsigned int len, total;
	uint8_t *head;
	int ret;

	if (size < 1 || size > 0xffff)
		return 0;
	total = size - 1;
	/* data[0] == 0: all of it; else a head of data[0] * 4 bytes */
	len = data[0] && data[0] * 4U < total ? data[0] * 4U : total;
	head = malloc(len ? len : 1);
	memcpy(head, data + 1, len);
	ret = nfalg_snmp_parse(head, len, total, &r);
	if (ret) {
		if (ret != -EINVAL)
			FAIL("unexpected error %d", ret);
		if (r.version || r.pdu || r.agent_addr_off)
			FAIL("fields set on error");
	} else {
		if (total < 2 || head[0] != 0x30)
			FAIL("accepted a message not starting with a SEQUENCE");
		if (r.version != 0 && r.version != 1 && r.version != 3)
			FAIL("version %u", r.version);
		if (r.pdu > NFALG_SNMP_PDU_REPORT &&
		    r.pdu != NFALG_SNMP_PDU_ENCRYPTED)
			FAIL("pdu type %u", r.pdu);
		if (r.pdu == NFALG_SNMP_PDU_ENCRYPTED && r.version != 3)
			FAIL("encrypted PDU in version %u", r.version);
		if ((r.pdu == NFALG_SNMP_PDU_TRAP1) != (r.agent_addr_off != 0))
			FAIL("agent-addr offset %u for PDU %u",
			     r.agent_addr_off, r.pdu);
		/* its length, short or long form, ends in 4 */
		if (r.agent_addr_off &&
		    (r.agent_addr_off < 2 || r.agent_addr_off + 4U > len ||
		     head[r.agent_addr_off - 1] != 4))
			FAIL("agent-addr at %u outside the head or not 4 bytes",
			     r.agent_addr_off);
		if (r.version == 0 && r.pdu > NFALG_SNMP_PDU_TRAP1)
			FAIL("v1 message with PDU %u", r.pdu);
	}
	free(head);
	return 0;
}
