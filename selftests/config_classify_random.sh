#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The classifier (nfalg classify) against a reference model, over random
# configurations: for each of a fixed list of seeds, a configuration of
# user applications (tcp/udp/sctp/icmp/any protocol, single ports, ranges
# of up to 16 ports and wider, source ports, ICMP types and codes, the IP
# ALG, rpc-program-numbers), nested application sets, the predefined
# junos-* objects, 50-110 rules of 1-4 terms with IPv4 and IPv6 source and
# destination prefixes of every length (nested, except, both families in
# one list), two to four service sets (interfaces, a global one or none),
# loaded with nfalg -f; then 400 keys biased toward the configured
# prefixes, ports and interfaces classified in one nfalg -b, each answer
# (the whole line) compared with the model's. The model (Python, below)
# follows the documented semantics, not the kernel's data structures:
#   - the service set bound to the interface, else the global one;
#   - candidates: every application of every term (sets expanded), or the
#     term itself when it names none, in (rule, term) order;
#   - a candidate matches when the rule's direction, the application
#     (protocol, ports, ICMP type and code, rpc-program when the key has
#     one) and both prefix lists match (empty: any; else the longest
#     prefix of the key's family containing the address decides, and it
#     must not be except);
#   - the first term with a matching candidate wins, its most specific
#     application (protocol 1, destination port or ICMP type 2, source port
#     1); applications of the IP ALG only when nothing else matched, the
#     first term again. Of a term's candidates tying on specificity, the
#     first it names wins (its applications, then its sets expanded in
#     order).
# Then each of the model's deliberate mistakes must disagree with the
# kernel on some key, so that the keys reach what the semantics depend
# on: except ignored, the first containing prefix deciding rather than
# the longest, a list without a prefix of the key's family matching, the
# IP ALG ranked as any application, the least specific application
# winning, the most specific application of any term winning, direction,
# source ports, ICMP type and code or rpc-program ignored, no global set,
# the global set tried after a bound set that did not match.
# A failure names its seed, key, both answers and the rules involved;
# CLS_RANDOM_SEEDS="S..." runs only those seeds, CLS_RANDOM_KEYS=N keys
# per seed (default 400), CLS_RANDOM_BREAK=MISTAKE takes a broken model
# as the reference (the test must then fail).
. "$(dirname "$0")/lib.sh"
require_cmd python3

# (the mistakes are checked on the whole list: a seed alone may miss some)
all_seeds="1 2 3 4 5 6 7 8 9 10"
seeds=${CLS_RANDOM_SEEDS:-$all_seeds}
if [ -z "${CLS_RANDOM_SEEDS:-}" ] &&
	! full "seeds 4-10 (the same checks on other configurations)"; then
	seeds="1 2 3"
fi
nfalg_load || bail "cannot load nfalg"
ns=clsrand-$$
netns_add "$ns" || bail "cannot create a network namespace"
dir=$(mktemp -d) || bail "no temporary directory"
defer "rm -rf $dir"

cat > "$dir/model.py" <<'PY'
# Random configurations and keys for nfalg classify, and the reference
# model. usage: model.py NFALG DIR SEED... (in the test's namespace).
# Prints for each seed "seed S RULES KEYS MISMATCHES" ("error" when nfalg
# failed), after "#" lines on its first mismatches; then "mutant MISTAKE
# KEYS DIFFERING" for each deliberate mistake; then "end".
# CLS_RANDOM_BREAK=MISTAKE: the reference makes MISTAKE;
# CLS_RANDOM_KEYS: keys per seed (default 400).
import ipaddress
import json
import os
import random
import subprocess
import sys
import time

PROTOS = {"icmp": 1, "tcp": 6, "udp": 17, "gre": 47, "esp": 50,
          "icmp6": 58, "sctp": 132}
PORTS = (6, 17, 132)
DIRS = {"input": 1, "output": 2, "input-output": 3}
ACTIONS = ("accept", "discard", "reject")
# the model's deliberate mistakes (classify's @mut): each must disagree
# with the kernel on some key
MUTANTS = ("except", "longest", "family", "ipalg", "spec", "order",
           "direction", "sport", "icmp", "rpc", "global", "fallthrough")


class App:
    """An application: None in a field means the field is not given."""

    def __init__(self, name, proto=None, dport=None, sport=None, itype=None,
                 icode=None, rpc=None, alg=None):
        self.name, self.proto = name, proto
        self.dport, self.sport = dport, sport
        self.itype, self.icode, self.rpc, self.alg = itype, icode, rpc, alg
        self.spec = ((proto is not None) +
                     2 * (dport is not None or itype is not None) +
                     (sport is not None))
        self.ip = alg == "ip"
        self.line = " application %s%s" % (
            name, " alg " + alg if alg else "")

    def words(self):
        w = []
        if self.proto is not None:
            w += ["protocol", str(self.proto)]
        for k, r in (("destination-port", self.dport),
                     ("source-port", self.sport)):
            if r:
                w += [k, str(r[0]) if r[0] == r[1] else "%d-%d" % r]
        if self.alg:
            w += ["application-protocol", self.alg]
        if self.itype is not None:
            w += ["icmp-type", str(self.itype)]
        if self.icode is not None:
            w += ["icmp-code", str(self.icode)]
        if self.rpc:
            w += ["rpc-program-number", ",".join(
                str(lo) if lo == hi else "%d-%d" % (lo, hi)
                for lo, hi in self.rpc)]
        return w

    def match(self, k, mut):
        if self.proto is not None and self.proto != k.proto:
            return False
        if self.dport and not self.dport[0] <= k.dport <= self.dport[1]:
            return False
        if (self.sport and mut != "sport" and
                not self.sport[0] <= k.sport <= self.sport[1]):
            return False
        if mut != "icmp":
            if self.itype is not None and self.itype != k.itype:
                return False
            if self.icode is not None and self.icode != k.icode:
                return False
        if k.rpc is not None and self.rpc and mut != "rpc":
            return any(lo <= k.rpc <= hi for lo, hi in self.rpc)
        return True


def proto_num(p):
    return PROTOS[p] if p in PROTOS else int(p)


def load_defaults(nfalg):
    """The predefined applications and sets, as the kernel lists them"""
    apps, sets = {}, {}
    out = subprocess.run([nfalg, "-j", "show", "defaults"], check=True,
                         capture_output=True, text=True).stdout
    for a in json.loads(out)["applications"]:
        rng = {}
        for f in ("destination_port", "source_port"):
            if f in a:
                rng[f] = (a[f]["low"], a[f]["high"])
        apps[a["name"]] = App(
            a["name"],
            proto_num(a["protocol"]) if "protocol" in a else None,
            rng.get("destination_port"), rng.get("source_port"),
            a.get("icmp_type"), a.get("icmp_code"), None,
            a.get("application_protocol"))
    out = subprocess.run([nfalg, "-j", "show", "application-sets"],
                         check=True, capture_output=True, text=True).stdout
    for s in json.loads(out):
        sets[s["name"]] = list(s["members"])
    return apps, sets


# ---- prefixes ----

class Prefix:
    def __init__(self, fam, net, plen, exc=False):
        self.fam, self.net, self.len, self.exc = fam, net, plen, exc
        self.bits = 32 if fam == 4 else 128
        self.shift = self.bits - plen
        self.key = net >> self.shift

    def has(self, fam, a):
        return fam == self.fam and a >> self.shift == self.key

    def text(self):
        return "%s/%d%s" % (addr_text(self.fam, self.net), self.len,
                            " except" if self.exc else "")


def addr_text(fam, a):
    return str(ipaddress.IPv4Address(a) if fam == 4 else
               ipaddress.IPv6Address(a))


def prefixes_match(lst, by, fam, a, mut):
    """Longest prefix of @lst containing @a decides; empty list: any.
    @by: @lst's prefixes of each family, longest first"""
    if not lst:
        return True
    if mut == "longest":
        # broken: the first containing prefix decides
        for p in lst:
            if p.has(fam, a):
                return not p.exc
        return False
    mine = by[fam]
    if not mine:
        # broken: a list with no prefix of the key's family as if empty
        return mut == "family"
    for p in mine:
        if a >> p.shift == p.key:
            return not p.exc or mut == "except"
    return False


def by_family(lst):
    return {f: sorted((p for p in lst if p.fam == f), key=lambda p: -p.len)
            for f in (4, 6)}


# ---- the model ----

class Key:
    __slots__ = ("iface", "dir", "fam", "src", "dst", "proto", "sport",
                 "dport", "itype", "icode", "rpc", "words")


def classify(cfg, k, mut=None):
    """The set of acceptable answers (one, but for the broken models)"""
    bound = cfg["ifaces"].get(k.iface)
    ss = bound
    if ss is None and mut != "global":
        ss = cfg["global"]
    got = scan(ss, k, mut) if ss else None
    if got is None and bound and mut == "fallthrough" and cfg["global"]:
        got = scan(cfg["global"], k, mut)
    return got or {"no match"}


def scan(ss, k, mut):
    """The answers of service set @ss, None when nothing matches"""
    ipalg, late = None, []
    for i, rule in enumerate(ss["rules"]):
        if not rule["dir"] & k.dir and mut != "direction":
            continue
        for j, t in enumerate(rule["terms"]):
            if not (prefixes_match(t["src"], t["src4/6"], k.fam, k.src,
                                   mut) and
                    prefixes_match(t["dst"], t["dst4/6"], k.fam, k.dst,
                                   mut)):
                continue
            head = "service-set %s rule %s term %s" % (
                ss["name"], rule["name"], t["name"])
            tail = " action " + t["action"] + (" syslog" if t["syslog"]
                                                else "")
            best, ipbest = [], []
            for a in t["cands"] or [None]:
                if a is None:
                    best.append((0, head + tail))
                elif a.match(k, mut):
                    lst = ipbest if a.ip and mut != "ipalg" else best
                    lst.append((a.spec, head + a.line + tail))
            if best and mut == "order":
                # broken: the most specific application of any term wins
                late += [(-x, i, j, line) for x, line in best]
            elif best:
                # equally specific: the first the term names (its
                # applications, then its sets expanded in order)
                top = (min if mut == "spec" else max)(x for x, _ in best)
                return {next(line for x, line in best if x == top)}
            if ipbest and ipalg is None:
                top = max(x for x, _ in ipbest)
                ipalg = {next(line for x, line in ipbest if x == top)}
    if late:
        top = min(late)[:3]
        return {x[3] for x in late if x[:3] == top}
    return ipalg


def expand(cfg, name):
    """The applications of application or set @name, sets expanded"""
    if name in cfg["apps"]:
        return [cfg["apps"][name]]
    return [a for m in cfg["sets"][name] for a in expand(cfg, m)]


# ---- random configurations ----

def gen_pool(rng, fam, clusters, per):
    """Clusters of nested prefixes: each below a random root address, of
    random lengths, some on a sibling branch"""
    bits = 32 if fam == 4 else 128
    out = []
    for _ in range(clusters):
        if fam == 4 and rng.random() < 0.5:
            root = (10 << 24) | rng.getrandbits(24)
        elif fam == 6 and rng.random() < 0.5:
            root = (0x20010db8 << 96) | rng.getrandbits(96)
        else:
            root = rng.getrandbits(bits)
        pool = {}
        for _ in range(per):
            plen = rng.randint(0, bits)
            a = root
            if plen and rng.random() < 0.3:
                a ^= 1 << (bits - 1 - rng.randrange(plen))
            net = a >> (bits - plen) << (bits - plen) if plen else 0
            pool[(net, plen)] = Prefix(fam, net, plen)
        out.append(list(pool.values()))
    return out


def gen_port_pool(rng):
    ports = [21, 53, 69, 80, 111, 135, 161, 162, 443, 500, 1720, 5060,
             33440]
    ports = rng.sample(ports, 7)
    ports += [rng.randint(1024, 65535) for _ in range(4)]
    ports += [0, 65535]
    return ports


def rand_range(rng, around, span):
    lo = max(0, min(65535 - span, around - rng.randint(0, span)))
    return (lo, lo + span)


def gen_app(rng, name, ports):
    kind = rng.choices(
        ("port", "narrow", "span16", "wide", "sport", "proto", "icmp",
         "any", "ip", "rpc"),
        (14, 10, 4, 6, 7, 4, 6, 2, 7, 10))[0]
    proto = rng.choice((6, 6, 17, 17, 132))
    alg = rng.choice((None, None, None, "ftp", "dns", "sip", "tcp", "udp",
                      "tftp"))
    p = rng.choice(ports)
    if kind == "port":
        return App(name, proto, (p, p), alg=alg)
    if kind == "narrow":
        return App(name, proto, rand_range(rng, p, rng.randint(1, 15)),
                   alg=alg)
    if kind == "span16":
        # 17 or 18 ports: just wider than "narrow" (the kernel indexes
        # ranges of up to 16 ports port by port)
        return App(name, proto, rand_range(rng, p, rng.choice((16, 16, 17))),
                   alg=alg)
    if kind == "wide":
        return App(name, proto, rand_range(rng, p, rng.randint(17, 3000)),
                   alg=alg)
    if kind == "sport":
        sp = rand_range(rng, rng.choice(ports), rng.choice((0, 0, 3, 40)))
        dp = rng.choice((None, (p, p), rand_range(rng, p, 20)))
        return App(name, proto, dp, sp, alg=alg)
    if kind == "proto":
        return App(name, rng.choice((6, 17, 132, 47, 1, 58)), alg=alg)
    if kind == "icmp":
        pr = rng.choice((1, 1, 58))
        it = rng.choice((0, 3, 8, 11) if pr == 1 else (1, 128, 129))
        ic = rng.choice((None, None, 0, 1))
        return App(name, pr, itype=it, icode=ic, alg=rng.choice((None,
                                                                 "icmp")))
    if kind == "any":
        return App(name, alg=rng.choice((None, "ftp")))
    if kind == "ip":
        shape = rng.randrange(4)
        if shape == 0:
            return App(name, alg="ip")
        if shape == 1:
            return App(name, rng.choice((6, 17, 1)), alg="ip")
        if shape == 2:
            return App(name, proto, (p, p), alg="ip")
        return App(name, proto, rand_range(rng, p, rng.randint(1, 40)),
                   rng.choice((None, rand_range(rng, p, 100))), alg="ip")
    progs = rng.sample(((100000, 100000), (100003, 100005), (100021, 100021),
                        (390113, 390113)), rng.randint(1, 3))
    return App(name, rng.choice((6, 17)),
               rng.choice(((111, 111), (p, p))), rpc=sorted(progs),
               alg="rpc")


def gen_prefixes(rng, pools, fam):
    """0-4 prefixes, mostly of one cluster (nested), some except, some of
    the other family"""
    n = rng.choices((0, 1, 2, 3, 4), (35, 20, 18, 15, 12))[0]
    cl = rng.choice(pools[fam])
    out, seen = [], set()
    for _ in range(n):
        p = rng.choice(cl)
        if rng.random() < 0.2:
            p = rng.choice(rng.choice(pools[rng.choice((4, 6))]))
        if (p.fam, p.net, p.len) in seen:
            continue
        seen.add((p.fam, p.net, p.len))
        out.append(Prefix(p.fam, p.net, p.len, rng.random() < 0.35))
    return out


def gen_config(seed, n_rules, defaults):
    rng = random.Random(seed)
    dapps, dsets = defaults
    cfg = {"apps": dict(dapps), "sets": {k: list(v) for k, v in
                                         dsets.items()}}
    lines = []
    ports = gen_port_pool(rng)
    pools = {4: gen_pool(rng, 4, 4, 9), 6: gen_pool(rng, 6, 4, 14)}
    user = []
    for i in range(rng.randint(20, 35)):
        a = gen_app(rng, "a%02d" % i, ports)
        cfg["apps"][a.name] = a
        user.append(a.name)
        lines.append(" ".join(["application", a.name] + a.words()))
    names = sorted(dapps)

    def some_app():
        if rng.random() < 0.05:
            return "junos-ip"
        if rng.random() < 0.3:
            return rng.choice(names)
        return rng.choice(user)
    depth = {s: 1 for s in dsets}
    usets = []
    for i in range(rng.randint(4, 8)):
        name, members = "s%d" % i, []
        for _ in range(rng.randint(1, 5)):
            r = rng.random()
            if r < 0.25 and usets:
                m = rng.choice(usets)
            elif r < 0.35:
                m = rng.choice(sorted(dsets))
            else:
                m = some_app()
            if m not in members and depth.get(m, 0) < 4:
                members.append(m)
        depth[name] = 1 + max(depth.get(m, 0) for m in members)
        cfg["sets"][name] = members
        usets.append(name)
        lines.append(" ".join(["application-set", name] + members))
    allsets = usets + sorted(dsets)
    rules = {}
    for i in range(n_rules):
        rule = {"name": "r%03d" % i, "terms": []}
        dname = rng.choice(sorted(DIRS))
        rule["dir"] = DIRS[dname]
        w = ["rule", rule["name"], "match-direction", dname]
        fam = rng.choice((4, 6))
        for j in range(rng.choices((1, 2, 3, 4), (35, 30, 20, 15))[0]):
            t = {"name": "t%d" % j, "action": rng.choice(ACTIONS),
                 "syslog": rng.random() < 0.3}
            t["src"] = gen_prefixes(rng, pools, fam)
            t["dst"] = gen_prefixes(rng, pools, fam)
            while not t["src"] + t["dst"] and rng.random() < 0.8:
                t["src" if rng.random() < 0.5 else "dst"] = \
                    gen_prefixes(rng, pools, fam)
            apps, sets = [], []
            if rng.random() > 0.1:
                for _ in range(rng.choices((0, 1, 2, 3), (10, 45, 30, 15))[0]):
                    m = some_app()
                    if m not in apps:
                        apps.append(m)
                if rng.random() < 0.35 or not apps:
                    for _ in range(rng.randint(1, 2)):
                        m = rng.choice(allsets)
                        if m not in sets:
                            sets.append(m)
            t["cands"] = [a for n in apps + sets for a in expand(cfg, n)]
            t["src4/6"], t["dst4/6"] = by_family(t["src"]), by_family(t["dst"])
            w += ["term", t["name"], "from"]
            for p in t["src"]:
                w += ["source-address", p.text()]
            for p in t["dst"]:
                w += ["destination-address", p.text()]
            for n in apps:
                w += ["application", n]
            for n in sets:
                w += ["application-set", n]
            w += ["then", t["action"]] + (["syslog"] if t["syslog"] else [])
            rule["terms"].append(t)
        rules[rule["name"]] = rule
        lines.append(" ".join(w))
    cfg["rules"] = rules
    names = sorted(rules)
    cfg["ifaces"], cfg["global"], cfg["ssets"] = {}, None, []
    shapes = [("ss-a", ["ifa0", "ifa1"]), ("ss-b", ["ifb0"])]
    if rng.random() < 0.8:
        shapes.append(("ss-g", None))
    if rng.random() < 0.3:
        shapes.append(("ss-c", ["ifc0", "ifc1", "ifc2"]))
    for name, ifaces in shapes:
        n = rng.randint(max(1, len(names) // 3), max(1, 2 * len(names) // 3))
        ss = {"name": name, "rules": [rules[r] for r in rng.sample(names, n)]}
        w = ["service-set", name]
        if ifaces:
            for f in ifaces:
                w += ["interface", f]
                cfg["ifaces"][f] = ss
        else:
            w.append("global")
            cfg["global"] = ss
        w += [x for r in ss["rules"] for x in ("rule", r["name"])]
        cfg["ssets"].append(ss)
        lines.append(" ".join(w))
    return cfg, lines, rng, ports, pools


# ---- random keys ----

def addr_near(rng, p, pools, fuzz):
    """An address inside prefix @p, often inside a longer prefix of the
    pool within it or at its edges; when @fuzz, sometimes just outside"""
    bits = p.bits
    host = (1 << p.shift) - 1
    r = rng.random()
    if r < 0.1:
        return p.net
    if r < 0.2:
        return p.net | host
    if r < 0.3 and fuzz:
        return (p.net - 1) % (1 << bits) if rng.random() < 0.5 else \
            ((p.net | host) + 1) % (1 << bits)
    inner = [q for cl in pools[p.fam] for q in cl if q.len >= p.len and
             q.net >> p.shift == p.key]
    q = rng.choice(inner) if inner and rng.random() < 0.7 else p
    a = q.net | rng.getrandbits(q.shift) if q.shift else q.net
    if rng.random() < 0.3 and p.shift:
        a ^= 1 << rng.randrange(p.shift)
    if r > 0.9 and p.len and fuzz:
        a ^= 1 << (bits - 1 - rng.randrange(p.len))
    return a


def pick_addr(rng, lst, fam, pools, fuzz):
    mine = [p for p in lst if p.fam == fam]
    if mine and (not fuzz or rng.random() < 0.9):
        incl = [p for p in mine if not p.exc]
        if incl and rng.random() < (0.6 if fuzz else 0.9):
            mine = incl
        return addr_near(rng, rng.choice(mine), pools, fuzz)
    if lst and not fuzz:
        return rng.getrandbits(32 if fam == 4 else 128)
    if rng.random() < 0.7:
        return addr_near(rng, rng.choice(rng.choice(pools[fam])), pools,
                         fuzz)
    return rng.getrandbits(32 if fam == 4 else 128)


def port_near(rng, r, ports, fuzz):
    if r is None or (fuzz and rng.random() < 0.1):
        return rng.choice(ports) if rng.random() < 0.7 else \
            rng.randint(0, 65535)
    lo, hi = r
    return min(65535, max(0, rng.choice(
        (lo, hi, rng.randint(lo, hi), rng.randint(lo, hi)) +
        ((lo - 1, hi + 1) if fuzz else ()))))


def gen_key(rng, cfg, ports, pools):
    """A key aimed at a random term of the service set of a random
    interface: precisely (all of the term matches, unless an earlier term
    or an except prefix within the term's prefix decides otherwise) or
    fuzzily (near misses: addresses and ports just outside, another
    direction, protocol, ICMP type or program number)"""
    k = Key()
    fuzz = rng.random() < 0.45
    bound = sorted(cfg["ifaces"])
    k.iface = rng.choice(bound) if rng.random() < 0.75 else \
        rng.choice(("eth9", "ifz"))
    ss = cfg["ifaces"].get(k.iface) or cfg["global"] or cfg["ssets"][0]
    # half the keys aim at one of the first rules (fewer terms before it
    # that may match first)
    rule = rng.choice(ss["rules"][:8] if rng.random() < 0.5 else ss["rules"])
    t = rng.choice(rule["terms"])
    if fuzz and rng.random() < 0.3:
        t = {"src": [], "dst": [], "cands": []}
    pref = [p.fam for p in t["src"] + t["dst"]]
    k.fam = rng.choice(pref) if pref and (not fuzz or rng.random() < 0.9) \
        else rng.choice((4, 6))
    k.src = pick_addr(rng, t["src"], k.fam, pools, fuzz)
    k.dst = pick_addr(rng, t["dst"], k.fam, pools, fuzz)
    if rule["dir"] != 3 and (not fuzz or rng.random() < 0.7):
        k.dir = rule["dir"]
    else:
        k.dir = rng.choice((1, 2))
    a = rng.choice(t["cands"]) if t["cands"] and \
        (not fuzz or rng.random() < 0.8) else App("random")
    k.proto = a.proto if a.proto is not None and \
        (not fuzz or rng.random() < 0.9) else \
        rng.choice((6, 6, 17, 17, 132, 1, 58, 47, 50))
    k.sport = k.dport = k.itype = k.icode = 0
    k.rpc = None
    w = ["classify", "iface", k.iface, "dir",
         "input" if k.dir == 1 else "output",
         "from", addr_text(k.fam, k.src), "to", addr_text(k.fam, k.dst),
         "proto", str(k.proto)]
    if k.proto in PORTS:
        if rng.random() < 0.95:
            k.dport = port_near(rng, a.dport, ports, fuzz)
            w += ["dport", str(k.dport)]
        if a.sport or rng.random() < 0.6:
            k.sport = port_near(rng, a.sport, ports, fuzz) if a.sport \
                else rng.randint(1024, 65535)
            w += ["sport", str(k.sport)]
    elif k.proto in (1, 58):
        if a.itype is not None or rng.random() < 0.8:
            k.itype = a.itype if a.itype is not None and \
                (not fuzz or rng.random() < 0.7) else \
                rng.choice((0, 3, 8, 11, 128, 129))
            w += ["icmp-type", str(k.itype)]
        if a.icode is not None or rng.random() < 0.4:
            k.icode = a.icode if a.icode is not None and \
                (not fuzz or rng.random() < 0.7) else rng.choice((0, 1, 3))
            w += ["icmp-code", str(k.icode)]
    if k.proto in PORTS and rng.random() < (0.8 if a.rpc else 0.15):
        if a.rpc and rng.random() < 0.8:
            lo, hi = rng.choice(a.rpc)
            k.rpc = rng.choice((lo, hi, hi + 1, lo - 1))
        else:
            k.rpc = rng.choice((100000, 100003, 100004, 100021, 390113, 7))
        w += ["rpc-program", str(k.rpc)]
    k.words = " ".join(w)
    return k


def describe(line, lines, seen):
    """The configuration lines behind an answer: its rule, and the
    applications and sets the rule names (once each)"""
    w = line.split()
    if len(w) < 4 or w[2] != "rule":
        return []
    byname = {tuple(ln.split()[:2]): ln for ln in lines}
    todo, out = [("rule", w[3])], []
    while todo:
        kn = todo.pop()
        if kn in seen or kn not in byname:
            continue
        seen.add(kn)
        ln = byname[kn]
        out.append(ln)
        x = ln.split()
        if kn[0] == "rule":
            todo += [(x[i], x[i + 1]) for i in range(len(x) - 1)
                     if x[i] in ("application", "application-set")]
        elif kn[0] == "application-set":
            todo += [("application", m) for m in x[2:]] + \
                [("application-set", m) for m in x[2:]]
    return out


def run_seed(nfalg, d, seed, n_rules, n_keys, defaults, ref, mutants):
    cfg, lines, rng, ports, pools = gen_config(seed, n_rules, defaults)
    conf = os.path.join(d, "seed%d.conf" % seed)
    with open(conf, "w") as f:
        f.write("\n".join(lines) + "\n")
    r = subprocess.run([nfalg, "-f", conf], capture_output=True, text=True)
    if r.returncode:
        print("# seed %d: nfalg -f %s failed: %s" % (seed, conf,
                                                     r.stderr.strip()))
        return None
    keys = [gen_key(rng, cfg, ports, pools) for _ in range(n_keys)]
    batch = os.path.join(d, "seed%d.keys" % seed)
    with open(batch, "w") as f:
        f.write("".join(k.words + "\n" for k in keys))
    t0 = time.time()
    r = subprocess.run([nfalg, "-b", batch], capture_output=True, text=True)
    t1 = time.time()
    got = r.stdout.splitlines()
    if r.returncode or len(got) != len(keys):
        print("# seed %d: nfalg -b %s: status %d, %d answers for %d keys: %s"
              % (seed, batch, r.returncode, len(got), len(keys),
                 r.stderr.strip()))
        return None
    bad = ties = 0
    for k, g in zip(keys, got):
        want = classify(cfg, k, ref)
        ties += len(want) > 1
        if g not in want:
            bad += 1
            if bad == 1:
                print("# seed %d: mismatches (again: CLS_RANDOM_SEEDS=%d "
                      "selftests/run.sh config_classify_random.sh)" % (
                          seed, seed))
            if bad <= 3:
                print("# seed %d: %s" % (seed, k.words))
                print("#   model:  %s" % " | ".join(sorted(want)))
                print("#   kernel: %s" % g)
                seen = set()
                for x in sorted(want) + [g]:
                    for ln in describe(x, lines, seen):
                        print("#     %s" % ln)
        for m in mutants:
            if g not in classify(cfg, k, m):
                mutants[m] += 1
    t2 = time.time()
    print("# seed %d: %d rules, %d user applications, %d keys (%d with tied "
          "candidates), %d no match; kernel %.1f s, model %.1f s" % (
              seed, n_rules, sum(1 for ln in lines
                                 if ln.startswith("application ")),
              n_keys, ties, got.count("no match"), t1 - t0, t2 - t1))
    return bad


def main():
    nfalg, d = sys.argv[1], sys.argv[2]
    seeds = [int(s) for s in sys.argv[3:]]
    n_keys = int(os.environ.get("CLS_RANDOM_KEYS", "400"))
    ref = os.environ.get("CLS_RANDOM_BREAK") or None
    defaults = load_defaults(nfalg)
    mutants = {m: 0 for m in MUTANTS}
    total = 0
    for seed in seeds:
        n_rules = random.Random(seed * 7919).randint(50, 110)
        bad = run_seed(nfalg, d, seed, n_rules, n_keys, defaults, ref,
                       mutants)
        print("seed %d %d %d %s" % (seed, n_rules, n_keys,
                                    "error" if bad is None else bad),
              flush=True)
        total += n_keys
    for m in MUTANTS:
        print("mutant %s %d %d" % (m, total, mutants[m]))
    print("end")


main()
PY

ended=0
read -ra seedv <<< "$seeds"
while IFS= read -r line; do
	read -ra w <<< "$line"
	case ${w[0]:-} in
	seed)
		check "seed ${w[1]}: ${w[2]} rules, ${w[3]} keys: answers unlike the model's" \
			0 "${w[4]}" ;;
	mutant)
		if [ "$seeds" = "$all_seeds" ] && [ -z "${CLS_RANDOM_KEYS:-}" ]; then
			ok "a model mistaking '${w[1]}' disagrees on some key (${w[3]} of ${w[2]})" -- \
				test "${w[3]}" -gt 0
		else
			log "a model mistaking '${w[1]}' disagrees on ${w[3]} of ${w[2]} keys"
		fi ;;
	end)
		ended=1 ;;
	'#'*)
		echo "$line" ;;
	*)
		echo "# $line" ;;
	esac
done < <(ip netns exec "$ns" python3 "$dir/model.py" "$NFALG" "$dir" "${seedv[@]}" 2>&1)
check "the model ran to its end" 1 "$ended"
finish
