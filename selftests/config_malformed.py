#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send malformed nfalg generic netlink requests over a raw socket.

Every request must be refused with the expected errno and an extended ACK
message, and the running configuration (applications, sets, generation)
must be byte-for-byte the same afterwards.  Prints KTAP-style lines;
exit status 0 when every case passed.  With "unpriv": every change must
fail with EPERM (run it without CAP_NET_ADMIN).
"""
import errno
import os
import re
import socket
import struct
import sys

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_ACK, NLM_F_REPLACE, NLM_F_DUMP = 1, 4, 0x100, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_ACK_TLVS = 0x200
NLMSGERR_ATTR_MSG = 1
NETLINK_EXT_ACK = 11
SOL_NETLINK = 270
NLA_F_NESTED = 0x8000



def uapi_enum(name):
    """Values of one enum of uapi/linux/nfalg.h, read from the header so the
    test follows the contract rather than a copy of it."""
    hdr = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "uapi", "linux", "nfalg.h")
    with open(hdr) as f:
        text = f.read()
    body = re.search(r"enum %s \{(.*?)\};" % name, text, re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    vals, nxt = {}, 0
    for item in body.split(","):
        item = item.strip()
        if not item:
            continue
        if "=" in item:
            key, val = (x.strip() for x in item.split("=", 1))
            nxt = int(val, 0)
        else:
            key = item
        vals[key] = nxt
        nxt += 1
    return vals


_CMD = uapi_enum("nfalg_cmd")
_ATTR = uapi_enum("nfalg_attr")
(CMD_GET_STATUS, CMD_SET_PARAMS, CMD_NEW_APP, CMD_DEL_APP, CMD_GET_APP,
 CMD_NEW_APPSET, CMD_DEL_APPSET, CMD_GET_APPSET, CMD_FLUSH, CMD_NEW_RULE,
 CMD_DEL_RULE, CMD_GET_RULE, CMD_NEW_SSET, CMD_DEL_SSET, CMD_GET_SSET,
 CMD_CLASSIFY, CMD_BEGIN, CMD_COMMIT, CMD_ABORT) = (
     _CMD["NFALG_CMD_" + n] for n in (
         "GET_STATUS", "SET_PARAMS", "NEW_APP", "DEL_APP", "GET_APP",
         "NEW_APPSET", "DEL_APPSET", "GET_APPSET", "FLUSH", "NEW_RULE",
         "DEL_RULE", "GET_RULE", "NEW_SSET", "DEL_SSET", "GET_SSET",
         "CLASSIFY", "BEGIN", "COMMIT", "ABORT"))
(A_GENERATION, A_APP, A_APPSET, A_DEFAULTS, A_REPLACE, A_RULE, A_SSET,
 A_CLS) = (_ATTR["NFALG_A_" + n] for n in (
     "GENERATION", "APP", "APPSET", "DEFAULTS", "REPLACE", "RULE", "SSET",
     "CLS"))
(APP_NAME, APP_PROTOCOL, APP_DPORT_LO, APP_DPORT_HI, APP_SPORT_LO,
 APP_SPORT_HI, APP_ALG, APP_TIMEOUT, APP_ICMP_TYPE, APP_ICMP_CODE, APP_TTL,
 APP_RPC_LO, APP_RPC_HI, APP_UUID, APP_SNMP, APP_PREDEFINED,
 APP_OVERRIDE, APP_RPC_PROGS) = range(1, 19)
RPC_RANGE = 1
RPC_LO, RPC_HI = 1, 2
SET_NAME, SET_MEMBERS, SET_PREDEFINED = 1, 2, 3
SET_MEMBER = 1
CLS_IFNAME, CLS_DIR, CLS_SADDR, CLS_DADDR, CLS_PROTO = 1, 2, 3, 4, 5
CLS_SSET = 10
RULE_NAME, RULE_DIR, RULE_TERMS = 1, 2, 3
RULE_TERM = 1
(TERM_NAME, TERM_SRC, TERM_DST, TERM_APPS, TERM_APPSETS, TERM_ACTION,
 TERM_SYSLOG) = range(1, 8)
PREFIX = 1
PFX_ADDR, PFX_LEN, PFX_EXCEPT = 1, 2, 3
SSET_NAME, SSET_RULES, SSET_IFACES, SSET_GLOBAL, SSET_APPEND = 1, 2, 3, 4, 5


def attr(t, payload):
    a = struct.pack("HH", 4 + len(payload), t) + payload
    return a + b"\0" * ((4 - len(a) % 4) % 4)


def nest(t, *attrs):
    return attr(t | NLA_F_NESTED, b"".join(attrs))


def s(t, v):
    return attr(t, v.encode() + b"\0")


def u8(t, v):
    return attr(t, struct.pack("B", v))


def u16(t, v):
    return attr(t, struct.pack("H", v))


def u32(t, v):
    return attr(t, struct.pack("I", v))


def flag(t):
    return attr(t, b"")


class Genl:
    def __init__(self):
        self.sk = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                NETLINK_GENERIC)
        self.sk.bind((0, 0))
        self.sk.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.seq = 1
        self.family = 0x10   # GENL_ID_CTRL
        reply = self.request(3, s(2, "nfalg"), version=1)  # GETFAMILY
        self.family = self.attrs(reply[0][20:])[1]
        self.family = struct.unpack("H", self.family[:2])[0]

    @staticmethod
    def attrs(buf):
        out = {}
        while len(buf) >= 4:
            ln, t = struct.unpack("HH", buf[:4])
            if ln < 4:
                break
            out[t & 0x3fff] = buf[4:ln]
            buf = buf[(ln + 3) & ~3:]
        return out

    def send(self, cmd, payload, flags=NLM_F_ACK, version=1, raw=None):
        self.seq += 1
        body = struct.pack("BBH", cmd, version, 0) + payload
        msg = struct.pack("IHHII", 16 + len(body), self.family,
                          NLM_F_REQUEST | flags, self.seq, 0) + body
        if raw is not None:
            msg = raw(msg)
        self.sk.send(msg)

    def recv_all(self):
        """Data messages until the ACK/DONE; returns (msgs, errno, extack)"""
        msgs = []
        while True:
            data = self.sk.recv(65536)
            while data:
                ln, typ, flags, seq, _ = struct.unpack("IHHII", data[:16])
                m = data[:ln]
                data = data[(ln + 3) & ~3:]
                if seq != self.seq:
                    continue
                if typ == NLMSG_DONE:
                    return msgs, 0, ""
                if typ == NLMSG_ERROR:
                    err = -struct.unpack("i", m[16:20])[0]
                    ext = ""
                    if flags & NLM_F_ACK_TLVS:
                        olen = struct.unpack("I", m[20:24])[0]
                        off = 20 + (16 if flags & 0x100 else olen)
                        a = self.attrs(m[off:])
                        ext = a.get(NLMSGERR_ATTR_MSG, b"").rstrip(b"\0")
                        ext = ext.decode()
                    return msgs, err, ext
                msgs.append(m)

    def request(self, cmd, payload=b"", flags=NLM_F_ACK, version=1,
                raw=None):
        self.send(cmd, payload, flags, version, raw)
        msgs, err, ext = self.recv_all()
        if err:
            raise OSError(err, ext)
        return msgs

    def try_request(self, cmd, payload=b"", flags=NLM_F_ACK, raw=None):
        self.send(cmd, payload, flags, raw=raw)
        return self.recv_all()[1:]

    def snapshot(self):
        st = self.request(CMD_GET_STATUS)
        gen = self.attrs(st[0][20:])[A_GENERATION]
        apps = self.request(CMD_GET_APP, flags=NLM_F_DUMP)
        sets = self.request(CMD_GET_APPSET, flags=NLM_F_DUMP)
        rules = self.request(CMD_GET_RULE, flags=NLM_F_DUMP)
        ssets = self.request(CMD_GET_SSET, flags=NLM_F_DUMP)
        # strip the nlmsghdr (its seq differs), keep the payload
        return (gen, [m[16:] for m in apps], [m[16:] for m in sets],
                [m[16:] for m in rules], [m[16:] for m in ssets])


def app(*attrs):
    return nest(A_APP, *attrs)


def appset(name, *members):
    return nest(A_APPSET, s(SET_NAME, name),
                nest(SET_MEMBERS, *[s(SET_MEMBER, m) for m in members]))


def pfx(addr, ln, *extra):
    return nest(PREFIX, attr(PFX_ADDR, addr), u8(PFX_LEN, ln), *extra)


def term(name="t", *attrs, action=1):
    return nest(RULE_TERM, s(TERM_NAME, name), *attrs,
                *([u8(TERM_ACTION, action)] if action else []))


def rule(name, *terms, direction=1):
    return nest(A_RULE, s(RULE_NAME, name),
                *([u8(RULE_DIR, direction)] if direction else []),
                nest(RULE_TERMS, *terms))


def sset(name, rules, *attrs):
    return nest(A_SSET, s(SSET_NAME, name),
                nest(SSET_RULES, *[s(SET_MEMBER, r) for r in rules]), *attrs)


def truncate_last_attr(msg):
    # claim a nest longer than the message
    ln = struct.unpack("H", msg[20:22])[0]
    return msg[:20] + struct.pack("H", ln + 64) + msg[22:]


EINVAL, ENOENT, EEXIST, ELOOP, EPERM, EBUSY, ERANGE, E2BIG, ENOSPC = (
    errno.EINVAL, errno.ENOENT, errno.EEXIST, errno.ELOOP, errno.EPERM,
    errno.EBUSY, errno.ERANGE, errno.E2BIG, errno.ENOSPC)


def rpc(*ranges):
    return nest(APP_RPC_PROGS, *[nest(RPC_RANGE, u32(RPC_LO, r[0]),
                                      *([u32(RPC_HI, r[1])] if len(r) > 1
                                        else [])) for r in ranges])

CASES = [
    # (description, cmd, payload, expected errno, options)
    ("new app without attributes", CMD_NEW_APP, b"", EINVAL, {}),
    ("unknown top-level attribute", CMD_NEW_APP,
     app(s(APP_NAME, "x")) + u32(99, 1), EINVAL, {}),
    ("unknown attribute in the nest", CMD_NEW_APP,
     app(s(APP_NAME, "x"), u32(60, 1)), EINVAL, {}),
    ("missing name", CMD_NEW_APP, app(u8(APP_PROTOCOL, 6)), EINVAL, {}),
    ("name not NUL terminated", CMD_NEW_APP,
     app(attr(APP_NAME, b"abc"), u8(APP_PROTOCOL, 6)), EINVAL, {}),
    ("oversized name", CMD_NEW_APP,
     app(s(APP_NAME, "a" * 64), u8(APP_PROTOCOL, 6)), EINVAL, {}),
    ("empty name", CMD_NEW_APP, app(s(APP_NAME, "")), EINVAL, {}),
    ("bad character in name", CMD_NEW_APP, app(s(APP_NAME, "a b")),
     EINVAL, {}),
    ("port of the wrong size", CMD_NEW_APP,
     app(s(APP_NAME, "x"), u8(APP_PROTOCOL, 6), u32(APP_DPORT_LO, 21)),
     EINVAL, {}),
    ("reversed port range", CMD_NEW_APP,
     app(s(APP_NAME, "x"), u8(APP_PROTOCOL, 6), u16(APP_DPORT_LO, 30),
         u16(APP_DPORT_HI, 20)), EINVAL, {}),
    ("port range end without start", CMD_NEW_APP,
     app(s(APP_NAME, "x"), u8(APP_PROTOCOL, 6), u16(APP_DPORT_HI, 20)),
     EINVAL, {}),
    ("unknown ALG", CMD_NEW_APP,
     app(s(APP_NAME, "x"), u8(APP_PROTOCOL, 6), s(APP_ALG, "gopher")),
     EINVAL, {}),
    ("timeout 0", CMD_NEW_APP, app(s(APP_NAME, "x"), u32(APP_TIMEOUT, 0)),
     ERANGE, {}),
    ("uuid of 15 bytes", CMD_NEW_APP,
     app(s(APP_NAME, "x"), s(APP_ALG, "dce-rpc"), attr(APP_UUID, b"u" * 15)),
     ERANGE, {}),
    ("snmp command 9", CMD_NEW_APP,
     app(s(APP_NAME, "x"), s(APP_ALG, "snmp"), u8(APP_SNMP, 9)), ERANGE, {}),
    ("output-only flag in a request", CMD_NEW_APP,
     app(s(APP_NAME, "x"), flag(APP_PREDEFINED)), EINVAL, {}),
    ("truncated nest", CMD_NEW_APP, app(s(APP_NAME, "x")), EINVAL,
     {"raw": truncate_last_attr}),
    ("NLM_F_REPLACE instead of the attribute", CMD_NEW_APP,
     app(s(APP_NAME, "x")), EINVAL, {"flags": NLM_F_ACK | NLM_F_REPLACE}),
    ("duplicate application", CMD_NEW_APP,
     app(s(APP_NAME, "mal-app"), u8(APP_PROTOCOL, 6)), EEXIST, {}),
    ("application named like a set", CMD_NEW_APP,
     app(s(APP_NAME, "mal-set")), EEXIST, {}),
    ("delete with extra attributes", CMD_DEL_APP,
     app(s(APP_NAME, "mal-app"), u8(APP_PROTOCOL, 6)), EINVAL, {}),
    ("delete a missing application", CMD_DEL_APP, app(s(APP_NAME, "nope")),
     ENOENT, {}),
    ("delete a predefined application", CMD_DEL_APP,
     app(s(APP_NAME, "junos-ftp")), EPERM, {}),
    ("delete an application in use", CMD_DEL_APP,
     app(s(APP_NAME, "mal-app")), EBUSY, {}),
    ("set without members", CMD_NEW_APPSET,
     nest(A_APPSET, s(SET_NAME, "s2")), EINVAL, {}),
    ("set with an empty member list", CMD_NEW_APPSET, appset("s2"),
     EINVAL, {}),
    ("set with a missing member", CMD_NEW_APPSET,
     appset("s2", "junos-ftp", "nope"), ENOENT, {}),
    ("set with a duplicate member", CMD_NEW_APPSET,
     appset("s2", "junos-ftp", "junos-ftp"), EINVAL, {}),
    ("set with 257 members", CMD_NEW_APPSET,
     appset("s2", *(["junos-ftp"] * 257)), EINVAL, {"any": True}),
    ("set containing itself", CMD_NEW_APPSET, appset("s2", "s2"), ELOOP,
     {}),
    ("cycle through an override", CMD_NEW_APPSET,
     appset("junos-h323-suite", "mal-set"), ELOOP, {}),
    ("duplicate set", CMD_NEW_APPSET, appset("mal-set", "junos-ftp"),
     EEXIST, {}),
    ("delete a predefined set", CMD_DEL_APPSET,
     nest(A_APPSET, s(SET_NAME, "junos-h323-suite")), EPERM, {}),
    ("flush with an attribute", CMD_FLUSH, flag(A_DEFAULTS), EINVAL, {}),
    ("set without the set nest", CMD_NEW_APPSET, app(s(APP_NAME, "x")),
     EINVAL, {}),
    ("rule without the rule nest", CMD_NEW_RULE, b"", EINVAL, {}),
    ("rule: unknown attribute", CMD_NEW_RULE,
     nest(A_RULE, s(RULE_NAME, "x"), u8(RULE_DIR, 1), u32(9, 1)), EINVAL, {}),
    ("rule: unknown term attribute", CMD_NEW_RULE,
     rule("x", term("t", u32(40, 1))), EINVAL, {}),
    ("rule: oversized name", CMD_NEW_RULE, rule("a" * 64, term()), EINVAL,
     {}),
    ("rule: direction 4", CMD_NEW_RULE, rule("x", term(), direction=4),
     ERANGE, {}),
    ("rule: action 4", CMD_NEW_RULE, rule("x", term(action=4)), ERANGE, {}),
    ("rule: no action", CMD_NEW_RULE, rule("x", term(action=0)), EINVAL, {}),
    ("rule: no direction", CMD_NEW_RULE, rule("x", term(), direction=0),
     EINVAL, {}),
    ("rule: empty term list", CMD_NEW_RULE, rule("x"), EINVAL, {}),
    ("rule: address of 5 bytes", CMD_NEW_RULE,
     rule("x", term("t", nest(TERM_SRC, pfx(b"\xc0\0\2\0\0", 24)))),
     EINVAL, {}),
    ("rule: address of 17 bytes", CMD_NEW_RULE,
     rule("x", term("t", nest(TERM_SRC, pfx(b"\x20" * 17, 24)))),
     ERANGE, {}),
    ("rule: IPv4 prefix length 33", CMD_NEW_RULE,
     rule("x", term("t", nest(TERM_DST, pfx(b"\xc0\0\2\0", 33)))),
     EINVAL, {}),
    ("rule: prefix length 129", CMD_NEW_RULE,
     rule("x", term("t", nest(TERM_DST, pfx(b"\x20" + b"\0" * 15, 129)))),
     ERANGE, {}),
    ("rule: prefix without length", CMD_NEW_RULE,
     rule("x", term("t", nest(TERM_DST, nest(PREFIX, attr(PFX_ADDR, b"\0" * 4))))),
     EINVAL, {}),
    ("rule: host bits set", CMD_NEW_RULE,
     rule("x", term("t", nest(TERM_SRC, pfx(b"\xc0\0\2\1", 24)))),
     EINVAL, {}),
    ("rule: missing application", CMD_NEW_RULE,
     rule("x", term("t", nest(TERM_APPS, s(SET_MEMBER, "nope")))), ENOENT,
     {}),
    ("rule: a set given as application", CMD_NEW_RULE,
     rule("x", term("t", nest(TERM_APPS, s(SET_MEMBER, "mal-set")))),
     ENOENT, {}),
    ("rule: 17 terms", CMD_NEW_RULE,
     rule("x", *[term("t%d" % i) for i in range(17)]), E2BIG, {}),
    ("rule: duplicate term", CMD_NEW_RULE, rule("x", term(), term()),
     EEXIST, {}),
    ("rule: larger than 3072 bytes", CMD_NEW_RULE,
     rule("x", *[term("t%d" % i, nest(TERM_APPS, *[s(SET_MEMBER, "junos-%s" % a) for a in ("ftp", "tftp", "sip", "rtsp", "h323", "ras", "pptp", "ike", "rsh", "rexec", "rlogin", "sqlnet", "netshow", "winframe", "bootp", "realaudio")])) for i in range(16)]),
     E2BIG, {}),
    ("rule: duplicate", CMD_NEW_RULE, rule("mal-rule", term()), EEXIST, {}),
    ("rule: delete with extra attributes", CMD_DEL_RULE,
     nest(A_RULE, s(RULE_NAME, "mal-rule"), u8(RULE_DIR, 1)), EINVAL, {}),
    ("rule: delete while in a service-set", CMD_DEL_RULE,
     nest(A_RULE, s(RULE_NAME, "mal-rule")), EBUSY, {}),
    ("application used by a rule", CMD_DEL_APP,
     app(s(APP_NAME, "mal-app2")), EBUSY, {}),
    ("service-set: missing rule", CMD_NEW_SSET,
     sset("x", ["nope"], flag(SSET_GLOBAL)), ENOENT, {}),
    ("service-set: interface name of 16 bytes", CMD_NEW_SSET,
     sset("x", ["mal-rule"], nest(SSET_IFACES, s(SET_MEMBER, "a" * 16))),
     EINVAL, {}),
    ("service-set: unknown attribute", CMD_NEW_SSET,
     sset("x", ["mal-rule"], flag(SSET_GLOBAL), u32(7, 0)), EINVAL, {}),
    ("classify without a key", CMD_CLASSIFY, b"", EINVAL, {}),
    ("classify with mixed families", CMD_CLASSIFY,
     nest(A_CLS, s(CLS_IFNAME, "lo"), u8(CLS_DIR, 1),
          attr(CLS_SADDR, b"\0" * 4), attr(CLS_DADDR, b"\0" * 16),
          u8(CLS_PROTO, 6)), EINVAL, {}),
    ("classify with direction input-output", CMD_CLASSIFY,
     nest(A_CLS, s(CLS_IFNAME, "lo"), u8(CLS_DIR, 3),
          attr(CLS_SADDR, b"\0" * 4), attr(CLS_DADDR, b"\0" * 4),
          u8(CLS_PROTO, 6)), ERANGE, {}),
    ("classify with a result attribute", CMD_CLASSIFY,
     nest(A_CLS, s(CLS_IFNAME, "lo"), u8(CLS_DIR, 1),
          attr(CLS_SADDR, b"\0" * 4), attr(CLS_DADDR, b"\0" * 4),
          u8(CLS_PROTO, 6), s(CLS_SSET, "x")), EINVAL, {}),
    ("service-set: interface bound elsewhere", CMD_NEW_SSET,
     sset("x", ["mal-rule"], nest(SSET_IFACES, s(SET_MEMBER, "lo"))),
     EEXIST, {}),
    ("service-set: append to a missing one", CMD_NEW_SSET,
     sset("nope", ["mal-rule"], flag(SSET_APPEND)), ENOENT, {}),
    ("service-set: append with interfaces", CMD_NEW_SSET,
     sset("mal-ss", ["mal-rule"], flag(SSET_APPEND),
          nest(SSET_IFACES, s(SET_MEMBER, "eth7"))), EINVAL, {}),
    ("service-set: append a rule it has", CMD_NEW_SSET,
     sset("mal-ss", ["mal-rule"], flag(SSET_APPEND)), EINVAL, {}),
    ("rpc: one range and a list", CMD_NEW_APP,
     app(s(APP_NAME, "x"), s(APP_ALG, "rpc"), u32(APP_RPC_LO, 1),
         rpc((2,))), EINVAL, {}),
    ("rpc: list without the rpc ALG", CMD_NEW_APP,
     app(s(APP_NAME, "x"), rpc((1,))), EINVAL, {}),
    ("rpc: empty list", CMD_NEW_APP,
     app(s(APP_NAME, "x"), s(APP_ALG, "rpc"), rpc()), E2BIG, {}),
    ("rpc: 17 ranges", CMD_NEW_APP,
     app(s(APP_NAME, "x"), s(APP_ALG, "rpc"),
         rpc(*[(i * 10,) for i in range(17)])), E2BIG, {}),
    ("rpc: reversed range", CMD_NEW_APP,
     app(s(APP_NAME, "x"), s(APP_ALG, "rpc"), rpc((1, 5), (9, 7))),
     EINVAL, {}),
    ("rpc: overlapping ranges", CMD_NEW_APP,
     app(s(APP_NAME, "x"), s(APP_ALG, "rpc"), rpc((1, 5), (5, 7))),
     EINVAL, {}),
    ("rpc: range without its start", CMD_NEW_APP,
     app(s(APP_NAME, "x"), s(APP_ALG, "rpc"),
         nest(APP_RPC_PROGS, nest(RPC_RANGE, u32(RPC_HI, 3)))), EINVAL, {}),
    ("commit without a transaction", CMD_COMMIT, b"", EINVAL, {}),
    ("abort without a transaction", CMD_ABORT, b"", EINVAL, {}),
    ("begin with an attribute", CMD_BEGIN, flag(A_REPLACE), EINVAL, {}),
]


def txn_cases(g, result):
    """Transactions: misuse is refused with an extack, other sockets are
    locked out while one is open, closing the socket aborts it."""
    before = g.snapshot()
    other = Genl()

    def refused(sock, desc, cmd, payload, want):
        err, ext = sock.try_request(cmd, payload)
        result(err == want and ext != "", desc,
               "errno %d (%s), wanted %d; extack '%s'" % (err, ext, want, ext))
        result(g.snapshot() == before, desc + ": config unchanged")

    g.request(CMD_BEGIN)
    refused(g, "txn: double begin", CMD_BEGIN, b"", EBUSY)
    g.request(CMD_NEW_APP, app(s(APP_NAME, "txn-app"), u8(APP_PROTOCOL, 6)))
    result(g.snapshot() == before, "txn: a change is invisible before commit")
    refused(other, "txn: change from another socket", CMD_NEW_APP,
            app(s(APP_NAME, "other-app")), EBUSY)
    refused(other, "txn: flush from another socket", CMD_FLUSH, b"", EBUSY)
    refused(other, "txn: begin from another socket", CMD_BEGIN, b"", EBUSY)
    refused(other, "txn: commit from another socket", CMD_COMMIT, b"", EBUSY)
    refused(other, "txn: abort from another socket", CMD_ABORT, b"", EBUSY)
    refused(g, "txn: a failing command inside", CMD_NEW_APP,
            app(s(APP_NAME, "txn-app"), u8(APP_PROTOCOL, 6)), EEXIST)
    g.request(CMD_ABORT)
    result(g.snapshot() == before, "txn: abort discards the candidate")

    # oversized: more applications than the limit, inside one transaction
    g.request(CMD_BEGIN)
    n_apps = len(g.request(CMD_GET_APP, flags=NLM_F_DUMP))
    err = 0
    for i in range(4097):
        err, ext = g.try_request(
            CMD_NEW_APP, app(s(APP_NAME, "bulk-%d" % i), u8(APP_PROTOCOL, 6)))
        if err:
            break
    result(err == ENOSPC and "limit" in ext,
           "txn: oversized transaction refused at the limit",
           "errno %d after %d applications (%d before)" % (err, i, n_apps))
    g.request(CMD_ABORT)
    result(g.snapshot() == before, "txn: oversized: config unchanged")

    # closing the socket aborts its transaction and unlocks the rest
    third = Genl()
    third.request(CMD_BEGIN)
    third.request(CMD_NEW_APP, app(s(APP_NAME, "txn-gone"),
                                   u8(APP_PROTOCOL, 6)))
    third.sk.close()
    err, ext = other.try_request(CMD_BEGIN)
    result(err == 0, "txn: a closed socket's transaction is gone",
           "errno %d (%s)" % (err, ext))
    other.request(CMD_ABORT)
    result(g.snapshot() == before, "txn: closed socket: config unchanged")

    # commit publishes everything at once, one generation step
    g.request(CMD_BEGIN)
    g.request(CMD_NEW_APP, app(s(APP_NAME, "txn-a"), u8(APP_PROTOCOL, 6)))
    g.request(CMD_NEW_APP, app(s(APP_NAME, "txn-b"), u8(APP_PROTOCOL, 17)))
    g.request(CMD_COMMIT)
    after = g.snapshot()
    gen0 = struct.unpack("I", before[0])[0]
    gen1 = struct.unpack("I", after[0])[0]
    result(gen1 == gen0 + 1 and len(after[1]) == len(before[1]) + 2,
           "txn: commit publishes both changes in one generation",
           "generation %d -> %d" % (gen0, gen1))
    refused_after = g.snapshot()
    err, ext = g.try_request(CMD_COMMIT)
    result(err == EINVAL and ext != "" and g.snapshot() == refused_after,
           "txn: a second commit is refused", "errno %d (%s)" % (err, ext))
    other.sk.close()


# datapath: the conversation filter of DEL_CONV
_CONV = uapi_enum("nfalg_conv_attr")
CMD_DEL_CONV, A_CONV = _CMD["NFALG_CMD_DEL_CONV"], _ATTR["NFALG_A_CONV"]
CONV_ID, CONV_ADDR = _CONV["NFALG_A_CONV_ID"], _CONV["NFALG_A_CONV_ADDR"]
CASES += [
    ("clear conversations: address of 5 bytes", CMD_DEL_CONV,
     nest(A_CONV, attr(CONV_ADDR, b"12345")), EINVAL, {}),
    ("clear conversations: output-only attribute in the filter",
     CMD_DEL_CONV, nest(A_CONV, u32(CONV_ID, 1)), EINVAL, {}),
    ("clear conversations: foreign top-level attribute", CMD_DEL_CONV,
     app(s(APP_NAME, "x")), EINVAL, {}),
]


def main():
    unpriv = len(sys.argv) > 1 and sys.argv[1] == "unpriv"
    g = Genl()
    failed = n = 0

    def result(ok, desc, detail=""):
        nonlocal failed, n
        n += 1
        print(("ok" if ok else "not ok") + " %d %s" % (n, desc))
        if not ok:
            failed += 1
            print("#   | " + detail)

    def generation():
        st = g.request(CMD_GET_STATUS)
        return g.attrs(st[0][20:])[A_GENERATION]

    if unpriv:
        # reading the policy needs CAP_NET_ADMIN too (permissions.sh):
        # every change bumps the generation, the status shows it
        before = generation()
        for desc, cmd, payload, _, _ in CASES[:4] + [
                ("valid new application", CMD_NEW_APP,
                 app(s(APP_NAME, "unpriv"), u8(APP_PROTOCOL, 6)), 0, {}),
                ("valid new rule", CMD_NEW_RULE, rule("x", term()), 0, {}),
                ("flush", CMD_FLUSH, b"", 0, {}),
                ("begin", CMD_BEGIN, b"", 0, {}),
                ("commit", CMD_COMMIT, b"", 0, {})]:
            err, ext = g.try_request(cmd, payload)
            result(err == EPERM, "unprivileged: " + desc,
                   "errno %d (%s)" % (err, ext))
        result(generation() == before, "unprivileged: config unchanged")
        return 1 if failed else 0

    # a known starting point: one application used by one set (set up
    # through raw messages too, so the valid encoding is exercised)
    g.request(CMD_NEW_APP, app(s(APP_NAME, "mal-app"), u8(APP_PROTOCOL, 6),
                               u16(APP_DPORT_LO, 2121), s(APP_ALG, "ftp")))
    g.request(CMD_NEW_APPSET, appset("mal-set", "mal-app", "junos-h323-suite"))
    g.request(CMD_NEW_APP, app(s(APP_NAME, "mal-app2"), u8(APP_PROTOCOL, 17)))
    g.request(CMD_NEW_RULE, rule("mal-rule", term(
        "t", nest(TERM_SRC, pfx(b"\xc0\0\2\0", 24, flag(PFX_EXCEPT))),
        nest(TERM_APPS, s(SET_MEMBER, "mal-app2")),
        nest(TERM_APPSETS, s(SET_MEMBER, "mal-set")), flag(TERM_SYSLOG))))
    g.request(CMD_NEW_SSET, sset("mal-ss", ["mal-rule"],
                                 nest(SSET_IFACES, s(SET_MEMBER, "lo"))))
    before = g.snapshot()
    for desc, cmd, payload, want, opt in CASES:
        err, ext = g.try_request(cmd, payload,
                                 flags=opt.get("flags", NLM_F_ACK),
                                 raw=opt.get("raw"))
        good = err == want or (opt.get("any") and err != 0)
        result(good and ext != "", desc,
               "errno %d (%s), wanted %d; extack '%s'" %
               (err, os.strerror(err) if err else "success", want, ext))
        result(g.snapshot() == before, desc + ": config unchanged")
    # valid NLM_F_DUMP still works after all that
    apps = g.request(CMD_GET_APP, flags=NLM_F_DUMP)
    result(len(apps) > 30, "dump still works (%d applications)" % len(apps))
    txn_cases(g, result)
    g.request(CMD_FLUSH)
    print("# %d of %d cases failed" % (failed, n))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
