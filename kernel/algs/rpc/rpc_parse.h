/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg Sun RPC ALG: ONC RPC messages (RFC 5531) to the portmapper
 * (RFC 1833: portmap version 2, rpcbind versions 3 and 4), their record
 * marking over TCP, universal addresses, and the calls a conversation
 * still waits an answer for.
 *
 * Pure functions over (buffer, length) and a small fixed structure: no
 * skb, no allocation, no global state, no recursion.  They never read
 * past the length they are given; XDR words are read byte by byte, so
 * buffers need no alignment.  The same source builds into the kernel
 * module and into the userspace unit tests and libFuzzer targets.
 *
 * Offsets reported (res_off, str_off, maddr_off...) are counted from the
 * @buf the function was given: for TCP, from the first byte after the
 * record mark.
 */
#ifndef _NFALG_RPC_PARSE_H
#define _NFALG_RPC_PARSE_H

#include <nfalg/types.h>
#include <nfalg/inet_text.h>

/* The portmapper's (rpcbind's) program number */
#define NFALG_RPC_PMAP_PROG	100000

/* Bytes of a record-marking fragment header (RFC 5531 section 11) */
#define NFALG_RPC_MARK_LEN	4

/* Longest fragment taken for RPC: a longer one is not RPC */
#define NFALG_RPC_FRAG_MAX	(1U << 20)

/* Longest opaque_auth body (RFC 5531 section 8.2: MAX_AUTH_BYTES) */
#define NFALG_RPC_AUTH_MAX	400

/* Longest XDR string the call and GETADDRLIST parsers accept */
#define NFALG_RPC_STR_MAX	1024

/*
 * Room for any universal address nfalg_rpc_uaddr_format() writes, NUL
 * included: the longest address text and ".255.255".
 */
#define NFALG_RPC_UADDR_MAX	(NFALG_INET_TEXT_MAX + 9)

/**
 * nfalg_rpc_frag_len() - length of the record-marking fragment at @buf
 * @buf: bytes at a fragment start of a TCP stream (its 4-byte mark first)
 * @len: bytes at @buf (may hold only part of the fragment, or more)
 *
 * The mark is a big-endian word: its top bit says the fragment is the
 * last of its record, the other 31 bits give the fragment's length,
 * not counting the mark.
 *
 * Return: NFALG_RPC_MARK_LEN plus the fragment length (> 0; it may
 * exceed @len), 0 when @len is shorter than the mark, -EINVAL when the
 * fragment length is 0 or exceeds NFALG_RPC_FRAG_MAX (an HTTP "POST"
 * sent to the portmapper's port, say: not RPC).
 */
int nfalg_rpc_frag_len(const u8 *buf, unsigned int len);

/**
 * nfalg_rpc_frag_last() - is the fragment at @buf the last of its record?
 * @buf: the fragment's mark (at least NFALG_RPC_MARK_LEN bytes)
 *
 * Return: true when the mark's top bit is set.
 */
bool nfalg_rpc_frag_last(const u8 *buf);

/**
 * enum nfalg_rpc_kind - what a call to the portmapper asks for
 * @NFALG_RPC_K_OTHER: a portmapper call whose answer opens nothing (NULL,
 *	DUMP, GETTIME, UADDR2TADDR, TADDR2UADDR, GETSTAT, an unknown
 *	procedure or version), or a call to another program
 * @NFALG_RPC_K_GETPORT: version 2 GETPORT: the answer is a port
 * @NFALG_RPC_K_GETADDR: version 3 or 4 GETADDR, version 4 GETVERSADDR: the
 *	answer is one universal address
 * @NFALG_RPC_K_GETADDRLIST: version 4 GETADDRLIST: the answer is a list of
 *	universal addresses
 * @NFALG_RPC_K_REFUSED: SET, UNSET, CALLIT (BCAST), version 4 INDIRECT:
 *	never let through from a client
 */
enum nfalg_rpc_kind {
	NFALG_RPC_K_OTHER,
	NFALG_RPC_K_GETPORT,
	NFALG_RPC_K_GETADDR,
	NFALG_RPC_K_GETADDRLIST,
	NFALG_RPC_K_REFUSED,
};

/**
 * struct nfalg_rpc_call - what nfalg_rpc_parse_call() found
 * @xid: transaction ID
 * @prog: program number
 * @vers: program version
 * @proc: procedure number
 * @kind: for program NFALG_RPC_PMAP_PROG, what the call asks for; for any
 *	other program NFALG_RPC_K_OTHER
 * @arg_prog: GETPORT, GETADDR, GETVERSADDR, GETADDRLIST: the program
 *	whose address is asked for (0 for other kinds)
 * @arg_vers: and its version
 * @arg_l4proto: the transport asked for: IPPROTO_TCP or IPPROTO_UDP from
 *	GETPORT's prot, or from the netid "tcp", "tcp6", "udp", "udp6" of
 *	the GETADDR* calls; 0 for any other
 * @arg_v6: the netid was "tcp6" or "udp6"
 * @args_off: offset in @buf of the procedure's arguments (after the
 *	verifier)
 *
 * Beware that rpcbind answers GETADDR and GETVERSADDR for the transport
 * the call came over, whatever its r_netid says: @arg_l4proto and
 * @arg_v6 are the client's claim, not necessarily the answer's.
 */
struct nfalg_rpc_call {
	u32 xid, prog, vers, proc;
	enum nfalg_rpc_kind kind;
	u32 arg_prog, arg_vers;
	u8 arg_l4proto;
	bool arg_v6;
	unsigned int args_off;
};

/**
 * nfalg_rpc_parse_call() - parse an RPC call message
 * @buf: the message: a UDP payload, or a TCP record's bytes after its mark
 * @len: bytes in @buf
 * @out: result; always initialised (all zero but @out->xid, set whenever
 *	@len holds it, on a return other than 0)
 *
 * Reads xid, msg_type (0), rpcvers (2), prog, vers, proc, the credential
 * and the verifier (each a flavor and an opaque body of at most
 * NFALG_RPC_AUTH_MAX bytes, padded to 4), then, for the portmapper's
 * GETPORT (prog, vers, prot, port) and GETADDR, GETVERSADDR, GETADDRLIST
 * (struct rpcb: r_prog, r_vers, r_netid, r_addr, r_owner, strings of at
 * most NFALG_RPC_STR_MAX bytes) the arguments, which must be all there.
 * Other calls' arguments are not read.  Bytes after what is read are
 * ignored; the padding of opaque data and strings is not checked.
 *
 * Return: 0 with @out filled in; -ENOENT when the message is a reply, or
 * of a msg_type other than CALL (0); -EINVAL when it is shorter than what
 * must be read, when rpcvers is not 2, or when an opaque body or a string
 * is longer than allowed.  A GETPORT whose prot is neither 6 nor 17 is
 * accepted with @out->arg_l4proto 0.
 */
int nfalg_rpc_parse_call(const u8 *buf, unsigned int len,
			 struct nfalg_rpc_call *out);

/**
 * struct nfalg_rpc_reply - what nfalg_rpc_parse_reply() found
 * @xid: transaction ID
 * @success: the call was accepted (MSG_ACCEPTED) and executed (SUCCESS)
 * @res_off: with @success, the offset in @buf of the results (it may be
 *	@len when the results are missing: the result functions then fail);
 *	0 otherwise
 */
struct nfalg_rpc_reply {
	u32 xid;
	bool success;
	unsigned int res_off;
};

/**
 * nfalg_rpc_parse_reply() - parse an RPC reply message
 * @buf: the message: a UDP payload, or a TCP record's bytes after its mark
 * @len: bytes in @buf
 * @out: result; always initialised (all zero but @out->xid, set whenever
 *	@len holds it, on a return other than 0)
 *
 * An accepted reply holds a verifier (flavor, opaque body of at most
 * NFALG_RPC_AUTH_MAX bytes) and an accept_stat: SUCCESS (results
 * follow), PROG_UNAVAIL, PROG_MISMATCH (two words follow, which must be
 * there), PROC_UNAVAIL, GARBAGE_ARGS or SYSTEM_ERR.  A denied reply holds
 * a reject_stat: RPC_MISMATCH (two words) or AUTH_ERROR (one word).
 *
 * Return: 0 with @out filled in (@out->success false for an accepted
 * reply other than SUCCESS and for a denied reply); -ENOENT when the
 * message is a call; -EINVAL when it is shorter than what must be read,
 * when msg_type, reply_stat, accept_stat or reject_stat has a value
 * RFC 5531 does not define, or when the verifier is too long.
 */
int nfalg_rpc_parse_reply(const u8 *buf, unsigned int len,
			  struct nfalg_rpc_reply *out);

/**
 * nfalg_rpc_getport_result() - read a GETPORT answer
 * @buf: the reply (as given to nfalg_rpc_parse_reply())
 * @len: bytes in @buf
 * @off: offset of the results (struct nfalg_rpc_reply.res_off)
 * @port: out: the port (0 on any failure)
 *
 * Return: 0 with *@port 1..65535; -ENOENT when the port is 0 (the
 * program is not registered); -EINVAL when fewer than 4 bytes are at
 * @off or the value exceeds 65535.
 */
int nfalg_rpc_getport_result(const u8 *buf, unsigned int len,
			     unsigned int off, u16 *port);

/**
 * nfalg_rpc_xdr_string() - locate an XDR string
 * @buf: the message
 * @len: bytes in @buf
 * @off: in: offset of the string's length word; out: just after its
 *	padding (unchanged on failure)
 * @max: longest string accepted
 * @str_off: out: offset of its first byte
 * @str_len: out: its length
 *
 * An XDR string (or variable-length opaque) is a big-endian length word,
 * that many bytes, then 0 to 3 bytes of padding to a multiple of 4.  The
 * bytes are not looked at.
 *
 * Return: 0, or -EINVAL when the string and its padding do not fit in
 * @len or it is longer than @max.
 */
int nfalg_rpc_xdr_string(const u8 *buf, unsigned int len, unsigned int *off,
			 unsigned int max, unsigned int *str_off,
			 unsigned int *str_len);

/**
 * nfalg_rpc_uaddr_parse() - read a universal address
 * @s: the text (not NUL-terminated)
 * @n: its length: all of it must be the address
 * @v6: out: the address is IPv6
 * @addr: out: 16 bytes, the address in network order (IPv4 in the first
 *	4, the rest zero)
 * @port: out: the port
 *
 * IPv4: "h1.h2.h3.h4.p1.p2" (the address as nfalg_inet_pton4() reads it);
 * IPv6: "<text>.p1.p2" (the address as nfalg_inet_pton6() reads it,
 * an embedded dotted quad included, no brackets or zone).  p1 and p2 are
 * decimal numbers 0..255 without sign or leading zeros; the port is
 * p1 * 256 + p2 and must not be 0.  On failure the outputs are zero.
 *
 * Return: 0; -ENOENT for the empty string (the program is not
 * registered); -EINVAL for any other text.
 */
int nfalg_rpc_uaddr_parse(const char *s, unsigned int n, bool *v6, u8 *addr,
			  u16 *port);

/**
 * nfalg_rpc_uaddr_format() - write a universal address
 * @dst: NFALG_RPC_UADDR_MAX bytes; the text is NUL-terminated
 * @v6: @addr is IPv6 (16 bytes), else IPv4 (4 bytes)
 * @addr: the address, network order
 * @port: the port
 *
 * The address as nfalg_inet_ntop() writes it, then ".p1.p2".
 *
 * Return: the length of the text, NUL not counted.
 */
unsigned int nfalg_rpc_uaddr_format(char *dst, bool v6, const u8 *addr,
				    u16 port);

/**
 * nfalg_rpc_xdr_put_string() - XDR-encode a string
 * @dst: output
 * @cap: bytes available at @dst
 * @s: the string's bytes
 * @n: its length
 *
 * Writes the big-endian length, the bytes and zero padding to a multiple
 * of 4.
 *
 * Return: the number of bytes written, 4 + @n rounded up to a multiple
 * of 4; 0 (nothing written) when that exceeds @cap.
 */
unsigned int nfalg_rpc_xdr_put_string(u8 *dst, unsigned int cap,
				      const char *s, unsigned int n);

/**
 * struct nfalg_rpc_entry - one rpcb_entry of a GETADDRLIST answer
 * @maddr_off: offset in the message of the universal address (r_maddr)
 * @maddr_len: its length
 * @maddr_xdr_off: offset of its XDR length word (to rewrite it)
 * @maddr_xdr_len: bytes of the whole XDR string: length word, text and
 *	padding
 * @l4proto: IPPROTO_TCP or IPPROTO_UDP from r_nc_proto "tcp" or "udp"
 *	when r_nc_protofmly is "inet" or "inet6"; 0 for any other
 * @v6: r_nc_protofmly is "inet6"
 */
struct nfalg_rpc_entry {
	unsigned int maddr_off, maddr_len;
	unsigned int maddr_xdr_off;
	unsigned int maddr_xdr_len;
	u8 l4proto;
	bool v6;
};

/**
 * nfalg_rpc_addrlist_next() - read the next entry of a GETADDRLIST answer
 * @buf: the reply
 * @len: bytes in @buf
 * @off: in: where the next item starts (first struct nfalg_rpc_reply
 *	.res_off); out: after the entry read, or after the list's end
 *	(unchanged on failure)
 * @e: out: the entry (zero unless 1 is returned)
 *
 * The list is a sequence of items, each a boolean word: 1 followed by an
 * rpcb_entry (r_maddr, r_nc_netid strings, r_nc_semantics word,
 * r_nc_protofmly, r_nc_proto strings, each string at most
 * NFALG_RPC_STR_MAX bytes), or 0 ending the list.
 *
 * Return: 1 when an entry was read, 0 at the end of the list, -EINVAL
 * when the item is truncated or its boolean word is neither 0 nor 1.
 */
int nfalg_rpc_addrlist_next(const u8 *buf, unsigned int len,
			    unsigned int *off, struct nfalg_rpc_entry *e);

/* Calls one conversation may have waiting for their answer at once */
#define NFALG_RPC_PENDING_MAX	8

/**
 * struct nfalg_rpc_pending - a call waiting for its answer
 * @xid: its transaction ID
 * @arg_prog: the program it asks the address of
 * @kind: its enum nfalg_rpc_kind (GETPORT, GETADDR or GETADDRLIST)
 * @l4proto: struct nfalg_rpc_call.arg_l4proto
 * @v6: struct nfalg_rpc_call.arg_v6
 */
struct nfalg_rpc_pending {
	u32 xid;
	u32 arg_prog;
	u8 kind;
	u8 l4proto;
	bool v6;
};

/**
 * struct nfalg_rpc_state - per-conversation state of the RPC ALG
 * @p: the calls waiting for their answer, @n of them, oldest first
 * @done: the call answered last (kind 0: none), for a retransmission of
 *	its answer (TCP), which must be translated the same way; kept by
 *	the module
 * @n: how many
 * @cont: per direction, the stream is inside a record of several
 *	fragments (its later fragments are not message starts); kept by the
 *	module, not by these functions
 *
 * All zero is the empty state.
 */
struct nfalg_rpc_state {
	struct nfalg_rpc_pending p[NFALG_RPC_PENDING_MAX];
	struct nfalg_rpc_pending done;
	u8 n;
	u8 cont[2];
};

/**
 * nfalg_rpc_pending_add() - note a call whose answer is awaited
 * @s: the state
 * @c: the call (nfalg_rpc_parse_call() returned 0)
 *
 * Only calls of kind GETPORT, GETADDR and GETADDRLIST are noted.  A call
 * whose xid already waits is the same call again when its kind, program,
 * transport and family are the same (a retransmission): the entry is
 * refreshed (made the newest).  Any other call with that xid makes the
 * entry be forgotten: its answer could not be told from the other
 * call's.  A state whose count is out of range is taken as full, never
 * read past.
 *
 * Return: 0 when added; 1 when added after forgetting the oldest call to
 * make room (the state was full); -EEXIST when a call with the same xid
 * was waiting (refreshed or forgotten as above, nothing added); -EINVAL
 * for a call of another kind that no waiting call shares the xid of
 * (nothing changes).
 */
int nfalg_rpc_pending_add(struct nfalg_rpc_state *s,
			  const struct nfalg_rpc_call *c);

/**
 * nfalg_rpc_pending_take() - take out the call an answer answers
 * @s: the state
 * @xid: the answer's transaction ID
 * @out: out: the call (all zero when none)
 *
 * Return: 0 with *@out filled in and the entry removed; -ENOENT when no
 * call with @xid waits (nothing changes).
 */
int nfalg_rpc_pending_take(struct nfalg_rpc_state *s, u32 xid,
			   struct nfalg_rpc_pending *out);

#endif /* _NFALG_RPC_PARSE_H */
