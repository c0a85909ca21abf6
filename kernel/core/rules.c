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

#include <linux/in6.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "nfalg_core.h"

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
	kfree(r);
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

static unsigned int nfalg_rule_pos(const struct nfalg_config *c,
				   const char *name, bool *found)
{
	unsigned int lo = 0, hi = c->n_rules, mid;
	int d;

	*found = false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		d = strcmp(name, c->rules[mid]->name);
		if (!d) {
			*found = true;
			return mid;
		}
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static unsigned int nfalg_sset_pos(const struct nfalg_config *c,
				   const char *name, bool *found)
{
	unsigned int lo = 0, hi = c->n_ssets, mid;
	int d;

	*found = false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		d = strcmp(name, c->ssets[mid]->name);
		if (!d) {
			*found = true;
			return mid;
		}
		if (d < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

const struct nfalg_rule *nfalg_rule_find(const struct nfalg_config *c,
					 const char *name)
{
	unsigned int pos;
	bool found;

	pos = nfalg_rule_pos(c, name, &found);
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
};

const struct nla_policy nfalg_rule_cmd_policy[NFALG_A_SSET + 1] = {
	[NFALG_A_REPLACE]	= { .type = NLA_FLAG },
	[NFALG_A_RULE]		= NLA_POLICY_NESTED(nfalg_rule_policy),
	[NFALG_A_SSET]		= NLA_POLICY_NESTED(nfalg_sset_policy),
};

/* ---- parsing ---- */

static int nfalg_parse_named(struct genl_info *info, int type, int maxtype,
			     const struct nla_policy *policy,
			     struct nlattr **tb, const char **name)
{
	struct nlattr *nest = info->attrs[type];
	int err;

	if (!nest) {
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, type);
		if (type == NFALG_A_RULE)
			NL_SET_ERR_MSG(info->extack, "no rule given");
		else
			NL_SET_ERR_MSG(info->extack, "no service-set given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, maxtype, nest, policy, info->extack);
	if (err)
		return err;
	/* the name is attribute 1 of both nests */
	if (!tb[1]) {
		NL_SET_ERR_ATTR_MISS(info->extack, nest, 1);
		NL_SET_ERR_MSG_ATTR(info->extack, nest, "name missing");
		return -EINVAL;
	}
	*name = nla_data(tb[1]);
	if (!nfalg_name_valid(*name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[1],
				    "bad name: use letters, digits, '-', '_', '.', starting with a letter or digit");
		return -EINVAL;
	}
	return 0;
}

static unsigned int nfalg_nest_count(const struct nlattr *nest)
{
	const struct nlattr *a;
	unsigned int n = 0;
	int rem;

	nla_for_each_nested(a, nest, rem)
		n++;
	return n;
}

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
	p = kcalloc(cnt, sizeof(*p), GFP_KERNEL);
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
	names = kcalloc(cnt, sizeof(*names), GFP_KERNEL);
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
	r->terms = kcalloc(cnt, sizeof(*r->terms), GFP_KERNEL);
	if (!r->terms)
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

int nfalg_nl_new_rule(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NFALG_A_RULE_MAX + 1];
	bool replace = info->attrs[NFALG_A_REPLACE];
	const struct nfalg_config *cur;
	struct nfalg_rule *r = NULL;
	struct nfalg_config *nc;
	struct nfalg_net *nn;
	const char *name;
	unsigned int pos;
	bool found;
	int err;

	err = nfalg_parse_named(info, NFALG_A_RULE, NFALG_A_RULE_MAX,
				nfalg_rule_policy, tb, &name);
	if (err)
		return err;
	if (nla_len(info->attrs[NFALG_A_RULE]) > NFALG_MAX_RULE_SIZE) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[NFALG_A_RULE],
				    "rule too large (limit 3072 bytes of attributes)");
		return -E2BIG;
	}
	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	refcount_set(&r->ref, 1);
	strscpy(r->name, name, sizeof(r->name));

	nn = nfalg_pernet(genl_info_net(info));
	mutex_lock(&nn->lock);
	cur = nfalg_config_locked(nn);
	pos = nfalg_rule_pos(cur, name, &found);
	if (found && !replace) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_RULE_NAME],
				    "rule exists");
		err = -EEXIST;
		goto unlock;
	}
	if (!found && cur->n_rules >= NFALG_MAX_RULES) {
		GENL_SET_ERR_MSG(info, "too many rules (limit 16384)");
		err = -ENOSPC;
		goto unlock;
	}
	err = nfalg_rule_parse(cur, tb, r, info->extack);
	if (err)
		goto unlock;
	nc = nfalg_config_dup(cur, 0, 0);
	if (!nc) {
		err = -ENOMEM;
		goto unlock;
	}
	if (found) {
		nfalg_rule_put(nc->rules[pos]);
	} else {
		memmove(&nc->rules[pos + 1], &nc->rules[pos],
			(nc->n_rules - pos) * sizeof(*nc->rules));
		nc->n_rules++;
	}
	nc->rules[pos] = r;
	r = NULL;
	err = nfalg_config_publish_locked(nn, nc);
unlock:
	mutex_unlock(&nn->lock);
	nfalg_rule_free(r);
	return err;
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

static int nfalg_only_name(struct genl_info *info, struct nlattr **tb,
			   int maxtype)
{
	int i;

	for (i = 2; i <= maxtype; i++) {
		if (tb[i]) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[i],
					    "delete takes only a name");
			return -EINVAL;
		}
	}
	return 0;
}

int nfalg_nl_del_rule(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NFALG_A_RULE_MAX + 1];
	const struct nfalg_config *cur;
	struct nfalg_config *nc;
	struct nfalg_net *nn;
	const char *name;
	unsigned int pos;
	bool found;
	int err;

	err = nfalg_parse_named(info, NFALG_A_RULE, NFALG_A_RULE_MAX,
				nfalg_rule_policy, tb, &name);
	if (!err)
		err = nfalg_only_name(info, tb, NFALG_A_RULE_MAX);
	if (err)
		return err;

	nn = nfalg_pernet(genl_info_net(info));
	mutex_lock(&nn->lock);
	cur = nfalg_config_locked(nn);
	pos = nfalg_rule_pos(cur, name, &found);
	if (!found) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_RULE_NAME],
				    "no such rule");
		err = -ENOENT;
		goto unlock;
	}
	if (nfalg_sset_using(cur, name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_RULE_NAME],
				    "rule is used by a service-set");
		err = -EBUSY;
		goto unlock;
	}
	nc = nfalg_config_dup(cur, 0, 0);
	if (!nc) {
		err = -ENOMEM;
		goto unlock;
	}
	nfalg_rule_put(nc->rules[pos]);
	memmove(&nc->rules[pos], &nc->rules[pos + 1],
		(nc->n_rules - pos - 1) * sizeof(*nc->rules));
	nc->n_rules--;
	err = nfalg_config_publish_locked(nn, nc);
unlock:
	mutex_unlock(&nn->lock);
	return err;
}

/* ---- service sets ---- */

static int nfalg_sset_parse(const struct nfalg_config *cur,
			    struct nlattr **tb, struct nfalg_sset *s,
			    struct netlink_ext_ack *extack)
{
	const struct nlattr *a, *rules = tb[NFALG_A_SSET_RULES];
	const struct nlattr *ifaces = tb[NFALG_A_SSET_IFACES];
	const struct nfalg_sset *o;
	unsigned int cnt, i, j;
	bool found;
	int rem;

	cnt = rules ? nfalg_nest_count(rules) : 0;
	if (!cnt) {
		NL_SET_ERR_MSG(extack, "service-set needs at least one rule");
		return -EINVAL;
	}
	if (cnt > NFALG_MAX_SSET_RULES) {
		NL_SET_ERR_MSG_ATTR(extack, rules, "too many rules (limit 512)");
		return -E2BIG;
	}
	s->rules = kvcalloc(cnt, sizeof(*s->rules), GFP_KERNEL);
	if (!s->rules)
		return -ENOMEM;
	nla_for_each_nested(a, rules, rem) {
		nfalg_rule_pos(cur, nla_data(a), &found);
		if (!found) {
			NL_SET_ERR_MSG_ATTR(extack, a, "no such rule");
			return -ENOENT;
		}
		for (i = 0; i < s->n_rules; i++) {
			if (!strcmp(s->rules[i], nla_data(a))) {
				NL_SET_ERR_MSG_ATTR(extack, a, "duplicate rule");
				return -EINVAL;
			}
		}
		strscpy(s->rules[s->n_rules++], nla_data(a),
			sizeof(s->rules[0]));
	}

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
	s->ifaces = kcalloc(cnt, sizeof(*s->ifaces), GFP_KERNEL);
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

int nfalg_nl_new_sset(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NFALG_A_SSET_MAX + 1];
	bool replace = info->attrs[NFALG_A_REPLACE];
	const struct nfalg_config *cur;
	struct nfalg_sset *s = NULL;
	struct nfalg_config *nc;
	struct nfalg_net *nn;
	const char *name;
	unsigned int pos;
	bool found;
	int err;

	err = nfalg_parse_named(info, NFALG_A_SSET, NFALG_A_SSET_MAX,
				nfalg_sset_policy, tb, &name);
	if (err)
		return err;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	refcount_set(&s->ref, 1);
	strscpy(s->name, name, sizeof(s->name));

	nn = nfalg_pernet(genl_info_net(info));
	mutex_lock(&nn->lock);
	cur = nfalg_config_locked(nn);
	pos = nfalg_sset_pos(cur, name, &found);
	if (found && !replace) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_SSET_NAME],
				    "service-set exists");
		err = -EEXIST;
		goto unlock;
	}
	if (!found && cur->n_ssets >= NFALG_MAX_SSETS) {
		GENL_SET_ERR_MSG(info, "too many service-sets (limit 256)");
		err = -ENOSPC;
		goto unlock;
	}
	err = nfalg_sset_parse(cur, tb, s, info->extack);
	if (err)
		goto unlock;
	nc = nfalg_config_dup(cur, 0, 0);
	if (!nc) {
		err = -ENOMEM;
		goto unlock;
	}
	if (found) {
		nfalg_sset_put(nc->ssets[pos]);
	} else {
		memmove(&nc->ssets[pos + 1], &nc->ssets[pos],
			(nc->n_ssets - pos) * sizeof(*nc->ssets));
		nc->n_ssets++;
	}
	nc->ssets[pos] = s;
	s = NULL;
	err = nfalg_config_publish_locked(nn, nc);
unlock:
	mutex_unlock(&nn->lock);
	nfalg_sset_free(s);
	return err;
}

int nfalg_nl_del_sset(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NFALG_A_SSET_MAX + 1];
	const struct nfalg_config *cur;
	struct nfalg_config *nc;
	struct nfalg_net *nn;
	const char *name;
	unsigned int pos;
	bool found;
	int err;

	err = nfalg_parse_named(info, NFALG_A_SSET, NFALG_A_SSET_MAX,
				nfalg_sset_policy, tb, &name);
	if (!err)
		err = nfalg_only_name(info, tb, NFALG_A_SSET_MAX);
	if (err)
		return err;

	nn = nfalg_pernet(genl_info_net(info));
	mutex_lock(&nn->lock);
	cur = nfalg_config_locked(nn);
	pos = nfalg_sset_pos(cur, name, &found);
	if (!found) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_SSET_NAME],
				    "no such service-set");
		err = -ENOENT;
		goto unlock;
	}
	nc = nfalg_config_dup(cur, 0, 0);
	if (!nc) {
		err = -ENOMEM;
		goto unlock;
	}
	nfalg_sset_put(nc->ssets[pos]);
	memmove(&nc->ssets[pos], &nc->ssets[pos + 1],
		(nc->n_ssets - pos - 1) * sizeof(*nc->ssets));
	nc->n_ssets--;
	err = nfalg_config_publish_locked(nn, nc);
unlock:
	mutex_unlock(&nn->lock);
	return err;
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
				      atomic64_read(&t->hits), NFALG_A_TERM_PAD))
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

static int nfalg_fill_sset(struct sk_buff *skb, const struct nfalg_sset *s)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, NFALG_A_SSET);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, NFALG_A_SSET_NAME, s->name) ||
	    nfalg_put_names(skb, NFALG_A_SSET_RULES, (const char *)s->rules,
			    sizeof(*s->rules), s->n_rules) ||
	    nfalg_put_names(skb, NFALG_A_SSET_IFACES, (const char *)s->ifaces,
			    sizeof(*s->ifaces), s->n_ifaces) ||
	    (s->global && nla_put_flag(skb, NFALG_A_SSET_GLOBAL))) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* One object per message; cb->args[0]: next position */
static int nfalg_rules_dump(struct sk_buff *skb, struct netlink_callback *cb,
			    bool ssets)
{
	const struct nfalg_config *c;
	unsigned int pos, n;
	void *hdr;
	int err = 0;

	rcu_read_lock();
	c = rcu_dereference(nfalg_pernet(sock_net(skb->sk))->config);
	cb->seq = c->gen;
	n = ssets ? c->n_ssets : c->n_rules;
	for (pos = cb->args[0]; pos < n; pos++) {
		hdr = nfalg_genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, NLM_F_MULTI,
					ssets ? NFALG_CMD_GET_SSET :
					NFALG_CMD_GET_RULE);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		err = ssets ? nfalg_fill_sset(skb, c->ssets[pos]) :
			nfalg_fill_rule(skb, c->rules[pos]);
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rcu_read_unlock();
	cb->args[0] = pos;
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
