// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests for the FTP control-line parser and rewrite formatter.
 *
 * Every parse runs on an exact-size heap copy of its input, so that
 * AddressSanitizer reports any read past the length given.  glibc's
 * inet_pton()/inet_ntop() serve as an independent oracle for addresses.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "ftp/ftp_parse.h"

#define C true		/* client to server */
#define S false		/* server to client */
#define LINE -1000	/* expected return: the length of the whole input */

/* Test tables leave trailing fields zero on purpose. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

/* A string literal and its length, embedded NULs included. */
#define L(s) s, sizeof(s) - 1

struct ftp_case {
	const char *name;
	const char *in;
	size_t len;
	bool client;
	int ret;
	enum nfalg_ftp_type type;
	u8 family;
	const char *addr;	/* text for inet_pton(), NULL if none */
	u16 port;
	const char *span;	/* expected replaceable text */
};

static const struct ftp_case cases[] = {
	/* PORT */
	{ "PORT basic CRLF", L("PORT 10,0,0,1,4,1\r\n"), C, LINE,
	  NFALG_FTP_PORT, 4, "10.0.0.1", 1025, "10,0,0,1,4,1" },
	{ "PORT LF only", L("PORT 192,168,1,2,255,255\n"), C, LINE,
	  NFALG_FTP_PORT, 4, "192.168.1.2", 65535, "192,168,1,2,255,255" },
	{ "PORT lowercase", L("port 1,2,3,4,0,1\r\n"), C, LINE,
	  NFALG_FTP_PORT, 4, "1.2.3.4", 1, "1,2,3,4,0,1" },
	{ "PORT mixed case", L("PoRt 1,2,3,4,0,21\r\n"), C, LINE,
	  NFALG_FTP_PORT, 4, "1.2.3.4", 21, "1,2,3,4,0,21" },
	{ "PORT leading zeros", L("PORT 010,000,000,001,004,001\r\n"), C, LINE,
	  NFALG_FTP_PORT, 4, "10.0.0.1", 1025, "010,000,000,001,004,001" },
	{ "PORT all 255", L("PORT 255,255,255,255,255,255\r\n"), C, LINE,
	  NFALG_FTP_PORT, 4, "255.255.255.255", 65535,
	  "255,255,255,255,255,255" },
	{ "PORT only first line", L("PORT 1,2,3,4,5,6\r\nNOOP\r\n"), C, 18,
	  NFALG_FTP_PORT, 4, "1.2.3.4", 1286, "1,2,3,4,5,6" },
	{ "PORT number 256", L("PORT 256,0,0,1,4,1\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT port byte 256", L("PORT 1,2,3,4,4,256\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT 4-digit number", L("PORT 0010,0,0,1,4,1\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT 4-digit last", L("PORT 10,0,0,1,4,0001\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT port 0", L("PORT 1,2,3,4,0,0\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT five fields", L("PORT 1,2,3,4,5\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT seven fields", L("PORT 1,2,3,4,5,6,7\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT empty field", L("PORT 1,,3,4,5,6\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT trailing comma", L("PORT 1,2,3,4,5,6,\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT plus sign", L("PORT +1,2,3,4,5,6\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT minus sign", L("PORT 1,2,3,4,5,-6\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT trailing garbage", L("PORT 1,2,3,4,5,6x\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT trailing space", L("PORT 1,2,3,4,5,6 \r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT spaces in list", L("PORT 1, 2,3,4,5,6\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT two spaces", L("PORT  1,2,3,4,5,6\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT no argument", L("PORT\r\n"), C, -EINVAL, NFALG_FTP_PORT },
	{ "PORT empty argument", L("PORT \r\n"), C, -EINVAL, NFALG_FTP_PORT },
	{ "PORT embedded NUL", L("PORT 1,2,3,4\0,5,6\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT NUL after args", L("PORT 1,2,3,4,5,6\0\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT bare CR", L("PORT 1,2,3,4,5,6\r\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT hex number", L("PORT 0x1,2,3,4,5,6\r\n"), C, -EINVAL,
	  NFALG_FTP_PORT },
	{ "PORT incomplete line", L("PORT 1,2,3,4,5,6"), C, 0 },
	{ "PORT CR without LF", L("PORT 1,2,3,4,5,6\r"), C, 0 },
	{ "empty buffer", L(""), C, 0 },
	{ "PORTS is not PORT", L("PORTS 1,2,3,4,5,6\r\n"), C, LINE },
	{ "PORT tab separator", L("PORT\t1,2,3,4,5,6\r\n"), C, LINE },
	{ "PORT not at offset 0", L(" PORT 1,2,3,4,5,6\r\n"), C, LINE },
	{ "PORT mid-line", L("NOOP PORT 1,2,3,4,5,6\r\n"), C, LINE },
	{ "PORT mid-line in RETR",
	  L("RETR x\rPORT 1,2,3,4,5,6\r\n"), C, LINE },
	{ "PORT from server", L("PORT 1,2,3,4,5,6\r\n"), S, LINE },
	{ "PORT on second line", L("NOOP\r\nPORT 1,2,3,4,5,6\r\n"), C, 6 },
	{ "bare LF", L("\n"), C, 1 },
	{ "bare CRLF", L("\r\n"), S, 2 },
	{ "NONE line with NUL", L("USER a\0b\r\n"), C, LINE },

	/* EPRT */
	{ "EPRT IPv4 RFC 2428", L("EPRT |1|132.235.1.2|6275|\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 4, "132.235.1.2", 6275, "|1|132.235.1.2|6275|" },
	{ "EPRT IPv6 RFC 2428", L("EPRT |2|1080::8:800:200C:417A|5282|\r\n"),
	  C, LINE, NFALG_FTP_EPRT, 6, "1080::8:800:200c:417a", 5282,
	  "|2|1080::8:800:200C:417A|5282|" },
	{ "EPRT lowercase LF", L("eprt |1|10.0.0.1|1025|\n"), C, LINE,
	  NFALG_FTP_EPRT, 4, "10.0.0.1", 1025, "|1|10.0.0.1|1025|" },
	{ "EPRT delimiter !", L("EPRT !1!10.0.0.1!1025!\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 4, "10.0.0.1", 1025, "!1!10.0.0.1!1025!" },
	{ "EPRT delimiter ~", L("EPRT ~2~::1~65535~\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 6, "::1", 65535, "~2~::1~65535~" },
	{ "EPRT delimiter z", L("EPRT z1z10.0.0.1z1z\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 4, "10.0.0.1", 1, "z1z10.0.0.1z1z" },
	{ "EPRT IPv6 ::", L("EPRT |2|::|21|\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 6, "::", 21, "|2|::|21|" },
	{ "EPRT IPv6 ::1", L("EPRT |2|::1|21|\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 6, "::1", 21, "|2|::1|21|" },
	{ "EPRT IPv6 1::", L("EPRT |2|1::|21|\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 6, "1::", 21, "|2|1::|21|" },
	{ "EPRT IPv6 fe80::1:2", L("EPRT |2|fe80::1:2|21|\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 6, "fe80::1:2", 21, "|2|fe80::1:2|21|" },
	{ "EPRT IPv6 mapped", L("EPRT |2|::ffff:1.2.3.4|21|\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 6, "::ffff:1.2.3.4", 21, "|2|::ffff:1.2.3.4|21|" },
	{ "EPRT IPv6 8 groups", L("EPRT |2|1:2:3:4:5:6:7:8|21|\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 6, "1:2:3:4:5:6:7:8", 21,
	  "|2|1:2:3:4:5:6:7:8|21|" },
	{ "EPRT IPv6 full zeros",
	  L("EPRT |2|0000:0000:0000:0000:0000:0000:0000:0000|21|\r\n"), C,
	  LINE, NFALG_FTP_EPRT, 6, "::", 21,
	  "|2|0000:0000:0000:0000:0000:0000:0000:0000|21|" },
	{ "EPRT IPv6 6 groups + IPv4",
	  L("EPRT |2|1:2:3:4:5:6:1.2.3.4|21|\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 6, "1:2:3:4:5:6:1.2.3.4", 21,
	  "|2|1:2:3:4:5:6:1.2.3.4|21|" },
	{ "EPRT IPv6 :: for one group", L("EPRT |2|1:2:3:4::5:6:7|21|\r\n"),
	  C, LINE, NFALG_FTP_EPRT, 6, "1:2:3:4:0:5:6:7", 21,
	  "|2|1:2:3:4::5:6:7|21|" },
	{ "EPRT IPv6 ::IPv4", L("EPRT |2|::1.2.3.4|21|\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 6, "::1.2.3.4", 21, "|2|::1.2.3.4|21|" },
	{ "EPRT IPv6 uppercase", L("EPRT |2|2001:DB8::A|21|\r\n"), C, LINE,
	  NFALG_FTP_EPRT, 6, "2001:db8::a", 21, "|2|2001:DB8::A|21|" },
	{ "EPRT IPv6 1:::2", L("EPRT |2|1:::2|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv6 9 groups", L("EPRT |2|1:2:3:4:5:6:7:8:9|21|\r\n"), C,
	  -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT IPv6 7 groups", L("EPRT |2|1:2:3:4:5:6:7|21|\r\n"), C,
	  -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT IPv6 8 groups and ::", L("EPRT |2|1:2:3:4:5:6:7:8::|21|\r\n"),
	  C, -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT IPv6 :: and 8 groups", L("EPRT |2|::1:2:3:4:5:6:7:8|21|\r\n"),
	  C, -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT IPv6 two ::", L("EPRT |2|1::2::3|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv6 leading :", L("EPRT |2|:1::2|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv6 trailing :", L("EPRT |2|1::2:|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv6 lone :", L("EPRT |2|:|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv6 5 hex digits", L("EPRT |2|12345::|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv6 bad hex", L("EPRT |2|g::1|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv6 zone", L("EPRT |2|fe80::1%eth0|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv6 short IPv4", L("EPRT |2|::1.2.3|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv6 IPv4 not last", L("EPRT |2|::1.2.3.4:5|21|\r\n"), C,
	  -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT IPv6 IPv4 first", L("EPRT |2|1.2.3.4::|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv6 7 groups + IPv4",
	  L("EPRT |2|1:2:3:4:5:6:7:1.2.3.4|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv6 IPv4 leading zero", L("EPRT |2|::ffff:01.2.3.4|21|\r\n"),
	  C, -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT IPv6 empty", L("EPRT |2||21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT af 1 with IPv6", L("EPRT |1|::1|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT af 2 with IPv4", L("EPRT |2|10.0.0.1|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT af 3", L("EPRT |3|10.0.0.1|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT af empty", L("EPRT ||10.0.0.1|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv4 leading zero", L("EPRT |1|010.0.0.1|21|\r\n"), C,
	  -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT IPv4 256", L("EPRT |1|10.0.0.256|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv4 3 parts", L("EPRT |1|10.0.1|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv4 5 parts", L("EPRT |1|10.0.0.1.5|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT IPv4 empty part", L("EPRT |1|10..0.1|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT port 0", L("EPRT |1|10.0.0.1|0|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT port 65536", L("EPRT |1|10.0.0.1|65536|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT port 6 digits", L("EPRT |1|10.0.0.1|001025|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT port empty", L("EPRT |1|10.0.0.1||\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT mixed delimiters", L("EPRT |1|10.0.0.1$1025|\r\n"), C,
	  -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT missing last delimiter", L("EPRT |1|10.0.0.1|1025\r\n"), C,
	  -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT trailing garbage", L("EPRT |1|10.0.0.1|1025|x\r\n"), C,
	  -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT digit delimiter", L("EPRT 5150.0.0.1515\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT colon delimiter", L("EPRT :2:::1:21:\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT dot delimiter", L("EPRT .1.10.0.0.1.21.\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT hex letter delimiter", L("EPRT a1a10.0.0.1a21a\r\n"), C,
	  -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT DEL delimiter", L("EPRT \x7f" "1\x7f" "10.0.0.1\x7f" "21\x7f\r\n"),
	  C, -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT high-bit delimiter",
	  L("EPRT \xa6" "1\xa6" "10.0.0.1\xa6" "21\xa6\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT two spaces", L("EPRT  |1|10.0.0.1|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT no argument", L("EPRT\r\n"), C, -EINVAL, NFALG_FTP_EPRT },
	{ "EPRT short argument", L("EPRT |1|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT embedded NUL", L("EPRT |1|10.0.0.1\0|21|\r\n"), C, -EINVAL,
	  NFALG_FTP_EPRT },
	{ "EPRT from server", L("EPRT |1|10.0.0.1|21|\r\n"), S, LINE },
	{ "EPRT mid-line", L("XEPRT |1|10.0.0.1|21|\r\n"), C, LINE },

	/* 227 */
	{ "227 with parentheses",
	  L("227 Entering Passive Mode (10,0,0,1,4,1)\r\n"), S, LINE,
	  NFALG_FTP_PASV227, 4, "10.0.0.1", 1025, "10,0,0,1,4,1" },
	{ "227 without parentheses",
	  L("227 Entering Passive Mode 10,0,0,1,4,1\r\n"), S, LINE,
	  NFALG_FTP_PASV227, 4, "10.0.0.1", 1025, "10,0,0,1,4,1" },
	{ "227 equals sign LF", L("227 =192,168,0,1,200,10\n"), S, LINE,
	  NFALG_FTP_PASV227, 4, "192.168.0.1", 51210, "192,168,0,1,200,10" },
	{ "227 numbers first", L("227 10,0,0,1,4,1. ok\r\n"), S, LINE,
	  NFALG_FTP_PASV227, 4, "10.0.0.1", 1025, "10,0,0,1,4,1" },
	{ "227 no closing parenthesis",
	  L("227 Entering Passive Mode (10,0,0,1,4,1\r\n"), S, LINE,
	  NFALG_FTP_PASV227, 4, "10.0.0.1", 1025, "10,0,0,1,4,1" },
	{ "227 8-bit text",
	  L("227 Entr\xc3\xa9" "e en mode passif (10,0,0,1,4,1)\r\n"), S,
	  LINE, NFALG_FTP_PASV227, 4, "10.0.0.1", 1025, "10,0,0,1,4,1" },
	{ "227 seven numbers",
	  L("227 Entering Passive Mode (10,0,0,1,4,1,2)\r\n"), S, -EINVAL,
	  NFALG_FTP_PASV227 },
	{ "227 number 256",
	  L("227 Entering Passive Mode (256,0,0,1,4,1)\r\n"), S, -EINVAL,
	  NFALG_FTP_PASV227 },
	{ "227 4-digit number",
	  L("227 Entering Passive Mode (1000,0,0,1,4,1)\r\n"), S, -EINVAL,
	  NFALG_FTP_PASV227 },
	{ "227 port 0", L("227 Entering Passive Mode (10,0,0,1,0,0)\r\n"), S,
	  -EINVAL, NFALG_FTP_PASV227 },
	{ "227 five numbers", L("227 Entering Passive Mode (10,0,0,1,4)\r\n"),
	  S, -EINVAL, NFALG_FTP_PASV227 },
	{ "227 no numbers", L("227 Entering Passive Mode\r\n"), S, -EINVAL,
	  NFALG_FTP_PASV227 },
	{ "227 other digits first",
	  L("227 Mode 2 (10,0,0,1,4,1)\r\n"), S, -EINVAL, NFALG_FTP_PASV227 },
	{ "227 embedded NUL", L("227 Passive\0 (10,0,0,1,4,1)\r\n"), S,
	  -EINVAL, NFALG_FTP_PASV227 },
	{ "227 no text", L("227 \r\n"), S, -EINVAL, NFALG_FTP_PASV227 },
	{ "227 multi-line start", L("227-Entering (10,0,0,1,4,1)\r\n"), S,
	  LINE },
	{ "227 without space", L("227\r\n"), S, LINE },
	{ "2270 is not 227", L("2270 (10,0,0,1,4,1)\r\n"), S, LINE },
	{ "227 not at offset 0", L(" 227 (10,0,0,1,4,1)\r\n"), S, LINE },
	{ "227 mid-line", L("200 ok 227 (10,0,0,1,4,1)\r\n"), S, LINE },
	{ "227 from client", L("227 (10,0,0,1,4,1)\r\n"), C, LINE },
	{ "227 incomplete", L("227 Entering Passive Mode (10,0,0,1,4,1)"), S,
	  0 },

	/* 229 */
	{ "229 RFC 2428", L("229 Entering Extended Passive Mode (|||6446|)\r\n"),
	  S, LINE, NFALG_FTP_EPSV229, 0, NULL, 6446, "|||6446|" },
	{ "229 LF only", L("229 (|||1|)\n"), S, LINE, NFALG_FTP_EPSV229, 0,
	  NULL, 1, "|||1|" },
	{ "229 delimiter !", L("229 Extended (!!!65535!) ok\r\n"), S, LINE,
	  NFALG_FTP_EPSV229, 0, NULL, 65535, "!!!65535!" },
	{ "229 mixed delimiters", L("229 (||!1025|)\r\n"), S, -EINVAL,
	  NFALG_FTP_EPSV229 },
	{ "229 last delimiter differs", L("229 (|||1025!)\r\n"), S, -EINVAL,
	  NFALG_FTP_EPSV229 },
	{ "229 missing )", L("229 (|||1025|\r\n"), S, -EINVAL,
	  NFALG_FTP_EPSV229 },
	{ "229 port 0", L("229 (|||0|)\r\n"), S, -EINVAL, NFALG_FTP_EPSV229 },
	{ "229 port 65536", L("229 (|||65536|)\r\n"), S, -EINVAL,
	  NFALG_FTP_EPSV229 },
	{ "229 no port", L("229 (||||)\r\n"), S, -EINVAL, NFALG_FTP_EPSV229 },
	{ "229 with address", L("229 (|1|10.0.0.1|1025|)\r\n"), S, -EINVAL,
	  NFALG_FTP_EPSV229 },
	{ "229 no parentheses", L("229 |||1025|\r\n"), S, -EINVAL,
	  NFALG_FTP_EPSV229 },
	{ "229 digit delimiter", L("229 (1111025 1)\r\n"), S, -EINVAL,
	  NFALG_FTP_EPSV229 },
	{ "229 truncated after (", L("229 (\r\n"), S, -EINVAL,
	  NFALG_FTP_EPSV229 },
	{ "229 from client", L("229 (|||1025|)\r\n"), C, LINE },
	{ "229 mid-line", L("250 x 229 (|||1025|)\r\n"), S, LINE },
};

static int parse_exact(const char *in, size_t len, bool client,
		       struct nfalg_ftp_cmd *out)
{
	char *p = malloc(len ? len : 1);
	int ret;

	memcpy(p, in, len);
	ret = nfalg_ftp_parse_line(p, len, client, out);
	free(p);
	return ret;
}

static void run_case(const struct ftp_case *tc)
{
	struct nfalg_ftp_cmd out;
	u8 addr[16] = { 0 };
	int ret, want = tc->ret == LINE ? (int)tc->len : tc->ret;

	memset(&out, 0xa5, sizeof(out));
	ret = parse_exact(tc->in, tc->len, tc->client, &out);
	EXPECT_EQ(ret, want);
	EXPECT_EQ(out.type, tc->type);
	if (ret <= 0 || tc->type == NFALG_FTP_NONE) {
		EXPECT_EQ(out.family, 0);
		EXPECT_EQ(out.port, 0);
		EXPECT_EQ(out.off, 0);
		EXPECT_EQ(out.len, 0);
		return;
	}
	EXPECT_EQ(out.family, tc->family);
	EXPECT_EQ(out.port, tc->port);
	if (tc->addr) {
		CHECK(inet_pton(tc->family == 4 ? AF_INET : AF_INET6, tc->addr,
				addr) == 1);
		EXPECT_MEM(out.addr, addr, tc->family == 4 ? 4 : 16);
	}
	EXPECT_EQ(out.len, strlen(tc->span));
	CHECK(out.off + out.len <= ret);
	if (out.off + out.len <= ret)
		EXPECT_MEM(tc->in + out.off, tc->span, out.len);
	if (tc->type == NFALG_FTP_EPRT || tc->type == NFALG_FTP_EPSV229)
		EXPECT_EQ(out.delim, tc->span[0]);
	else
		EXPECT_EQ(out.delim, 0);
}

static void test_227_offset(void)
{
	static const char in[] = "227 Entering Passive Mode (10,0,0,1,4,1)\r\n";
	struct nfalg_ftp_cmd out;

	EXPECT_EQ(parse_exact(in, sizeof(in) - 1, S, &out), sizeof(in) - 1);
	EXPECT_EQ(out.off, 27);
	EXPECT_EQ(out.len, 12);
}

static void test_line_limit(void)
{
	char buf[700];
	struct nfalg_ftp_cmd out;

	/* A 512-byte line, terminator included, is the longest accepted. */
	memset(buf, 'x', sizeof(buf));
	buf[511] = '\n';
	EXPECT_EQ(parse_exact(buf, 512, C, &out), 512);
	EXPECT_EQ(parse_exact(buf, sizeof(buf), C, &out), 512);
	EXPECT_EQ(out.type, NFALG_FTP_NONE);

	/* No terminator in 512 bytes: overlong, whatever follows. */
	buf[511] = 'x';
	buf[512] = '\n';
	EXPECT_EQ(parse_exact(buf, 512, C, &out), -EMSGSIZE);
	EXPECT_EQ(parse_exact(buf, 513, C, &out), -EMSGSIZE);
	EXPECT_EQ(parse_exact(buf, sizeof(buf), S, &out), -EMSGSIZE);

	/* Fewer than 512 bytes without terminator: wait for more. */
	EXPECT_EQ(parse_exact(buf, 511, C, &out), 0);
	EXPECT_EQ(parse_exact(buf, 300, S, &out), 0);

	/* A PORT command padded past the limit is refused, not parsed. */
	memcpy(buf, "PORT 1,2,3,4,5,6", 16);
	memset(buf + 16, ' ', sizeof(buf) - 16);
	buf[600] = '\n';
	EXPECT_EQ(parse_exact(buf, 601, C, &out), -EMSGSIZE);
	EXPECT_EQ(out.type, NFALG_FTP_NONE);
}

/* Lines that parse; used for truncation, mutation and round trips. */
static const struct {
	const char *in;
	bool client;
} valid[] = {
	{ "PORT 10,0,0,1,4,1\r\n", C },
	{ "port 010,000,000,001,004,001\n", C },
	{ "EPRT |1|132.235.1.2|6275|\r\n", C },
	{ "EPRT |2|1080::8:800:200C:417A|5282|\r\n", C },
	{ "EPRT !2!::ffff:1.2.3.4!21!\r\n", C },
	{ "EPRT |2|1:2:3:4:5:6:7:8|65535|\r\n", C },
	{ "EPRT |2|0:0:0:0:0:ffff:0:0|1|\r\n", C },
	{ "EPRT |2|::|21|\n", C },
	{ "227 Entering Passive Mode (10,0,0,1,4,1)\r\n", S },
	{ "227 =192,168,0,1,200,10\n", S },
	{ "229 Entering Extended Passive Mode (|||6446|)\r\n", S },
	{ "229 (~~~1~)\n", S },
};

/*
 * Every proper prefix of a valid line is incomplete (0).  The same prefix
 * with a line terminator appended must parse without reading out of
 * bounds and without claiming more than the line.
 */
static void test_truncation(void)
{
	struct nfalg_ftp_cmd out;
	char buf[128];
	size_t i, l, n;
	int ret;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		n = strlen(valid[i].in);
		CHECK(parse_exact(valid[i].in, n, valid[i].client, &out) ==
		      (int)n);
		for (l = 0; l < n; l++) {
			EXPECT_EQ(parse_exact(valid[i].in, l, valid[i].client,
					      &out), 0);
			memcpy(buf, valid[i].in, l);
			buf[l] = '\n';
			ret = parse_exact(buf, l + 1, valid[i].client, &out);
			CHECK(ret == (int)l + 1 || ret == -EINVAL);
			if (ret > 0 && out.type != NFALG_FTP_NONE)
				CHECK(out.off + out.len <= l);
		}
	}
}

/* Replace each byte of each valid line with a set of interesting bytes. */
static void test_mutation(void)
{
	static const char subst[] = { 0, '\r', '\n', ' ', ',', '|', '.', ':',
		'(', ')', '0', '9', 'f', 'g', '\x7f', '\x80', '\xff' };
	struct nfalg_ftp_cmd out;
	char buf[128];
	size_t i, j, k, n;
	int ret;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++) {
		n = strlen(valid[i].in);
		for (j = 0; j < n; j++) {
			for (k = 0; k < sizeof(subst); k++) {
				memcpy(buf, valid[i].in, n);
				buf[j] = subst[k];
				ret = parse_exact(buf, n, valid[i].client,
						  &out);
				CHECK(ret == 0 || ret == -EINVAL ||
				      (ret > 0 && ret <= (int)n));
				if (ret > 0 && out.type != NFALG_FTP_NONE) {
					CHECK(out.off + out.len <= ret);
					CHECK(out.port != 0);
				}
			}
		}
	}
}

/*
 * Format what the parser found, splice it into the line in place of the
 * span and parse again: the result must be the same.
 */
static void check_round_trip(const char *in, size_t n, bool client)
{
	struct nfalg_ftp_cmd a, b;
	char fmt[NFALG_FTP_FMT_MAX], line[1100];
	int ret, flen, ret2;

	ret = parse_exact(in, n, client, &a);
	if (ret <= 0 || a.type == NFALG_FTP_NONE)
		return;
	flen = nfalg_ftp_format(fmt, sizeof(fmt), a.type, a.family, a.addr,
				a.port, a.delim);
	CHECK(flen > 0);
	if (flen <= 0)
		return;
	EXPECT_EQ(strlen(fmt), flen);
	memcpy(line, in, a.off);
	memcpy(line + a.off, fmt, flen);
	memcpy(line + a.off + flen, in + a.off + a.len, ret - a.off - a.len);
	ret2 = parse_exact(line, ret - a.len + flen, client, &b);
	EXPECT_EQ(ret2, ret - a.len + flen);
	EXPECT_EQ(b.type, a.type);
	EXPECT_EQ(b.family, a.family);
	EXPECT_EQ(b.port, a.port);
	EXPECT_EQ(b.delim, a.delim);
	EXPECT_EQ(b.off, a.off);
	EXPECT_EQ(b.len, flen);
	EXPECT_MEM(b.addr, a.addr, sizeof(a.addr));
}

static void test_round_trip(void)
{
	size_t i;

	for (i = 0; i < sizeof(valid) / sizeof(valid[0]); i++)
		check_round_trip(valid[i].in, strlen(valid[i].in),
				 valid[i].client);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_round_trip(cases[i].in, cases[i].len, cases[i].client);
}

static void test_format_basic(void)
{
	static const u8 v4[4] = { 10, 0, 0, 1 };
	u8 v6[16];
	char b[NFALG_FTP_FMT_MAX];

	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_PORT, 4, v4, 1025,
				   0), 12);
	EXPECT_STR(b, "10,0,0,1,4,1");
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_PASV227, 4, v4,
				   65535, 0), 16);
	EXPECT_STR(b, "10,0,0,1,255,255");
	nfalg_ftp_format(b, sizeof(b), NFALG_FTP_PORT, 4, v4, 1, '|');
	EXPECT_STR(b, "10,0,0,1,0,1");
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPRT, 4, v4, 1025,
				   '|'), 17);
	EXPECT_STR(b, "|1|10.0.0.1|1025|");
	inet_pton(AF_INET6, "2001:db8::1", v6);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPRT, 6, v6, 1025,
				   '|'), 20);
	EXPECT_STR(b, "|2|2001:db8::1|1025|");
	nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPRT, 6, v6, 21, '!');
	EXPECT_STR(b, "!2!2001:db8::1!21!");
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPSV229, 0, NULL,
				   1025, '|'), 8);
	EXPECT_STR(b, "|||1025|");
	/* 229 ignores the address and family. */
	nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPSV229, 6, v6, 7, '~');
	EXPECT_STR(b, "~~~7~");
}

static void test_format_errors(void)
{
	static const u8 v4[4] = { 10, 0, 0, 1 };
	u8 v6[16] = { 0 };
	char b[NFALG_FTP_FMT_MAX];

	memset(b, 'Z', sizeof(b));
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_PORT, 4, v4, 0, 0),
		  -EINVAL);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_PORT, 6, v6, 1, 0),
		  -EINVAL);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_PASV227, 0, v4, 1,
				   0), -EINVAL);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_PORT, 4, NULL, 1,
				   0), -EINVAL);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPRT, 5, v4, 1,
				   '|'), -EINVAL);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPRT, 4, v4, 1,
				   '1'), -EINVAL);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPRT, 4, v4, 1,
				   ' '), -EINVAL);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPRT, 6, v6, 1,
				   ':'), -EINVAL);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPSV229, 0, NULL, 1,
				   '\0'), -EINVAL);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPSV229, 0, NULL, 1,
				   'a'), -EINVAL);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_NONE, 4, v4, 1,
				   '|'), -EINVAL);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), 42, 4, v4, 1, '|'), -EINVAL);
	CHECK(b[0] == 'Z');

	/* "|||1025|" needs 9 bytes with its NUL. */
	EXPECT_EQ(nfalg_ftp_format(b, 8, NFALG_FTP_EPSV229, 0, NULL, 1025,
				   '|'), -ENOSPC);
	EXPECT_EQ(nfalg_ftp_format(b, 0, NFALG_FTP_EPSV229, 0, NULL, 1025,
				   '|'), -ENOSPC);
	CHECK(b[0] == 'Z');
	EXPECT_EQ(nfalg_ftp_format(b, 9, NFALG_FTP_EPSV229, 0, NULL, 1025,
				   '|'), 8);
}

/* The longest outputs fit in NFALG_FTP_FMT_MAX. */
static void test_format_max(void)
{
	u8 a[16];
	char b[NFALG_FTP_FMT_MAX];

	memset(a, 0xff, sizeof(a));
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_PORT, 4, a, 65535,
				   0), 23);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPRT, 4, a, 65535,
				   '|'), 25);
	EXPECT_EQ(nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPRT, 6, a, 65535,
				   '|'), 49);
	EXPECT_STR(b, "|2|ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff|65535|");
	EXPECT_EQ(nfalg_ftp_format(b, 50, NFALG_FTP_EPRT, 6, a, 65535, '|'),
		  49);
	EXPECT_EQ(nfalg_ftp_format(b, 49, NFALG_FTP_EPRT, 6, a, 65535, '|'),
		  -ENOSPC);
}

/*
 * Random addresses with many zero groups: our text must be what glibc
 * prints (glibc follows RFC 5952 except for IPv4-compatible addresses,
 * which are skipped), and both texts must parse back to the address.
 */
static void test_ipv6_random(void)
{
	char b[NFALG_FTP_FMT_MAX], g[INET6_ADDRSTRLEN], line[128];
	struct nfalg_ftp_cmd out;
	unsigned int seed = 12345;
	u8 a[16];
	int i, j, n;

	for (i = 0; i < 20000; i++) {
		for (j = 0; j < 8; j++) {
			seed = seed * 1103515245 + 12345;
			if ((seed >> 16) % 3) {
				a[2 * j] = a[2 * j + 1] = 0;
			} else {
				a[2 * j] = seed >> 8;
				a[2 * j + 1] = seed >> 24;
			}
		}
		n = nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPRT, 6, a, 80,
				     '|');
		CHECK(n > 0);
		inet_ntop(AF_INET6, a, g, sizeof(g));
		/* glibc's IPv4-compatible form: first six groups zero. */
		if (memcmp(a, "\0\0\0\0\0\0\0\0\0\0\0\0", 12) ||
		    !memcmp(a + 12, "\0\0", 2)) {
			char want[NFALG_FTP_FMT_MAX];

			snprintf(want, sizeof(want), "|2|%s|80|", g);
			EXPECT_STR(b, want);
		}
		n = snprintf(line, sizeof(line), "EPRT %s\r\n", b);
		EXPECT_EQ(parse_exact(line, n, C, &out), n);
		EXPECT_MEM(out.addr, a, 16);
		n = snprintf(line, sizeof(line), "EPRT |2|%s|80|\r\n", g);
		EXPECT_EQ(parse_exact(line, n, C, &out), n);
		EXPECT_MEM(out.addr, a, 16);
	}
}

/* Every one of the 256 delimiters: accepted exactly when RFC-valid. */
static void test_delimiters(void)
{
	struct nfalg_ftp_cmd out;
	char line[64];
	int c, n, ret;
	bool ok;

	for (c = 0; c < 256; c++) {
		ok = c >= 33 && c <= 126 && !strchr("0123456789abcdefABCDEF.:",
						    c);
		n = snprintf(line, sizeof(line), "EPRT %c1%c10.0.0.1%c21%c\r\n",
			     c, c, c, c);
		ret = parse_exact(line, n, C, &out);
		EXPECT_EQ(ret, ok ? n : -EINVAL);
		n = snprintf(line, sizeof(line), "229 (%c%c%c21%c)\r\n",
			     c, c, c, c);
		ret = parse_exact(line, n, S, &out);
		EXPECT_EQ(ret, ok ? n : -EINVAL);
	}
}

/* Every port 1..65535 through PORT, EPRT and 229, text and back. */
static void test_all_ports(void)
{
	static const u8 v4[4] = { 192, 0, 2, 1 };
	struct nfalg_ftp_cmd out;
	char b[NFALG_FTP_FMT_MAX], line[128];
	int port, n, bad = 0;

	for (port = 1; port <= 65535; port++) {
		nfalg_ftp_format(b, sizeof(b), NFALG_FTP_PORT, 4, v4, port, 0);
		n = snprintf(line, sizeof(line), "PORT %s\r\n", b);
		if (parse_exact(line, n, C, &out) != n || out.port != port ||
		    memcmp(out.addr, v4, 4))
			bad++;
		nfalg_ftp_format(b, sizeof(b), NFALG_FTP_EPSV229, 0, NULL,
				 port, '|');
		n = snprintf(line, sizeof(line), "229 x (%s)\r\n", b);
		if (parse_exact(line, n, S, &out) != n || out.port != port)
			bad++;
	}
	EXPECT_EQ(bad, 0);
}

int main(void)
{
	char name[160];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run_case(&cases[i]);
		snprintf(name, sizeof(name), "ftp_parse: %s", cases[i].name);
		unit_report(name);
	}
	RUN(test_227_offset);
	RUN(test_line_limit);
	RUN(test_truncation);
	RUN(test_mutation);
	RUN(test_round_trip);
	RUN(test_format_basic);
	RUN(test_format_errors);
	RUN(test_format_max);
	RUN(test_ipv6_random);
	RUN(test_delimiters);
	RUN(test_all_ports);
	return unit_exit();
}
