/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg TFTP ALG: parser for the first datagram of a TFTP exchange.
 *
 * A pure function over (buffer, length): no skb, no allocation, no global
 * state.  It never reads past the length it is given and relies on no NUL
 * byte beyond those inside the buffer.  The same source builds into the
 * kernel module and into the userspace unit tests and libFuzzer targets.
 */
#ifndef _NFALG_TFTP_PARSE_H
#define _NFALG_TFTP_PARSE_H

#include <nfalg/types.h>

/*
 * Largest read or write request accepted, in bytes of UDP payload.
 * RFC 2347 section "Packet Formats" caps a request, options included, at
 * 512 octets, the size of a classic RFC 1350 data block; a longer request
 * is not TFTP any implementation has to accept, so it is refused rather
 * than parsed.  Other opcodes are not subject to this limit: a DATA packet
 * may legitimately carry up to 65464 bytes once blksize has been agreed.
 */
#define NFALG_TFTP_MAX_REQ	512

enum nfalg_tftp_opcode {
	NFALG_TFTP_RRQ = 1,
	NFALG_TFTP_WRQ = 2,
	NFALG_TFTP_DATA = 3,
	NFALG_TFTP_ACK = 4,
	NFALG_TFTP_ERROR = 5,
	NFALG_TFTP_OACK = 6,
};

enum nfalg_tftp_mode {
	NFALG_TFTP_MODE_NONE = 0,
	NFALG_TFTP_MODE_NETASCII,
	NFALG_TFTP_MODE_OCTET,
	NFALG_TFTP_MODE_MAIL,
};

/* Bits of nfalg_tftp_req.opts: which known RFC 2347 options were present. */
#define NFALG_TFTP_OPT_BLKSIZE		(1U << 0)	/* RFC 2348 */
#define NFALG_TFTP_OPT_TIMEOUT		(1U << 1)	/* RFC 2349 */
#define NFALG_TFTP_OPT_TSIZE		(1U << 2)	/* RFC 2349 */
#define NFALG_TFTP_OPT_WINDOWSIZE	(1U << 3)	/* RFC 7440 */

/**
 * struct nfalg_tftp_req - what nfalg_tftp_parse() found
 * @opcode: opcode from the first two bytes, host byte order
 * @is_request: true only for a well-formed RRQ or WRQ
 * @mode: transfer mode of a request
 * @filename_off: offset of the file name in the payload
 * @filename_len: its length, the terminating NUL not counted (at least 1)
 * @nr_opts: number of option/value pairs, known or not
 * @opts: NFALG_TFTP_OPT_* bits of the known options present
 * @blksize: requested block size if NFALG_TFTP_OPT_BLKSIZE, else 0
 * @windowsize: requested window size if NFALG_TFTP_OPT_WINDOWSIZE, else 0
 * @timeout: requested timeout in seconds if NFALG_TFTP_OPT_TIMEOUT, else 0
 * @tsize: transfer size if NFALG_TFTP_OPT_TSIZE, else 0
 */
struct nfalg_tftp_req {
	u16 opcode;
	bool is_request;
	enum nfalg_tftp_mode mode;
	u16 filename_off;
	u16 filename_len;
	u16 nr_opts;
	u32 opts;
	u16 blksize;
	u16 windowsize;
	u8 timeout;
	u64 tsize;
};

/**
 * nfalg_tftp_parse() - classify and parse a TFTP datagram
 * @buf: UDP payload
 * @len: its length
 * @out: result; always initialised
 *
 * A request is opcode, file name, NUL, mode, NUL, then zero or more
 * option, NUL, value, NUL pairs (RFC 1350, RFC 2347).  The file name must
 * not be empty; the mode is "netascii", "octet" or "mail" and option names
 * are matched case-insensitively.  Known options must carry a value within
 * their RFC's range and may appear only once; unknown options are counted
 * and skipped.  Trailing NUL padding after the last string is tolerated,
 * anything else is not.
 *
 * Return: the opcode (> 0) on success; @out->is_request tells whether it
 * is a valid RRQ or WRQ.  DATA, ACK, ERROR and OACK are only recognised
 * (checked for their minimum length), not validated.  -EMSGSIZE for a
 * request longer than NFALG_TFTP_MAX_REQ, -EINVAL for an unknown opcode, a
 * truncated packet or a malformed request.
 */
int nfalg_tftp_parse(const u8 *buf, size_t len, struct nfalg_tftp_req *out);

#endif /* _NFALG_TFTP_PARSE_H */
