// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: configuration model - applications and application sets.
 *
 * The configuration of a network namespace is one immutable snapshot
 * (struct nfalg_config).  A change copies the running snapshot, edits the
 * copy, validates it and publishes it with rcu_assign_pointer() under the
 * per-netns mutex; the old one is freed after a grace period.  A rejected
 * request therefore never changes anything.
 *
 * User objects are kept sorted by name so that lookups are binary searches.
 * The predefined junos-* objects live in constant tables; a user object of
 * the same name overrides one, deleting the override brings it back.
 */

#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "nfalg_core.h"

static const char * const nfalg_alg_names[] = { NFALG_ALG_NAMES };

/* ---- predefined objects ---- */

#define TCP	IPPROTO_TCP
#define UDP	IPPROTO_UDP

#define DEF_APP(_n, _p, _lo, _hi, _alg, ...) {				\
	.name = _n, .proto = _p, .dport_lo = _lo, .dport_hi = _hi,	\
	.alg_name = _alg, __VA_ARGS__ }

/*
 * Compact description of a predefined application, expanded into a
 * struct nfalg_app at module init: protocol 0 means any protocol, port 0
 * no port, ICMP type 0 no type.
 */
struct nfalg_default_src {
	const char *name;
	const char *alg_name;
	u8 proto;
	u16 dport_lo, dport_hi, sport;
	u8 icmp_type, ttl, snmp;
};

static const struct nfalg_default_src nfalg_default_src[] = {
	DEF_APP("junos-bootp", UDP, 67, 67, "bootp"),
	DEF_APP("junos-dce-rpc-portmap", TCP, 135, 135, "dce-rpc"),
	DEF_APP("junos-dns-tcp", TCP, 53, 53, "dns"),
	DEF_APP("junos-dns-udp", UDP, 53, 53, "dns"),
	DEF_APP("junos-ftp", TCP, 21, 21, "ftp"),
	DEF_APP("junos-h323", TCP, 1720, 1720, "h323"),
	DEF_APP("junos-http", TCP, 80, 80, NULL),
	DEF_APP("junos-https", TCP, 443, 443, NULL),
	DEF_APP("junos-icmp-all", IPPROTO_ICMP, 0, 0, "icmp"),
	DEF_APP("junos-icmp-ping", IPPROTO_ICMP, 0, 0, "icmp",
		.icmp_type = 8),
	DEF_APP("junos-icmp6-all", IPPROTO_ICMPV6, 0, 0, "icmp"),
	DEF_APP("junos-ike", UDP, 500, 500, "ike"),
	DEF_APP("junos-iiop-java", TCP, 1975, 1975, "iiop"),
	DEF_APP("junos-iiop-orbix", TCP, 3075, 3075, "iiop"),
	DEF_APP("junos-ip", 0, 0, 0, "ip"),
	DEF_APP("junos-netbios-datagram", UDP, 138, 138, "netbios"),
	DEF_APP("junos-netbios-name-udp", UDP, 137, 137, "netbios"),
	DEF_APP("junos-netbios-session", TCP, 139, 139, NULL),
	DEF_APP("junos-netshow", TCP, 1755, 1755, "netshow"),
	DEF_APP("junos-pptp", TCP, 1723, 1723, "pptp"),
	DEF_APP("junos-ras", UDP, 1719, 1719, "ras"),
	DEF_APP("junos-realaudio", TCP, 554, 554, "realaudio"),
	DEF_APP("junos-rexec", TCP, 512, 512, "rexec"),
	DEF_APP("junos-rlogin", TCP, 513, 513, "rlogin"),
	DEF_APP("junos-rpc-portmap-tcp", TCP, 111, 111, "rpc"),
	DEF_APP("junos-rpc-portmap-udp", UDP, 111, 111, "rpc"),
	DEF_APP("junos-rsh", TCP, 514, 514, "rsh"),
	DEF_APP("junos-rtsp", TCP, 554, 554, "rtsp"),
	DEF_APP("junos-sip", UDP, 5060, 5060, "sip"),
	DEF_APP("junos-snmp-get", UDP, 161, 161, "snmp",
		.snmp = NFALG_SNMP_GET),
	DEF_APP("junos-snmp-get-next", UDP, 161, 161, "snmp",
		.snmp = NFALG_SNMP_GET_NEXT),
	DEF_APP("junos-snmp-response", UDP, 0, 0, "snmp", .sport = 161,
		.snmp = NFALG_SNMP_GET_RESPONSE),
	DEF_APP("junos-snmp-trap", UDP, 162, 162, "snmp",
		.snmp = NFALG_SNMP_TRAP),
	DEF_APP("junos-sqlnet", TCP, 1521, 1521, "sqlnet"),
	DEF_APP("junos-tftp", UDP, 69, 69, "tftp"),
	DEF_APP("junos-traceroute", UDP, 33435, 33450, "traceroute",
		.ttl = 30),
	DEF_APP("junos-traceroute-ttl-1", UDP, 33435, 33450, "traceroute",
		.ttl = 1),
	DEF_APP("junos-winframe", TCP, 1494, 1494, "winframe"),
};

#define NFALG_N_DEFAULT_APPS	ARRAY_SIZE(nfalg_default_src)
static struct nfalg_app nfalg_default_apps[NFALG_N_DEFAULT_APPS] __ro_after_init;

struct nfalg_default_set {
	const char *name;
	const char * const *members;
	unsigned int n_members;
};

static const char * const nfalg_h323_suite[] = { "junos-h323", "junos-ras" };
static const char * const nfalg_netbios_suite[] = {
	"junos-netbios-datagram", "junos-netbios-name-udp",
	"junos-netbios-session",
};
static const char * const nfalg_rpc_portmap[] = {
	"junos-rpc-portmap-tcp", "junos-rpc-portmap-udp",
};

static const struct nfalg_default_set nfalg_default_sets[] = {
	{ "junos-h323-suite", nfalg_h323_suite, ARRAY_SIZE(nfalg_h323_suite) },
	{ "junos-netbios-suite", nfalg_netbios_suite,
	  ARRAY_SIZE(nfalg_netbios_suite) },
	{ "junos-rpc-portmap", nfalg_rpc_portmap,
	  ARRAY_SIZE(nfalg_rpc_portmap) },
};

static int nfalg_alg_index(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(nfalg_alg_names); i++) {
		if (!strcmp(name, nfalg_alg_names[i]))
			return i + 1;
	}
	return 0;
}

int __init nfalg_config_init(void)
{
	const struct nfalg_default_src *s;
	struct nfalg_app *a;
	int i;

	for (i = 0; i < NFALG_N_DEFAULT_APPS; i++) {
		s = &nfalg_default_src[i];
		a = &nfalg_default_apps[i];
		strscpy(a->name, s->name, sizeof(a->name));
		a->proto = s->proto;
		if (s->proto)
			a->flags |= NFALG_APPF_PROTO;
		a->dport_lo = s->dport_lo;
		a->dport_hi = s->dport_hi;
		if (s->dport_lo)
			a->flags |= NFALG_APPF_DPORT;
		if (s->icmp_type)
			a->flags |= NFALG_APPF_ICMP_TYPE;
		if (s->sport) {
			a->sport_lo = s->sport;
			a->sport_hi = s->sport;
			a->flags |= NFALG_APPF_SPORT;
		}
		a->icmp_type = s->icmp_type;
		a->ttl = s->ttl;
		a->snmp = s->snmp;
		a->alg = s->alg_name ? nfalg_alg_index(s->alg_name) : 0;
		if (WARN_ON(s->alg_name && !a->alg))
			return -EINVAL;
		a->id = nfalg_app_intern(a->name);
	}
	return 0;
}

static const struct nfalg_app *nfalg_default_app(const char *name)
{
	int i;

	for (i = 0; i < NFALG_N_DEFAULT_APPS; i++) {
		if (!strcmp(nfalg_default_apps[i].name, name))
			return &nfalg_default_apps[i];
	}
	return NULL;
}

static const struct nfalg_default_set *nfalg_default_set(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(nfalg_default_sets); i++) {
		if (!strcmp(nfalg_default_sets[i].name, name))
			return &nfalg_default_sets[i];
	}
	return NULL;
}

/* ---- snapshots ---- */

void nfalg_config_free(struct nfalg_config *c)
{
	unsigned int i;

	if (!c)
		return;
	for (i = 0; i < c->n_rules; i++)
		nfalg_rule_put(c->rules[i]);
	kvfree(c->rules);
	for (i = 0; i < c->n_ssets; i++)
		nfalg_sset_put(c->ssets[i]);
	kvfree(c->ssets);
	nfalg_cls_free(c->cls);
	for (i = 0; i < c->n_sets; i++)
		kvfree(c->sets[i].members);
	kvfree(c->sets);
	kvfree(c->apps);
	kfree(c);
}

static void nfalg_config_free_rcu(struct rcu_head *head)
{
	nfalg_config_free(container_of(head, struct nfalg_config, rcu));
}

struct nfalg_config *nfalg_config_alloc(void)
{
	return kzalloc(sizeof(struct nfalg_config), GFP_KERNEL);
}

void nfalg_config_release(struct nfalg_config *c)
{
	if (c)
		call_rcu(&c->rcu, nfalg_config_free_rcu);
}

/*
 * Deep copy of @cur with room for @extra_apps more applications and
 * @extra_sets more sets; rules and service sets are immutable and shared
 * by reference, with room for one more of each.
 */
struct nfalg_config *nfalg_config_dup(const struct nfalg_config *cur,
					     unsigned int extra_apps,
					     unsigned int extra_sets)
{
	struct nfalg_config *c;
	unsigned int i, n;

	c = nfalg_config_alloc();
	if (!c)
		return NULL;
	c->gen = cur->gen;
	n = cur->n_apps + extra_apps;
	if (n) {
		c->apps = kvcalloc(n, sizeof(*c->apps), GFP_KERNEL);
		if (!c->apps)
			goto err;
		if (cur->n_apps)
			memcpy(c->apps, cur->apps,
			       cur->n_apps * sizeof(*c->apps));
		c->n_apps = cur->n_apps;
	}
	n = cur->n_sets + extra_sets;
	if (n) {
		c->sets = kvcalloc(n, sizeof(*c->sets), GFP_KERNEL);
		if (!c->sets)
			goto err;
	}
	for (i = 0; i < cur->n_sets; i++) {
		c->sets[i] = cur->sets[i];
		c->sets[i].members = kvcalloc(cur->sets[i].n_members,
					      sizeof(*c->sets[i].members),
					      GFP_KERNEL);
		if (!c->sets[i].members)
			goto err;
		memcpy(c->sets[i].members, cur->sets[i].members,
		       cur->sets[i].n_members * sizeof(*c->sets[i].members));
		c->n_sets = i + 1;
	}
	c->rules = kvcalloc(cur->n_rules + 1, sizeof(*c->rules), GFP_KERNEL);
	c->ssets = kvcalloc(cur->n_ssets + 1, sizeof(*c->ssets), GFP_KERNEL);
	if (!c->rules || !c->ssets)
		goto err;
	for (i = 0; i < cur->n_rules; i++) {
		c->rules[i] = cur->rules[i];
		refcount_inc(&c->rules[i]->ref);
	}
	c->n_rules = cur->n_rules;
	for (i = 0; i < cur->n_ssets; i++) {
		c->ssets[i] = cur->ssets[i];
		refcount_inc(&c->ssets[i]->ref);
	}
	c->n_ssets = cur->n_ssets;
	return c;

err:
	nfalg_config_free(c);
	return NULL;
}

/* Binary search; returns the index of @name or of where it would go */
static unsigned int nfalg_app_pos(const struct nfalg_config *c,
				  const char *name, bool *found)
{
	unsigned int lo = 0, hi = c->n_apps, mid;
	int d;

	*found = false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		d = strcmp(name, c->apps[mid].name);
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

static unsigned int nfalg_set_pos(const struct nfalg_config *c,
				  const char *name, bool *found)
{
	unsigned int lo = 0, hi = c->n_sets, mid;
	int d;

	*found = false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		d = strcmp(name, c->sets[mid].name);
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

/* Is @name an application or set of the effective configuration? */
bool nfalg_name_exists(const struct nfalg_config *c, const char *name,
			      bool *is_set, int *user_set)
{
	bool found;
	unsigned int pos;

	*user_set = -1;
	*is_set = false;
	nfalg_app_pos(c, name, &found);
	if (found || nfalg_default_app(name))
		return true;
	*is_set = true;
	pos = nfalg_set_pos(c, name, &found);
	if (found) {
		*user_set = pos;
		return true;
	}
	return nfalg_default_set(name);
}

/* The effective application @name (user or predefined), or NULL */
const struct nfalg_app *nfalg_app_find(const struct nfalg_config *c,
				       const char *name)
{
	unsigned int pos;
	bool found;

	pos = nfalg_app_pos(c, name, &found);
	if (found)
		return &c->apps[pos];
	return nfalg_default_app(name);
}

/* Call @fn for each member of the effective set @name; stops on non-zero */
int nfalg_set_walk(const struct nfalg_config *c, const char *name,
		   int (*fn)(void *priv, const char *member), void *priv)
{
	const struct nfalg_default_set *d;
	unsigned int pos, i;
	bool found;
	int err;

	pos = nfalg_set_pos(c, name, &found);
	if (found) {
		for (i = 0; i < c->sets[pos].n_members; i++) {
			err = fn(priv, c->sets[pos].members[i]);
			if (err)
				return err;
		}
		return 0;
	}
	d = nfalg_default_set(name);
	for (i = 0; d && i < d->n_members; i++) {
		err = fn(priv, d->members[i]);
		if (err)
			return err;
	}
	return 0;
}

const char *nfalg_app_alg_name(const struct nfalg_app *a)
{
	return a->alg ? nfalg_alg_names[a->alg - 1] : NULL;
}

/* Does any user set other than @skip list @name as a member? */
static const struct nfalg_appset *nfalg_set_using(const struct nfalg_config *c,
						  const char *name,
						  unsigned int skip)
{
	unsigned int i, m;

	for (i = 0; i < c->n_sets; i++) {
		if (i == skip)
			continue;
		for (m = 0; m < c->sets[i].n_members; m++) {
			if (!strcmp(c->sets[i].members[m], name))
				return &c->sets[i];
		}
	}
	return NULL;
}

/*
 * Is user set @start reachable from its own members?  Iterative walk over
 * user sets only: predefined sets contain applications only.
 */
static int nfalg_set_cycle(const struct nfalg_config *c, unsigned int start,
			   bool *cycle)
{
	unsigned int *stack, depth = 0, i, m;
	unsigned long *seen;
	bool is_set;
	int idx, err = 0;

	*cycle = false;
	stack = kvcalloc(c->n_sets, sizeof(*stack), GFP_KERNEL);
	seen = bitmap_zalloc(c->n_sets, GFP_KERNEL);
	if (!stack || !seen) {
		err = -ENOMEM;
		goto out;
	}
	stack[depth++] = start;
	set_bit(start, seen);
	while (depth) {
		i = stack[--depth];
		for (m = 0; m < c->sets[i].n_members; m++) {
			nfalg_name_exists(c, c->sets[i].members[m], &is_set,
					  &idx);
			if (idx < 0)
				continue;
			if (idx == start) {
				*cycle = true;
				goto out;
			}
			if (!test_and_set_bit(idx, seen))
				stack[depth++] = idx;
		}
	}
out:
	bitmap_free(seen);
	kvfree(stack);
	return err;
}

/* ---- publishing ---- */

/*
 * Make @nc the running configuration of @nn (lock held) and bump the
 * generation.  Consumes @nc.
 */
int nfalg_config_publish_locked(struct nfalg_net *nn,
				       struct nfalg_config *nc)
{
	struct nfalg_config *old;
	struct nfalg_params *np;
	int err;

	np = nfalg_params_dup_locked(nn);
	if (!np) {
		nfalg_config_free(nc);
		return -ENOMEM;
	}
	err = nfalg_cls_build(nc);
	if (!err)
		err = nfalg_dp_prepare_locked(nn, nc);
	if (err) {
		nfalg_config_free(nc);
		kfree(np);
		return err;
	}
	old = rcu_dereference_protected(nn->config,
					lockdep_is_held(&nn->lock));
	nc->gen = old->gen + 1;
	rcu_assign_pointer(nn->config, nc);
	nfalg_config_release(old);
	nfalg_params_publish_locked(nn, np);
	nfalg_dp_commit_locked(nn);
	return 0;
}

const struct nfalg_config *nfalg_config_locked(struct nfalg_net *nn)
{
	return rcu_dereference_protected(nn->config,
					 lockdep_is_held(&nn->lock));
}

/* ---- netlink ---- */

static struct netlink_range_validation nfalg_app_timeout_range __ro_after_init = {
	.min = 1,
	.max = 86400,
};

static const struct nla_policy nfalg_app_policy[NFALG_A_APP_MAX + 1] = {
	[NFALG_A_APP_NAME]	= { .type = NLA_NUL_STRING,
				    .len = NFALG_NAME_MAXLEN },
	[NFALG_A_APP_PROTOCOL]	= { .type = NLA_U8 },
	[NFALG_A_APP_DPORT_LO]	= { .type = NLA_U16 },
	[NFALG_A_APP_DPORT_HI]	= { .type = NLA_U16 },
	[NFALG_A_APP_SPORT_LO]	= { .type = NLA_U16 },
	[NFALG_A_APP_SPORT_HI]	= { .type = NLA_U16 },
	[NFALG_A_APP_ALG]	= { .type = NLA_NUL_STRING,
				    .len = NFALG_ALG_NAME_MAXLEN },
	[NFALG_A_APP_TIMEOUT]	=
		NLA_POLICY_FULL_RANGE(NLA_U32, &nfalg_app_timeout_range),
	[NFALG_A_APP_ICMP_TYPE]	= { .type = NLA_U8 },
	[NFALG_A_APP_ICMP_CODE]	= { .type = NLA_U8 },
	[NFALG_A_APP_TTL_THRESHOLD] = NLA_POLICY_MIN(NLA_U8, 1),
	[NFALG_A_APP_RPC_PROG_LO] = { .type = NLA_U32 },
	[NFALG_A_APP_RPC_PROG_HI] = { .type = NLA_U32 },
	[NFALG_A_APP_UUID]	= NLA_POLICY_EXACT_LEN(16),
	[NFALG_A_APP_SNMP_COMMAND] =
		NLA_POLICY_RANGE(NLA_U8, NFALG_SNMP_GET, NFALG_SNMP_TRAP),
	[NFALG_A_APP_PREDEFINED] = { .type = NLA_REJECT },
	[NFALG_A_APP_OVERRIDE]	= { .type = NLA_REJECT },
};

static const struct nla_policy nfalg_member_policy[NFALG_A_APPSET_MEMBER_MAX + 1] = {
	[NFALG_A_APPSET_MEMBER]	= { .type = NLA_NUL_STRING,
				    .len = NFALG_NAME_MAXLEN },
};

static const struct nla_policy nfalg_appset_policy[NFALG_A_APPSET_MAX + 1] = {
	[NFALG_A_APPSET_NAME]	= { .type = NLA_NUL_STRING,
				    .len = NFALG_NAME_MAXLEN },
	[NFALG_A_APPSET_MEMBERS] = NLA_POLICY_NESTED(nfalg_member_policy),
	[NFALG_A_APPSET_PREDEFINED] = { .type = NLA_REJECT },
	[NFALG_A_APPSET_OVERRIDE] = { .type = NLA_REJECT },
};

const struct nla_policy nfalg_cfg_policy[NFALG_A_REPLACE + 1] = {
	[NFALG_A_APP]		= NLA_POLICY_NESTED(nfalg_app_policy),
	[NFALG_A_APPSET]	= NLA_POLICY_NESTED(nfalg_appset_policy),
	[NFALG_A_DEFAULTS]	= { .type = NLA_FLAG },
	[NFALG_A_REPLACE]	= { .type = NLA_FLAG },
};

bool nfalg_name_valid(const char *s)
{
	if (!isalnum(*s))
		return false;
	for (; *s; s++) {
		if (!isalnum(*s) && *s != '-' && *s != '_' && *s != '.')
			return false;
	}
	return true;
}

/* Parse the nest @attr (type @type) of the request; checks the name */
static int nfalg_parse_obj(struct genl_info *info, int type, int maxtype,
			   const struct nla_policy *policy, struct nlattr **tb,
			   const char **name)
{
	struct nlattr *nest = info->attrs[type];
	int err;

	if (!nest) {
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, type);
		if (type == NFALG_A_APP)
			GENL_SET_ERR_MSG(info, "no application given");
		else
			GENL_SET_ERR_MSG(info, "no application-set given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, maxtype, nest, policy, info->extack);
	if (err)
		return err;
	/* name is attribute 1 in both nests */
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

static bool nfalg_proto_has_ports(u8 proto)
{
	return proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_SCTP;
}

/* Fill @a from the attributes; every rejection names its attribute */
static int nfalg_app_from_attrs(struct nlattr **tb, struct nfalg_app *a,
				struct netlink_ext_ack *extack)
{
	memset(a, 0, sizeof(*a));
	strscpy(a->name, nla_data(tb[NFALG_A_APP_NAME]), sizeof(a->name));

	if (tb[NFALG_A_APP_PROTOCOL]) {
		a->proto = nla_get_u8(tb[NFALG_A_APP_PROTOCOL]);
		a->flags |= NFALG_APPF_PROTO;
	}

	if (tb[NFALG_A_APP_DPORT_HI] && !tb[NFALG_A_APP_DPORT_LO]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_DPORT_HI],
				    "destination port range without its start");
		return -EINVAL;
	}
	if (tb[NFALG_A_APP_SPORT_HI] && !tb[NFALG_A_APP_SPORT_LO]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_SPORT_HI],
				    "source port range without its start");
		return -EINVAL;
	}
	if (tb[NFALG_A_APP_DPORT_LO]) {
		a->dport_lo = nla_get_u16(tb[NFALG_A_APP_DPORT_LO]);
		a->dport_hi = tb[NFALG_A_APP_DPORT_HI] ?
			nla_get_u16(tb[NFALG_A_APP_DPORT_HI]) : a->dport_lo;
		a->flags |= NFALG_APPF_DPORT;
		if (a->dport_hi < a->dport_lo) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_DPORT_HI],
					    "destination port range reversed");
			return -EINVAL;
		}
	}
	if (tb[NFALG_A_APP_SPORT_LO]) {
		a->sport_lo = nla_get_u16(tb[NFALG_A_APP_SPORT_LO]);
		a->sport_hi = tb[NFALG_A_APP_SPORT_HI] ?
			nla_get_u16(tb[NFALG_A_APP_SPORT_HI]) : a->sport_lo;
		a->flags |= NFALG_APPF_SPORT;
		if (a->sport_hi < a->sport_lo) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_SPORT_HI],
					    "source port range reversed");
			return -EINVAL;
		}
	}
	if ((a->flags & (NFALG_APPF_DPORT | NFALG_APPF_SPORT)) &&
	    (!(a->flags & NFALG_APPF_PROTO) ||
	     !nfalg_proto_has_ports(a->proto))) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_DPORT_LO] ?:
				    tb[NFALG_A_APP_SPORT_LO],
				    "ports need protocol tcp, udp or sctp");
		return -EINVAL;
	}

	if (tb[NFALG_A_APP_ALG]) {
		a->alg = nfalg_alg_index(nla_data(tb[NFALG_A_APP_ALG]));
		if (!a->alg) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_ALG],
					    "unknown application-protocol");
			return -EINVAL;
		}
	}
	if (tb[NFALG_A_APP_TIMEOUT]) {
		a->timeout = nla_get_u32(tb[NFALG_A_APP_TIMEOUT]);
		a->flags |= NFALG_APPF_TIMEOUT;
	}

	if (tb[NFALG_A_APP_ICMP_CODE] && !tb[NFALG_A_APP_ICMP_TYPE]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_ICMP_CODE],
				    "icmp-code needs icmp-type");
		return -EINVAL;
	}
	if (tb[NFALG_A_APP_ICMP_TYPE]) {
		if (!(a->flags & NFALG_APPF_PROTO) ||
		    (a->proto != IPPROTO_ICMP && a->proto != IPPROTO_ICMPV6)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_ICMP_TYPE],
					    "icmp-type needs protocol icmp or icmp6");
			return -EINVAL;
		}
		a->icmp_type = nla_get_u8(tb[NFALG_A_APP_ICMP_TYPE]);
		a->flags |= NFALG_APPF_ICMP_TYPE;
	}
	if (tb[NFALG_A_APP_ICMP_CODE]) {
		a->icmp_code = nla_get_u8(tb[NFALG_A_APP_ICMP_CODE]);
		a->flags |= NFALG_APPF_ICMP_CODE;
	}

	if (tb[NFALG_A_APP_TTL_THRESHOLD]) {
		if (a->alg != nfalg_alg_index("traceroute")) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_TTL_THRESHOLD],
					    "ttl-threshold needs application-protocol traceroute");
			return -EINVAL;
		}
		a->ttl = nla_get_u8(tb[NFALG_A_APP_TTL_THRESHOLD]);
	}

	if (tb[NFALG_A_APP_RPC_PROG_HI] && !tb[NFALG_A_APP_RPC_PROG_LO]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_RPC_PROG_HI],
				    "rpc-program-number range without its start");
		return -EINVAL;
	}
	if (tb[NFALG_A_APP_RPC_PROG_LO]) {
		if (a->alg != nfalg_alg_index("rpc")) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_RPC_PROG_LO],
					    "rpc-program-number needs application-protocol rpc");
			return -EINVAL;
		}
		a->rpc_lo = nla_get_u32(tb[NFALG_A_APP_RPC_PROG_LO]);
		a->rpc_hi = tb[NFALG_A_APP_RPC_PROG_HI] ?
			nla_get_u32(tb[NFALG_A_APP_RPC_PROG_HI]) : a->rpc_lo;
		a->flags |= NFALG_APPF_RPC;
		if (a->rpc_hi < a->rpc_lo) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_RPC_PROG_HI],
					    "rpc-program-number range reversed");
			return -EINVAL;
		}
	}

	if (tb[NFALG_A_APP_UUID]) {
		if (a->alg != nfalg_alg_index("dce-rpc")) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_UUID],
					    "uuid needs application-protocol dce-rpc");
			return -EINVAL;
		}
		nla_memcpy(a->uuid, tb[NFALG_A_APP_UUID], sizeof(a->uuid));
		a->flags |= NFALG_APPF_UUID;
	}

	if (tb[NFALG_A_APP_SNMP_COMMAND]) {
		if (a->alg != nfalg_alg_index("snmp")) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_SNMP_COMMAND],
					    "snmp-command needs application-protocol snmp");
			return -EINVAL;
		}
		a->snmp = nla_get_u8(tb[NFALG_A_APP_SNMP_COMMAND]);
	}
	return 0;
}

int nfalg_nl_new_app(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NFALG_A_APP_MAX + 1];
	bool replace = info->attrs[NFALG_A_REPLACE];
	const struct nfalg_config *cur;
	struct nfalg_config *nc;
	struct nfalg_net *nn;
	struct nfalg_app app;
	const char *name;
	unsigned int pos;
	bool found;
	int err;

	err = nfalg_parse_obj(info, NFALG_A_APP, NFALG_A_APP_MAX,
			      nfalg_app_policy, tb, &name);
	if (err)
		return err;
	err = nfalg_app_from_attrs(tb, &app, info->extack);
	if (err)
		return err;

	nn = nfalg_pernet(genl_info_net(info));
	mutex_lock(&nn->lock);
	cur = nfalg_config_locked(nn);

	nfalg_set_pos(cur, name, &found);
	if (found || nfalg_default_set(name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APP_NAME],
				    "an application-set of that name exists");
		err = -EEXIST;
		goto unlock;
	}
	pos = nfalg_app_pos(cur, name, &found);
	if (found && !replace) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APP_NAME],
				    "application exists");
		err = -EEXIST;
		goto unlock;
	}
	if (!found && cur->n_apps >= NFALG_MAX_APPS) {
		GENL_SET_ERR_MSG(info, "too many applications (limit 4096)");
		err = -ENOSPC;
		goto unlock;
	}

	nc = nfalg_config_dup(cur, 1, 0);
	if (!nc) {
		err = -ENOMEM;
		goto unlock;
	}
	if (!found) {
		memmove(&nc->apps[pos + 1], &nc->apps[pos],
			(nc->n_apps - pos) * sizeof(*nc->apps));
		nc->n_apps++;
	}
	nc->apps[pos] = app;
	err = nfalg_config_publish_locked(nn, nc);
unlock:
	mutex_unlock(&nn->lock);
	return err;
}

int nfalg_nl_del_app(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NFALG_A_APP_MAX + 1];
	const struct nfalg_appset *user;
	const struct nfalg_config *cur;
	struct nfalg_config *nc;
	struct nfalg_net *nn;
	const char *name;
	unsigned int pos;
	bool found;
	int err, i;

	err = nfalg_parse_obj(info, NFALG_A_APP, NFALG_A_APP_MAX,
			      nfalg_app_policy, tb, &name);
	if (err)
		return err;
	for (i = NFALG_A_APP_NAME + 1; i <= NFALG_A_APP_MAX; i++) {
		if (tb[i]) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[i],
					    "delete takes only a name");
			return -EINVAL;
		}
	}

	nn = nfalg_pernet(genl_info_net(info));
	mutex_lock(&nn->lock);
	cur = nfalg_config_locked(nn);
	pos = nfalg_app_pos(cur, name, &found);
	if (!found) {
		if (nfalg_default_app(name)) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APP_NAME],
					    "predefined application: cannot be deleted");
			err = -EPERM;
		} else {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APP_NAME],
					    "no such application");
			err = -ENOENT;
		}
		goto unlock;
	}
	user = nfalg_set_using(cur, name, UINT_MAX);
	if (user && !nfalg_default_app(name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APP_NAME],
				    "application is used by an application-set");
		err = -EBUSY;
		goto unlock;
	}
	if (!nfalg_default_app(name) && nfalg_rule_using(cur, name, false)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APP_NAME],
				    "application is used by a rule");
		err = -EBUSY;
		goto unlock;
	}

	nc = nfalg_config_dup(cur, 0, 0);
	if (!nc) {
		err = -ENOMEM;
		goto unlock;
	}
	memmove(&nc->apps[pos], &nc->apps[pos + 1],
		(nc->n_apps - pos - 1) * sizeof(*nc->apps));
	nc->n_apps--;
	err = nfalg_config_publish_locked(nn, nc);
unlock:
	mutex_unlock(&nn->lock);
	return err;
}

/* Collect and check the members of a set request into @set */
static int nfalg_set_members(const struct nfalg_config *cur, struct nlattr *nest,
			     struct nfalg_appset *set,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *attr;
	unsigned int n = 0, i;
	bool is_set;
	int rem, idx;

	if (!nest) {
		NL_SET_ERR_MSG(extack, "application-set needs members");
		return -EINVAL;
	}
	nla_for_each_nested(attr, nest, rem)
		n++;
	if (!n) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "application-set needs members");
		return -EINVAL;
	}
	if (n > NFALG_MAX_SET_MEMBERS) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "too many members (limit 256)");
		return -E2BIG;
	}
	set->members = kvcalloc(n, sizeof(*set->members), GFP_KERNEL);
	if (!set->members)
		return -ENOMEM;

	nla_for_each_nested(attr, nest, rem) {
		const char *m = nla_data(attr);

		if (!nfalg_name_exists(cur, m, &is_set, &idx) &&
		    strcmp(m, set->name)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "no such application or application-set");
			return -ENOENT;
		}
		if (!strcmp(m, set->name)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "application-set cycle: a set cannot contain itself");
			return -ELOOP;
		}
		for (i = 0; i < set->n_members; i++) {
			if (!strcmp(set->members[i], m)) {
				NL_SET_ERR_MSG_ATTR(extack, attr,
						    "duplicate member");
				return -EINVAL;
			}
		}
		strscpy(set->members[set->n_members++], m,
			sizeof(set->members[0]));
	}
	return 0;
}

int nfalg_nl_new_appset(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NFALG_A_APPSET_MAX + 1];
	bool replace = info->attrs[NFALG_A_REPLACE];
	const struct nfalg_config *cur;
	struct nfalg_appset set = {};
	struct nfalg_config *nc;
	struct nfalg_net *nn;
	const char *name;
	unsigned int pos;
	bool found, cycle;
	int err;

	err = nfalg_parse_obj(info, NFALG_A_APPSET, NFALG_A_APPSET_MAX,
			      nfalg_appset_policy, tb, &name);
	if (err)
		return err;
	strscpy(set.name, name, sizeof(set.name));

	nn = nfalg_pernet(genl_info_net(info));
	mutex_lock(&nn->lock);
	cur = nfalg_config_locked(nn);

	nfalg_app_pos(cur, name, &found);
	if (found || nfalg_default_app(name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APPSET_NAME],
				    "an application of that name exists");
		err = -EEXIST;
		goto unlock;
	}
	pos = nfalg_set_pos(cur, name, &found);
	if (found && !replace) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APPSET_NAME],
				    "application-set exists");
		err = -EEXIST;
		goto unlock;
	}
	if (!found && cur->n_sets >= NFALG_MAX_APPSETS) {
		GENL_SET_ERR_MSG(info, "too many application-sets (limit 1024)");
		err = -ENOSPC;
		goto unlock;
	}
	err = nfalg_set_members(cur, tb[NFALG_A_APPSET_MEMBERS], &set,
				info->extack);
	if (err)
		goto unlock;

	nc = nfalg_config_dup(cur, 0, 1);
	if (!nc) {
		err = -ENOMEM;
		goto unlock;
	}
	if (found) {
		kvfree(nc->sets[pos].members);
	} else {
		memmove(&nc->sets[pos + 1], &nc->sets[pos],
			(nc->n_sets - pos) * sizeof(*nc->sets));
		nc->n_sets++;
	}
	nc->sets[pos] = set;
	set.members = NULL;	/* owned by nc now */

	err = nfalg_set_cycle(nc, pos, &cycle);
	if (!err && cycle) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APPSET_NAME],
				    "application-set cycle: the set would contain itself");
		err = -ELOOP;
	}
	if (err) {
		nfalg_config_free(nc);
		goto unlock;
	}
	err = nfalg_config_publish_locked(nn, nc);
unlock:
	mutex_unlock(&nn->lock);
	kvfree(set.members);
	return err;
}

int nfalg_nl_del_appset(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[NFALG_A_APPSET_MAX + 1];
	const struct nfalg_appset *user;
	const struct nfalg_config *cur;
	struct nfalg_config *nc;
	struct nfalg_net *nn;
	const char *name;
	unsigned int pos;
	bool found;
	int err, i;

	err = nfalg_parse_obj(info, NFALG_A_APPSET, NFALG_A_APPSET_MAX,
			      nfalg_appset_policy, tb, &name);
	if (err)
		return err;
	for (i = NFALG_A_APPSET_NAME + 1; i <= NFALG_A_APPSET_MAX; i++) {
		if (tb[i]) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[i],
					    "delete takes only a name");
			return -EINVAL;
		}
	}

	nn = nfalg_pernet(genl_info_net(info));
	mutex_lock(&nn->lock);
	cur = nfalg_config_locked(nn);
	pos = nfalg_set_pos(cur, name, &found);
	if (!found) {
		if (nfalg_default_set(name)) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APPSET_NAME],
					    "predefined application-set: cannot be deleted");
			err = -EPERM;
		} else {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APPSET_NAME],
					    "no such application-set");
			err = -ENOENT;
		}
		goto unlock;
	}
	user = nfalg_set_using(cur, name, pos);
	if (user && !nfalg_default_set(name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APPSET_NAME],
				    "application-set is used by another application-set");
		err = -EBUSY;
		goto unlock;
	}
	if (!nfalg_default_set(name) && nfalg_rule_using(cur, name, true)) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[NFALG_A_APPSET_NAME],
				    "application-set is used by a rule");
		err = -EBUSY;
		goto unlock;
	}

	nc = nfalg_config_dup(cur, 0, 0);
	if (!nc) {
		err = -ENOMEM;
		goto unlock;
	}
	kvfree(nc->sets[pos].members);
	memmove(&nc->sets[pos], &nc->sets[pos + 1],
		(nc->n_sets - pos - 1) * sizeof(*nc->sets));
	nc->n_sets--;
	err = nfalg_config_publish_locked(nn, nc);
unlock:
	mutex_unlock(&nn->lock);
	return err;
}

int nfalg_nl_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct nfalg_config *nc;
	struct nfalg_net *nn;
	int err;

	nc = nfalg_config_alloc();
	if (!nc)
		return -ENOMEM;
	nn = nfalg_pernet(genl_info_net(info));
	mutex_lock(&nn->lock);
	err = nfalg_config_publish_locked(nn, nc);
	mutex_unlock(&nn->lock);
	return err;
}

/* ---- dumps ---- */

static int nfalg_fill_app(struct sk_buff *skb, const struct nfalg_app *a,
			  bool predefined, bool override)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, NFALG_A_APP);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, NFALG_A_APP_NAME, a->name))
		goto cancel;
	if ((a->flags & NFALG_APPF_PROTO) &&
	    nla_put_u8(skb, NFALG_A_APP_PROTOCOL, a->proto))
		goto cancel;
	if ((a->flags & NFALG_APPF_DPORT) &&
	    (nla_put_u16(skb, NFALG_A_APP_DPORT_LO, a->dport_lo) ||
	     nla_put_u16(skb, NFALG_A_APP_DPORT_HI, a->dport_hi)))
		goto cancel;
	if ((a->flags & NFALG_APPF_SPORT) &&
	    (nla_put_u16(skb, NFALG_A_APP_SPORT_LO, a->sport_lo) ||
	     nla_put_u16(skb, NFALG_A_APP_SPORT_HI, a->sport_hi)))
		goto cancel;
	if (a->alg &&
	    nla_put_string(skb, NFALG_A_APP_ALG, nfalg_alg_names[a->alg - 1]))
		goto cancel;
	if ((a->flags & NFALG_APPF_TIMEOUT) &&
	    nla_put_u32(skb, NFALG_A_APP_TIMEOUT, a->timeout))
		goto cancel;
	if ((a->flags & NFALG_APPF_ICMP_TYPE) &&
	    nla_put_u8(skb, NFALG_A_APP_ICMP_TYPE, a->icmp_type))
		goto cancel;
	if ((a->flags & NFALG_APPF_ICMP_CODE) &&
	    nla_put_u8(skb, NFALG_A_APP_ICMP_CODE, a->icmp_code))
		goto cancel;
	if (a->ttl && nla_put_u8(skb, NFALG_A_APP_TTL_THRESHOLD, a->ttl))
		goto cancel;
	if ((a->flags & NFALG_APPF_RPC) &&
	    (nla_put_u32(skb, NFALG_A_APP_RPC_PROG_LO, a->rpc_lo) ||
	     nla_put_u32(skb, NFALG_A_APP_RPC_PROG_HI, a->rpc_hi)))
		goto cancel;
	if ((a->flags & NFALG_APPF_UUID) &&
	    nla_put(skb, NFALG_A_APP_UUID, sizeof(a->uuid), a->uuid))
		goto cancel;
	if (a->snmp && nla_put_u8(skb, NFALG_A_APP_SNMP_COMMAND, a->snmp))
		goto cancel;
	if (predefined && nla_put_flag(skb, NFALG_A_APP_PREDEFINED))
		goto cancel;
	if (override && nla_put_flag(skb, NFALG_A_APP_OVERRIDE))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static int nfalg_fill_set(struct sk_buff *skb, const char *name,
			  unsigned int n, const char *(*member)(const void *, unsigned int),
			  const void *priv, bool predefined, bool override)
{
	struct nlattr *nest, *mnest;
	unsigned int i;

	nest = nla_nest_start(skb, NFALG_A_APPSET);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, NFALG_A_APPSET_NAME, name))
		goto cancel;
	mnest = nla_nest_start(skb, NFALG_A_APPSET_MEMBERS);
	if (!mnest)
		goto cancel;
	for (i = 0; i < n; i++) {
		if (nla_put_string(skb, NFALG_A_APPSET_MEMBER, member(priv, i)))
			goto cancel;
	}
	nla_nest_end(skb, mnest);
	if (predefined && nla_put_flag(skb, NFALG_A_APPSET_PREDEFINED))
		goto cancel;
	if (override && nla_put_flag(skb, NFALG_A_APPSET_OVERRIDE))
		goto cancel;
	nla_nest_end(skb, nest);
	return 0;
cancel:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

static const char *nfalg_user_member(const void *priv, unsigned int i)
{
	const struct nfalg_appset *s = priv;

	return s->members[i];
}

static const char *nfalg_default_member(const void *priv, unsigned int i)
{
	const struct nfalg_default_set *s = priv;

	return s->members[i];
}

/*
 * One object per message.  cb->args[0]: next position; user objects come
 * first, then the predefined ones that are not overridden (or, with
 * NFALG_A_DEFAULTS, only the predefined ones).
 */
static int nfalg_dump(struct sk_buff *skb, struct netlink_callback *cb,
		      bool sets)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	bool defaults_only = info->attrs[NFALG_A_DEFAULTS];
	const struct nfalg_config *c;
	unsigned int pos, n_user, n_def;
	const char *name;
	bool found, over;
	void *hdr;
	int err = 0;

	rcu_read_lock();
	c = rcu_dereference(nfalg_pernet(sock_net(skb->sk))->config);
	cb->seq = c->gen;
	n_user = defaults_only ? 0 : (sets ? c->n_sets : c->n_apps);
	n_def = sets ? ARRAY_SIZE(nfalg_default_sets) : NFALG_N_DEFAULT_APPS;

	for (pos = cb->args[0]; pos < n_user + n_def; pos++) {
		over = false;
		if (pos >= n_user) {
			name = sets ? nfalg_default_sets[pos - n_user].name :
				nfalg_default_apps[pos - n_user].name;
			if (!defaults_only) {
				if (sets)
					nfalg_set_pos(c, name, &found);
				else
					nfalg_app_pos(c, name, &found);
				if (found)
					continue;
			}
		} else {
			name = sets ? c->sets[pos].name : c->apps[pos].name;
			over = sets ? !!nfalg_default_set(name) :
				!!nfalg_default_app(name);
		}

		hdr = nfalg_genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
					cb->nlh->nlmsg_seq, NLM_F_MULTI,
					sets ? NFALG_CMD_GET_APPSET :
					NFALG_CMD_GET_APP);
		if (!hdr) {
			err = -EMSGSIZE;
			break;
		}
		genl_dump_check_consistent(cb, hdr);
		if (!sets && pos < n_user)
			err = nfalg_fill_app(skb, &c->apps[pos], false, over);
		else if (!sets)
			err = nfalg_fill_app(skb,
					     &nfalg_default_apps[pos - n_user],
					     true, false);
		else if (pos < n_user)
			err = nfalg_fill_set(skb, name, c->sets[pos].n_members,
					     nfalg_user_member, &c->sets[pos],
					     false, over);
		else
			err = nfalg_fill_set(skb, name,
					     nfalg_default_sets[pos - n_user].n_members,
					     nfalg_default_member,
					     &nfalg_default_sets[pos - n_user],
					     true, false);
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rcu_read_unlock();
	cb->args[0] = pos;
	/* a full skb ends this round; the core calls again */
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
}

int nfalg_nl_dump_apps(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nfalg_dump(skb, cb, false);
}

int nfalg_nl_dump_appsets(struct sk_buff *skb, struct netlink_callback *cb)
{
	return nfalg_dump(skb, cb, true);
}
