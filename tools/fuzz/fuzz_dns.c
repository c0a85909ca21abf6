// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for the DNS ALG: the header parser, the TCP framing
 * and the set of queries of a conversation, checked against a model after
 * every step (see LLVMFuzzerTestOneInput()).  Any inconsistency aborts.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns/dns_parse.h"

#define FAIL(...) do {							\
	fprintf(stderr, "fuzz_dns: " __VA_ARGS__);			\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

/* A model of the set: IDs oldest first, each with its answered mark */
struct model {
	unsigned int id[NFALG_DNS_PENDING_MAX];
	bool answered[NFALG_DNS_PENDING_MAX];
	unsigned int n;
};

static void model_remove(struct model *m, unsigned int i)
{
	for (; i + 1 < m->n; i++) {
		m->id[i] = m->id[i + 1];
		m->answered[i] = m->answered[i + 1];
	}
	m->n--;
}

static unsigned int model_waiting(const struct model *m)
{
	unsigned int i, n = 0;

	for (i = 0; i < m->n; i++)
		n += !m->answered[i];
	return n;
}

static void step_query(struct nfalg_dns_pending *p, struct model *m, u16 id)
{
	unsigned int i, j;
	int ret = nfalg_dns_query(p, id), want;
	bool found;

	for (i = 0; i < m->n && m->id[i] != id; i++)
		;
	found = i < m->n;
	if (found) {
		want = m->answered[i] ? 0 : -EEXIST;
		m->answered[i] = false;
	} else if (m->n < NFALG_DNS_PENDING_MAX) {
		want = 0;
	} else {
		for (j = 0; j < m->n && !m->answered[j]; j++)
			;
		want = j < m->n ? 0 : -ENOSPC;
		if (!want)
			model_remove(m, j);
	}
	if (!found && !want) {
		m->id[m->n] = id;
		m->answered[m->n++] = false;
	}
	if (ret != want)
		FAIL("query %u: %d, model %d", id, ret, want);
}

static void step_answer(struct nfalg_dns_pending *p, struct model *m, u16 id,
			bool keep)
{
	unsigned int i;
	int ret = nfalg_dns_answer(p, id, keep), want;

	for (i = 0; i < m->n && m->id[i] != id; i++)
		;
	if (i == m->n || (!keep && m->answered[i])) {
		want = -ENOENT;
	} else {
		if (keep)
			m->answered[i] = true;
		else
			model_remove(m, i);
		want = model_waiting(m);
	}
	if (ret != want)
		FAIL("answer %u: %d, model %d", id, ret, want);
}

/*
 * The first byte chooses a conversation kept open (odd) or closed; then a
 * sequence of messages, each a length byte and that many bytes, fed to
 * the parsers (the UDP header parser, the TCP framing of the same bytes)
 * and, as queries or answers, to the set, checked against the model.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nfalg_dns_pending p;
	struct nfalg_dns_hdr h;
	struct model m;
	size_t pos = 1;
	unsigned int i;
	bool keep;

	if (!size)
		return 0;
	keep = data[0] & 1;
	memset(&p, 0, sizeof(p));
	memset(&m, 0, sizeof(m));
	while (pos < size) {
		unsigned int len = data[pos++];
		uint8_t *msg;
		int ret, tl;

		if (len > size - pos)
			len = size - pos;
		msg = malloc(len ? len : 1);
		memcpy(msg, data + pos, len);
		pos += len;
		ret = nfalg_dns_parse(msg, len, &h);
		if (ret != (len < NFALG_DNS_HDR_LEN ? -EINVAL : 0))
			FAIL("parse of %u bytes returned %d", len, ret);
		if (!ret && (h.id != (msg[0] << 8 | msg[1]) || h.qr > 1 ||
			     h.opcode > 15))
			FAIL("header fields not from the input");
		tl = nfalg_dns_tcp_len(msg, len);
		if (len >= 2 && (msg[0] << 8 | msg[1]) < NFALG_DNS_HDR_LEN ?
		    tl != -EINVAL :
		    len < NFALG_DNS_TCP_PREFIX + NFALG_DNS_HDR_LEN ? tl != 0 :
		    tl != 2 + (msg[0] << 8 | msg[1]))
			FAIL("tcp length of %u bytes: %d", len, tl);
		free(msg);
		if (ret)
			continue;
		if (!h.qr)
			step_query(&p, &m, h.id);
		else
			step_answer(&p, &m, h.id, keep);
		if (p.n != m.n)
			FAIL("set holds %u, model %u", p.n, m.n);
		for (i = 0; i < m.n; i++)
			if (p.id[i] != m.id[i] ||
			    !!(p.answered & (1U << i)) != m.answered[i])
				FAIL("set and model differ at %u", i);
		if (p.answered >> m.n)
			FAIL("answered marks beyond the set");
	}
	return 0;
}
