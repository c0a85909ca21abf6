// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: configuration model - stateful firewall rules and service
 * sets.
 *
 * Rules and service sets are immutable objects shared by reference between
 * configuration snapshots (struct nfalg_config, see config.c): a change
 * builds a new object, copies the pointer arrays of the running snapshot
 * (taking a reference on each object) and publishes the copy.  Loading N
 * rules one by one therefore costs O(N^2) pointer copies, not O(N^2) rule
 * copies.  Both arrays are sorted by name.
 */

#include <linux/bitmap.h>
#include <linux/in6.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "nfalg_core.h"
#include "objtab.h"

/* ---- objects ---- */

static void nfalg_term_clear(struct nfalg_term *t)
{
	kfree(t->src);
	kfree(t->dst);
	kfree(t->apps);
	kfree(t->sets);
}

static void nfalg_rule_free(struct nfalg_rule *r)
{
	unsigned int i;

	if (!r)
		return;
	for (i = 0; i < r->n_terms; i++)
		nfalg_term_clear(&r->terms[i]);
	kfree(r->terms);
	free_percpu(r->hits);
	kfree(r);
}

/* Count a new connection that got the action of term @t of rule @r */
void nfalg_term_hit(const struct nfalg_rule *r, const struct nfalg_term *t)
{
	this_cpu_inc(r->hits[t - r->terms]);
}

static u64 nfalg_term_hits(const struct nfalg_rule *r, unsigned int i)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu_ptr(r->hits, cpu)[i];
	return sum;
}

void nfalg_rule_put(struct nfalg_rule *r)
{
	if (refcount_dec_and_test(&r->ref))
		nfalg_rule_free(r);
}

static void nfalg_sset_free(struct nfalg_sset *s)
{
	if (!s)
		return;
	kvfree(s->rules);
	kfree(s->ifaces);
	kfree(s);
}

void nfalg_sset_put(struct nfalg_sset *s)
{
	if (refcount_dec_and_test(&s->ref))
		nfalg_sset_free(s);
}

const struct nfalg_rule *nfalg_rule_find(const struct nfalg_config *c,
					 const char *name)
{
	unsigned int pos;
	bool found;

	pos = nfalg_tab_pos(&nfalg_kind_rule, c, name, &found);
	return found ? c->rules[pos] : NULL;
}

/* Name of a rule whose terms refer to application (set) @name, or NULL */
const char *nfalg_rule_using(const struct nfalg_config *c, const char *name,
			     bool is_set)
{
	const struct nfalg_term *t;
	unsigned int i, j, k;

	for (i = 0; i < c->n_rules; i++) {
		for (j = 0; j < c->rules[i]->n_terms; j++) {
			t = &c->rules[i]->terms[j];
			for (k = 0; !is_set && k < t->n_apps; k++) {
				if (!strcmp(t->apps[k], name))
					return c->rules[i]->name;
			}
			for (k = 0; is_set && k < t->n_sets; k++) {
				if (!strcmp(t->sets[k], name))
					return c->rules[i]->name;
			}
		}
	}
	return NULL;
}

/* ---- policies ---- */

static const struct nla_policy nfalg_name_list_policy[NFALG_A_APPSET_MEMBER_MAX + 1] = {
	[NFALG_A_APPSET_MEMBER]	= { .type = NLA_NUL_STRING,
				    .len = NFALG_NAME_MAXLEN },
};

static const struct nla_policy nfalg_iface_list_policy[NFALG_A_APPSET_MEMBER_MAX + 1] = {
	[NFALG_A_APPSET_MEMBER]	= { .type = NLA_NUL_STRING,
				    .len = IFNAMSIZ - 1 },
};

static const struct nla_policy nfalg_prefix_policy[NFALG_A_PREFIX_MAX + 1] = {
	[NFALG_A_PREFIX_ADDR]	= { .type = NLA_BINARY,
				    .len = sizeof(struct in6_addr) },
	[NFALG_A_PREFIX_LEN]	= NLA_POLICY_MAX(NLA_U8, 128),
	[NFALG_A_PREFIX_EXCEPT]	= { .type = NLA_FLAG },
};

static const struct nla_policy nfalg_prefixes_policy[NFALG_A_PREFIXES_MAX + 1] = {
	[NFALG_A_PREFIX]	= NLA_POLICY_NESTED(nfalg_prefix_policy),
};

static const struct nla_policy nfalg_term_policy[NFALG_A_TERM_MAX + 1] = {
	[NFALG_A_TERM_NAME]	= { .type = NLA_NUL_STRING,
				    .len = NFALG_NAME_MAXLEN },
	[NFALG_A_TERM_SOURCE]	= NLA_POLICY_NESTED(nfalg_prefixes_policy),
	[NFALG_A_TERM_DESTINATION] = NLA_POLICY_NESTED(nfalg_prefixes_policy),
	[NFALG_A_TERM_APPS]	= NLA_POLICY_NESTED(nfalg_name_list_policy),
	[NFALG_A_TERM_APPSETS]	= NLA_POLICY_NESTED(nfalg_name_list_policy),
	[NFALG_A_TERM_ACTION]	=
		NLA_POLICY_RANGE(NLA_U8, NFALG_ACT_ACCEPT, NFALG_ACT_REJECT),
	[NFALG_A_TERM_SYSLOG]	= { .type = NLA_FLAG },
	[NFALG_A_TERM_HITS]	= { .type = NLA_REJECT },
};

static const struct nla_policy nfalg_terms_policy[NFALG_A_RULE_TERM_MAX + 1] = {
	[NFALG_A_RULE_TERM]	= NLA_POLICY_NESTED(nfalg_term_policy),
};

static const struct nla_policy nfalg_rule_policy[NFALG_A_RULE_MAX + 1] = {
	[NFALG_A_RULE_NAME]	= { .type = NLA_NUL_STRING,
				    .len = NFALG_NAME_MAXLEN },
	[NFALG_A_RULE_DIRECTION] =
		NLA_POLICY_RANGE(NLA_U8, NFALG_DIR_INPUT, NFALG_DIR_INPUT_OUTPUT),
	[NFALG_A_RULE_TERMS]	= NLA_POLICY_NESTED(nfalg_terms_policy),
};

static const struct nla_policy nfalg_sset_policy[NFALG_A_SSET_MAX + 1] = {
	[NFALG_A_SSET_NAME]	= { .type = NLA_NUL_STRING,
				    .len = NFALG_NAME_MAXLEN },
	[NFALG_A_SSET_RULES]	= NLA_POLICY_NESTED(nfalg_name_list_policy),
	[NFALG_A_SSET_IFACES]	= NLA_POLICY_NESTED(nfalg_iface_list_policy),
	[NFALG_A_SSET_GLOBAL]	= { .type = NLA_FLAG },
	[NFALG_A_SSET_APPEND]	= { .type = NLA_FLAG },
};

const struct nla_policy nfalg_rule_cmd_policy[NFALG_A_SSET + 1] = {
	[NFALG_A_REPLACE]	= { .type = NLA_FLAG },
	[NFALG_A_RULE]		= NLA_POLICY_NESTED(nfalg_rule_policy),
	[NFALG_A_SSET]		= NLA_POLICY_NESTED(nfalg_sset_policy),
};

/* ---- parsing ---- */

static int nfalg_prefix_parse(const struct nlattr *entry,
			      struct nfalg_prefix *p,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NFALG_A_PREFIX_MAX + 1];
	unsigned int i, bits;
	int err;
	u8 *b;

	err = nla_parse_nested(tb, NFALG_A_PREFIX_MAX, entry,
			       nfalg_prefix_policy, extack);
	if (err)
		return err;
	if (!tb[NFALG_A_PREFIX_ADDR] || !tb[NFALG_A_PREFIX_LEN]) {
		NL_SET_ERR_MSG_ATTR(extack, entry,
				    "prefix needs an address and a length");
		return -EINVAL;
	}
	memset(p, 0, sizeof(*p));
	switch (nla_len(tb[NFALG_A_PREFIX_ADDR])) {
	case 4:
		p->family = AF_INET;
		bits = 32;
		break;
	case 16:
		p->family = AF_INET6;
		bits = 128;
		break;
	default:
		NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_PREFIX_ADDR],
				    "address must be 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
	nla_memcpy(&p->addr, tb[NFALG_A_PREFIX_ADDR], sizeof(p->addr));
	p->len = nla_get_u8(tb[NFALG_A_PREFIX_LEN]);
	if (p->len > bits) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_PREFIX_LEN],
				    "prefix length too long for the address family");
		return -EINVAL;
	}
	b = (u8 *)&p->addr;
	for (i = p->len; i < bits; i++) {
		if (b[i / 8] & (0x80 >> (i % 8))) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_PREFIX_ADDR],
					    "address has bits set beyond the prefix length");
			return -EINVAL;
		}
	}
	p->except = tb[NFALG_A_PREFIX_EXCEPT];
	return 0;
}

static int nfalg_prefixes_parse(const struct nlattr *nest,
				struct nfalg_prefix **out, u8 *n,
				struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	struct nfalg_prefix *p;
	unsigned int cnt, i;
	int rem, err;

	if (!nest)
		return 0;
	cnt = nfalg_nest_count(nest);
	if (!cnt || cnt > NFALG_MAX_TERM_REFS) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "a prefix list has 1..16 prefixes");
		return -E2BIG;
	}
	p = kcalloc(cnt, sizeof(*p), NFALG_GFP);
	if (!p)
		return -ENOMEM;
	*out = p;
	nla_for_each_nested(a, nest, rem) {
		err = nfalg_prefix_parse(a, &p[*n], extack);
		if (err)
			return err;
		for (i = 0; i < *n; i++) {
			if (p[i].family == p[*n].family &&
			    p[i].len == p[*n].len &&
			    !memcmp(&p[i].addr, &p[*n].addr, sizeof(p[i].addr))) {
				NL_SET_ERR_MSG_ATTR(extack, a, "duplicate prefix");
				return -EINVAL;
			}
		}
		(*n)++;
	}
	return 0;
}

/* Names of existing applications (@sets false) or sets (@sets true) */
static int nfalg_refs_parse(const struct nfalg_config *cur,
			    const struct nlattr *nest, bool sets,
			    char (**out)[NFALG_NAME_MAXLEN + 1], u8 *n,
			    struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	unsigned int cnt, i;
	char (*names)[NFALG_NAME_MAXLEN + 1];
	bool is_set;
	int rem, idx;

	if (!nest)
		return 0;
	cnt = nfalg_nest_count(nest);
	if (!cnt || cnt > NFALG_MAX_TERM_REFS) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "a term names 1..16 applications and 1..16 application-sets");
		return -E2BIG;
	}
	names = kcalloc(cnt, sizeof(*names), NFALG_GFP);
	if (!names)
		return -ENOMEM;
	*out = names;
	nla_for_each_nested(a, nest, rem) {
		const char *m = nla_data(a);

		if (!nfalg_name_exists(cur, m, &is_set, &idx) ||
		    is_set != sets) {
			if (sets)
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "no such application-set");
			else
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "no such application");
			return -ENOENT;
		}
		for (i = 0; i < *n; i++) {
			if (!strcmp(names[i], m)) {
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "duplicate reference");
				return -EINVAL;
			}
		}
		strscpy(names[(*n)++], m, sizeof(names[0]));
	}
	return 0;
}

static int nfalg_term_parse(const struct nfalg_config *cur,
			    const struct nlattr *entry, struct nfalg_term *t,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NFALG_A_TERM_MAX + 1];
	int err;

	err = nla_parse_nested(tb, NFALG_A_TERM_MAX, entry, nfalg_term_policy,
			       extack);
	if (err)
		return err;
	if (!tb[NFALG_A_TERM_NAME]) {
		NL_SET_ERR_ATTR_MISS(extack, entry, NFALG_A_TERM_NAME);
		NL_SET_ERR_MSG_ATTR(extack, entry, "term name missing");
		return -EINVAL;
	}
	if (!nfalg_name_valid(nla_data(tb[NFALG_A_TERM_NAME]))) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_TERM_NAME],
				    "bad term name");
		return -EINVAL;
	}
	strscpy(t->name, nla_data(tb[NFALG_A_TERM_NAME]), sizeof(t->name));
	if (!tb[NFALG_A_TERM_ACTION]) {
		NL_SET_ERR_ATTR_MISS(extack, entry, NFALG_A_TERM_ACTION);
		NL_SET_ERR_MSG_ATTR(extack, entry,
				    "term needs an action (accept, discard or reject)");
		return -EINVAL;
	}
	t->action = nla_get_u8(tb[NFALG_A_TERM_ACTION]);
	t->syslog = tb[NFALG_A_TERM_SYSLOG];
	err = nfalg_prefixes_parse(tb[NFALG_A_TERM_SOURCE], &t->src, &t->n_src,
				   extack);
	if (!err)
		err = nfalg_prefixes_parse(tb[NFALG_A_TERM_DESTINATION],
					   &t->dst, &t->n_dst, extack);
	if (!err)
		err = nfalg_refs_parse(cur, tb[NFALG_A_TERM_APPS], false,
				       &t->apps, &t->n_apps, extack);
	if (!err)
		err = nfalg_refs_parse(cur, tb[NFALG_A_TERM_APPSETS], true,
				       &t->sets, &t->n_sets, extack);
	return err;
}

static int nfalg_rule_parse(const struct nfalg_config *cur,
			    struct nlattr **tb, struct nfalg_rule *r,
			    struct netlink_ext_ack *extack)
{
	const struct nlattr *a, *nest = tb[NFALG_A_RULE_TERMS];
	unsigned int cnt, i;
	int rem, err;

	if (!tb[NFALG_A_RULE_DIRECTION]) {
		NL_SET_ERR_MSG(extack,
			       "rule needs a match-direction (input, output or input-output)");
		return -EINVAL;
	}
	r->dir = nla_get_u8(tb[NFALG_A_RULE_DIRECTION]);
	cnt = nest ? nfalg_nest_count(nest) : 0;
	if (!cnt) {
		NL_SET_ERR_MSG(extack, "rule needs at least one term");
		return -EINVAL;
	}
	if (cnt > NFALG_MAX_TERMS) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "too many terms (limit 16)");
		return -E2BIG;
	}
	r->terms = kcalloc(cnt, sizeof(*r->terms), NFALG_GFP);
	r->hits = __alloc_percpu_gfp(cnt * sizeof(*r->hits), sizeof(*r->hits),
				     NFALG_GFP);
	if (!r->terms || !r->hits)
		return -ENOMEM;
	nla_for_each_nested(a, nest, rem) {
		struct nfalg_term *t = &r->terms[r->n_terms];

		/* counted now so that the error path frees its lists */
		r->n_terms++;
		err = nfalg_term_parse(cur, a, t, extack);
		if (err)
			return err;
		for (i = 0; i + 1 < r->n_terms; i++) {
			if (!strcmp(r->terms[i].name, t->name)) {
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "duplicate term name");
				return -EEXIST;
			}
		}
	}
	return 0;
}

/* ---- rules ---- */

static const char *nfalg_rule_name(const void *e)
{
	return (*(struct nfalg_rule * const *)e)->name;
}

static int nfalg_rule_build(struct nfalg_edit *ed, struct nlattr **tb,
			    const void *old, void *e)
{
	struct nlattr *nest = ed->info->attrs[NFALG_A_RULE];
	struct nfalg_rule *r;
	int err;

	if (nla_len(nest) > NFALG_MAX_RULE_SIZE) {
		NL_SET_ERR_MSG_ATTR(ed->info->extack, nest,
				    "rule too large (limit 3072 bytes of attributes)");
		return -E2BIG;
	}
	r = kzalloc(sizeof(*r), NFALG_GFP);
	if (!r)
		return -ENOMEM;
	refcount_set(&r->ref, 1);
	strscpy(r->name, nla_data(tb[NFALG_A_RULE_NAME]), sizeof(r->name));
	err = nfalg_rule_parse(ed->c, tb, r, ed->info->extack);
	if (err) {
		nfalg_rule_free(r);
		return err;
	}
	*(struct nfalg_rule **)e = r;
	return 0;
}

static const struct nfalg_sset *nfalg_sset_using(const struct nfalg_config *c,
						 const char *rule)
{
	unsigned int i, j;

	for (i = 0; i < c->n_ssets; i++) {
		for (j = 0; j < c->ssets[i]->n_rules; j++) {
			if (!strcmp(c->ssets[i]->rules[j], rule))
				return c->ssets[i];
		}
	}
	return NULL;
}

static int nfalg_rule_check_del(const struct nfalg_config *c, unsigned int pos,
				struct nlattr *name,
				struct netlink_ext_ack *extack)
{
	if (nfalg_sset_using(c, c->rules[pos]->name)) {
		NL_SET_ERR_MSG_ATTR(extack, name, "rule is used by a service-set");
		return -EBUSY;
	}
	return 0;
}

static void nfalg_rule_release(void *e)
{
	nfalg_rule_free(*(struct nfalg_rule **)e);
}

/* .refcounted: the table holds pointers to objects starting with ->ref */
static_assert(offsetof(struct nfalg_rule, ref) == 0);
static_assert(offsetof(struct nfalg_sset, ref) == 0);

const struct nfalg_kind nfalg_kind_rule = {
	.idx		= NFALG_KIND_RULE,
	.attr		= NFALG_A_RULE,
	.maxtype	= NFALG_A_RULE_MAX,
	.policy		= nfalg_rule_policy,
	.size		= sizeof(struct nfalg_rule *),
	.tab_off	= offsetof(struct nfalg_config, rules),
	.n_off		= offsetof(struct nfalg_config, n_rules),
	.limit		= NFALG_MAX_RULES,
	.msg_none	= "no rule given",
	.msg_exists	= "rule exists",
	.msg_missing	= "no such rule",
	.msg_limit	= "too many rules (limit 16384)",
	.name		= nfalg_rule_name,
	.build		= nfalg_rule_build,
	.check_del	= nfalg_rule_check_del,
	.refcounted	= true,
	.release	= nfalg_rule_release,
};

int nfalg_nl_new_rule(struct sk_buff *skb, struct genl_info *info)
{
	return nfalg_obj_new(&nfalg_kind_rule, info);
}

int nfalg_nl_del_rule(struct sk_buff *skb, struct genl_info *info)
{
	return nfalg_obj_del(&nfalg_kind_rule, info);
}

/* ---- service sets ---- */

/*
 * Rules of @s: those of @old (when appending), then the request's; each
 * must exist and appear once.  Duplicates are found with a bitmap over
 * the rule table, so long lists cost O(n log rules).
 */
static int nfalg_sset_rules(const struct nfalg_config *cur,
			    const struct nlattr *rules,
			    const struct nfalg_sset *old, struct nfalg_sset *s,
			    struct netlink_ext_ack *extack)
{
	unsigned int cnt, n_old = old ? old->n_rules : 0, i, pos;
	unsigned long *seen;
	const struct nlattr *a;
	bool found;
	int rem, err = 0;

	cnt = rules ? nfalg_nest_count(rules) : 0;
	if (!cnt) {
		NL_SET_ERR_MSG(extack, "service-set needs at least one rule");
		return -EINVAL;
	}
	if (n_old + cnt > NFALG_MAX_SSET_RULES) {
		NL_SET_ERR_MSG_ATTR(extack, rules,
				    "too many rules in a service-set (limit 16384)");
		return -E2BIG;
	}
	s->rules = kvcalloc(n_old + cnt, sizeof(*s->rules), NFALG_GFP);
	seen = bitmap_zalloc(cur->n_rules, NFALG_GFP);
	if (!s->rules || !seen) {
		err = -ENOMEM;
		goto out;
	}
	for (i = 0; i < n_old; i++) {
		pos = nfalg_tab_pos(&nfalg_kind_rule, cur, old->rules[i],
				    &found);
		if (found)
			set_bit(pos, seen);
		strscpy(s->rules[s->n_rules++], old->rules[i],
			sizeof(s->rules[0]));
	}
	nla_for_each_nested(a, rules, rem) {
		pos = nfalg_tab_pos(&nfalg_kind_rule, cur, nla_data(a), &found);
		if (!found) {
			NL_SET_ERR_MSG_ATTR(extack, a, "no such rule");
			err = -ENOENT;
			goto out;
		}
		if (test_and_set_bit(pos, seen)) {
			NL_SET_ERR_MSG_ATTR(extack, a, "duplicate rule");
			err = -EINVAL;
			goto out;
		}
		strscpy(s->rules[s->n_rules++], nla_data(a),
			sizeof(s->rules[0]));
	}
out:
	bitmap_free(seen);
	return err;
}

static int nfalg_sset_ifaces(const struct nfalg_config *cur,
			     struct nlattr **tb, struct nfalg_sset *s,
			     struct netlink_ext_ack *extack)
{
	const struct nlattr *a, *ifaces = tb[NFALG_A_SSET_IFACES];
	const struct nfalg_sset *o;
	unsigned int cnt, i, j;
	int rem;

	s->global = tb[NFALG_A_SSET_GLOBAL];
	if (s->global == !!ifaces) {
		NL_SET_ERR_MSG(extack,
			       "service-set needs either interfaces or global");
		return -EINVAL;
	}
	for (i = 0; s->global && i < cur->n_ssets; i++) {
		o = cur->ssets[i];
		if (o->global && strcmp(o->name, s->name)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_SSET_GLOBAL],
					    "another service-set is global");
			return -EEXIST;
		}
	}
	if (!ifaces)
		return 0;
	cnt = nfalg_nest_count(ifaces);
	if (!cnt || cnt > NFALG_MAX_SSET_IFACES) {
		NL_SET_ERR_MSG_ATTR(extack, ifaces,
				    "a service-set has 1..64 interfaces");
		return -E2BIG;
	}
	s->ifaces = kcalloc(cnt, sizeof(*s->ifaces), NFALG_GFP);
	if (!s->ifaces)
		return -ENOMEM;
	nla_for_each_nested(a, ifaces, rem) {
		if (!dev_valid_name(nla_data(a))) {
			NL_SET_ERR_MSG_ATTR(extack, a, "bad interface name");
			return -EINVAL;
		}
		for (i = 0; i < s->n_ifaces; i++) {
			if (!strcmp(s->ifaces[i], nla_data(a))) {
				NL_SET_ERR_MSG_ATTR(extack, a,
						    "duplicate interface");
				return -EINVAL;
			}
		}
		for (i = 0; i < cur->n_ssets; i++) {
			o = cur->ssets[i];
			if (!strcmp(o->name, s->name))
				continue;
			for (j = 0; j < o->n_ifaces; j++) {
				if (!strcmp(o->ifaces[j], nla_data(a))) {
					NL_SET_ERR_MSG_ATTR(extack, a,
							    "interface is bound to another service-set");
					return -EEXIST;
				}
			}
		}
		strscpy(s->ifaces[s->n_ifaces++], nla_data(a),
			sizeof(s->ifaces[0]));
	}
	return 0;
}

static const char *nfalg_sset_name(const void *e)
{
	return (*(struct nfalg_sset * const *)e)->name;
}

/* A new service set, or with NFALG_A_SSET_APPEND @old extended by rules */
static int nfalg_sset_build(struct nfalg_edit *ed, struct nlattr **tb,
			    const void *old, void *e)
{
	struct netlink_ext_ack *extack = ed->info->extack;
	const struct nfalg_sset *o = NULL;
	struct nfalg_sset *s;
	int err;

	if (tb[NFALG_A_SSET_APPEND]) {
		if (tb[NFALG_A_SSET_IFACES] || tb[NFALG_A_SSET_GLOBAL]) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_SSET_APPEND],
					    "append takes only rules");
			return -EINVAL;
		}
		o = *(struct nfalg_sset * const *)old;
	}
	s = kzalloc(sizeof(*s), NFALG_GFP);
	if (!s)
		return -ENOMEM;
	refcount_set(&s->ref, 1);
	strscpy(s->name, nla_data(tb[NFALG_A_SSET_NAME]), sizeof(s->name));
	err = nfalg_sset_rules(ed->c, tb[NFALG_A_SSET_RULES], o, s, extack);
	if (!err && o) {
		s->global = o->global;
		s->n_ifaces = o->n_ifaces;
		s->ifaces = kmemdup(o->ifaces, o->n_ifaces * sizeof(*o->ifaces),
				    NFALG_GFP);
		if (o->n_ifaces && !s->ifaces)
			err = -ENOMEM;
	} else if (!err) {
		err = nfalg_sset_ifaces(ed->c, tb, s, extack);
	}
	if (err) {
		nfalg_sset_free(s);
		return err;
	}
	*(struct nfalg_sset **)e = s;
	return 0;
}

static void nfalg_sset_release(void *e)
{
	nfalg_sset_free(*(struct nfalg_sset **)e);
}

const struct nfalg_kind nfalg_kind_sset = {
	.idx		= NFALG_KIND_SSET,
	.attr		= NFALG_A_SSET,
	.maxtype	= NFALG_A_SSET_MAX,
	.policy		= nfalg_sset_policy,
	.size		= sizeof(struct nfalg_sset *),
	.tab_off	= offsetof(struct nfalg_config, ssets),
	.n_off		= offsetof(struct nfalg_config, n_ssets),
	.limit		= NFALG_MAX_SSETS,
	.append_attr	= NFALG_A_SSET_APPEND,
	.msg_none	= "no service-set given",
	.msg_exists	= "service-set exists",
	.msg_missing	= "no such service-set",
	.msg_limit	= "too many service-sets (limit 256)",
	.name		= nfalg_sset_name,
	.build		= nfalg_sset_build,
	.refcounted	= true,
	.release	= nfalg_sset_release,
};

int nfalg_nl_new_sset(struct sk_buff *skb, struct genl_info *info)
{
	return nfalg_obj_new(&nfalg_kind_sset, info);
}

int nfalg_nl_del_sset(struct sk_buff *skb, struct genl_info *info)
{
	return nfalg_obj_del(&nfalg_kind_sset, info);
}

/* ---- dumps ---- */

static int nfalg_put_names(struct sk_buff *skb, int type,
			   const char *names, size_t size, unsigned int n)
{
	struct nlattr *nest;
	unsigned int i;

	if (!n)
		return 0;
	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		if (nla_put_string(skb, NFALG_A_APPSET_MEMBER,
				   names + i * size))
			return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int nfalg_put_prefixes(struct sk_buff *skb, int type,
			      const struct nfalg_prefix *p, unsigned int n)
{
	struct nlattr *nest, *pn;
	unsigned int i;

	if (!n)
		return 0;
	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++) {
		pn = nla_nest_start(skb, NFALG_A_PREFIX);
		if (!pn ||
		    nla_put(skb, NFALG_A_PREFIX_ADDR,
			    p[i].family == AF_INET ? 4 : 16, &p[i].addr) ||
		    nla_put_u8(skb, NFALG_A_PREFIX_LEN, p[i].len) ||
		    (p[i].except && nla_put_flag(skb, NFALG_A_PREFIX_EXCEPT)))
			return -EMSGSIZE;
		nla_nest_end(skb, pn);
	}
	nla_nest_end(skb, nest);
	return 0;
}

static int nfalg_fill_rule(struct sk_buff *skb, const struct nfalg_rule *r)
{
	struct nlattr *nest, *terms, *tn;
	const struct nfalg_term *t;
	unsigned int i;

	nest = nla_nest_start(skb, NFALG_A_RULE);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, NFALG_A_RULE_NAME, r->name) ||
	    nla_put_u8(skb, NFALG_A_RULE_DIRECTION, r->dir))
		goto cancel;
	terms = nla_nest_start(skb, NFALG_A_RULE_TERMS);
	if (!terms)
		goto cancel;
	for (i = 0; i < r->n_terms; i++) {
		t = &r->terms[i];
		tn = nla_nest_start(skb, NFALG_A_RULE_TERM);
		if (!tn ||
		    nla_put_string(skb, NFALG_A_TERM_NAME, t->name) ||
		    nfalg_put_prefixes(skb, NFALG_A_TERM_SOURCE, t->src,
				       t->n_src) ||
		    nfalg_put_prefixes(skb, NFALG_A_TERM_DESTINATION, t->dst,
				       t->n_dst) ||
		    nfalg_put_names(skb, NFALG_A_TERM_APPS, (const char *)t->apps,
				    sizeof(*t->apps), t->n_apps) ||
		    nfalg_put_names(skb, NFALG_A_TERM_APPSETS,
				    (const char *)t->sets, sizeof(*t->sets),
				    t->n_sets) ||
		    nla_put_u8(skb, NFALG_A_TERM_ACTION, t->action) ||
		    (t->syslog && nla_put_flag(skb, NFALG_A_TERM_SYSLOG)) ||
		    nla_put_u64_64bit(skb, NFALG_A_TERM_HITS,
				      nfalg_term_hits(r, i), NFALG_A_TERM_PAD))
			goto cancel;
		nla_nest_end(skb, tn);
	}
	nla_nest_end(skb, terms);
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/* Rule names of a service set per dump message: well within 64 KiB */
#define NFALG_SSET_DUMP_RULES	512

/*
 * Service set @s from its rule @*off on; a long rule list continues in the
 * next messages, flagged NFALG_A_SSET_APPEND.  Advances @*off.
 */
static int nfalg_fill_sset(struct sk_buff *skb, const struct nfalg_sset *s,
			   unsigned int *off)
{
	struct nlattr *nest, *rules;
	unsigned int i;

	nest = nla_nest_start(skb, NFALG_A_SSET);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, NFALG_A_SSET_NAME, s->name))
		goto cancel;
	if (!*off &&
	    (nfalg_put_names(skb, NFALG_A_SSET_IFACES, (const char *)s->ifaces,
			     sizeof(*s->ifaces), s->n_ifaces) ||
	     (s->global && nla_put_flag(skb, NFALG_A_SSET_GLOBAL))))
		goto cancel;
	if (*off && nla_put_flag(skb, NFALG_A_SSET_APPEND))
		goto cancel;
	rules = nla_nest_start(skb, NFALG_A_SSET_RULES);
	if (!rules)
		goto cancel;
	for (i = *off; i < s->n_rules && i - *off < NFALG_SSET_DUMP_RULES;
	     i++) {
		if (nla_put_string(skb, NFALG_A_APPSET_MEMBER, s->rules[i]))
			break;
	}
	if (i == *off)
		goto cancel;
	nla_nest_end(skb, rules);
	nla_nest_end(skb, nest);
	*off = i;
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

/*
 * One object per message (a long service set in several); cb->args[0]:
 * next position, cb->args[1]: next rule of that service set
 */
static int nfalg_rules_dump(struct sk_buff *skb, struct netlink_callback *cb,
			    bool ssets)
{
	const struct nfalg_config *c;
	unsigned int pos, n, off;
	void *hdr;
	int err = 0;

	rcu_read_lock();
	c = rcu_dereference(nfalg_pernet(sock_net(skb->sk))->config);
	cb->seq = c->gen;
	n = ssets ? c->n_ssets : c->n_rules;
	off = cb->args[1];
	for (pos = cb->args[0]; pos < n; ) {
		hdr = nfalg_genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, NLM_F_MULTI,
					ssets ? NFALG_CMD_GET_SSET :
					NFALG_CMD_GET_RULE);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		err = ssets ? nfalg_fill_sset(skb, c->ssets[pos], &off) :
			nfalg_fill_rule(skb, c->rules[pos]);
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		if (!ssets || off >= c->ssets[pos]->n_rules) {
			pos++;
			off = 0;
		}
	}
	rcu_read_unlock();
	cb->args[0] = pos;
	cb->args[1] = off;
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
}

int nfalg_nl_dump_rules(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nfalg_rules_dump(skb, cb, false);
}

int nfalg_nl_dump_ssets(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nfalg_rules_dump(skb, cb, true);
}
