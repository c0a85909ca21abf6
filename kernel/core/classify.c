// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: the classifier - which service set, rule, term and
 * application a packet matches.
 *
 * Every configuration snapshot carries a lookup structure compiled from its
 * service sets just before it is published (nfalg_cls_build()), so the
 * lookup never walks the rule list.  Each term of each rule of a service
 * set becomes one candidate per application it resolves to (application
 * sets are expanded), ordered by (rule position, term position):
 *
 * - applications with a protocol and a destination port range of at most
 *   NFALG_CLS_PORT_SPAN ports: one candidate per port, in an array sorted
 *   by (protocol, port, order), found by binary search;
 * - other applications with a protocol: an array sorted by (protocol,
 *   order);
 * - terms without applications and applications of any protocol: an array
 *   sorted by order;
 * - applications of the IP ALG: a separate array sorted by order alone
 *   (whatever their protocol and ports: the first term in rule order
 *   wins), consulted only when nothing else matched (a more specific
 *   application wins over the IP ALG).
 *
 * A lookup costs O(log C) to find the packet's slice of the first two
 * arrays plus the candidates examined in order until the first one whose
 * direction, application and prefixes match; candidates of an array
 * ranked after the best match so far are not examined.  The worst case is
 * linear in the number of candidates sharing the packet's (protocol, port)
 * plus the protocol-wide and any-protocol candidates, not in the number of
 * rules.  Prefix lists (at most 16 prefixes) are checked on candidates.
 */

#include <linux/bsearch.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "nfalg_core.h"

#define NFALG_CLS_PORT_SPAN	16
#define NFALG_CLS_MAX_CANDS	(1 << 20)
#define NFALG_CLS_SET_DEPTH	8

struct nfalg_cand {
	u32 order;		/* rule position << 4 | term position */
	u16 dport;
	u8 proto;
	u8 spec;		/* higher: more specific application */
	const struct nfalg_rule *rule;
	const struct nfalg_term *term;
	const struct nfalg_app *app;	/* NULL: the term names none */
};

enum { CLS_PORT, CLS_PROTO, CLS_ANY, CLS_IPALG, CLS_N };

struct nfalg_cls_sset {
	struct nfalg_cand *c[CLS_N];
	unsigned int n[CLS_N], cap[CLS_N];
};

struct nfalg_cls_iface {
	char name[IFNAMSIZ];
	unsigned int sset;
};

/**
 * struct nfalg_cls - compiled lookup structure of a snapshot
 * @ss: per service set, parallel to nfalg_config.ssets
 * @n_ss: number of @ss
 * @ifaces: interface name to service set, sorted by name
 * @n_ifaces: number of @ifaces
 * @global: index of the global service set, or -1
 * @total: number of candidates, bounded by NFALG_CLS_MAX_CANDS
 */
struct nfalg_cls {
	struct nfalg_cls_sset *ss;
	unsigned int n_ss;
	struct nfalg_cls_iface *ifaces;
	unsigned int n_ifaces;
	int global;
	unsigned int total;
};

void nfalg_cls_free(struct nfalg_cls *cls)
{
	unsigned int i;
	int k;

	if (!cls)
		return;
	for (i = 0; i < cls->n_ss; i++) {
		for (k = 0; k < CLS_N; k++)
			kvfree(cls->ss[i].c[k]);
	}
	kvfree(cls->ss);
	kvfree(cls->ifaces);
	kfree(cls);
}

/* ---- building ---- */

struct nfalg_cls_ctx {
	const struct nfalg_config *c;
	struct nfalg_cls *cls;
	struct nfalg_cls_sset *s;
	struct nfalg_cand tmpl;
	int depth;
};

static int nfalg_cand_add(struct nfalg_cls_ctx *x, int list,
			  const struct nfalg_cand *cand)
{
	struct nfalg_cls_sset *s = x->s;
	struct nfalg_cand *n;
	unsigned int cap;

	if (x->cls->total >= NFALG_CLS_MAX_CANDS)
		return -E2BIG;
	if (s->n[list] == s->cap[list]) {
		cap = s->cap[list] ? 2 * s->cap[list] : 16;
		n = kvmalloc_array(cap, sizeof(*n), NFALG_GFP);
		if (!n)
			return -ENOMEM;
		if (s->n[list])
			memcpy(n, s->c[list], s->n[list] * sizeof(*n));
		kvfree(s->c[list]);
		s->c[list] = n;
		s->cap[list] = cap;
	}
	s->c[list][s->n[list]++] = *cand;
	x->cls->total++;
	return 0;
}

static int nfalg_cls_add_app(struct nfalg_cls_ctx *x,
			     const struct nfalg_app *a)
{
	struct nfalg_cand cand = x->tmpl;
	const char *alg = nfalg_app_alg_name(a);
	unsigned int p;
	int err;

	cand.app = a;
	cand.proto = a->proto;
	cand.spec = !!(a->flags & NFALG_APPF_PROTO) +
		2 * !!(a->flags & (NFALG_APPF_DPORT | NFALG_APPF_ICMP_TYPE)) +
		!!(a->flags & NFALG_APPF_SPORT);
	if (alg && !strcmp(alg, "ip"))
		return nfalg_cand_add(x, CLS_IPALG, &cand);
	if (!(a->flags & NFALG_APPF_PROTO))
		return nfalg_cand_add(x, CLS_ANY, &cand);
	if (!(a->flags & NFALG_APPF_DPORT) ||
	    a->dport_hi - a->dport_lo >= NFALG_CLS_PORT_SPAN)
		return nfalg_cand_add(x, CLS_PROTO, &cand);
	for (p = a->dport_lo; p <= a->dport_hi; p++) {
		cand.dport = p;
		err = nfalg_cand_add(x, CLS_PORT, &cand);
		if (err)
			return err;
	}
	return 0;
}

static int nfalg_cls_add_name(void *priv, const char *name)
{
	struct nfalg_cls_ctx *x = priv;
	const struct nfalg_app *a;
	int err;

	a = nfalg_app_find(x->c, name);
	if (a)
		return nfalg_cls_add_app(x, a);
	if (x->depth >= NFALG_CLS_SET_DEPTH)
		return -ELOOP;
	/* expanding nested sets: up to NFALG_CLS_MAX_CANDS in all */
	cond_resched();
	x->depth++;
	err = nfalg_set_walk(x->c, name, nfalg_cls_add_name, x);
	x->depth--;
	return err;
}

static int nfalg_cand_cmp(const void *pa, const void *pb)
{
	const struct nfalg_cand *a = pa, *b = pb;

	if (a->proto != b->proto)
		return a->proto < b->proto ? -1 : 1;
	if (a->dport != b->dport)
		return a->dport < b->dport ? -1 : 1;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return b->spec - a->spec;
}

/*
 * The IP ALG's candidates are tried in rule and term order only: their
 * protocol and ports do not rank them (the first matching term wins)
 */
static int nfalg_cand_order_cmp(const void *pa, const void *pb)
{
	const struct nfalg_cand *a = pa, *b = pb;

	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	return b->spec - a->spec;
}

static int nfalg_iface_cmp(const void *pa, const void *pb)
{
	const struct nfalg_cls_iface *a = pa, *b = pb;

	return strcmp(a->name, b->name);
}

static int nfalg_cls_build_sset(struct nfalg_cls_ctx *x,
				const struct nfalg_sset *ss)
{
	const struct nfalg_rule *r;
	const struct nfalg_term *t;
	unsigned int i, j, k;
	int err, l;

	for (i = 0; i < ss->n_rules; i++) {
		cond_resched();
		/* a service set only names existing rules */
		r = nfalg_rule_find(x->c, ss->rules[i]);
		if (WARN_ON_ONCE(!r))
			return -ENOENT;
		for (j = 0; j < r->n_terms; j++) {
			t = &r->terms[j];
			memset(&x->tmpl, 0, sizeof(x->tmpl));
			x->tmpl.order = i << 4 | j;
			x->tmpl.rule = r;
			x->tmpl.term = t;
			if (!t->n_apps && !t->n_sets) {
				err = nfalg_cand_add(x, CLS_ANY, &x->tmpl);
				if (err)
					return err;
				continue;
			}
			for (k = 0; k < t->n_apps; k++) {
				err = nfalg_cls_add_name(x, t->apps[k]);
				if (err)
					return err;
			}
			for (k = 0; k < t->n_sets; k++) {
				err = nfalg_cls_add_name(x, t->sets[k]);
				if (err)
					return err;
			}
		}
	}
	for (l = 0; l < CLS_N; l++) {
		if (x->s->n[l])
			sort(x->s->c[l], x->s->n[l], sizeof(struct nfalg_cand),
			     l == CLS_IPALG ? nfalg_cand_order_cmp :
			     nfalg_cand_cmp, NULL);
	}
	return 0;
}

int nfalg_cls_build(struct nfalg_config *c)
{
	struct nfalg_cls_ctx x = { .c = c };
	struct nfalg_cls *cls;
	unsigned int i, j, n = 0;
	int err;

	if (!c->n_ssets)
		return 0;
	cls = kzalloc(sizeof(*cls), NFALG_GFP);
	if (!cls)
		return -ENOMEM;
	x.cls = cls;
	cls->global = -1;
	cls->ss = kvcalloc(c->n_ssets, sizeof(*cls->ss), NFALG_GFP);
	if (!cls->ss)
		goto nomem;
	cls->n_ss = c->n_ssets;
	for (i = 0; i < c->n_ssets; i++)
		n += c->ssets[i]->n_ifaces;
	if (n) {
		cls->ifaces = kvcalloc(n, sizeof(*cls->ifaces), NFALG_GFP);
		if (!cls->ifaces)
			goto nomem;
	}
	for (i = 0; i < c->n_ssets; i++) {
		if (c->ssets[i]->global)
			cls->global = i;
		for (j = 0; j < c->ssets[i]->n_ifaces; j++) {
			strscpy(cls->ifaces[cls->n_ifaces].name,
				c->ssets[i]->ifaces[j], IFNAMSIZ);
			cls->ifaces[cls->n_ifaces++].sset = i;
		}
		x.s = &cls->ss[i];
		err = nfalg_cls_build_sset(&x, c->ssets[i]);
		if (err)
			goto fail;
	}
	if (cls->n_ifaces)
		sort(cls->ifaces, cls->n_ifaces, sizeof(*cls->ifaces),
		     nfalg_iface_cmp, NULL);
	c->cls = cls;
	return 0;
nomem:
	err = -ENOMEM;
fail:
	nfalg_cls_free(cls);
	return err;
}

/* ---- lookup ---- */

static bool nfalg_prefix_has(const struct nfalg_prefix *p, u8 family,
			     const union nf_inet_addr *a)
{
	const u8 *x = (const u8 *)&p->addr, *y = (const u8 *)a;
	unsigned int full = p->len / 8, rest = p->len % 8;

	if (p->family != family)
		return false;
	if (memcmp(x, y, full))
		return false;
	return !rest || !((x[full] ^ y[full]) & (0xff00 >> rest));
}

/* Longest prefix of the list containing @a decides; empty list: any */
static bool nfalg_prefixes_match(const struct nfalg_prefix *p, unsigned int n,
				 u8 family, const union nf_inet_addr *a)
{
	const struct nfalg_prefix *best = NULL;
	unsigned int i;

	if (!n)
		return true;
	for (i = 0; i < n; i++) {
		if (nfalg_prefix_has(&p[i], family, a) &&
		    (!best || p[i].len > best->len))
			best = &p[i];
	}
	return best && !best->except;
}

/**
 * nfalg_app_has_prog - whether an application admits a Sun RPC program
 * @a: the application
 * @prog: the program number
 *
 * Return: true when @a lists no program numbers or lists @prog.
 */
bool nfalg_app_has_prog(const struct nfalg_app *a, u32 prog)
{
	unsigned int i;

	if (!(a->flags & NFALG_APPF_RPC))
		return true;
	for (i = 0; i < a->n_rpc && i < NFALG_MAX_RPC_RANGES; i++)
		if (prog >= a->rpc[i].lo && prog <= a->rpc[i].hi)
			return true;
	return false;
}

static bool nfalg_app_match(const struct nfalg_app *a,
			    const struct nfalg_cls_key *k)
{
	if (!a)
		return true;
	if ((a->flags & NFALG_APPF_PROTO) && a->proto != k->proto)
		return false;
	if ((a->flags & NFALG_APPF_DPORT) &&
	    (k->dport < a->dport_lo || k->dport > a->dport_hi))
		return false;
	if ((a->flags & NFALG_APPF_SPORT) &&
	    (k->sport < a->sport_lo || k->sport > a->sport_hi))
		return false;
	if ((a->flags & NFALG_APPF_ICMP_TYPE) && a->icmp_type != k->icmp_type)
		return false;
	if ((a->flags & NFALG_APPF_ICMP_CODE) && a->icmp_code != k->icmp_code)
		return false;
	return !k->has_rpc_prog || nfalg_app_has_prog(a, k->rpc_prog);
}

static bool nfalg_cand_match(const struct nfalg_cand *c,
			     const struct nfalg_cls_key *k)
{
	return (c->rule->dir & k->dir) && nfalg_app_match(c->app, k) &&
	       nfalg_prefixes_match(c->term->src, c->term->n_src, k->family,
				    &k->saddr) &&
	       nfalg_prefixes_match(c->term->dst, c->term->n_dst, k->family,
				    &k->daddr);
}

/* First index of @arr (sorted by nfalg_cand_cmp) with (proto, dport) >= key */
static unsigned int nfalg_cand_lower(const struct nfalg_cand *arr,
				     unsigned int n, u8 proto, u16 dport)
{
	unsigned int lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (arr[mid].proto < proto ||
		    (arr[mid].proto == proto && arr[mid].dport < dport))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Scan @arr from @i while entries satisfy the slice (@proto/@dport when
 * @slice) and rank before *@best; keep the best match.
 */
static void nfalg_scan(const struct nfalg_cand *arr, unsigned int n,
		       unsigned int i, bool slice, u8 proto, u16 dport,
		       const struct nfalg_cls_key *k,
		       const struct nfalg_cand **best)
{
	for (; i < n; i++) {
		const struct nfalg_cand *c = &arr[i];

		if (slice && (c->proto != proto || c->dport != dport))
			return;
		if (*best && (c->order > (*best)->order ||
			      (c->order == (*best)->order &&
			       c->spec <= (*best)->spec)))
			return;
		if (nfalg_cand_match(c, k)) {
			*best = c;
			return;
		}
	}
}

/**
 * nfalg_cls_sset - the service set applying to an interface
 * @c: configuration snapshot
 * @ifname: interface name
 *
 * Return: index into @c->ssets of the set bound to @ifname, else of the
 * global set, else -1 (the interface is not inspected).
 */
int nfalg_cls_sset(const struct nfalg_config *c, const char *ifname)
{
	const struct nfalg_cls *cls = c->cls;
	const struct nfalg_cls_iface *f;
	struct nfalg_cls_iface key;

	if (!cls)
		return -1;
	strscpy(key.name, ifname, sizeof(key.name));
	f = bsearch(&key, cls->ifaces, cls->n_ifaces, sizeof(*f),
		    nfalg_iface_cmp);
	if (f)
		return f->sset;
	return cls->global;
}

/* OR into *@cmds the snmp-command of each candidate of @best's term */
static void nfalg_snmp_slice(const struct nfalg_cand *arr, unsigned int n,
			     unsigned int i, bool slice, u8 proto, u16 dport,
			     const struct nfalg_cls_key *k,
			     const struct nfalg_cand *best, u8 *cmds)
{
	for (; i < n; i++) {
		const struct nfalg_cand *c = &arr[i];

		if (slice && (c->proto != proto || c->dport != dport))
			return;
		if (c->order == best->order && c->app && c->app->snmp &&
		    nfalg_cand_match(c, k))
			*cmds |= BIT(c->app->snmp);
	}
}

/*
 * The snmp-commands a conversation may carry: those of every application
 * of the matched term that matches it (junos-snmp-get and
 * junos-snmp-get-next, say, both on port 161), one bit each.
 */
static u8 nfalg_cls_snmp(const struct nfalg_cls_sset *s,
			 const struct nfalg_cand *best,
			 const struct nfalg_cls_key *k, bool ports)
{
	u8 cmds = 0;

	if (ports)
		nfalg_snmp_slice(s->c[CLS_PORT], s->n[CLS_PORT],
				 nfalg_cand_lower(s->c[CLS_PORT], s->n[CLS_PORT],
						  k->proto, k->dport),
				 true, k->proto, k->dport, k, best, &cmds);
	nfalg_snmp_slice(s->c[CLS_PROTO], s->n[CLS_PROTO],
			 nfalg_cand_lower(s->c[CLS_PROTO], s->n[CLS_PROTO],
					  k->proto, 0),
			 true, k->proto, 0, k, best, &cmds);
	nfalg_snmp_slice(s->c[CLS_ANY], s->n[CLS_ANY], 0, false, 0, 0, k,
			 best, &cmds);
	return cmds;
}

bool nfalg_classify(const struct nfalg_config *c,
		    const struct nfalg_cls_key *k,
		    struct nfalg_cls_result *res)
{
	const struct nfalg_cls *cls = c->cls;
	const struct nfalg_cand *best = NULL;
	const struct nfalg_cls_sset *s;
	const struct nfalg_cls_iface *f;
	struct nfalg_cls_iface key;
	unsigned int idx;
	bool ports;

	if (!cls)
		return false;
	strscpy(key.name, k->ifname, sizeof(key.name));
	f = bsearch(&key, cls->ifaces, cls->n_ifaces, sizeof(*f),
		    nfalg_iface_cmp);
	if (f)
		idx = f->sset;
	else if (cls->global >= 0)
		idx = cls->global;
	else
		return false;
	s = &cls->ss[idx];
	ports = k->proto == IPPROTO_TCP || k->proto == IPPROTO_UDP ||
		k->proto == IPPROTO_SCTP;

	if (ports)
		nfalg_scan(s->c[CLS_PORT], s->n[CLS_PORT],
			   nfalg_cand_lower(s->c[CLS_PORT], s->n[CLS_PORT],
					    k->proto, k->dport),
			   true, k->proto, k->dport, k, &best);
	nfalg_scan(s->c[CLS_PROTO], s->n[CLS_PROTO],
		   nfalg_cand_lower(s->c[CLS_PROTO], s->n[CLS_PROTO], k->proto, 0),
		   true, k->proto, 0, k, &best);
	nfalg_scan(s->c[CLS_ANY], s->n[CLS_ANY], 0, false, 0, 0, k, &best);
	if (!best)
		nfalg_scan(s->c[CLS_IPALG], s->n[CLS_IPALG], 0, false, 0, 0, k,
			   &best);
	if (!best)
		return false;
	res->sset = c->ssets[idx];
	res->rule = best->rule;
	res->term = best->term;
	res->app = best->app;
	res->snmp_cmds = best->app && best->app->snmp ?
			 nfalg_cls_snmp(s, best, k, ports) : 0;
	return true;
}

/* ---- netlink ---- */

static const struct nla_policy nfalg_cls_policy[NFALG_A_CLS_MAX + 1] = {
	[NFALG_A_CLS_IFNAME]	= { .type = NLA_NUL_STRING,
				    .len = IFNAMSIZ - 1 },
	[NFALG_A_CLS_DIRECTION]	=
		NLA_POLICY_RANGE(NLA_U8, NFALG_DIR_INPUT, NFALG_DIR_OUTPUT),
	[NFALG_A_CLS_SADDR]	= { .type = NLA_BINARY,
				    .len = sizeof(struct in6_addr) },
	[NFALG_A_CLS_DADDR]	= { .type = NLA_BINARY,
				    .len = sizeof(struct in6_addr) },
	[NFALG_A_CLS_PROTOCOL]	= { .type = NLA_U8 },
	[NFALG_A_CLS_SPORT]	= { .type = NLA_U16 },
	[NFALG_A_CLS_DPORT]	= { .type = NLA_U16 },
	[NFALG_A_CLS_ICMP_TYPE]	= { .type = NLA_U8 },
	[NFALG_A_CLS_ICMP_CODE]	= { .type = NLA_U8 },
	[NFALG_A_CLS_SSET]	= { .type = NLA_REJECT },
	[NFALG_A_CLS_RULE]	= { .type = NLA_REJECT },
	[NFALG_A_CLS_TERM]	= { .type = NLA_REJECT },
	[NFALG_A_CLS_APP]	= { .type = NLA_REJECT },
	[NFALG_A_CLS_ALG]	= { .type = NLA_REJECT },
	[NFALG_A_CLS_ACTION]	= { .type = NLA_REJECT },
	[NFALG_A_CLS_SYSLOG]	= { .type = NLA_REJECT },
	[NFALG_A_CLS_RPC_PROG]	= { .type = NLA_U32 },
};

const struct nla_policy nfalg_cls_cmd_policy[NFALG_A_CLS + 1] = {
	[NFALG_A_CLS]		= NLA_POLICY_NESTED(nfalg_cls_policy),
};

static int nfalg_cls_key_parse(struct genl_info *info,
			       struct nfalg_cls_key *k)
{
	struct nlattr *tb[NFALG_A_CLS_MAX + 1];
	struct nlattr *nest = info->attrs[NFALG_A_CLS];
	int err;

	if (!nest) {
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, NFALG_A_CLS);
		GENL_SET_ERR_MSG(info, "no packet key given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, NFALG_A_CLS_MAX, nest, nfalg_cls_policy,
			       info->extack);
	if (err)
		return err;
	if (!tb[NFALG_A_CLS_IFNAME] || !tb[NFALG_A_CLS_DIRECTION] ||
	    !tb[NFALG_A_CLS_SADDR] || !tb[NFALG_A_CLS_DADDR] ||
	    !tb[NFALG_A_CLS_PROTOCOL]) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest,
				    "key needs interface, direction, addresses and protocol");
		return -EINVAL;
	}
	memset(k, 0, sizeof(*k));
	if (nla_len(tb[NFALG_A_CLS_SADDR]) != nla_len(tb[NFALG_A_CLS_DADDR]) ||
	    (nla_len(tb[NFALG_A_CLS_SADDR]) != 4 &&
	     nla_len(tb[NFALG_A_CLS_SADDR]) != 16)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_CLS_DADDR],
				    "addresses must both be IPv4 (4 bytes) or IPv6 (16 bytes)");
		return -EINVAL;
	}
	k->family = nla_len(tb[NFALG_A_CLS_SADDR]) == 4 ? AF_INET : AF_INET6;
	nla_memcpy(&k->saddr, tb[NFALG_A_CLS_SADDR], sizeof(k->saddr));
	nla_memcpy(&k->daddr, tb[NFALG_A_CLS_DADDR], sizeof(k->daddr));
	strscpy(k->ifname, nla_data(tb[NFALG_A_CLS_IFNAME]), sizeof(k->ifname));
	k->dir = nla_get_u8(tb[NFALG_A_CLS_DIRECTION]);
	k->proto = nla_get_u8(tb[NFALG_A_CLS_PROTOCOL]);
	if (tb[NFALG_A_CLS_SPORT])
		k->sport = nla_get_u16(tb[NFALG_A_CLS_SPORT]);
	if (tb[NFALG_A_CLS_DPORT])
		k->dport = nla_get_u16(tb[NFALG_A_CLS_DPORT]);
	if (tb[NFALG_A_CLS_ICMP_TYPE])
		k->icmp_type = nla_get_u8(tb[NFALG_A_CLS_ICMP_TYPE]);
	if (tb[NFALG_A_CLS_ICMP_CODE])
		k->icmp_code = nla_get_u8(tb[NFALG_A_CLS_ICMP_CODE]);
	if (tb[NFALG_A_CLS_RPC_PROG]) {
		k->rpc_prog = nla_get_u32(tb[NFALG_A_CLS_RPC_PROG]);
		k->has_rpc_prog = true;
	}
	return 0;
}

int nfalg_nl_classify(struct sk_buff *skb, struct genl_info *info)
{
	struct nfalg_cls_result res;
	const struct nfalg_config *c;
	struct nfalg_cls_key k;
	struct sk_buff *msg;
	struct nlattr *nest;
	const char *alg;
	void *hdr;
	int err;

	err = nfalg_cls_key_parse(info, &k);
	if (err)
		return err;
	msg = nlmsg_new(NLMSG_GOODSIZE, NFALG_GFP);
	if (!msg)
		return -ENOMEM;
	hdr = nfalg_genlmsg_put(msg, info->snd_portid, info->snd_seq, 0,
				NFALG_CMD_CLASSIFY);
	if (!hdr)
		goto nospace;
	nest = nla_nest_start(msg, NFALG_A_CLS);
	if (!nest)
		goto nospace;
	rcu_read_lock();
	c = rcu_dereference(nfalg_pernet(genl_info_net(info))->config);
	if (nfalg_classify(c, &k, &res)) {
		alg = res.app ? nfalg_app_alg_name(res.app) : NULL;
		if (nla_put_string(msg, NFALG_A_CLS_SSET, res.sset->name) ||
		    nla_put_string(msg, NFALG_A_CLS_RULE, res.rule->name) ||
		    nla_put_string(msg, NFALG_A_CLS_TERM, res.term->name) ||
		    (res.app &&
		     nla_put_string(msg, NFALG_A_CLS_APP, res.app->name)) ||
		    (alg && nla_put_string(msg, NFALG_A_CLS_ALG, alg)) ||
		    nla_put_u8(msg, NFALG_A_CLS_ACTION, res.term->action) ||
		    (res.term->syslog &&
		     nla_put_flag(msg, NFALG_A_CLS_SYSLOG))) {
			rcu_read_unlock();
			goto nospace;
		}
	}
	rcu_read_unlock();
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
nospace:
	nlmsg_free(msg);
	return -EMSGSIZE;
}
