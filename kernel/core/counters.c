// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: per network namespace ALG counters.
 *
 * Each counter is an atomic64_t in struct nfalg_net, indexed by its uAPI
 * attribute type (enum nfalg_counter_attr); they are reported in the
 * NFALG_A_COUNTERS nest of the status reply and live as long as the netns.
 */

#include <net/netlink.h>

#include "nfalg_core.h"

void nfalg_count(struct net *net, int type)
{
	atomic64_inc(&nfalg_pernet(net)->counters[type]);
}

int nfalg_counters_fill(struct sk_buff *skb, struct net *net, int attrtype)
{
	struct nfalg_net *nn = nfalg_pernet(net);
	struct nlattr *nest;
	int type;

	nest = nla_nest_start(skb, attrtype);
	if (!nest)
		return -EMSGSIZE;
	for (type = NFALG_A_CNT_PINHOLES; type <= NFALG_A_CNT_MAX; type++) {
		if (nla_put_u64_64bit(skb, type,
				      atomic64_read(&nn->counters[type]),
				      NFALG_A_CNT_PAD)) {
			nla_nest_cancel(skb, nest);
			return -EMSGSIZE;
		}
	}
	nla_nest_end(skb, nest);
	return 0;
}
