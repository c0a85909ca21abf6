// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg remote-shell ALG: the secondary-port field of rsh and rexec.
 *
 * A BSD rcmd()/rexec() client opens the control connection and, before
 * anything else, sends the TCP port it listens on for the server's
 * secondary connection (the command's standard error) as decimal ASCII
 * ended by a NUL byte.  An empty field or "0" asks for no secondary
 * connection.  Accepted here:
 *
 *   field = ( "0" / nzdigit *4digit / "" ) NUL      value 0..65535
 *
 * Leading zeros, signs, spaces and anything else are refused: clients
 * print the port with "%d"/"%u", so a field in another shape is not one a
 * pinhole should be opened for.
 */

#include "rsh_parse.h"

/**
 * nfalg_rsh_parse_port - parse the secondary-port field
 * @buf: the first bytes of the client's stream
 * @len: bytes in @buf, the terminating NUL included
 * @port: out: the port, 0 for none
 *
 * Return: the field's length (its NUL included), -EAGAIN when @buf holds
 * no NUL within the longest field, or -EINVAL when the field is malformed.
 */
int nfalg_rsh_parse_port(const char *buf, unsigned int len, u16 *port)
{
	unsigned int i, val = 0;

	for (i = 0; i < len && i < NFALG_RSH_PORT_MAX; i++) {
		u8 c = buf[i];

		if (c == '\0') {
			if (val > 65535)
				return -EINVAL;
			*port = val;
			return i + 1;
		}
		if (c < '0' || c > '9' || (i == 1 && buf[0] == '0'))
			return -EINVAL;
		val = val * 10 + (c - '0');
	}
	return i == NFALG_RSH_PORT_MAX ? -EINVAL : -EAGAIN;
}

/**
 * nfalg_rsh_format_port - write a port as the client would, without NUL
 * @buf: output
 * @size: bytes available in @buf
 * @port: the port, 1..65535
 *
 * Return: the number of characters written, or -ENOSPC.
 */
int nfalg_rsh_format_port(char *buf, unsigned int size, u16 port)
{
	char tmp[5];
	unsigned int n = 0, i;

	do {
		tmp[n++] = '0' + port % 10;
		port /= 10;
	} while (port);
	if (n > size)
		return -ENOSPC;
	for (i = 0; i < n; i++)
		buf[i] = tmp[n - 1 - i];
	return n;
}
