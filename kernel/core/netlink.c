// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg core: generic netlink interface (see <linux/nfalg.h>).
 */

#include <linux/cache.h>
#include <net/genetlink.h>

#include <nfalg/version.h>

#include "nfalg_core.h"

enum nfalg_mcgrp_idx {
	NFALG_MCGRP_EVENTS_IDX,
};

/*
 * The 6.1 policy macros take a non-const range pointer; the ranges are
 * never written after module init.
 */
static struct netlink_range_validation nfalg_syn_timeout_range __ro_after_init = {
	.min = NFALG_SYN_TIMEOUT_MIN,
	.max = NFALG_SYN_TIMEOUT_MAX,
};

static struct netlink_range_validation nfalg_udp_timeout_range __ro_after_init = {
	.min = NFALG_UDP_TIMEOUT_MIN,
	.max = NFALG_UDP_TIMEOUT_MAX,
};

static struct netlink_range_validation nfalg_tcp_timeout_range __ro_after_init = {
	.min = NFALG_TCP_TIMEOUT_MIN,
	.max = NFALG_TCP_TIMEOUT_MAX,
};

static struct netlink_range_validation nfalg_ka_probes_range __ro_after_init = {
	.min = 0,
	.max = NFALG_KEEPALIVE_PROBES_MAX,
};

static struct netlink_range_validation nfalg_ka_interval_range __ro_after_init = {
	.min = NFALG_KEEPALIVE_INTERVAL_MIN,
	.max = NFALG_KEEPALIVE_INTERVAL_MAX,
};

static const struct nla_policy nfalg_params_policy[NFALG_A_PARAM_MAX + 1] = {
	[NFALG_A_PARAM_SYN_TIMEOUT] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nfalg_syn_timeout_range),
	[NFALG_A_PARAM_UDP_TIMEOUT] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nfalg_udp_timeout_range),
	[NFALG_A_PARAM_TCP_TIMEOUT] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nfalg_tcp_timeout_range),
	[NFALG_A_PARAM_KEEPALIVE_PROBES] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nfalg_ka_probes_range),
	[NFALG_A_PARAM_KEEPALIVE_INTERVAL] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &nfalg_ka_interval_range),
};

/* SET_PARAMS: only the parameter nest is accepted */
static const struct nla_policy nfalg_set_params_policy[NFALG_A_PARAMS + 1] = {
	[NFALG_A_PARAMS] = NLA_POLICY_NESTED(nfalg_params_policy),
};

/*
 * Build a status message: version, generation, all parameters, ALG list
 * and, if @counters, the counters.  Used for GET_STATUS replies and for
 * change notifications (which only admins receive).
 */
static int nfalg_fill_status(struct sk_buff *skb, struct net *net,
			     u32 portid, u32 seq, int flags, u8 cmd,
			     bool counters)
{
	const struct nfalg_params *p;
	struct nlattr *nest;
	void *hdr;
	int type;

	hdr = genlmsg_put(skb, portid, seq, &nfalg_genl_family, flags, cmd);
	if (!hdr)
		return -EMSGSIZE;

	if (nla_put_string(skb, NFALG_A_VERSION, NFALG_VERSION))
		goto cancel;

	rcu_read_lock();
	p = rcu_dereference(nfalg_pernet(net)->params);
	if (nla_put_u32(skb, NFALG_A_GENERATION, p->generation))
		goto cancel_unlock;
	nest = nla_nest_start(skb, NFALG_A_PARAMS);
	if (!nest)
		goto cancel_unlock;
	for (type = 1; type <= NFALG_A_PARAM_MAX; type++) {
		if (nla_put_u32(skb, type, nfalg_param(p, type)))
			goto cancel_unlock;
	}
	nla_nest_end(skb, nest);
	rcu_read_unlock();

	if (nfalg_algs_fill(skb, NFALG_A_ALGS))
		goto cancel;
	if (counters && nfalg_counters_fill(skb, net, NFALG_A_COUNTERS))
		goto cancel;

	genlmsg_end(skb, hdr);
	return 0;

cancel_unlock:
	rcu_read_unlock();
cancel:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

/*
 * Tell the events group of the request's netns (and the requester, if it
 * asked with NLM_F_ECHO) about a configuration change.  Called with the
 * per-netns lock held so that notifications follow the order of changes.
 */
static void nfalg_notify(struct genl_info *info, u8 cmd)
{
	struct net *net = genl_info_net(info);
	struct sk_buff *skb;

	skb = genlmsg_new(NLMSG_GOODSIZE, NFALG_GFP);
	if (!skb)
		goto err;

	if (nfalg_fill_status(skb, net, info->snd_portid, info->snd_seq, 0,
			      cmd, true)) {
		nlmsg_free(skb);
		goto err;
	}

	genl_notify(&nfalg_genl_family, skb, info, NFALG_MCGRP_EVENTS_IDX,
		    GFP_KERNEL);
	return;

err:
	/* listeners learn that they missed a notification */
	genl_set_err(&nfalg_genl_family, net, 0, NFALG_MCGRP_EVENTS_IDX,
		     -ENOBUFS);
}

static int nfalg_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct sk_buff *msg;
	bool admin;
	int err;

	/* the same test as GENL_UNS_ADMIN_PERM */
	admin = netlink_ns_capable(skb, net->user_ns, CAP_NET_ADMIN);

	msg = genlmsg_new(NLMSG_GOODSIZE, NFALG_GFP);
	if (!msg)
		return -ENOMEM;

	err = nfalg_fill_status(msg, net, info->snd_portid, info->snd_seq, 0,
				NFALG_CMD_GET_STATUS, admin);
	if (err) {
		nlmsg_free(msg);
		return err;
	}

	return genlmsg_reply(msg, info);
}

static int nfalg_nl_set_params(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *nest = info->attrs[NFALG_A_PARAMS];
	struct nlattr *tb[NFALG_A_PARAM_MAX + 1];
	struct nfalg_params *np;
	struct nfalg_net *nn;
	bool given = false;
	int type, err;

	if (!nest) {
		NL_SET_ERR_ATTR_MISS(info->extack, NULL, NFALG_A_PARAMS);
		GENL_SET_ERR_MSG(info, "no parameter given");
		return -EINVAL;
	}

	/* the genl core has validated the nest against the same policy */
	err = nla_parse_nested(tb, NFALG_A_PARAM_MAX, nest,
			       nfalg_params_policy, info->extack);
	if (err)
		return err;

	for (type = 1; type <= NFALG_A_PARAM_MAX; type++)
		given |= !!tb[type];
	if (!given) {
		NL_SET_ERR_MSG_ATTR(info->extack, nest, "no parameter given");
		return -EINVAL;
	}

	nn = nfalg_pernet(genl_info_net(info));
	mutex_lock(&nn->lock);

	np = nfalg_params_dup_locked(nn);
	if (!np) {
		err = -ENOMEM;
		goto unlock;
	}
	for (type = 1; type <= NFALG_A_PARAM_MAX; type++) {
		if (tb[type])
			np->val[type] = nla_get_u32(tb[type]);
	}
	nfalg_params_publish_locked(nn, np);
	nfalg_notify(info, NFALG_CMD_SET_PARAMS);

unlock:
	mutex_unlock(&nn->lock);
	return err;
}

/*
 * Permissions: every command but GET_STATUS uses GENL_UNS_ADMIN_PERM,
 * i.e. CAP_NET_ADMIN in the user namespace that owns the network namespace
 * of the request.  The configuration only affects that namespace, so a
 * container that owns its netns may configure and read it (as with
 * nftables), while an unprivileged user of the initial netns gets EPERM for
 * changes and for reading the policy (applications, sets, rules, service
 * sets, classification, pinholes, conversations).  GET_STATUS stays open:
 * version, generation, parameters (timeouts, as readable as conntrack's
 * sysctls) and the loaded ALGs; the counters, which tell about the
 * namespace's traffic, are only in the replies to privileged requesters.
 *
 * No policy for GET_STATUS: the genl core then rejects any attribute.
 */
static const struct genl_ops nfalg_genl_ops[] = {
	{
		.cmd	= NFALG_CMD_GET_STATUS,
		.doit	= nfalg_nl_get_status,
	},
	{
		.cmd	= NFALG_CMD_SET_PARAMS,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_set_params,
		.policy	= nfalg_set_params_policy,
		.maxattr = ARRAY_SIZE(nfalg_set_params_policy) - 1,
	},
	{
		.cmd	= NFALG_CMD_NEW_APP,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_new_app,
		.policy	= nfalg_cfg_policy,
		.maxattr = NFALG_A_REPLACE,
	},
	{
		.cmd	= NFALG_CMD_DEL_APP,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_del_app,
		.policy	= nfalg_cfg_policy,
		.maxattr = NFALG_A_REPLACE,
	},
	{
		.cmd	= NFALG_CMD_GET_APP,
		.flags	= GENL_UNS_ADMIN_PERM,
		.dumpit	= nfalg_nl_dump_apps,
		.policy	= nfalg_cfg_policy,
		.maxattr = NFALG_A_REPLACE,
	},
	{
		.cmd	= NFALG_CMD_NEW_APPSET,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_new_appset,
		.policy	= nfalg_cfg_policy,
		.maxattr = NFALG_A_REPLACE,
	},
	{
		.cmd	= NFALG_CMD_DEL_APPSET,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_del_appset,
		.policy	= nfalg_cfg_policy,
		.maxattr = NFALG_A_REPLACE,
	},
	{
		.cmd	= NFALG_CMD_GET_APPSET,
		.flags	= GENL_UNS_ADMIN_PERM,
		.dumpit	= nfalg_nl_dump_appsets,
		.policy	= nfalg_cfg_policy,
		.maxattr = NFALG_A_REPLACE,
	},
	{
		.cmd	= NFALG_CMD_FLUSH,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_flush,
	},
	{
		/* pinholes name other users' flows: admin only */
		.cmd	= NFALG_CMD_GET_PINHOLES,
		.flags	= GENL_UNS_ADMIN_PERM,
		.dumpit	= nfalg_pinholes_dump,
	},
	{
		.cmd	= NFALG_CMD_NEW_RULE,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_new_rule,
		.policy	= nfalg_rule_cmd_policy,
		.maxattr = NFALG_A_SSET,
	},
	{
		.cmd	= NFALG_CMD_DEL_RULE,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_del_rule,
		.policy	= nfalg_rule_cmd_policy,
		.maxattr = NFALG_A_SSET,
	},
	{
		.cmd	= NFALG_CMD_GET_RULE,
		.flags	= GENL_UNS_ADMIN_PERM,
		.dumpit	= nfalg_nl_dump_rules,
		.policy	= nfalg_rule_cmd_policy,
		.maxattr = NFALG_A_SSET,
	},
	{
		.cmd	= NFALG_CMD_NEW_SSET,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_new_sset,
		.policy	= nfalg_rule_cmd_policy,
		.maxattr = NFALG_A_SSET,
	},
	{
		.cmd	= NFALG_CMD_DEL_SSET,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_del_sset,
		.policy	= nfalg_rule_cmd_policy,
		.maxattr = NFALG_A_SSET,
	},
	{
		.cmd	= NFALG_CMD_GET_SSET,
		.flags	= GENL_UNS_ADMIN_PERM,
		.dumpit	= nfalg_nl_dump_ssets,
		.policy	= nfalg_rule_cmd_policy,
		.maxattr = NFALG_A_SSET,
	},
	{
		.cmd	= NFALG_CMD_CLASSIFY,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_classify,
		.policy	= nfalg_cls_cmd_policy,
		.maxattr = NFALG_A_CLS,
	},
	{
		.cmd	= NFALG_CMD_BEGIN,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_begin,
	},
	{
		.cmd	= NFALG_CMD_COMMIT,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_commit,
	},
	{
		.cmd	= NFALG_CMD_ABORT,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_abort,
	},
	{
		/* conversations name other users' flows: admin only */
		.cmd	= NFALG_CMD_GET_CONV,
		.flags	= GENL_UNS_ADMIN_PERM,
		.dumpit	= nfalg_conv_dump,
	},
	{
		.cmd	= NFALG_CMD_DEL_CONV,
		.flags	= GENL_UNS_ADMIN_PERM,
		.doit	= nfalg_nl_del_conv,
		.policy	= nfalg_conv_cmd_policy,
		.maxattr = NFALG_A_CONV,
	},
};

/*
 * Events will include conversations (addresses of other users' flows), so
 * subscribing needs CAP_NET_ADMIN in the netns owner's user namespace.
 */
static const struct genl_multicast_group nfalg_mcgrps[] = {
	[NFALG_MCGRP_EVENTS_IDX] = {
		.name	= NFALG_MCGRP_EVENTS,
		.flags	= GENL_MCAST_CAP_NET_ADMIN,
	},
};

/*
 * parallel_ops: handlers do their own locking (per-netns mutex, registry
 * mutex) and need no serialization by the genl core.  resv_start_op is left
 * at 0 so every command gets strict validation.
 */
struct genl_family nfalg_genl_family __ro_after_init = {
	.name		= NFALG_GENL_NAME,
	.version	= NFALG_GENL_VERSION,
	.netnsok	= true,
	.parallel_ops	= true,
	.module		= THIS_MODULE,
	.ops		= nfalg_genl_ops,
	.n_ops		= ARRAY_SIZE(nfalg_genl_ops),
	.mcgrps		= nfalg_mcgrps,
	.n_mcgrps	= ARRAY_SIZE(nfalg_mcgrps),
};

/* Start a message of the nfalg family (for dumps in other files) */
void *nfalg_genlmsg_put(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			u8 cmd)
{
	return genlmsg_put(skb, portid, seq, &nfalg_genl_family, flags, cmd);
}

int __init nfalg_genl_init(void)
{
	return genl_register_family(&nfalg_genl_family);
}

void nfalg_genl_exit(void)
{
	genl_unregister_family(&nfalg_genl_family);
}
