// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: registry of the ALGs provided by the ALG modules.
 *
 * The registry is global (ALG modules are); whether an ALG is active in a
 * given network namespace is per-netns configuration.  Each ALG module
 * calls nfalg_alg_register() once; the core registers two conntrack helpers
 * for it (IPv4 and IPv6) named "nfalg-<name>", with the core's dispatcher
 * (helper.c) as their help function.
 *
 * The datapath finds the ALG of a classified application without a lock:
 * nfalg_alg_slots[] maps the application's ALG name index (nfalg_app.alg,
 * an index into NFALG_ALG_NAMES) to the registered ALG, under RCU.
 * Unregistering clears the slot before the helpers go; the helpers'
 * unregistration waits for a grace period and then detaches them from
 * every conversation, unconfirmed ones included, so a helper attached by a
 * reader that still saw the slot cannot outlive its module.
 *
 * Lock order: nfalg_net.lock, then nfalg_algs_lock.
 */

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <net/netlink.h>
#include <net/netfilter/nf_conntrack_helper.h>

#include <nfalg/alg.h>

#include "nfalg_core.h"

static LIST_HEAD(nfalg_algs);
static DEFINE_MUTEX(nfalg_algs_lock);	/* protects nfalg_algs, slot writes */

static const char * const nfalg_alg_names[] = { NFALG_ALG_NAMES };
static struct nfalg_alg __rcu *nfalg_alg_slots[ARRAY_SIZE(nfalg_alg_names)];

/* Index + 1 of @name in NFALG_ALG_NAMES (as nfalg_app.alg), 0: unknown */
/* Tuple port of the helpers of the ALG in slot N: NFALG_HELPER_TUPLE_PORT + N */
#define NFALG_HELPER_TUPLE_PORT	0xff00

int nfalg_alg_index_of(const char *name)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(nfalg_alg_names); i++) {
		if (!strcmp(name, nfalg_alg_names[i]))
			return i + 1;
	}
	return 0;
}

/**
 * nfalg_alg_lookup_rcu - the registered ALG of a name index
 * @idx: index + 1 into NFALG_ALG_NAMES (nfalg_app.alg)
 *
 * Caller holds rcu_read_lock(); the result is valid until it drops it.
 *
 * Return: the ALG or NULL when its module is not loaded.
 */
struct nfalg_alg *nfalg_alg_lookup_rcu(unsigned int idx)
{
	if (!idx || idx > ARRAY_SIZE(nfalg_alg_slots))
		return NULL;
	return rcu_dereference(nfalg_alg_slots[idx - 1]);
}

/**
 * nfalg_alg_count - count an event of an ALG in the conversation's netns
 * @ct: the conversation
 * @counter: enum nfalg_counter_attr
 */
void nfalg_alg_count(struct nf_conn *ct, int counter)
{
	if (counter > NFALG_A_CNT_PAD && counter <= NFALG_A_CNT_MAX)
		nfalg_count(nf_ct_net(ct), counter);
}
EXPORT_SYMBOL_GPL(nfalg_alg_count);

/**
 * nfalg_alg_log_drop - log a packet an ALG drops, with its 5-tuple
 * @ctx: the packet
 * @what: why, one word or a few joined by dashes
 *
 * Rate limited, like the core's own drop messages.
 */
void nfalg_alg_log_drop(const struct nfalg_ctx *ctx, const char *what)
{
	nfalg_pkt_log(what, ctx->skb, nf_ct_l3num(ctx->ct), ctx->protoff,
		      nf_ct_protonum(ctx->ct));
}
EXPORT_SYMBOL_GPL(nfalg_alg_log_drop);

/**
 * nfalg_alg_log_pass - log a packet the ALG let through without acting on
 *	it (a message it could not parse)
 * @ctx: the packet
 * @what: short reason, e.g. "sip-malformed"
 *
 * Rate limited, like the core's drop messages.
 */
void nfalg_alg_log_pass(const struct nfalg_ctx *ctx, const char *what)
{
	nfalg_pkt_log_as(what, "passed unparsed", ctx->skb,
			 nf_ct_l3num(ctx->ct), ctx->protoff,
			 nf_ct_protonum(ctx->ct));
}
EXPORT_SYMBOL_GPL(nfalg_alg_log_pass);

/**
 * nfalg_algs_fill - put the list of registered ALGs into a message
 * @skb: message being built
 * @attrtype: type of the list attribute (a nest of NFALG_ALGS_ENTRY)
 *
 * The list attribute is present even when no ALG is registered.
 *
 * Return: 0 or -EMSGSIZE.
 */
int nfalg_algs_fill(struct sk_buff *skb, int attrtype)
{
	struct nlattr *list, *entry;
	struct nfalg_alg *alg;
	int err = 0;

	list = nla_nest_start(skb, attrtype);
	if (!list)
		return -EMSGSIZE;

	mutex_lock(&nfalg_algs_lock);
	list_for_each_entry(alg, &nfalg_algs, list) {
		entry = nla_nest_start(skb, NFALG_ALGS_ENTRY);
		if (!entry ||
		    nla_put_string(skb, NFALG_A_ALG_NAME, alg->name)) {
			err = -EMSGSIZE;
			break;
		}
		nla_nest_end(skb, entry);
	}
	mutex_unlock(&nfalg_algs_lock);

	if (err) {
		nla_nest_cancel(skb, list);
		return err;
	}
	nla_nest_end(skb, list);
	return 0;
}

/* Per-conversation state of the core and the ALG, in nf_conn_help.data */
static_assert(sizeof(struct nfalg_conv) <= sizeof_field(struct nf_conn_help,
							 data));

static struct nfalg_alg *nfalg_alg_find_locked(const char *name)
{
	struct nfalg_alg *alg;

	list_for_each_entry(alg, &nfalg_algs, list)
		if (!strcmp(alg->name, name))
			return alg;
	return NULL;
}

/**
 * nfalg_alg_register - make an ALG available
 * @alg: the ALG, filled in by its module; must stay valid until
 *	nfalg_alg_unregister()
 *
 * Registers the conntrack helpers "nfalg-<name>" for IPv4 and IPv6 on the
 * ALG's protocol and default port.  An ALG that never opens pinholes (DNS,
 * SNMP, IP, traceroute) leaves max_pinholes and pinhole_timeout 0; one
 * that does gives both.
 *
 * Return: 0, -EINVAL for an incomplete description, -EEXIST if the name is
 * taken, or the error of nf_conntrack_helpers_register().
 */
int nfalg_alg_register(struct nfalg_alg *alg)
{
	char hname[NF_CT_HELPER_NAME_LEN];
	int err, i, slot;
	u16 tport;

	if (!alg->name ||
	    (alg->helper_name ?
	     strlen(alg->helper_name) >= NF_CT_HELPER_NAME_LEN ||
	     strncmp(alg->helper_name, "nfalg-", 6) :
	     strlen(alg->name) + 6 >= NF_CT_HELPER_NAME_LEN) ||
	    alg->priv_size > NFALG_PRIV_MAX ||
	    alg->state_size > NFALG_STATE_MAX ||
	    (alg->flags & NFALG_ALG_F_WHOLE_DGRAM &&
	     alg->l4proto != IPPROTO_UDP) ||
	    !alg->msg_len != !alg->message ||
	    (alg->message && alg->line) ||
	    (alg->message && alg->l4proto != IPPROTO_TCP &&
	     alg->l4proto != IPPROTO_UDP))
		return -EINVAL;
	if (alg->flags & NFALG_ALG_F_BASIC) {
		/* no parser, no pinholes */
		if (alg->line || alg->datagram || alg->packet || alg->message ||
		    alg->max_pinholes ||
		    (alg->l4proto != IPPROTO_TCP && alg->l4proto != IPPROTO_UDP &&
		     alg->l4proto != IPPROTO_ICMP))
			return -EINVAL;
	} else if (alg->max_pinholes > 255 ||
		   !alg->max_pinholes != !alg->pinhole_timeout ||
		   (alg->packet ?
		    !alg->l4proto != !!(alg->flags & NFALG_ALG_F_ANY_PROTO) :
		    alg->l4proto == IPPROTO_TCP ? !alg->line && !alg->message :
		    alg->l4proto == IPPROTO_UDP ? !alg->datagram : true)) {
		return -EINVAL;
	}
	slot = nfalg_alg_index_of(alg->name);

	if (alg->helper_name)
		strscpy(hname, alg->helper_name, sizeof(hname));
	else
		snprintf(hname, sizeof(hname), "nfalg-%s", alg->name);
	alg->policy.max_expected = alg->max_pinholes;
	alg->policy.timeout = alg->pinhole_timeout;
	strscpy(alg->policy.name, alg->name, sizeof(alg->policy.name));
	/*
	 * The tuple port of a conntrack helper only ever served automatic
	 * helper assignment (gone since Linux 6.0), yet registration still
	 * refuses two helpers of one protocol on the same port.  nfalg helpers
	 * are attached explicitly (classification, nft "ct helper"), so they
	 * take a port of their own above every in-tree helper's instead of
	 * the ALG's server port: nfalg-ftp and the in-tree "ftp" helper can
	 * then be loaded side by side.
	 */
	tport = slot ? NFALG_HELPER_TUPLE_PORT + slot : alg->port;
	for (i = 0; i < nfalg_alg_n_helpers(alg); i++) {
		nf_ct_helper_init(&alg->helper[i],
				  i & 1 ? NFPROTO_IPV6 : NFPROTO_IPV4,
				  i >= 2 ? IPPROTO_TCP :
				  i && alg->l4proto == IPPROTO_ICMP ?
				  IPPROTO_ICMPV6 : alg->l4proto,
				  hname, tport, tport,
				  tport, &alg->policy, 0,
				  nfalg_helper_help, NULL, alg->owner);
		/* nf_ct_helper_init() names it after the default port */
		strscpy(alg->helper[i].name, hname,
			sizeof(alg->helper[i].name));
		NF_CT_HELPER_BUILD_BUG_ON(sizeof(struct nfalg_conv));
		alg->helper[i].data_len = sizeof(struct nfalg_conv);
		/* SYN defense counts the conversations it removed */
		alg->helper[i].destroy = nfalg_conv_destroy;
	}

	mutex_lock(&nfalg_algs_lock);
	if (nfalg_alg_find_locked(alg->name)) {
		err = -EEXIST;
		goto unlock;
	}
	err = nf_conntrack_helpers_register(alg->helper,
					    nfalg_alg_n_helpers(alg));
	if (err)
		goto unlock;
	list_add_tail(&alg->list, &nfalg_algs);
	if (slot)
		rcu_assign_pointer(nfalg_alg_slots[slot - 1], alg);
unlock:
	mutex_unlock(&nfalg_algs_lock);
	return err;
}
EXPORT_SYMBOL_GPL(nfalg_alg_register);

/**
 * nfalg_alg_unregister - withdraw an ALG
 * @alg: a registered ALG
 *
 * Unregistering the helpers removes their pinholes and detaches them from
 * every conversation (conntrack does both), so the module can go away while
 * traffic flows; the core then frees the TCP stream state those
 * conversations had (helper.c).
 */
void nfalg_alg_unregister(struct nfalg_alg *alg)
{
	int slot = nfalg_alg_index_of(alg->name);

	mutex_lock(&nfalg_algs_lock);
	list_del(&alg->list);
	if (slot)
		RCU_INIT_POINTER(nfalg_alg_slots[slot - 1], NULL);
	mutex_unlock(&nfalg_algs_lock);
	/* waits for readers of the slot, then detaches the helpers */
	nf_conntrack_helpers_unregister(alg->helper, nfalg_alg_n_helpers(alg));
	/*
	 * Detaching does not call the helpers' destroy callback: free the
	 * stream state of the conversations that had them (nothing uses it
	 * any more, the unregistration ended with a grace period).
	 */
	nfalg_streams_unregister(alg);
}
EXPORT_SYMBOL_GPL(nfalg_alg_unregister);

/**
 * nfalg_alg_get - find a registered ALG by name and pin its module
 * @name: ALG name ("ftp", not "nfalg-ftp")
 *
 * Return: the ALG, to be released with nfalg_alg_put(), or NULL.
 */
struct nfalg_alg *nfalg_alg_get(const char *name)
{
	struct nfalg_alg *alg;

	mutex_lock(&nfalg_algs_lock);
	alg = nfalg_alg_find_locked(name);
	if (alg && !try_module_get(alg->owner))
		alg = NULL;
	mutex_unlock(&nfalg_algs_lock);
	return alg;
}
EXPORT_SYMBOL_GPL(nfalg_alg_get);

void nfalg_alg_put(struct nfalg_alg *alg)
{
	module_put(alg->owner);
}
EXPORT_SYMBOL_GPL(nfalg_alg_put);
