/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg DCE RPC ALG: parser of the connection-oriented DCE RPC PDUs
 * (C706 chapter 12, MS-RPCE) that clients and the endpoint mapper
 * exchange over TCP 135, and the per-conversation state that ties a
 * server's ept_map / ept_lookup answer to the request it answers.
 *
 * Pure functions over (buffer, length) and small fixed structures: no
 * skb, no allocation, no global state, no recursion.  They never read
 * past the length they are given.  The same source builds into the kernel
 * module and into the userspace unit tests and libFuzzer targets.
 *
 * Integers are read in the byte order the PDU's data representation
 * (drep) names: little-endian when drep[0] & 0x10, else big-endian; the
 * octets of a protocol tower are little-endian whatever the drep.
 * Characters are not interpreted.  Only NDR (transfer syntax
 * 8a885d04-1ceb-11c9-9fe8-08002b104860 v2) stub data is read: a
 * presentation context accepted with NDR64 or any other syntax is not
 * treated as the endpoint mapper's.
 *
 * UUIDs are reported in RFC 4122 byte order (time_low, time_mid and
 * time_hi_and_version big-endian), whatever their order on the wire.
 */
#ifndef _NFALG_DCERPC_PARSE_H
#define _NFALG_DCERPC_PARSE_H

#include <nfalg/types.h>

/* The endpoint mapper's well-known TCP port */
#define NFALG_DCERPC_PORT	135

/* Bytes of the common header of every connection-oriented PDU */
#define NFALG_DCERPC_HDR_LEN	16

/* Bytes of pdu_len's input that tell a PDU's length (up to frag_length) */
#define NFALG_DCERPC_LEN_NEED	10

/* PDU types (PTYPE) */
#define NFALG_DCERPC_REQUEST		0
#define NFALG_DCERPC_RESPONSE		2
#define NFALG_DCERPC_FAULT		3
#define NFALG_DCERPC_BIND		11
#define NFALG_DCERPC_BIND_ACK		12
#define NFALG_DCERPC_BIND_NAK		13
#define NFALG_DCERPC_ALTER		14
#define NFALG_DCERPC_ALTER_RESP		15
#define NFALG_DCERPC_AUTH3		16
#define NFALG_DCERPC_SHUTDOWN		17
#define NFALG_DCERPC_CO_CANCEL		18
#define NFALG_DCERPC_ORPHANED		19
#define NFALG_DCERPC_PTYPE_MAX		19	/* higher values are refused */

/* pfc_flags */
#define NFALG_DCERPC_PFC_FIRST		0x01	/* first fragment */
#define NFALG_DCERPC_PFC_LAST		0x02	/* last fragment */
#define NFALG_DCERPC_PFC_OBJECT		0x80	/* request has an object UUID */

/* Endpoint mapper operation numbers (interface e1af8308-...-08002b14a0fa) */
#define NFALG_DCERPC_EPT_LOOKUP		2
#define NFALG_DCERPC_EPT_MAP		3

/* Presentation contexts of one bind remembered, by position in its list */
#define NFALG_DCERPC_CTX_MAX		8

/* TCP/IPv4 towers reported per ept_map or ept_lookup response */
#define NFALG_DCERPC_TOWERS_MAX		8

/* Endpoint mapper context ids, and calls awaiting an answer, remembered */
#define NFALG_DCERPC_EPM_CTX_MAX	8
#define NFALG_DCERPC_CALLS_MAX		8

/* Longest annotation of an ept_lookup entry, NUL included (C706) */
#define NFALG_DCERPC_ANNOTATION_MAX	64

/**
 * struct nfalg_dcerpc_hdr - the common header of a PDU
 * @ptype: PDU type, NFALG_DCERPC_REQUEST...NFALG_DCERPC_ORPHANED
 * @flags: pfc_flags, NFALG_DCERPC_PFC_*
 * @le: integers are little-endian (drep[0] & 0x10)
 * @frag_len: length of the PDU, header included (>= NFALG_DCERPC_HDR_LEN)
 * @auth_len: length of the authentication verifier, 0 when none
 * @body_end: offset where the PDU's body ends: @frag_len, less the
 *	8-byte sec_trailer and the verifier when @auth_len is not 0
 * @call_id: call identifier
 */
struct nfalg_dcerpc_hdr {
	u8 ptype;
	u8 flags;
	bool le;
	u16 frag_len;
	u16 auth_len;
	u16 body_end;
	u32 call_id;
};

/**
 * nfalg_dcerpc_pdu_len() - length of the PDU at a message start
 * @buf: bytes at a PDU start of the stream
 * @len: bytes available (part of the PDU, or more than it)
 *
 * Pure framing for the core.  The bytes are checked as soon as they
 * arrive: rpc_vers must be 5, rpc_vers_minor 0 or 1, PTYPE at most
 * NFALG_DCERPC_PTYPE_MAX and the integer representation of drep[0]
 * big- or little-endian (high nibble 0 or 1).  The answer for a prefix
 * of NFALG_DCERPC_LEN_NEED bytes or more never changes as bytes are
 * added; an -EINVAL stays -EINVAL.
 *
 * Return: frag_length (>= NFALG_DCERPC_HDR_LEN; may exceed @len), 0 when
 * fewer than NFALG_DCERPC_LEN_NEED bytes are available and those are
 * valid so far, -EINVAL when @buf is not a DCE RPC connection-oriented
 * PDU (a check above fails, or frag_length < NFALG_DCERPC_HDR_LEN).
 */
int nfalg_dcerpc_pdu_len(const u8 *buf, unsigned int len);

/* Fragments one call may be reassembled from */
#define NFALG_DCERPC_FRAGS_MAX	16

/**
 * nfalg_dcerpc_chain_len() - length of the fragments that make one call
 * @buf: the stream's bytes from a PDU start
 * @len: bytes in @buf
 * @max: the most bytes the chain may take (the caller's reassembly bound)
 *
 * A request or response cut into fragments is a first fragment (flag
 * PFC_FIRST_FRAG without PFC_LAST_FRAG), middle ones and a last one, of
 * the same type and call id, one after the other in the stream.  Pure
 * framing for the core, as nfalg_dcerpc_pdu_len(): once it returns a
 * length for a prefix, the same length for any longer one.
 *
 * Return: the bytes of the whole chain when it ends within @max bytes
 * (at most NFALG_DCERPC_FRAGS_MAX fragments); the length of the PDU at
 * @buf alone when it is not the first fragment of such a chain (an
 * unfragmented PDU, a chain longer than @max or broken: its fragments
 * are then taken one by one); 0 when @len bytes do not tell yet; -EINVAL
 * when @buf is not a PDU (nfalg_dcerpc_pdu_len()).
 */
int nfalg_dcerpc_chain_len(const u8 *buf, unsigned int len, unsigned int max);

/**
 * struct nfalg_dcerpc_piece - where bytes of a reassembled PDU come from
 * @out_off: offset in the reassembled PDU
 * @in_off: offset in the chain of fragments
 * @len: bytes
 */
struct nfalg_dcerpc_piece {
	u16 out_off;
	u16 in_off;
	u16 len;
};

/**
 * nfalg_dcerpc_reassemble() - one PDU from a chain of fragments
 * @buf: the chain (nfalg_dcerpc_chain_len() bytes)
 * @len: its length
 * @out: room for @len bytes: the PDU
 * @map: out: NFALG_DCERPC_FRAGS_MAX entries; piece i of @out comes from
 *	@buf (the first: the first fragment's header, call head and stub;
 *	the others: the later fragments' stubs)
 * @n_map: out: pieces in @map
 *
 * The PDU is the first fragment with the stubs of the others appended,
 * its frag_length the sum, its flags both first and last fragment.
 * Every fragment must be an unauthenticated request or response of the
 * first's type and call id.
 *
 * Return: the PDU's length, or -EINVAL (nothing to be used).
 */
int nfalg_dcerpc_reassemble(const u8 *buf, unsigned int len, u8 *out,
			    struct nfalg_dcerpc_piece *map,
			    unsigned int *n_map);

/**
 * nfalg_dcerpc_parse_hdr() - read the common header of a whole PDU
 * @buf: the PDU
 * @len: bytes in @buf: at least frag_length; bytes past it are ignored
 * @h: result; always initialised (all zero on error)
 *
 * Return: 0, or -EINVAL when nfalg_dcerpc_pdu_len() does not return a
 * length for @buf, when @len is below frag_length, or when auth_length
 * is not 0 and frag_length cannot hold the header, the 8-byte
 * sec_trailer and the verifier.
 */
int nfalg_dcerpc_parse_hdr(const u8 *buf, unsigned int len,
			   struct nfalg_dcerpc_hdr *h);

/**
 * nfalg_dcerpc_first_ok() - may a PDU type open a stream direction?
 * @ptype: type of the first PDU seen in the direction
 * @from_client: the direction is the client's (the TCP initiator's)
 *
 * A client's stream must start with a bind, a server's with a bind_ack
 * or a bind_nak (the association is refused: nothing is learnt from it).
 *
 * Return: whether the direction may be parsed.
 */
bool nfalg_dcerpc_first_ok(u8 ptype, bool from_client);

/**
 * struct nfalg_dcerpc_bind - what a bind or alter_context proposes
 * @n_ctx: n_context_elem: elements in the list (all of them checked)
 * @n_epm: elements among the first NFALG_DCERPC_CTX_MAX whose abstract
 *	syntax is the endpoint mapper
 * @cont_id: p_cont_id of the first min(@n_ctx, NFALG_DCERPC_CTX_MAX)
 *	elements, in list order
 * @is_epm: that element's abstract syntax is the endpoint mapper,
 *	e1af8308-5d1f-11c9-91a4-08002b14a0fa major version 3 (any minor)
 */
struct nfalg_dcerpc_bind {
	u8 n_ctx;
	u8 n_epm;
	u16 cont_id[NFALG_DCERPC_CTX_MAX];
	bool is_epm[NFALG_DCERPC_CTX_MAX];
};

/**
 * nfalg_dcerpc_parse_bind() - read the context list of a bind
 * @buf: the PDU
 * @len: bytes in @buf
 * @h: its header, from nfalg_dcerpc_parse_hdr() on the same bytes
 * @out: result; always initialised (all zero on error)
 *
 * Reads a bind or an alter_context: max_xmit_frag, max_recv_frag,
 * assoc_group_id, then the p_context_elem list, which must fit before
 * @h->body_end (bytes after it are ignored).  Every element must have at
 * least one transfer syntax, and the first NFALG_DCERPC_CTX_MAX elements
 * distinct context ids.
 *
 * Return: 0, or -EINVAL when @h is not a bind or alter_context or the
 * list does not fit.
 */
int nfalg_dcerpc_parse_bind(const u8 *buf, unsigned int len,
			    const struct nfalg_dcerpc_hdr *h,
			    struct nfalg_dcerpc_bind *out);

/* The transfer syntax a bind_ack result accepts (nfalg_dcerpc_bind_ack) */
enum nfalg_dcerpc_syntax {
	NFALG_DCERPC_SYN_NONE = 0,	/* not accepted (or a negotiate_ack) */
	NFALG_DCERPC_SYN_NDR,		/* accepted: NDR version 2 */
	NFALG_DCERPC_SYN_NDR64,		/* accepted: NDR64 version 1 */
	NFALG_DCERPC_SYN_OTHER,		/* accepted: another transfer syntax */
};

/**
 * struct nfalg_dcerpc_bind_ack - what a bind_ack or alter_context_resp
 *	answers
 * @n_results: results in the list, one per element of the bind's
 *	context list, in the same order (all of them checked)
 * @syntax: enum nfalg_dcerpc_syntax of the first
 *	min(@n_results, NFALG_DCERPC_CTX_MAX) results
 */
struct nfalg_dcerpc_bind_ack {
	u8 n_results;
	u8 syntax[NFALG_DCERPC_CTX_MAX];
};

/**
 * nfalg_dcerpc_parse_bind_ack() - read the result list of a bind_ack
 * @buf: the PDU
 * @len: bytes in @buf
 * @h: its header, from nfalg_dcerpc_parse_hdr() on the same bytes
 * @out: result; always initialised (all zero on error)
 *
 * Reads a bind_ack or an alter_context_resp: max_xmit_frag,
 * max_recv_frag, assoc_group_id, the secondary address (a u16 length
 * and that many characters, not interpreted), padding to a multiple of
 * 4 from the PDU start, then the p_result_list, which must fit before
 * @h->body_end.  A result is accepted when its result field is 0
 * (acceptance); its transfer syntax then says which syntax.
 *
 * Return: 0, or -EINVAL when @h is not a bind_ack or
 * alter_context_resp, or the list does not fit.
 */
int nfalg_dcerpc_parse_bind_ack(const u8 *buf, unsigned int len,
				const struct nfalg_dcerpc_hdr *h,
				struct nfalg_dcerpc_bind_ack *out);

/**
 * struct nfalg_dcerpc_call - the fixed part of a request or response
 * @cont_id: p_cont_id, the presentation context of the call
 * @opnum: the operation number (requests; 0 for a response)
 * @has_object: a request's pfc_flags have NFALG_DCERPC_PFC_OBJECT
 * @object: the object UUID then (RFC 4122 order), else all zero
 * @stub_off: offset of the stub data in the PDU (24, or 40 with an object)
 * @stub_len: bytes of stub data: up to @h->body_end, less the
 *	auth_pad_length of the sec_trailer when the PDU is authenticated
 */
struct nfalg_dcerpc_call {
	u16 cont_id;
	u16 opnum;
	bool has_object;
	u8 object[16];
	u16 stub_off;
	u16 stub_len;
};

/**
 * nfalg_dcerpc_parse_call() - read the fixed part of a request or response
 * @buf: the PDU
 * @len: bytes in @buf
 * @h: its header, from nfalg_dcerpc_parse_hdr() on the same bytes
 * @out: result; always initialised (all zero on error)
 *
 * Fragmented and authenticated PDUs are read too (the stub of a PDU
 * that is not a whole call, or that may be signed or sealed, is for the
 * caller to leave alone: nfalg_dcerpc_conv_request() and
 * nfalg_dcerpc_conv_response() do).
 *
 * Return: 0, or -EINVAL when @h is not a request or response, or the
 * PDU is too short for its fixed part (or for its auth_pad_length).
 */
int nfalg_dcerpc_parse_call(const u8 *buf, unsigned int len,
			    const struct nfalg_dcerpc_hdr *h,
			    struct nfalg_dcerpc_call *out);

/**
 * struct nfalg_dcerpc_map_req - what an ept_map request asks for
 * @has_object: the obj pointer is not null
 * @object: the object UUID then (RFC 4122 order; usually all zero)
 * @has_if: the map_tower pointer is not null and the tower's first floor
 *	names an interface
 * @uuid: that interface's UUID (RFC 4122 order)
 * @vers_major: its major version
 * @vers_minor: its minor version
 * @max_towers: the most towers the client accepts in the answer
 */
struct nfalg_dcerpc_map_req {
	bool has_object;
	u8 object[16];
	bool has_if;
	u8 uuid[16];
	u16 vers_major;
	u16 vers_minor;
	u32 max_towers;
};

/**
 * nfalg_dcerpc_parse_map_req() - read the stub of an ept_map request
 * @buf: the PDU
 * @len: bytes in @buf
 * @h: its header, from nfalg_dcerpc_parse_hdr() on the same bytes
 * @c: its fixed part, from nfalg_dcerpc_parse_call() on the same bytes
 * @out: result; always initialised (all zero on error)
 *
 * The NDR stub: obj (full pointer to a UUID), map_tower (full pointer
 * to a twr_t), entry_handle (20 bytes), max_towers.  The tower must be
 * well formed (see nfalg_dcerpc_parse_towers()).
 *
 * Return: 0, or -EINVAL when @h is not a request, @c->opnum is not
 * NFALG_DCERPC_EPT_MAP, or the stub is not a well-formed ept_map request
 * within @c's stub.
 */
int nfalg_dcerpc_parse_map_req(const u8 *buf, unsigned int len,
			       const struct nfalg_dcerpc_hdr *h,
			       const struct nfalg_dcerpc_call *c,
			       struct nfalg_dcerpc_map_req *out);

/**
 * struct nfalg_dcerpc_tower - one ncacn_ip_tcp tower of an answer
 * @uuid: the interface UUID of its first floor (RFC 4122 order)
 * @vers_major: the interface's major version
 * @vers_minor: the interface's minor version
 * @port: the TCP port (host order)
 * @port_off: offset in the PDU of the port's 2 bytes (big-endian)
 * @addr: the IPv4 address, network order (0.0.0.0: "the server itself")
 * @addr_off: offset in the PDU of the address's 4 bytes, which hold
 *	@addr: a NAT rewrite of these 4 bytes changes nothing else
 */
struct nfalg_dcerpc_tower {
	u8 uuid[16];
	u16 vers_major;
	u16 vers_minor;
	u16 port;
	u16 port_off;
	u8 addr[4];
	u16 addr_off;
};

/**
 * struct nfalg_dcerpc_towers - what an ept_map or ept_lookup answer holds
 * @status: the error_status at the end of the stub (0: success)
 * @count: num_towers (ept_map) or num_ents (ept_lookup)
 * @n: towers reported in @t
 * @n_over: ncacn_ip_tcp towers not reported: @t was full
 * @n_other: well-formed towers of another kind (not ncacn_ip_tcp)
 * @n_null: null tower pointers
 * @t: the first @n ncacn_ip_tcp towers, in the answer's order
 */
struct nfalg_dcerpc_towers {
	u32 status;
	u32 count;
	u8 n;
	u16 n_over;
	u16 n_other;
	u16 n_null;
	struct nfalg_dcerpc_tower t[NFALG_DCERPC_TOWERS_MAX];
};

/**
 * nfalg_dcerpc_parse_towers() - read the towers of an endpoint mapper answer
 * @buf: the PDU, a response
 * @len: bytes in @buf
 * @h: its header, from nfalg_dcerpc_parse_hdr() on the same bytes
 * @c: its fixed part, from nfalg_dcerpc_parse_call() on the same bytes
 * @opnum: the operation answered, NFALG_DCERPC_EPT_MAP or
 *	NFALG_DCERPC_EPT_LOOKUP (from nfalg_dcerpc_conv_response())
 * @out: result; always initialised (all zero on error)
 *
 * The NDR stub of ept_map's answer: entry_handle (20 bytes), num_towers,
 * then the conformant varying array of tower pointers (max_count, offset
 * 0, actual_count equal to num_towers, the referent ids), the referent
 * of every non-null pointer in order (each a twr_t: its conformance,
 * tower_length equal to it, that many octets, padding to 4), then
 * status.  ept_lookup's answer: entry_handle, num_ents, the conformant
 * varying array of ept_entry_t (object UUID, tower pointer, annotation
 * as offset 0, actual_count at most NFALG_DCERPC_ANNOTATION_MAX and
 * that many characters, padding to 4), the tower referents in order,
 * then status.  Non-null referent ids must all differ (a full pointer
 * repeated would name a referent sent only once).  Bytes after status
 * are ignored.  Full pointers may also alias the request's referents
 * (their ids are numbered per call: Windows answers with ids from 3 on,
 * after the request's 1 and 2); an answer's pointer is always read as a
 * new referent, which is what every known server sends.
 *
 * A tower (octets little-endian) is a floor count (at least 1) and that
 * many floors, each an lhs (u16 length >= 1, whose first byte is the
 * protocol identifier) and an rhs (u16 length); the floors must fill
 * tower_length exactly.  A tower is reported when it is ncacn_ip_tcp
 * with an IPv4 address, exactly 5 floors: 0x0d interface (lhs of 19
 * bytes: UUID and major version; rhs 2 bytes: minor version), 0x0d
 * transfer syntax (lhs of 19 bytes), 0x0b connection-oriented RPC
 * (lhs of 1 byte), 0x07 TCP (lhs of 1 byte; rhs 2 bytes: the port),
 * 0x09 IP (lhs of 1 byte; rhs 4 bytes: the address).  Any other
 * well-formed tower (ncacn_np, ncalrpc, ncadg_ip_udp, ncacn_http...) is
 * counted in @out->n_other.  Every tower is checked, reported or not.
 *
 * Return: 0, or -EINVAL when @h is not a response, @opnum is neither
 * operation, or the stub is not a well-formed answer: nothing of it
 * is then to be used.
 */
int nfalg_dcerpc_parse_towers(const u8 *buf, unsigned int len,
			      const struct nfalg_dcerpc_hdr *h,
			      const struct nfalg_dcerpc_call *c, u16 opnum,
			      struct nfalg_dcerpc_towers *out);

/**
 * nfalg_dcerpc_uuid_parse_text() - read a UUID written as text
 * @text: "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (hex digits of any case)
 * @len: bytes in @text; must be 36
 * @uuid: result, RFC 4122 order; all zero on error
 *
 * Return: 0, or -EINVAL when @text is not such a UUID.
 */
int nfalg_dcerpc_uuid_parse_text(const char *text, unsigned int len,
				 u8 *uuid);

/* struct nfalg_dcerpc_state.began */
#define NFALG_DCERPC_BEGAN_CLIENT	0x01	/* client started with a bind */
#define NFALG_DCERPC_BEGAN_SERVER	0x02	/* server with bind_ack/nak */
#define NFALG_DCERPC_BAD_CLIENT		0x04	/* client started otherwise */
#define NFALG_DCERPC_BAD_SERVER		0x08	/* server started otherwise */

/**
 * struct nfalg_dcerpc_state - what one conversation has told so far
 * @call_id: call ids of the ept_map / ept_lookup requests waiting for an
 *	answer, @n_calls of them, oldest first
 * @bind_call_id: call id of the bind or alter_context waiting for its
 *	answer
 * @bind_cont_id: p_cont_id of its first @bind_n context elements
 * @epm_cont_id: context ids accepted for the endpoint mapper with NDR,
 *	@n_epm of them
 * @call_cont_id: context id of each waiting request
 * @call_opnum: operation of each waiting request
 * @began: NFALG_DCERPC_BEGAN_* and NFALG_DCERPC_BAD_* of each direction
 * @bind_pending: a bind or alter_context waits for its answer
 * @bind_n: its elements remembered: min(@bind_total, NFALG_DCERPC_CTX_MAX)
 * @bind_total: its n_context_elem
 * @bind_epm: bit i: element i proposes the endpoint mapper
 * @n_epm: entries used in @epm_cont_id
 * @n_calls: entries used in @call_id, @call_cont_id and @call_opnum
 * @done_opnum: the operation of the response parsed last (0: none), for
 *	its retransmissions (TCP), which must be translated the same way;
 *	kept by the module
 * @done_call_id: that response's call id
 *
 * At most 128 bytes; all zero is a conversation that has not begun.
 */
struct nfalg_dcerpc_state {
	u32 call_id[NFALG_DCERPC_CALLS_MAX];
	u32 bind_call_id;
	u16 bind_cont_id[NFALG_DCERPC_CTX_MAX];
	u16 epm_cont_id[NFALG_DCERPC_EPM_CTX_MAX];
	u16 call_cont_id[NFALG_DCERPC_CALLS_MAX];
	u8 call_opnum[NFALG_DCERPC_CALLS_MAX];
	u8 began;
	u8 bind_pending;
	u8 bind_n;
	u8 bind_total;
	u8 bind_epm;
	u8 n_epm;
	u8 n_calls;
	u8 done_opnum;
	u32 done_call_id;
};

/**
 * nfalg_dcerpc_conv_begin() - is a direction's stream to be parsed?
 * @s: the conversation
 * @from_client: the PDU comes from the client
 * @ptype: its type
 *
 * Call for every PDU before anything else.  The first PDU of each
 * direction decides for good, by nfalg_dcerpc_first_ok(): a direction
 * that did not start with a bind (client) or bind_ack / bind_nak
 * (server) is never parsed.
 *
 * Return: whether the PDU is to be parsed.
 */
bool nfalg_dcerpc_conv_begin(struct nfalg_dcerpc_state *s, bool from_client,
			     u8 ptype);

/**
 * nfalg_dcerpc_conv_bind() - note a bind or alter_context
 * @s: the conversation
 * @h: the PDU's header
 * @b: its context list, from nfalg_dcerpc_parse_bind()
 *
 * It becomes the one bind waiting for an answer (a bind that waited
 * before is forgotten).
 */
void nfalg_dcerpc_conv_bind(struct nfalg_dcerpc_state *s,
			    const struct nfalg_dcerpc_hdr *h,
			    const struct nfalg_dcerpc_bind *b);

/**
 * nfalg_dcerpc_conv_bind_ack() - apply the answer to the waiting bind
 * @s: the conversation
 * @h: the answer's header (bind_ack, alter_context_resp or bind_nak)
 * @a: its results, from nfalg_dcerpc_parse_bind_ack(); NULL for a
 *	bind_nak
 *
 * The answer must carry the waiting bind's call id and have one result
 * per element of its context list.  Each element that proposed the
 * endpoint mapper and is accepted with NDR makes its context id one of
 * the endpoint mapper's; an element accepted for anything else takes its
 * context id out of that set.  When the bind had more than
 * NFALG_DCERPC_CTX_MAX elements, its answer empties the set instead
 * (the elements past the ones remembered could redefine any id).  The
 * set keeps at most NFALG_DCERPC_EPM_CTX_MAX ids; more are not added.
 *
 * Return: the number of context ids added to the set (>= 0); -ENOENT
 * when no bind waits with that call id; -EINVAL when the number of
 * results is not the bind's number of elements (the bind is then
 * forgotten and nothing learnt).
 */
int nfalg_dcerpc_conv_bind_ack(struct nfalg_dcerpc_state *s,
			       const struct nfalg_dcerpc_hdr *h,
			       const struct nfalg_dcerpc_bind_ack *a);

/**
 * nfalg_dcerpc_conv_is_epm() - is a context id the endpoint mapper's?
 * @s: the conversation
 * @cont_id: a p_cont_id
 *
 * Return: whether @cont_id was accepted for the endpoint mapper with NDR.
 */
bool nfalg_dcerpc_conv_is_epm(const struct nfalg_dcerpc_state *s,
			      u16 cont_id);

/**
 * nfalg_dcerpc_conv_request() - note a request whose answer is wanted
 * @s: the conversation
 * @h: the request's header
 * @c: its fixed part, from nfalg_dcerpc_parse_call()
 *
 * Only an unfragmented (first and last fragment flags both set),
 * unauthenticated (auth_length 0) ept_map or ept_lookup request on an
 * endpoint mapper context is noted.
 *
 * Return: 1 when noted; 0 when the request is not one to note; -EEXIST
 * when a request with that call id already waits (nothing changes);
 * -ENOSPC when NFALG_DCERPC_CALLS_MAX requests already wait.
 */
int nfalg_dcerpc_conv_request(struct nfalg_dcerpc_state *s,
			      const struct nfalg_dcerpc_hdr *h,
			      const struct nfalg_dcerpc_call *c);

/**
 * nfalg_dcerpc_conv_response() - take the request a response answers
 * @s: the conversation
 * @h: the header of a response or fault
 * @c: a response's fixed part, from nfalg_dcerpc_parse_call(); not read
 *	for a fault (may be NULL then)
 *
 * The waiting request with the PDU's call id is forgotten, whatever
 * follows: a fault, a fragmented or authenticated response, or one on
 * another context than its request's, answers it but is not to be
 * parsed.
 *
 * Return: the operation answered (NFALG_DCERPC_EPT_MAP or
 * NFALG_DCERPC_EPT_LOOKUP) when the response is to be given to
 * nfalg_dcerpc_parse_towers(); 0 when it answers a waiting request but
 * is not to be parsed; -ENOENT when it answers none (nothing changes).
 */
int nfalg_dcerpc_conv_response(struct nfalg_dcerpc_state *s,
			       const struct nfalg_dcerpc_hdr *h,
			       const struct nfalg_dcerpc_call *c);

#endif /* _NFALG_DCERPC_PARSE_H */
