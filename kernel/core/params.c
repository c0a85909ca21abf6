// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: per network namespace state and parameters.
 */

#include <linux/slab.h>
#include <linux/string.h>

#include "nfalg_core.h"

unsigned int nfalg_net_id __read_mostly;

static const u32 nfalg_param_defaults[NFALG_A_PARAM_MAX + 1] = {
	[NFALG_A_PARAM_SYN_TIMEOUT]	= NFALG_SYN_TIMEOUT_DEFAULT,
	[NFALG_A_PARAM_UDP_TIMEOUT]	= NFALG_UDP_TIMEOUT_DEFAULT,
	[NFALG_A_PARAM_TCP_TIMEOUT]	= NFALG_TCP_TIMEOUT_DEFAULT,
	[NFALG_A_PARAM_KEEPALIVE_PROBES] = NFALG_KEEPALIVE_PROBES_DEFAULT,
	[NFALG_A_PARAM_KEEPALIVE_INTERVAL] = NFALG_KEEPALIVE_INTERVAL_DEFAULT,
};

/**
 * nfalg_params_dup_locked - copy the current parameters for modification
 * @nn: per-netns state, with @nn->lock held
 *
 * Return: a private copy to be passed to nfalg_params_publish_locked() or
 * freed with kfree(), or NULL on allocation failure.
 */
struct nfalg_params *nfalg_params_dup_locked(struct nfalg_net *nn)
{
	const struct nfalg_params *cur;

	cur = rcu_dereference_protected(nn->params, lockdep_is_held(&nn->lock));
	return kmemdup(cur, sizeof(*cur), NFALG_GFP);
}

/**
 * nfalg_params_publish_locked - make a modified copy the current parameters
 * @nn: per-netns state, with @nn->lock held
 * @np: copy from nfalg_params_dup_locked(); ownership passes to @nn
 *
 * Bumps the generation.  Readers still using the old snapshot keep it until
 * the end of their RCU read-side critical section.
 */
void nfalg_params_publish_locked(struct nfalg_net *nn, struct nfalg_params *np)
{
	struct nfalg_params *old;

	old = rcu_dereference_protected(nn->params, lockdep_is_held(&nn->lock));
	np->generation = old->generation + 1;
	rcu_assign_pointer(nn->params, np);
	kfree_rcu(old, rcu);
	nfalg_event_config(nn->net, np->generation);
}

static int __net_init nfalg_net_init(struct net *net)
{
	struct nfalg_net *nn = nfalg_pernet(net);
	struct nfalg_params *p;
	struct nfalg_config *c;

	p = kzalloc(sizeof(*p), NFALG_GFP);
	c = nfalg_config_alloc();
	if (!p || !c) {
		kfree(p);
		kfree(c);
		return -ENOMEM;
	}
	memcpy(p->val, nfalg_param_defaults, sizeof(p->val));

	mutex_init(&nn->lock);
	nn->net = net;
	nfalg_ka_net_init(nn);
	nfalg_app_names_init(nn);
	RCU_INIT_POINTER(nn->params, p);
	RCU_INIT_POINTER(nn->config, c);
	return 0;
}

static void __net_exit nfalg_net_exit(struct net *net)
{
	struct nfalg_net *nn = nfalg_pernet(net);
	struct nfalg_params *p;

	/*
	 * No configuration request can run any more: either the netns is
	 * going away or the genl family is already unregistered.  Packet path
	 * readers may still hold the snapshot, hence the RCU-deferred free.
	 */
	nfalg_ka_net_exit(nn);
	nfalg_dp_net_exit(nn);
	p = rcu_dereference_protected(nn->params, true);
	RCU_INIT_POINTER(nn->params, NULL);
	kfree_rcu(p, rcu);
	nfalg_txn_free(nn->txn);
	nn->txn = NULL;
	nfalg_config_release(rcu_dereference_protected(nn->config, true));
	RCU_INIT_POINTER(nn->config, NULL);
	nfalg_app_names_exit(nn);
	mutex_destroy(&nn->lock);
}

struct pernet_operations nfalg_net_ops = {
	.init	= nfalg_net_init,
	.exit	= nfalg_net_exit,
	.id	= &nfalg_net_id,
	.size	= sizeof(struct nfalg_net),
};
