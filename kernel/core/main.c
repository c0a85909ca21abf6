// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg: Application Layer Gateways for netfilter - core module.
 *
 * The core holds the per network namespace parameters, the registry of ALG
 * modules and the generic netlink interface used by the nfalg CLI.
 */

#include <linux/genetlink.h>
#include <linux/init.h>
#include <linux/module.h>

#include <nfalg/version.h>

#include "nfalg_core.h"

static int __init nfalg_init(void)
{
	int err;

	err = nfalg_helper_init();
	if (err)
		return err;
	err = nfalg_config_init();
	if (err)
		goto err_helper;

	/* per-netns state must exist before requests can arrive */
	err = register_pernet_subsys(&nfalg_net_ops);
	if (err)
		goto err_helper;

	err = nfalg_txn_init();
	if (err)
		goto err_pernet;

	err = nfalg_genl_init();
	if (err)
		goto err_txn;

	pr_debug("nfalg %s loaded\n", NFALG_VERSION);
	return 0;

err_txn:
	nfalg_txn_exit();
err_pernet:
	unregister_pernet_subsys(&nfalg_net_ops);
err_helper:
	nfalg_helper_exit();
	return err;
}

static void __exit nfalg_exit(void)
{
	nfalg_genl_exit();
	nfalg_txn_exit();
	unregister_pernet_subsys(&nfalg_net_ops);
	/*
	 * configuration snapshots and TCP stream state are freed by RCU
	 * callbacks in this module
	 */
	rcu_barrier();
	nfalg_helper_exit();
}

module_init(nfalg_init);
module_exit(nfalg_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("nfalg developers");
MODULE_DESCRIPTION("Application Layer Gateways for netfilter: core");
MODULE_VERSION(NFALG_VERSION);
