// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: configuration model - applications and application sets,
 * the object tables shared by every kind of object, and transactions.
 *
 * The configuration of a network namespace is one immutable snapshot
 * (struct nfalg_config).  A change edits a configuration under the
 * per-netns mutex - a private copy of the running snapshot, or the
 * candidate of the transaction the requesting socket opened - and a copy
 * is validated and published with rcu_assign_pointer() at once, a
 * candidate at COMMIT; the old snapshot is freed after a grace period.  A
 * rejected request therefore never changes anything.  While a transaction
 * is open, changes from other sockets are refused (EBUSY); closing the
 * socket aborts it.
 *
 * User objects are kept sorted by name so that lookups are binary searches.
 * The predefined junos-* objects live in constant tables; a user object of
 * the same name overrides one, deleting the override brings it back.
 */

#include <linux/bitmap.h>
#include <linux/ctype.h>
#include <linux/netlink.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "nfalg_core.h"
#include "objtab.h"

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

	BUILD_BUG_ON(NFALG_N_DEFAULT_APPS >= NFALG_APP_ID_USER);
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
		a->id = i + 1;
	}
	return 0;
}

/* Name of predefined application number @id, or NULL */
const char *nfalg_default_app_name(u16 id)
{
	return id && id <= NFALG_N_DEFAULT_APPS ?
		nfalg_default_apps[id - 1].name : NULL;
}

/* Predefined objects are all named junos-*: most lookups stop here */
static bool nfalg_maybe_default(const char *name)
{
	return !strncmp(name, "junos-", 6);
}

static const struct nfalg_app *nfalg_default_app(const char *name)
{
	int i;

	if (!nfalg_maybe_default(name))
		return NULL;

	for (i = 0; i < NFALG_N_DEFAULT_APPS; i++) {
		if (!strcmp(nfalg_default_apps[i].name, name))
			return &nfalg_default_apps[i];
	}
	return NULL;
}

static const struct nfalg_default_set *nfalg_default_set(const char *name)
{
	int i;

	if (!nfalg_maybe_default(name))
		return NULL;

	for (i = 0; i < ARRAY_SIZE(nfalg_default_sets); i++) {
		if (!strcmp(nfalg_default_sets[i].name, name))
			return &nfalg_default_sets[i];
	}
	return NULL;
}

/* ---- object tables ---- */

static void **nfalg_tab(const struct nfalg_kind *k,
			const struct nfalg_config *c)
{
	return (void **)((char *)c + k->tab_off);
}

static unsigned int *nfalg_tab_n(const struct nfalg_kind *k,
				 const struct nfalg_config *c)
{
	return (unsigned int *)((char *)c + k->n_off);
}

static void *nfalg_entry(const struct nfalg_kind *k,
			 const struct nfalg_config *c, unsigned int i)
{
	return (char *)*nfalg_tab(k, c) + i * k->size;
}

/* Binary search; returns the index of @name or of where it would go */
unsigned int nfalg_tab_pos(const struct nfalg_kind *k,
			   const struct nfalg_config *c, const char *name,
			   bool *found)
{
	unsigned int lo = 0, hi = *nfalg_tab_n(k, c), mid;
	int d;

	*found = false;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		d = strcmp(name, k->name(nfalg_entry(k, c, mid)));
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

/* Drop what entry @e owns (a reference: inline, thousands per change) */
static void nfalg_entry_release(const struct nfalg_kind *k, void *e)
{
	if (k->refcounted && !refcount_dec_and_test(*(refcount_t **)e))
		return;
	if (k->release)
		k->release(e);
}

/* Room for @want entries; a candidate grows by doubling */
static int nfalg_tab_reserve(const struct nfalg_kind *k,
			     struct nfalg_config *c, unsigned int want)
{
	unsigned int n = *nfalg_tab_n(k, c), cap;
	void **tab = nfalg_tab(k, c);
	void *p;

	if (want <= c->cap[k->idx])
		return 0;
	cap = max(want, 2 * c->cap[k->idx]);
	p = kvmalloc_array(cap, k->size, NFALG_GFP);
	if (!p)
		return -ENOMEM;
	if (n)
		memcpy(p, *tab, n * k->size);
	kvfree(*tab);
	*tab = p;
	c->cap[k->idx] = cap;
	return 0;
}

/* Store @e (ownership passes) at @pos */
static int nfalg_tab_insert(const struct nfalg_kind *k,
			    struct nfalg_config *c, unsigned int pos,
			    const void *e)
{
	unsigned int *n = nfalg_tab_n(k, c);
	int err;

	err = nfalg_tab_reserve(k, c, *n + 1);
	if (err)
		return err;
	memmove(nfalg_entry(k, c, pos + 1), nfalg_entry(k, c, pos),
		(*n - pos) * k->size);
	memcpy(nfalg_entry(k, c, pos), e, k->size);
	(*n)++;
	return 0;
}

static void nfalg_tab_remove(const struct nfalg_kind *k,
			     struct nfalg_config *c, unsigned int pos)
{
	unsigned int *n = nfalg_tab_n(k, c);

	nfalg_entry_release(k, nfalg_entry(k, c, pos));
	memmove(nfalg_entry(k, c, pos), nfalg_entry(k, c, pos + 1),
		(*n - pos - 1) * k->size);
	(*n)--;
}

static void nfalg_tab_clear(const struct nfalg_kind *k,
			    struct nfalg_config *c)
{
	unsigned int *n = nfalg_tab_n(k, c), i;
	void **tab = nfalg_tab(k, c);

	for (i = 0; i < *n; i++)
		nfalg_entry_release(k, nfalg_entry(k, c, i));
	kvfree(*tab);
	*tab = NULL;
	*n = 0;
	c->cap[k->idx] = 0;
}

static const struct nfalg_kind * const nfalg_kinds[NFALG_KIND_N] = {
	[NFALG_KIND_APP]	= &nfalg_kind_app,
	[NFALG_KIND_APPSET]	= &nfalg_kind_appset,
	[NFALG_KIND_RULE]	= &nfalg_kind_rule,
	[NFALG_KIND_SSET]	= &nfalg_kind_sset,
};

/* ---- snapshots ---- */

void nfalg_config_free(struct nfalg_config *c)
{
	unsigned int i;

	if (!c)
		return;
	for (i = 0; i < NFALG_KIND_N; i++)
		nfalg_tab_clear(nfalg_kinds[i], c);
	nfalg_cls_free(c->cls);
	kfree(c);
}

static void nfalg_config_free_rcu(struct rcu_head *head)
{
	nfalg_config_free(container_of(head, struct nfalg_config, rcu));
}

struct nfalg_config *nfalg_config_alloc(void)
{
	return kzalloc(sizeof(struct nfalg_config), NFALG_GFP);
}

void nfalg_config_release(struct nfalg_config *c)
{
	if (c)
		call_rcu(&c->rcu, nfalg_config_free_rcu);
}

/*
 * Copy of @cur that can be edited, with room for @extra_apps more
 * applications and @extra_sets more sets.  Applications are copied, sets
 * deep-copied; rules and service sets are immutable and shared by
 * reference.  No classifier: it is built when the copy is published.
 */
struct nfalg_config *nfalg_config_dup(const struct nfalg_config *cur,
				      unsigned int extra_apps,
				      unsigned int extra_sets)
{
	const struct nfalg_kind *k;
	struct nfalg_config *c;
	unsigned int i, j, n, *cn;

	c = nfalg_config_alloc();
	if (!c)
		return NULL;
	c->gen = cur->gen;
	for (i = 0; i < NFALG_KIND_N; i++) {
		k = nfalg_kinds[i];
		n = *nfalg_tab_n(k, cur);
		cn = nfalg_tab_n(k, c);
		/* room for one more: most changes add an object */
		if (nfalg_tab_reserve(k, c, n + 1 + (i == NFALG_KIND_APP ?
			extra_apps : i == NFALG_KIND_APPSET ? extra_sets : 0)))
			goto err;
		if (!n)
			continue;
		memcpy(*nfalg_tab(k, c), *nfalg_tab(k, cur), n * k->size);
		/* the common case, inline: thousands of rules per change */
		for (j = 0; k->refcounted && j < n; j++)
			refcount_inc(((refcount_t **)*nfalg_tab(k, c))[j]);
		for (j = 0; k->hold && j < n; j++) {
			if (k->hold(nfalg_entry(k, c, j)))
				goto err;
			*cn = j + 1;
		}
		*cn = n;
	}
	return c;

err:
	nfalg_config_free(c);
	return NULL;
}

static unsigned int nfalg_app_pos(const struct nfalg_config *c,
				  const char *name, bool *found)
{
	return nfalg_tab_pos(&nfalg_kind_app, c, name, found);
}

static unsigned int nfalg_set_pos(const struct nfalg_config *c,
				  const char *name, bool *found)
{
	return nfalg_tab_pos(&nfalg_kind_appset, c, name, found);
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

/*
 * The numbers conversations of application @name in @net may carry: of
 * the user application and of the predefined one of that name (0: none)
 */
void nfalg_app_ids_of(struct net *net, const char *name, u16 *user_id,
		      u16 *def_id)
{
	const struct nfalg_config *c;
	const struct nfalg_app *d;
	unsigned int pos;
	bool found;

	rcu_read_lock();
	c = rcu_dereference(nfalg_pernet(net)->config);
	pos = nfalg_app_pos(c, name, &found);
	*user_id = found ? c->apps[pos].id : 0;
	rcu_read_unlock();
	d = nfalg_default_app(name);
	*def_id = d ? d->id : 0;
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
 * Would @set (not yet in @c, or replacing its namesake) reach itself
 * through its members?  Iterative walk over the user sets of @c:
 * predefined sets contain applications only.
 */
static int nfalg_set_cycle(const struct nfalg_config *c,
			   const struct nfalg_appset *set, bool *cycle)
{
	unsigned int *stack = NULL, depth = 0, i, m;
	const struct nfalg_appset *s = set;
	unsigned long *seen = NULL;
	bool is_set;
	int idx, err = 0;

	*cycle = false;
	if (c->n_sets) {
		stack = kvcalloc(c->n_sets, sizeof(*stack), NFALG_GFP);
		seen = bitmap_zalloc(c->n_sets, NFALG_GFP);
		if (!stack || !seen) {
			err = -ENOMEM;
			goto out;
		}
	}
	for (;;) {
		for (m = 0; m < s->n_members; m++) {
			if (!strcmp(s->members[m], set->name)) {
				*cycle = true;
				goto out;
			}
			nfalg_name_exists(c, s->members[m], &is_set, &idx);
			if (idx >= 0 && !test_and_set_bit(idx, seen))
				stack[depth++] = idx;
		}
		if (!depth)
			break;
		i = stack[--depth];
		s = &c->sets[i];
		cond_resched();
	}
out:
	bitmap_free(seen);
	kvfree(stack);
	return err;
}

/*
 * Do the members of every user set exist, and does no set reach itself?
 * One depth-first walk over all sets, each set and member visited once:
 * O(members * log(objects)), whatever the nesting.  @state: 0 not seen,
 * 1 on the walk's current path, 2 done.
 */
static int nfalg_sets_check(const struct nfalg_config *c,
			    struct netlink_ext_ack *extack)
{
	struct nfalg_walk {
		unsigned int set, next;
	} *stack;
	const struct nfalg_appset *s;
	unsigned int root, depth, n = c->n_sets;
	struct nfalg_walk *top;
	bool is_set;
	int idx, err = 0;
	u8 *state;

	if (!n)
		return 0;
	stack = kvmalloc_array(n, sizeof(*stack), NFALG_GFP);
	state = kvzalloc(n, NFALG_GFP);
	if (!stack || !state) {
		err = -ENOMEM;
		goto out;
	}
	for (root = 0; root < n; root++) {
		if (state[root])
			continue;
		state[root] = 1;
		stack[0].set = root;
		stack[0].next = 0;
		depth = 1;
		while (depth) {
			top = &stack[depth - 1];
			s = &c->sets[top->set];
			if (top->next == s->n_members) {
				state[top->set] = 2;
				depth--;
				/* at most 256 lookups since the last one */
				cond_resched();
				continue;
			}
			if (!nfalg_name_exists(c, s->members[top->next++],
					       &is_set, &idx)) {
				NL_SET_ERR_MSG(extack,
					       "configuration refers to a missing object");
				err = -ENOENT;
				goto out;
			}
			if (idx < 0 || state[idx] == 2)
				continue;
			if (state[idx] == 1) {
				NL_SET_ERR_MSG(extack, "application-set cycle");
				err = -ELOOP;
				goto out;
			}
			state[idx] = 1;
			stack[depth].set = idx;
			stack[depth].next = 0;
			depth++;
		}
	}
out:
	kvfree(state);
	kvfree(stack);
	return err;
}

/*
 * The whole configuration refers only to objects that exist, with the
 * right kind, and no set contains itself.  The change commands check this
 * object by object; a commit checks the candidate as a whole once more,
 * in time linear in its size (times a logarithm for the lookups).
 */
static int nfalg_config_validate(const struct nfalg_config *c,
				 struct netlink_ext_ack *extack)
{
	const struct nfalg_term *t;
	unsigned int i, j, k;
	bool is_set, found;
	int idx, err;

	err = nfalg_sets_check(c, extack);
	if (err)
		return err;
	for (i = 0; i < c->n_rules; i++) {
		cond_resched();
		for (j = 0; j < c->rules[i]->n_terms; j++) {
			t = &c->rules[i]->terms[j];
			for (k = 0; k < t->n_apps; k++) {
				if (!nfalg_app_find(c, t->apps[k]))
					goto dangling;
			}
			for (k = 0; k < t->n_sets; k++) {
				if (!nfalg_name_exists(c, t->sets[k], &is_set,
						       &idx) || !is_set)
					goto dangling;
			}
		}
	}
	for (i = 0; i < c->n_ssets; i++) {
		cond_resched();
		for (j = 0; j < c->ssets[i]->n_rules; j++) {
			nfalg_tab_pos(&nfalg_kind_rule, c,
				      c->ssets[i]->rules[j], &found);
			if (!found)
				goto dangling;
		}
	}
	return 0;
dangling:
	NL_SET_ERR_MSG(extack, "configuration refers to a missing object");
	return -ENOENT;
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
	old = rcu_dereference_protected(nn->config,
					lockdep_is_held(&nn->lock));
	err = nfalg_cls_build(nc);
	if (!err)
		err = nfalg_app_ids_assign(nn, old, nc);
	if (!err) {
		err = nfalg_dp_prepare_locked(nn, nc);
		if (err)
			nfalg_app_ids_done(nn, old, nc, false);
	}
	if (err) {
		nfalg_config_free(nc);
		kfree(np);
		return err;
	}
	nc->gen = old->gen + 1;
	rcu_assign_pointer(nn->config, nc);
	/* readers of @old may still show a name that goes: RCU-freed */
	nfalg_app_ids_done(nn, old, nc, true);
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

static const struct nla_policy nfalg_rpc_range_policy[NFALG_A_RPC_RANGE_MAX + 1] = {
	[NFALG_A_RPC_RANGE_LO]	= { .type = NLA_U32 },
	[NFALG_A_RPC_RANGE_HI]	= { .type = NLA_U32 },
};

static const struct nla_policy nfalg_rpc_progs_policy[NFALG_A_RPC_MAX + 1] = {
	[NFALG_A_RPC_RANGE]	= NLA_POLICY_NESTED(nfalg_rpc_range_policy),
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
		NLA_POLICY_RANGE(NLA_U8, NFALG_SNMP_GET, NFALG_SNMP_MAX),
	[NFALG_A_APP_PREDEFINED] = { .type = NLA_REJECT },
	[NFALG_A_APP_OVERRIDE]	= { .type = NLA_REJECT },
	[NFALG_A_APP_RPC_PROGS]	= NLA_POLICY_NESTED(nfalg_rpc_progs_policy),
	[NFALG_A_APP_DNS_KEEP_OPEN] = { .type = NLA_FLAG },
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
	[NFALG_A_APPSET_CONTINUED] = { .type = NLA_REJECT },
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

/* Set an extended ACK message that is not a literal (a kind's message) */
static void nfalg_errmsg(struct netlink_ext_ack *extack,
			 const struct nlattr *attr, const char *msg)
{
	if (!extack)
		return;
	extack->_msg = msg;
	extack->bad_attr = attr;
}

unsigned int nfalg_nest_count(const struct nlattr *nest)
{
	const struct nlattr *a;
	unsigned int n = 0;
	int rem;

	nla_for_each_nested(a, nest, rem)
		n++;
	return n;
}

/* Parse the request's nest of kind @k into @tb; checks the name */
static int nfalg_parse_obj(const struct nfalg_kind *k, struct genl_info *info,
			   struct nlattr **tb, const char **name)
{
	struct nlattr *nest = info->attrs[k->attr];
	int err;

	/* @tb has room for NFALG_OBJ_MAXTYPE */
	if (WARN_ON_ONCE(k->maxtype > NFALG_OBJ_MAXTYPE))
		return -EINVAL;
	if (!nest) {
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, k->attr);
		nfalg_errmsg(info->extack, NULL, k->msg_none);
		return -EINVAL;
	}
	err = nla_parse_nested(tb, k->maxtype, nest, k->policy, info->extack);
	if (err)
		return err;
	/* the name is attribute 1 of every nest */
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

/* Append the program number range @lo..@hi (@hi may be NULL) to @a */
static int nfalg_rpc_range(struct nfalg_app *a, const struct nlattr *lo,
			   const struct nlattr *hi,
			   struct netlink_ext_ack *extack)
{
	u32 l = nla_get_u32(lo), h = hi ? nla_get_u32(hi) : l;
	unsigned int i;

	if (h < l) {
		NL_SET_ERR_MSG_ATTR(extack, hi,
				    "rpc-program-number range reversed");
		return -EINVAL;
	}
	for (i = 0; i < a->n_rpc; i++) {
		if (l <= a->rpc[i].hi && h >= a->rpc[i].lo) {
			NL_SET_ERR_MSG_ATTR(extack, lo,
					    "rpc-program-number ranges overlap");
			return -EINVAL;
		}
	}
	a->rpc[a->n_rpc].lo = l;
	a->rpc[a->n_rpc].hi = h;
	a->n_rpc++;
	return 0;
}

static int nfalg_rpc_list(struct nfalg_app *a, const struct nlattr *nest,
			  struct netlink_ext_ack *extack)
{
	struct nlattr *tb[NFALG_A_RPC_RANGE_MAX + 1];
	const struct nlattr *r;
	unsigned int n = nfalg_nest_count(nest);
	int rem, err;

	if (!n || n > NFALG_MAX_RPC_RANGES) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "rpc-program-number takes 1..16 numbers or ranges");
		return -E2BIG;
	}
	nla_for_each_nested(r, nest, rem) {
		err = nla_parse_nested(tb, NFALG_A_RPC_RANGE_MAX, r,
				       nfalg_rpc_range_policy, extack);
		if (err)
			return err;
		if (!tb[NFALG_A_RPC_RANGE_LO]) {
			NL_SET_ERR_ATTR_MISS(extack, r, NFALG_A_RPC_RANGE_LO);
			NL_SET_ERR_MSG_ATTR(extack, r,
					    "rpc-program-number range without its start");
			return -EINVAL;
		}
		err = nfalg_rpc_range(a, tb[NFALG_A_RPC_RANGE_LO],
				      tb[NFALG_A_RPC_RANGE_HI], extack);
		if (err)
			return err;
	}
	return 0;
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
	if (tb[NFALG_A_APP_RPC_PROG_LO] && tb[NFALG_A_APP_RPC_PROGS]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_RPC_PROGS],
				    "rpc-program-number given both as one range and as a list");
		return -EINVAL;
	}
	if (tb[NFALG_A_APP_RPC_PROG_LO] || tb[NFALG_A_APP_RPC_PROGS]) {
		int err;

		if (a->alg != nfalg_alg_index("rpc")) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_RPC_PROG_LO] ?:
					    tb[NFALG_A_APP_RPC_PROGS],
					    "rpc-program-number needs application-protocol rpc");
			return -EINVAL;
		}
		if (tb[NFALG_A_APP_RPC_PROG_LO])
			err = nfalg_rpc_range(a, tb[NFALG_A_APP_RPC_PROG_LO],
					      tb[NFALG_A_APP_RPC_PROG_HI], extack);
		else
			err = nfalg_rpc_list(a, tb[NFALG_A_APP_RPC_PROGS], extack);
		if (err)
			return err;
		a->rpc_lo = a->rpc[0].lo;
		a->rpc_hi = a->rpc[0].hi;
		a->flags |= NFALG_APPF_RPC;
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

	if (tb[NFALG_A_APP_DNS_KEEP_OPEN]) {
		if (a->alg != nfalg_alg_index("dns")) {
			NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APP_DNS_KEEP_OPEN],
					    "dns-close-after-answer needs application-protocol dns");
			return -EINVAL;
		}
		a->flags |= NFALG_APPF_DNS_KEEP;
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

/* ---- applications ---- */

static const char *nfalg_app_name(const void *e)
{
	return ((const struct nfalg_app *)e)->name;
}

static bool nfalg_app_predefined(const char *name)
{
	return nfalg_default_app(name);
}

static int nfalg_app_build(struct nfalg_edit *ed, struct nlattr **tb,
			   const void *old, void *e)
{
	bool found;

	nfalg_set_pos(ed->c, nla_data(tb[NFALG_A_APP_NAME]), &found);
	if (found || nfalg_default_set(nla_data(tb[NFALG_A_APP_NAME]))) {
		NL_SET_ERR_MSG_ATTR(ed->info->extack, tb[NFALG_A_APP_NAME],
				    "an application-set of that name exists");
		return -EEXIST;
	}
	return nfalg_app_from_attrs(tb, e, ed->info->extack);
}

static int nfalg_app_check_del(const struct nfalg_config *c, unsigned int pos,
			       struct nlattr *name,
			       struct netlink_ext_ack *extack)
{
	const char *n = c->apps[pos].name;

	/* deleting an override brings the predefined application back */
	if (nfalg_default_app(n))
		return 0;
	if (nfalg_set_using(c, n, UINT_MAX)) {
		NL_SET_ERR_MSG_ATTR(extack, name,
				    "application is used by an application-set");
		return -EBUSY;
	}
	if (nfalg_rule_using(c, n, false)) {
		NL_SET_ERR_MSG_ATTR(extack, name,
				    "application is used by a rule");
		return -EBUSY;
	}
	return 0;
}

const struct nfalg_kind nfalg_kind_app = {
	.idx		= NFALG_KIND_APP,
	.attr		= NFALG_A_APP,
	.maxtype	= NFALG_A_APP_MAX,
	.policy		= nfalg_app_policy,
	.size		= sizeof(struct nfalg_app),
	.tab_off	= offsetof(struct nfalg_config, apps),
	.n_off		= offsetof(struct nfalg_config, n_apps),
	.limit		= NFALG_MAX_APPS,
	.msg_none	= "no application given",
	.msg_exists	= "application exists",
	.msg_missing	= "no such application",
	.msg_limit	= "too many applications (limit 4096)",
	.msg_predef	= "predefined application: cannot be deleted",
	.name		= nfalg_app_name,
	.predefined	= nfalg_app_predefined,
	.build		= nfalg_app_build,
	.check_del	= nfalg_app_check_del,
};

int nfalg_nl_new_app(struct sk_buff *skb, struct genl_info *info)
{
	return nfalg_obj_new(&nfalg_kind_app, info);
}

int nfalg_nl_del_app(struct sk_buff *skb, struct genl_info *info)
{
	return nfalg_obj_del(&nfalg_kind_app, info);
}

/* ---- application sets ---- */

/* Collect and check the members of a set request into @set */
static int nfalg_set_members(const struct nfalg_config *cur, struct nlattr *nest,
			     struct nfalg_appset *set,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *attr;
	unsigned int n, i;
	bool is_set;
	int rem, idx;

	n = nest ? nfalg_nest_count(nest) : 0;
	if (!n) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "application-set needs members");
		return -EINVAL;
	}
	if (n > NFALG_MAX_SET_MEMBERS) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "too many members (limit 256)");
		return -E2BIG;
	}
	set->members = kvcalloc(n, sizeof(*set->members), NFALG_GFP);
	if (!set->members)
		return -ENOMEM;

	nla_for_each_nested(attr, nest, rem) {
		const char *m = nla_data(attr);

		if (!strcmp(m, set->name)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "application-set cycle: a set cannot contain itself");
			return -ELOOP;
		}
		if (!nfalg_name_exists(cur, m, &is_set, &idx)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "no such application or application-set");
			return -ENOENT;
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

static const char *nfalg_appset_name(const void *e)
{
	return ((const struct nfalg_appset *)e)->name;
}

static bool nfalg_appset_predefined(const char *name)
{
	return nfalg_default_set(name);
}

static int nfalg_appset_build(struct nfalg_edit *ed, struct nlattr **tb,
			      const void *old, void *e)
{
	struct netlink_ext_ack *extack = ed->info->extack;
	struct nfalg_appset *set = e;
	const char *name = nla_data(tb[NFALG_A_APPSET_NAME]);
	bool found, cycle = false;
	int err;

	memset(set, 0, sizeof(*set));
	strscpy(set->name, name, sizeof(set->name));
	nfalg_app_pos(ed->c, name, &found);
	if (found || nfalg_default_app(name)) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APPSET_NAME],
				    "an application of that name exists");
		return -EEXIST;
	}
	err = nfalg_set_members(ed->c, tb[NFALG_A_APPSET_MEMBERS], set,
				extack);
	/*
	 * Members exist already and are not this set: a new name cannot
	 * close a cycle; a replaced set, or one overriding a predefined set
	 * that others may contain, can
	 */
	if (!err && (old || nfalg_default_set(name)))
		err = nfalg_set_cycle(ed->c, set, &cycle);
	if (!err && cycle) {
		NL_SET_ERR_MSG_ATTR(extack, tb[NFALG_A_APPSET_NAME],
				    "application-set cycle: the set would contain itself");
		err = -ELOOP;
	}
	if (err) {
		kvfree(set->members);
		set->members = NULL;
	}
	return err;
}

static int nfalg_appset_check_del(const struct nfalg_config *c,
				  unsigned int pos, struct nlattr *name,
				  struct netlink_ext_ack *extack)
{
	const char *n = c->sets[pos].name;

	if (nfalg_default_set(n))
		return 0;
	if (nfalg_set_using(c, n, pos)) {
		NL_SET_ERR_MSG_ATTR(extack, name,
				    "application-set is used by another application-set");
		return -EBUSY;
	}
	if (nfalg_rule_using(c, n, true)) {
		NL_SET_ERR_MSG_ATTR(extack, name,
				    "application-set is used by a rule");
		return -EBUSY;
	}
	return 0;
}

static int nfalg_appset_hold(void *e)
{
	struct nfalg_appset *s = e;
	void *m;

	m = kvmalloc_array(s->n_members, sizeof(*s->members), NFALG_GFP);
	if (!m) {
		s->members = NULL;
		return -ENOMEM;
	}
	memcpy(m, s->members, s->n_members * sizeof(*s->members));
	s->members = m;
	return 0;
}

static void nfalg_appset_release(void *e)
{
	kvfree(((struct nfalg_appset *)e)->members);
}

const struct nfalg_kind nfalg_kind_appset = {
	.idx		= NFALG_KIND_APPSET,
	.attr		= NFALG_A_APPSET,
	.maxtype	= NFALG_A_APPSET_MAX,
	.policy		= nfalg_appset_policy,
	.size		= sizeof(struct nfalg_appset),
	.tab_off	= offsetof(struct nfalg_config, sets),
	.n_off		= offsetof(struct nfalg_config, n_sets),
	.limit		= NFALG_MAX_APPSETS,
	.msg_none	= "no application-set given",
	.msg_exists	= "application-set exists",
	.msg_missing	= "no such application-set",
	.msg_limit	= "too many application-sets (limit 1024)",
	.msg_predef	= "predefined application-set: cannot be deleted",
	.name		= nfalg_appset_name,
	.predefined	= nfalg_appset_predefined,
	.build		= nfalg_appset_build,
	.check_del	= nfalg_appset_check_del,
	.hold		= nfalg_appset_hold,
	.release	= nfalg_appset_release,
};

int nfalg_nl_new_appset(struct sk_buff *skb, struct genl_info *info)
{
	return nfalg_obj_new(&nfalg_kind_appset, info);
}

int nfalg_nl_del_appset(struct sk_buff *skb, struct genl_info *info)
{
	return nfalg_obj_del(&nfalg_kind_appset, info);
}

/* ---- changes and transactions ---- */

/**
 * struct nfalg_txn - an open configuration transaction
 * @portid: netlink port of the socket that opened it
 * @cand: the candidate configuration its commands edit
 */
struct nfalg_txn {
	u32 portid;
	struct nfalg_config *cand;
};

void nfalg_txn_free(struct nfalg_txn *txn)
{
	if (!txn)
		return;
	nfalg_config_free(txn->cand);
	kfree(txn);
}

/* Publish @c (consumed); the classifier's limits get a message */
static int nfalg_publish(struct nfalg_net *nn, struct nfalg_config *c,
			 struct genl_info *info)
{
	int err = nfalg_config_publish_locked(nn, c);

	if (err == -E2BIG)
		GENL_SET_ERR_MSG(info,
				 "classifier too large (limit 2^20 entries)");
	else if (err == -ELOOP)
		GENL_SET_ERR_MSG(info,
				 "application-sets nested too deep in a service-set (limit 8)");
	return err;
}

/*
 * Start a change: lock the namespace and choose what to edit - the open
 * transaction's candidate if the request comes from its socket, else a
 * private copy of the running configuration.  On success the lock is held
 * until nfalg_edit_end().
 */
static int nfalg_edit_begin(struct genl_info *info, struct nfalg_edit *ed)
{
	struct nfalg_txn *txn;

	ed->info = info;
	ed->nn = nfalg_pernet(genl_info_net(info));
	mutex_lock(&ed->nn->lock);
	txn = ed->nn->txn;
	ed->txn = !!txn;
	if (txn && txn->portid != info->snd_portid) {
		GENL_SET_ERR_MSG(info,
				 "configuration locked: another socket has a transaction open");
		mutex_unlock(&ed->nn->lock);
		return -EBUSY;
	}
	if (txn) {
		ed->c = txn->cand;
		return 0;
	}
	ed->c = nfalg_config_dup(nfalg_config_locked(ed->nn), 0, 0);
	if (!ed->c) {
		mutex_unlock(&ed->nn->lock);
		return -ENOMEM;
	}
	return 0;
}

/*
 * End a change.  A failed change left @ed->c as it was (candidate) or
 * drops it (copy); a successful one outside a transaction is published.
 */
static int nfalg_edit_end(struct nfalg_edit *ed, int err)
{
	if (!ed->txn) {
		if (err)
			nfalg_config_free(ed->c);
		else
			err = nfalg_publish(ed->nn, ed->c, ed->info);
	}
	mutex_unlock(&ed->nn->lock);
	return err;
}

/* NEW_*: create, replace (NFALG_A_REPLACE) or extend an object of kind @k */
int nfalg_obj_new(const struct nfalg_kind *k, struct genl_info *info)
{
	bool replace = info->attrs[NFALG_A_REPLACE], append, found;
	struct nlattr *tb[NFALG_OBJ_MAXTYPE + 1];
	struct netlink_ext_ack *extack = info->extack;
	struct nfalg_edit ed;
	union nfalg_entry e;
	unsigned int pos;
	const char *name;
	void *old;
	int err;

	err = nfalg_parse_obj(k, info, tb, &name);
	if (err)
		return err;
	append = k->append_attr && tb[k->append_attr];
	err = nfalg_edit_begin(info, &ed);
	if (err)
		return err;

	pos = nfalg_tab_pos(k, ed.c, name, &found);
	old = found ? nfalg_entry(k, ed.c, pos) : NULL;
	if (found && !replace && !append) {
		nfalg_errmsg(extack, tb[1], k->msg_exists);
		err = -EEXIST;
	} else if (!found && append) {
		nfalg_errmsg(extack, tb[1], k->msg_missing);
		err = -ENOENT;
	} else if (!found && *nfalg_tab_n(k, ed.c) >= k->limit) {
		nfalg_errmsg(extack, NULL, k->msg_limit);
		err = -ENOSPC;
	} else {
		err = k->build(&ed, tb, old, &e);
	}
	if (!err && old) {
		nfalg_entry_release(k, old);
		memcpy(old, &e, k->size);
	} else if (!err) {
		err = nfalg_tab_insert(k, ed.c, pos, &e);
		if (err)
			nfalg_entry_release(k, &e);
	}
	return nfalg_edit_end(&ed, err);
}

/* DEL_*: delete the user object named in the request */
int nfalg_obj_del(const struct nfalg_kind *k, struct genl_info *info)
{
	struct nlattr *tb[NFALG_OBJ_MAXTYPE + 1];
	struct nfalg_edit ed;
	unsigned int pos;
	const char *name;
	bool found;
	int err, i;

	err = nfalg_parse_obj(k, info, tb, &name);
	if (err)
		return err;
	for (i = 2; i <= k->maxtype; i++) {
		if (tb[i]) {
			NL_SET_ERR_MSG_ATTR(info->extack, tb[i],
					    "delete takes only a name");
			return -EINVAL;
		}
	}
	err = nfalg_edit_begin(info, &ed);
	if (err)
		return err;
	pos = nfalg_tab_pos(k, ed.c, name, &found);
	if (!found && k->predefined && k->predefined(name)) {
		nfalg_errmsg(info->extack, tb[1], k->msg_predef);
		err = -EPERM;
	} else if (!found) {
		nfalg_errmsg(info->extack, tb[1], k->msg_missing);
		err = -ENOENT;
	} else if (k->check_del) {
		err = k->check_del(ed.c, pos, tb[1], info->extack);
	}
	if (!err)
		nfalg_tab_remove(k, ed.c, pos);
	return nfalg_edit_end(&ed, err);
}

int nfalg_nl_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct nfalg_edit ed;
	unsigned int i;
	int err;

	err = nfalg_edit_begin(info, &ed);
	if (err)
		return err;
	for (i = 0; i < NFALG_KIND_N; i++)
		nfalg_tab_clear(nfalg_kinds[i], ed.c);
	return nfalg_edit_end(&ed, 0);
}

int nfalg_nl_begin(struct sk_buff *skb, struct genl_info *info)
{
	struct nfalg_net *nn = nfalg_pernet(genl_info_net(info));
	struct nfalg_txn *txn;
	int err = 0;

	txn = kzalloc(sizeof(*txn), NFALG_GFP);
	if (!txn)
		return -ENOMEM;
	txn->portid = info->snd_portid;
	mutex_lock(&nn->lock);
	if (nn->txn && nn->txn->portid == info->snd_portid) {
		GENL_SET_ERR_MSG(info,
				 "a transaction is already open on this socket");
		err = -EBUSY;
	} else if (nn->txn) {
		GENL_SET_ERR_MSG(info,
				 "configuration locked: another socket has a transaction open");
		err = -EBUSY;
	} else {
		txn->cand = nfalg_config_dup(nfalg_config_locked(nn), 0, 0);
		if (txn->cand) {
			WRITE_ONCE(nn->txn, txn);
			txn = NULL;
		} else {
			err = -ENOMEM;
		}
	}
	mutex_unlock(&nn->lock);
	kfree(txn);
	return err;
}

/* Take the transaction of the requesting socket away from @nn (locked) */
static struct nfalg_txn *nfalg_txn_take(struct nfalg_net *nn,
					struct genl_info *info, int *err)
{
	struct nfalg_txn *txn = nn->txn;

	if (!txn) {
		GENL_SET_ERR_MSG(info, "no transaction open");
		*err = -EINVAL;
		return NULL;
	}
	if (txn->portid != info->snd_portid) {
		GENL_SET_ERR_MSG(info,
				 "the open transaction belongs to another socket");
		*err = -EBUSY;
		return NULL;
	}
	WRITE_ONCE(nn->txn, NULL);
	*err = 0;
	return txn;
}

int nfalg_nl_commit(struct sk_buff *skb, struct genl_info *info)
{
	struct nfalg_net *nn = nfalg_pernet(genl_info_net(info));
	struct nfalg_txn *txn;
	int err;

	mutex_lock(&nn->lock);
	txn = nfalg_txn_take(nn, info, &err);
	if (txn) {
		err = nfalg_config_validate(txn->cand, info->extack);
		if (!err) {
			/* consumes the candidate, also on failure */
			err = nfalg_publish(nn, txn->cand, info);
			txn->cand = NULL;
		}
	}
	mutex_unlock(&nn->lock);
	nfalg_txn_free(txn);
	return err;
}

int nfalg_nl_abort(struct sk_buff *skb, struct genl_info *info)
{
	struct nfalg_net *nn = nfalg_pernet(genl_info_net(info));
	struct nfalg_txn *txn;
	int err;

	mutex_lock(&nn->lock);
	txn = nfalg_txn_take(nn, info, &err);
	mutex_unlock(&nn->lock);
	nfalg_txn_free(txn);
	return err;
}

/* A closed socket's transaction is aborted */
static int nfalg_netlink_event(struct notifier_block *nb, unsigned long event,
			       void *ptr)
{
	struct netlink_notify *n = ptr;
	struct nfalg_txn *txn = NULL;
	struct nfalg_net *nn;

	if (event != NETLINK_URELEASE || n->protocol != NETLINK_GENERIC)
		return NOTIFY_DONE;
	nn = nfalg_pernet(n->net);
	/* every generic netlink socket ends here: skip the lock if we can */
	if (!READ_ONCE(nn->txn))
		return NOTIFY_DONE;
	mutex_lock(&nn->lock);
	if (nn->txn && nn->txn->portid == n->portid) {
		txn = nn->txn;
		WRITE_ONCE(nn->txn, NULL);
	}
	mutex_unlock(&nn->lock);
	nfalg_txn_free(txn);
	return NOTIFY_DONE;
}

static struct notifier_block nfalg_netlink_notifier = {
	.notifier_call	= nfalg_netlink_event,
};

int __init nfalg_txn_init(void)
{
	return netlink_register_notifier(&nfalg_netlink_notifier);
}

void nfalg_txn_exit(void)
{
	netlink_unregister_notifier(&nfalg_netlink_notifier);
}

/* ---- dumps ---- */

static int nfalg_fill_rpc(struct sk_buff *skb, const struct nfalg_app *a)
{
	struct nlattr *list, *r;
	unsigned int i;

	if (nla_put_u32(skb, NFALG_A_APP_RPC_PROG_LO, a->rpc_lo) ||
	    nla_put_u32(skb, NFALG_A_APP_RPC_PROG_HI, a->rpc_hi))
		return -EMSGSIZE;
	list = nla_nest_start(skb, NFALG_A_APP_RPC_PROGS);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < a->n_rpc; i++) {
		r = nla_nest_start(skb, NFALG_A_RPC_RANGE);
		if (!r ||
		    nla_put_u32(skb, NFALG_A_RPC_RANGE_LO, a->rpc[i].lo) ||
		    nla_put_u32(skb, NFALG_A_RPC_RANGE_HI, a->rpc[i].hi))
			return -EMSGSIZE;
		nla_nest_end(skb, r);
	}
	nla_nest_end(skb, list);
	return 0;
}

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
	if ((a->flags & NFALG_APPF_RPC) && nfalg_fill_rpc(skb, a))
		goto cancel;
	if ((a->flags & NFALG_APPF_UUID) &&
	    nla_put(skb, NFALG_A_APP_UUID, sizeof(a->uuid), a->uuid))
		goto cancel;
	if (a->snmp && nla_put_u8(skb, NFALG_A_APP_SNMP_COMMAND, a->snmp))
		goto cancel;
	if ((a->flags & NFALG_APPF_DNS_KEEP) &&
	    nla_put_flag(skb, NFALG_A_APP_DNS_KEEP_OPEN))
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

/*
 * One message of set @name: members from *@off on, as many as fit; the
 * flags in the first message, NFALG_A_APPSET_CONTINUED in the others.
 * *@off moves past the members put.
 */
static int nfalg_fill_set(struct sk_buff *skb, const char *name,
			  unsigned int n, const char *(*member)(const void *, unsigned int),
			  const void *priv, bool predefined, bool override,
			  unsigned int *off)
{
	struct nlattr *nest, *mnest;
	unsigned int i;

	nest = nla_nest_start(skb, NFALG_A_APPSET);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put_string(skb, NFALG_A_APPSET_NAME, name))
		goto cancel;
	if (*off && nla_put_flag(skb, NFALG_A_APPSET_CONTINUED))
		goto cancel;
	if (!*off && predefined && nla_put_flag(skb, NFALG_A_APPSET_PREDEFINED))
		goto cancel;
	if (!*off && override && nla_put_flag(skb, NFALG_A_APPSET_OVERRIDE))
		goto cancel;
	mnest = nla_nest_start(skb, NFALG_A_APPSET_MEMBERS);
	if (!mnest)
		goto cancel;
	for (i = *off; i < n; i++) {
		if (nla_put_string(skb, NFALG_A_APPSET_MEMBER, member(priv, i)))
			break;
	}
	/* not a single member fits: the next message gets them */
	if (i == *off)
		goto cancel;
	nla_nest_end(skb, mnest);
	nla_nest_end(skb, nest);
	*off = i;
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
 * One object per message, a long set in several.  cb->args[0]: next
 * position, cb->args[1]: next member of that set; user objects come
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
	unsigned int off = cb->args[1], n_members;
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
					     false, over, &off);
		else
			err = nfalg_fill_set(skb, name,
					     nfalg_default_sets[pos - n_user].n_members,
					     nfalg_default_member,
					     &nfalg_default_sets[pos - n_user],
					     true, false, &off);
		if (err) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		n_members = !sets ? 0 : pos < n_user ? c->sets[pos].n_members :
			nfalg_default_sets[pos - n_user].n_members;
		/* the rest of this set's members in the next message */
		if (off < n_members)
			pos--;
		else
			off = 0;
	}
	rcu_read_unlock();
	cb->args[0] = pos;
	cb->args[1] = off;
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
