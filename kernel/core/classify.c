// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: the classifier - which service set, rule, term and
 * application a packet matches.
 *
 * Every configuration snapshot carries a lookup structure compiled from its
 * service sets just before it is published (nfalg_cls_build()), so that a
 * lookup never walks the rules.
 *
 * Candidates.  Each term of each rule of a service set becomes one
 * candidate per application it resolves to (application sets expanded), or
 * one candidate matching any application when it names none.  Candidates
 * are numbered in the order a lookup prefers them: by rule position, then
 * term position, then the more specific application first (protocol,
 * destination port or ICMP type, source port), then the order the term
 * lists them.  The answer is the matching candidate of lowest number;
 * applications of the IP ALG are kept in a second index consulted only
 * when the first has no match (a more specific application wins over the
 * IP ALG; among IP ALG applications the rule and term order decides).
 *
 * Index (tuple space).  A candidate can only match a packet whose source
 * address lies in one of its term's source prefixes that are not "except"
 * (the longest prefix of the list containing the address decides, so it
 * lies in a non-except one), likewise for the destination, and whose
 * protocol and destination port its application names.  So each candidate
 * is entered under keys made of those values: (family, source prefix,
 * destination prefix, protocol, destination port), with the parts it does
 * not constrain left zero.  A destination port range is cut into aligned
 * blocks of a power of two ports, each a port prefix (1-65535: 16 blocks
 * at most 32), and gets one key per block; an application with a
 * protocol but no destination ports a key of its protocol alone, one
 * without protocol (and a term without applications) no protocol part.  A
 * term whose source and destination lists would make more than
 * NFALG_CLS_CROSS_MAX pairs is keyed on one of the two lists only.  Keys
 * of the same shape - family, source prefix length, destination prefix
 * length, port prefix length or kind - form a tuple; equal keys share one
 * run of candidate numbers, in order, found through one hash table.  A
 * candidate whose rule direction, application and prefix lists are those
 * of an earlier candidate of the same run can never be the answer and is
 * left out of it (the same term repeated, say).
 *
 * Lookup.  The tuples are tried in the order of their lowest candidate:
 * each one costs masking the packet's addresses to the tuple's lengths,
 * one hash probe and a walk of the run found (candidates with exactly the
 * same prefixes and port) up to the first whose direction, application and
 * prefix lists really match, or to the best found so far.  Tuples whose
 * lowest candidate ranks after the best found are not tried.  The cost is
 * therefore bounded by the number of tuples (distinct prefix-length pairs
 * and port kinds of the service set, a handful in practice) and the length
 * of the runs, not by the number of rules.
 */

#include <linux/bsearch.h>
#include <linux/jhash.h>
#include <linux/log2.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "nfalg_core.h"

#define NFALG_CLS_CROSS_MAX	16
#define NFALG_CLS_MAX_ENTRIES	(1 << 20)
#define NFALG_CLS_SET_DEPTH	8

/*
 * Port kinds of a key: what of (protocol, destination port) it holds;
 * 0..16: the protocol and that many leading bits of the port
 */
enum { CLS_PORT_BITS = 16, CLS_PROTO, CLS_ANY };

/* The two indexes of a service set */
enum { CLS_MAIN, CLS_IPALG, CLS_N };

/**
 * struct nfalg_cand - one (term, application) pair
 * @rank: rule position << 7 | term position << 3 | (7 - specificity)
 * @seq: creation order, breaking ties of @rank
 * @rule: its rule
 * @term: its term
 * @app: its application, NULL: the term names none
 */
struct nfalg_cand {
	u32 rank;
	u32 seq;
	const struct nfalg_rule *rule;
	const struct nfalg_term *term;
	const struct nfalg_app *app;
};

/*
 * struct nfalg_ckey - a lookup key; u32 words throughout (hashed with
 * jhash2, compared with memcmp)
 * @tuple: family (0: any, 1: IPv4, 2: IPv6) << 24 | source length << 16 |
 *	destination length << 8 | port kind (port prefix length, CLS_PROTO
 *	or CLS_ANY)
 * @pp: protocol << 16 | destination port, as the port kind holds them
 * @src: source address masked to its length
 * @dst: destination address masked to its length
 */
struct nfalg_ckey {
	u32 tuple;
	u32 pp;
	__be32 src[4];
	__be32 dst[4];
};

#define CKEY_FAM(t)	((t) >> 24)
#define CKEY_SLEN(t)	(((t) >> 16) & 0xff)
#define CKEY_DLEN(t)	(((t) >> 8) & 0xff)
#define CKEY_KIND(t)	((t) & 0xff)

/* One tuple: its code (nfalg_ckey.tuple) and its lowest candidate */
struct nfalg_ctuple {
	u32 code;
	u32 first;
};

/* Candidates entered under one key: @n numbers from nfalg_cidx.ent[@first] */
struct nfalg_crun {
	struct nfalg_ckey key;
	u32 first;
	u32 n;
};

/**
 * struct nfalg_cidx - one index of a service set
 * @cands: candidates in preference order (their number is their position)
 * @tuples: tuples by lowest candidate
 * @runs: one per distinct key
 * @ent: candidate numbers of the runs, each run in increasing order
 * @slots: hash table of @runs: run number + 1, 0 for an empty slot
 * @n_cands: number of @cands
 * @cap_cands: room in @cands while building
 * @n_tuples: number of @tuples
 * @n_runs: number of @runs
 * @mask: size of @slots - 1
 * @seed: hash seed
 */
struct nfalg_cidx {
	struct nfalg_cand *cands;
	struct nfalg_ctuple *tuples;
	struct nfalg_crun *runs;
	u32 *ent;
	u32 *slots;
	unsigned int n_cands, cap_cands, n_tuples, n_runs;
	u32 mask;
	u32 seed;
};

struct nfalg_cls_sset {
	struct nfalg_cidx ix[CLS_N];
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
 * @total: candidates and keys of all indexes, bounded by
 *	NFALG_CLS_MAX_ENTRIES
 */
struct nfalg_cls {
	struct nfalg_cls_sset *ss;
	unsigned int n_ss;
	struct nfalg_cls_iface *ifaces;
	unsigned int n_ifaces;
	int global;
	unsigned int total;
};

static void nfalg_cidx_free(struct nfalg_cidx *ix)
{
	kvfree(ix->cands);
	kvfree(ix->tuples);
	kvfree(ix->runs);
	kvfree(ix->ent);
	kvfree(ix->slots);
}

void nfalg_cls_free(struct nfalg_cls *cls)
{
	unsigned int i;
	int k;

	if (!cls)
		return;
	for (i = 0; i < cls->n_ss; i++) {
		for (k = 0; k < CLS_N; k++)
			nfalg_cidx_free(&cls->ss[i].ix[k]);
	}
	kvfree(cls->ss);
	kvfree(cls->ifaces);
	kfree(cls);
}

/* ---- keys ---- */

static u8 nfalg_ckey_fam(u8 family)
{
	return family == AF_INET ? 1 : 2;
}

/* @a (IPv4 when @fam is 1) masked to @len bits into @out */
static void nfalg_ckey_mask(__be32 *out, const union nf_inet_addr *a, u8 fam,
			    unsigned int len)
{
	unsigned int w, bits;

	for (w = 0; w < 4; w++) {
		bits = len > 32 * w ? min(len - 32 * w, 32U) : 0;
		if (!bits || (fam == 1 && w))
			out[w] = 0;
		else
			out[w] = a->ip6[w] & htonl(~0U << (32 - bits));
	}
}

/* ---- building ---- */

/* A key and the candidate entered under it, while building */
struct nfalg_cent {
	struct nfalg_ckey key;
	u32 sig;
	u32 cand;
};

struct nfalg_cls_ctx {
	const struct nfalg_config *c;
	struct nfalg_cls *cls;
	struct nfalg_cls_sset *s;
	struct nfalg_cand tmpl;
	u32 seq;
	int depth;
	/* keys of the index being built */
	struct nfalg_cent *ents;
	unsigned int n_ents, cap_ents;
};

static int nfalg_cls_count(struct nfalg_cls_ctx *x)
{
	if (x->cls->total >= NFALG_CLS_MAX_ENTRIES)
		return -E2BIG;
	x->cls->total++;
	return 0;
}

/*
 * Room for one more element of @size bytes in the array at *@arr holding
 * @n of *@cap; counted against NFALG_CLS_MAX_ENTRIES
 */
static int nfalg_cls_room(struct nfalg_cls_ctx *x, void **arr, unsigned int n,
			  unsigned int *cap, size_t size)
{
	unsigned int want;
	void *p;
	int err;

	err = nfalg_cls_count(x);
	if (err || n < *cap)
		return err;
	want = *cap ? 2 * *cap : 64;
	p = kvmalloc_array(want, size, NFALG_GFP);
	if (!p)
		return -ENOMEM;
	if (n)
		memcpy(p, *arr, n * size);
	kvfree(*arr);
	*arr = p;
	*cap = want;
	return 0;
}

static int nfalg_cand_add(struct nfalg_cls_ctx *x, int which,
			  const struct nfalg_cand *cand)
{
	struct nfalg_cidx *ix = &x->s->ix[which];
	int err;

	err = nfalg_cls_room(x, (void **)&ix->cands, ix->n_cands,
			     &ix->cap_cands, sizeof(*ix->cands));
	if (err)
		return err;
	ix->cands[ix->n_cands] = *cand;
	ix->cands[ix->n_cands++].seq = x->seq++;
	return 0;
}

static int nfalg_cls_add_app(struct nfalg_cls_ctx *x,
			     const struct nfalg_app *a)
{
	struct nfalg_cand cand = x->tmpl;
	const char *alg = nfalg_app_alg_name(a);
	unsigned int spec;

	spec = !!(a->flags & NFALG_APPF_PROTO) +
	       2 * !!(a->flags & (NFALG_APPF_DPORT | NFALG_APPF_ICMP_TYPE)) +
	       !!(a->flags & NFALG_APPF_SPORT);
	cand.app = a;
	cand.rank |= 7 - spec;
	return nfalg_cand_add(x, alg && !strcmp(alg, "ip") ? CLS_IPALG :
			      CLS_MAIN, &cand);
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
	/* expanding nested sets: up to NFALG_CLS_MAX_ENTRIES in all */
	cond_resched();
	x->depth++;
	err = nfalg_set_walk(x->c, name, nfalg_cls_add_name, x);
	x->depth--;
	return err;
}

static int nfalg_cand_cmp(const void *pa, const void *pb)
{
	const struct nfalg_cand *a = pa, *b = pb;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int nfalg_ent_add(struct nfalg_cls_ctx *x, const struct nfalg_ckey *k,
			 u32 sig, u32 cand)
{
	int err;

	err = nfalg_cls_room(x, (void **)&x->ents, x->n_ents, &x->cap_ents,
			     sizeof(*x->ents));
	if (err)
		return err;
	x->ents[x->n_ents].key = *k;
	x->ents[x->n_ents].sig = sig;
	x->ents[x->n_ents++].cand = cand;
	return 0;
}

/*
 * The non-except prefixes of family @fam in @p (@n of them) into @out;
 * an empty list (any address) gives one NULL.  Return: how many.
 */
static unsigned int nfalg_cls_prefixes(const struct nfalg_prefix *p,
				       unsigned int n, u8 fam,
				       const struct nfalg_prefix **out)
{
	unsigned int i, m = 0;

	if (!n) {
		out[0] = NULL;
		return 1;
	}
	for (i = 0; i < n && i < NFALG_MAX_TERM_REFS; i++)
		if (!p[i].except && nfalg_ckey_fam(p[i].family) == fam)
			out[m++] = &p[i];
	return m;
}

/* Enter candidate @no, with the protocol part @kind/@pp, under its prefixes */
static int nfalg_cls_key_prefixes(struct nfalg_cls_ctx *x, u32 no, u32 sig,
				  const struct nfalg_term *t, u8 kind, u32 pp)
{
	const struct nfalg_prefix *sp[NFALG_MAX_TERM_REFS], *dp[NFALG_MAX_TERM_REFS];
	static const struct nfalg_prefix *any[1];
	static const union nf_inet_addr nfalg_any;
	unsigned int ns, nd, i, j;
	struct nfalg_ckey k;
	u8 fam;
	int err;

	memset(&k, 0, sizeof(k));
	k.pp = pp;
	if (!t->n_src && !t->n_dst) {
		k.tuple = kind;
		return nfalg_ent_add(x, &k, sig, no);
	}
	for (fam = 1; fam <= 2; fam++) {
		const struct nfalg_prefix **s = sp, **d = dp;

		ns = nfalg_cls_prefixes(t->src, t->n_src, fam, sp);
		nd = nfalg_cls_prefixes(t->dst, t->n_dst, fam, dp);
		if (ns * nd > NFALG_CLS_CROSS_MAX) {
			/* key on the shorter list alone */
			if (nd <= ns) {
				s = any;
				ns = 1;
			} else {
				d = any;
				nd = 1;
			}
		}
		for (i = 0; i < ns; i++) {
			for (j = 0; j < nd; j++) {
				k.tuple = fam << 24 |
					  (s[i] ? s[i]->len : 0) << 16 |
					  (d[j] ? d[j]->len : 0) << 8 | kind;
				nfalg_ckey_mask(k.src, s[i] ? &s[i]->addr :
						&nfalg_any, fam,
						s[i] ? s[i]->len : 0);
				nfalg_ckey_mask(k.dst, d[j] ? &d[j]->addr :
						&nfalg_any, fam,
						d[j] ? d[j]->len : 0);
				err = nfalg_ent_add(x, &k, sig, no);
				if (err)
					return err;
			}
		}
	}
	return 0;
}

/* What decides whether a candidate matches, hashed */
static u32 nfalg_cand_sig(const struct nfalg_cand *c)
{
	const struct nfalg_term *t = c->term;
	u32 h = jhash(&c->app, sizeof(c->app), c->rule->dir);

	h = jhash(t->src, t->n_src * sizeof(*t->src), h);
	return jhash(t->dst, t->n_dst * sizeof(*t->dst), h);
}

/* Whether @a and @b match the same packets: same conditions */
static bool nfalg_cand_same(const struct nfalg_cand *a,
			    const struct nfalg_cand *b)
{
	const struct nfalg_term *s = a->term, *t = b->term;

	return a->app == b->app && a->rule->dir == b->rule->dir &&
	       s->n_src == t->n_src && s->n_dst == t->n_dst &&
	       !memcmp(s->src, t->src, s->n_src * sizeof(*s->src)) &&
	       !memcmp(s->dst, t->dst, s->n_dst * sizeof(*s->dst));
}

/* Enter candidate @no of @ix under all its keys */
static int nfalg_cls_key_cand(struct nfalg_cls_ctx *x,
			      const struct nfalg_cidx *ix, u32 no)
{
	const struct nfalg_cand *c = &ix->cands[no];
	const struct nfalg_app *a = c->app;
	u32 sig = nfalg_cand_sig(c), lo, hi, bits;
	int err;

	if (!a || !(a->flags & NFALG_APPF_PROTO))
		return nfalg_cls_key_prefixes(x, no, sig, c->term, CLS_ANY, 0);
	if (!(a->flags & NFALG_APPF_DPORT))
		return nfalg_cls_key_prefixes(x, no, sig, c->term, CLS_PROTO,
					      (u32)a->proto << 16);
	/* the range in aligned blocks: the largest that fits at each step */
	for (lo = a->dport_lo, hi = a->dport_hi; lo <= hi; lo += 1U << bits) {
		bits = lo ? min_t(u32, __ffs(lo), 16) : 16;
		while (lo + (1U << bits) - 1 > hi)
			bits--;
		err = nfalg_cls_key_prefixes(x, no, sig, c->term,
					     CLS_PORT_BITS - bits,
					     (u32)a->proto << 16 | lo);
		if (err)
			return err;
	}
	return 0;
}

static int nfalg_cent_cmp(const void *pa, const void *pb)
{
	const struct nfalg_cent *a = pa, *b = pb;
	int d = memcmp(&a->key, &b->key, sizeof(a->key));

	if (d)
		return d;
	return a->cand < b->cand ? -1 : a->cand > b->cand;
}

/* By key, then conditions, then candidate: repeats follow their first */
static int nfalg_cent_sig_cmp(const void *pa, const void *pb)
{
	const struct nfalg_cent *a = pa, *b = pb;
	int d = memcmp(&a->key, &b->key, sizeof(a->key));

	if (d)
		return d;
	if (a->sig != b->sig)
		return a->sig < b->sig ? -1 : 1;
	return a->cand < b->cand ? -1 : a->cand > b->cand;
}

/*
 * Leave out the keys of candidates that repeat the conditions of an
 * earlier candidate under the same key (the first of their group)
 */
static void nfalg_cidx_dedup(struct nfalg_cls_ctx *x,
			     const struct nfalg_cidx *ix)
{
	unsigned int i, head = 0, n = 0;
	struct nfalg_cent *e;

	sort(x->ents, x->n_ents, sizeof(*x->ents), nfalg_cent_sig_cmp, NULL);
	for (i = 0; i < x->n_ents; i++) {
		e = &x->ents[i];
		if (i && e->sig == x->ents[head].sig &&
		    !memcmp(&e->key, &x->ents[head].key, sizeof(e->key)) &&
		    nfalg_cand_same(&ix->cands[e->cand],
				    &ix->cands[x->ents[head].cand]))
			continue;
		x->ents[n] = *e;
		head = n++;
	}
	x->n_ents = n;
}

static int nfalg_ctuple_cmp(const void *pa, const void *pb)
{
	const struct nfalg_ctuple *a = pa, *b = pb;

	return a->first < b->first ? -1 : a->first > b->first;
}

static u32 nfalg_ckey_hash(const struct nfalg_cidx *ix,
			   const struct nfalg_ckey *k)
{
	return jhash2((const u32 *)k, sizeof(*k) / sizeof(u32), ix->seed);
}

/* Turn the sorted keys of @x into the runs, tuples and hash table of @ix */
static int nfalg_cidx_compile(struct nfalg_cls_ctx *x, struct nfalg_cidx *ix)
{
	unsigned int i, r = 0, t = 0, size;
	struct nfalg_cent *e;
	u32 h;

	for (i = 0; i < x->n_ents; i++) {
		if (!i || memcmp(&x->ents[i].key, &x->ents[i - 1].key,
				 sizeof(x->ents[i].key)))
			ix->n_runs++;
		if (!i || x->ents[i].key.tuple != x->ents[i - 1].key.tuple)
			ix->n_tuples++;
	}
	size = roundup_pow_of_two(max(2 * ix->n_runs, 2U));
	ix->runs = kvmalloc_array(ix->n_runs, sizeof(*ix->runs), NFALG_GFP);
	ix->tuples = kvmalloc_array(ix->n_tuples, sizeof(*ix->tuples),
				    NFALG_GFP);
	ix->ent = kvmalloc_array(x->n_ents, sizeof(*ix->ent), NFALG_GFP);
	ix->slots = kvcalloc(size, sizeof(*ix->slots), NFALG_GFP);
	if (!ix->runs || !ix->tuples || !ix->ent || !ix->slots)
		return -ENOMEM;
	ix->mask = size - 1;
	ix->seed = get_random_u32();

	for (i = 0; i < x->n_ents; i++) {
		e = &x->ents[i];
		ix->ent[i] = e->cand;
		if (i && !memcmp(&e->key, &x->ents[i - 1].key, sizeof(e->key))) {
			ix->runs[r - 1].n++;
			continue;
		}
		ix->runs[r].key = e->key;
		ix->runs[r].first = i;
		ix->runs[r++].n = 1;
		/* a run's first candidate is its lowest */
		if (!i || e->key.tuple != x->ents[i - 1].key.tuple) {
			ix->tuples[t].code = e->key.tuple;
			ix->tuples[t++].first = e->cand;
		} else if (e->cand < ix->tuples[t - 1].first) {
			ix->tuples[t - 1].first = e->cand;
		}
	}
	sort(ix->tuples, ix->n_tuples, sizeof(*ix->tuples), nfalg_ctuple_cmp,
	     NULL);
	for (r = 0; r < ix->n_runs; r++) {
		h = nfalg_ckey_hash(ix, &ix->runs[r].key) & ix->mask;
		while (ix->slots[h])
			h = (h + 1) & ix->mask;
		ix->slots[h] = r + 1;
	}
	return 0;
}

static int nfalg_cidx_build(struct nfalg_cls_ctx *x, struct nfalg_cidx *ix)
{
	unsigned int i;
	int err;

	if (!ix->n_cands)
		return 0;
	sort(ix->cands, ix->n_cands, sizeof(*ix->cands), nfalg_cand_cmp, NULL);
	x->n_ents = 0;
	for (i = 0; i < ix->n_cands; i++) {
		if (!(i % 1024))
			cond_resched();
		err = nfalg_cls_key_cand(x, ix, i);
		if (err)
			return err;
	}
	nfalg_cidx_dedup(x, ix);
	cond_resched();
	sort(x->ents, x->n_ents, sizeof(*x->ents), nfalg_cent_cmp, NULL);
	cond_resched();
	return nfalg_cidx_compile(x, ix);
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
			x->tmpl.rank = i << 7 | j << 3;
			x->tmpl.rule = r;
			x->tmpl.term = t;
			if (!t->n_apps && !t->n_sets) {
				x->tmpl.rank |= 7;
				err = nfalg_cand_add(x, CLS_MAIN, &x->tmpl);
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
		err = nfalg_cidx_build(x, &x->s->ix[l]);
		if (err)
			return err;
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
	kvfree(x.ents);
	c->cls = cls;
	return 0;
nomem:
	err = -ENOMEM;
fail:
	kvfree(x.ents);
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

static const struct nfalg_crun *nfalg_cidx_find(const struct nfalg_cidx *ix,
						const struct nfalg_ckey *k)
{
	const struct nfalg_crun *run;
	u32 h = nfalg_ckey_hash(ix, k) & ix->mask, r;

	while ((r = ix->slots[h])) {
		run = &ix->runs[r - 1];
		if (!memcmp(&run->key, k, sizeof(*k)))
			return run;
		h = (h + 1) & ix->mask;
	}
	return NULL;
}

/*
 * The matching candidate of @ix with the lowest number, or NULL; @ports:
 * the packet's protocol has ports.
 */
static const struct nfalg_cand *
nfalg_cidx_lookup(const struct nfalg_cidx *ix, const struct nfalg_cls_key *k,
		  bool ports)
{
	u32 best = U32_MAX, code, kind, fam = nfalg_ckey_fam(k->family), no;
	const struct nfalg_crun *run;
	struct nfalg_ckey key;
	unsigned int t, i;

	for (t = 0; t < ix->n_tuples && ix->tuples[t].first < best; t++) {
		code = ix->tuples[t].code;
		kind = CKEY_KIND(code);
		if (CKEY_FAM(code) && CKEY_FAM(code) != fam)
			continue;
		if (kind <= CLS_PORT_BITS && !ports)
			continue;
		key.tuple = code;
		if (kind == CLS_ANY)
			key.pp = 0;
		else if (kind == CLS_PROTO)
			key.pp = (u32)k->proto << 16;
		else
			key.pp = (u32)k->proto << 16 | (kind ?
				 k->dport & (0xffff << (CLS_PORT_BITS - kind)) :
				 0);
		nfalg_ckey_mask(key.src, &k->saddr, fam,
				CKEY_FAM(code) ? CKEY_SLEN(code) : 0);
		nfalg_ckey_mask(key.dst, &k->daddr, fam,
				CKEY_FAM(code) ? CKEY_DLEN(code) : 0);
		run = nfalg_cidx_find(ix, &key);
		if (!run)
			continue;
		for (i = 0; i < run->n; i++) {
			no = ix->ent[run->first + i];
			if (no >= best)
				break;
			if (nfalg_cand_match(&ix->cands[no], k)) {
				best = no;
				break;
			}
		}
	}
	return best == U32_MAX ? NULL : &ix->cands[best];
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

/*
 * The snmp-commands a conversation may carry: those of every application
 * of the matched term that matches it (junos-snmp-get and
 * junos-snmp-get-next, say, both on port 161), one bit each.  The
 * candidates of one term are neighbours in @ix.
 */
static u8 nfalg_cls_snmp(const struct nfalg_cidx *ix,
			 const struct nfalg_cand *best,
			 const struct nfalg_cls_key *k)
{
	const struct nfalg_cand *c = best;
	u8 cmds = 0;

	while (c > ix->cands && (c[-1].rank >> 3) == (best->rank >> 3))
		c--;
	for (; c < ix->cands + ix->n_cands &&
	       (c->rank >> 3) == (best->rank >> 3); c++)
		if (c->app && c->app->snmp && nfalg_cand_match(c, k))
			cmds |= BIT(c->app->snmp);
	return cmds;
}

bool nfalg_classify(const struct nfalg_config *c,
		    const struct nfalg_cls_key *k,
		    struct nfalg_cls_result *res)
{
	int idx = nfalg_cls_sset(c, k->ifname);
	const struct nfalg_cidx *ix;
	const struct nfalg_cand *best;
	bool ports;

	if (idx < 0)
		return false;
	ports = k->proto == IPPROTO_TCP || k->proto == IPPROTO_UDP ||
		k->proto == IPPROTO_SCTP;
	ix = &c->cls->ss[idx].ix[CLS_MAIN];
	best = nfalg_cidx_lookup(ix, k, ports);
	if (!best) {
		ix = &c->cls->ss[idx].ix[CLS_IPALG];
		best = nfalg_cidx_lookup(ix, k, ports);
	}
	if (!best)
		return false;
	res->sset = c->ssets[idx];
	res->rule = best->rule;
	res->term = best->term;
	res->app = best->app;
	res->snmp_cmds = best->app && best->app->snmp ?
			 nfalg_cls_snmp(ix, best, k) : 0;
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
