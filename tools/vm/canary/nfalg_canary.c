// SPDX-License-Identifier: GPL-2.0
/*
 * A module that misbehaves on request, so the test harness can prove it
 * notices: `make check` loads it with warn=1 and expects the VM run to
 * fail. leak=1 and uaf=1 serve the debug-kernel lane (kmemleak, KASAN).
 * Loaded with no parameter it does nothing.
 */
#include <linux/module.h>
#include <linux/slab.h>

static bool warn;
module_param(warn, bool, 0444);
MODULE_PARM_DESC(warn, "trigger a WARN at load");

static bool leak;
module_param(leak, bool, 0444);
MODULE_PARM_DESC(leak, "leak an allocation at load");

static bool uaf;
module_param(uaf, bool, 0444);
MODULE_PARM_DESC(uaf, "read freed memory at load");

static void *nfalg_canary_lost;

static int __init nfalg_canary_init(void)
{
	WARN(warn, "nfalg_canary: deliberate warning\n");

	if (leak) {
		nfalg_canary_lost = kmalloc(128, GFP_KERNEL);
		/* Forget the pointer so kmemleak sees an unreferenced object. */
		nfalg_canary_lost = NULL;
	}

	if (uaf) {
		u8 *p = kmalloc(64, GFP_KERNEL);

		if (!p)
			return -ENOMEM;
		kfree(p);
		pr_info("nfalg_canary: freed byte %u\n", READ_ONCE(p[8]));
	}
	return 0;
}

static void __exit nfalg_canary_exit(void)
{
}

module_init(nfalg_canary_init);
module_exit(nfalg_canary_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("nfalg test-harness canary");
