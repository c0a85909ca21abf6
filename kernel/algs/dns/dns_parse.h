/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg DNS ALG: the DNS message header, and the set of queries a
 * conversation still waits an answer for.
 *
 * Pure functions over (buffer, length) and a small fixed structure: no
 * skb, no allocation, no global state.  The same source builds into the
 * kernel module and into the userspace unit tests and libFuzzer targets.
 */
#ifndef _NFALG_DNS_PARSE_H
#define _NFALG_DNS_PARSE_H

#include <nfalg/types.h>

/* Bytes of the fixed DNS header (RFC 1035 section 4.1.1) */
#define NFALG_DNS_HDR_LEN	12

/**
 * struct nfalg_dns_hdr - what nfalg_dns_parse() found
 * @id: message ID
 * @qr: 1 for a response, 0 for a query
 * @opcode: OPCODE (0 query, 4 notify, 5 update...)
 * @qdcount: entries in the question section
 */
struct nfalg_dns_hdr {
	u16 id;
	u8 qr;
	u8 opcode;
	u16 qdcount;
};

/**
 * nfalg_dns_parse() - read the header of a DNS message over UDP
 * @buf: UDP payload (or its head)
 * @len: bytes in @buf
 * @out: result; always initialised
 *
 * Return: 0, or -EINVAL when @len is shorter than the header.
 */
int nfalg_dns_parse(const u8 *buf, unsigned int len, struct nfalg_dns_hdr *out);

/* Bytes of the length that precedes every DNS message over TCP */
#define NFALG_DNS_TCP_PREFIX	2

/**
 * nfalg_dns_tcp_len() - length of the DNS message at a message start of a
 * TCP stream (RFC 1035 section 4.2.2: a two-byte length, then the message)
 * @buf: the stream's bytes from the message start
 * @len: bytes in @buf
 *
 * Return: the bytes of the message with its length prefix (> 0), once
 * @buf holds the prefix and the message header (so that the header is
 * always read with the length); 0 before; -EINVAL when the length is too
 * short for a header: not DNS.
 */
int nfalg_dns_tcp_len(const u8 *buf, unsigned int len);

/* Queries one conversation may have waiting for an answer at once */
#define NFALG_DNS_PENDING_MAX	3

/**
 * struct nfalg_dns_pending - IDs of the queries of a conversation
 * @id: their IDs, @n of them, oldest first
 * @n: how many
 * @answered: bit i set: @id[i] was answered and is kept only for the
 *	further messages of its answer (a zone transfer), in the
 *	conversations kept open after their answers
 *
 * Fits the 8 bytes of per-conversation data an ALG gets; all zero is
 * the empty set.
 */
struct nfalg_dns_pending {
	u16 id[NFALG_DNS_PENDING_MAX];
	u8 n;
	u8 answered;
};

/**
 * nfalg_dns_query() - note a query
 * @p: the set
 * @id: its ID
 *
 * An answered ID asked again waits again; when the set is full, the
 * oldest answered ID makes room.
 *
 * Return: 0 when added (or waiting again), -EEXIST when the ID is already
 * waiting (a retransmission: nothing changes), -ENOSPC when the set is
 * full of waiting queries.
 */
int nfalg_dns_query(struct nfalg_dns_pending *p, u16 id);

/**
 * nfalg_dns_answer() - an answer to a query of the set
 * @p: the set
 * @id: the answer's ID
 * @keep: the conversation stays open after its answers: the answered ID
 *	stays, marked answered, and further answers with it are accepted;
 *	else it is taken out
 *
 * Return: the number of queries still waiting (0: all answered), or
 * -ENOENT when no query with @id waits (nor, with @keep, was answered):
 * nothing changes.
 */
int nfalg_dns_answer(struct nfalg_dns_pending *p, u16 id, bool keep);

#endif /* _NFALG_DNS_PARSE_H */
