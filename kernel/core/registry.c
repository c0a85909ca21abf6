// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: registry of the ALGs provided by the ALG modules.
 *
 * The registry is global (ALG modules are); whether an ALG is active in a
 * given network namespace is per-netns configuration.  Nothing registers
 * yet: nfalg_alg_register()/nfalg_alg_unregister() arrive with the first ALG
 * module.
 *
 * Lock order: nfalg_net.lock, then nfalg_algs_lock.
 */

#include <linux/list.h>
#include <linux/mutex.h>
#include <net/netlink.h>

#include <nfalg/alg.h>

#include "nfalg_core.h"

static LIST_HEAD(nfalg_algs);
static DEFINE_MUTEX(nfalg_algs_lock);	/* protects nfalg_algs */

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
