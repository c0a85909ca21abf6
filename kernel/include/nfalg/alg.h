/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg: interface between the core module and the ALG modules.
 */
#ifndef _NFALG_ALG_H
#define _NFALG_ALG_H

#include <linux/list.h>
#include <linux/module.h>

/**
 * struct nfalg_alg - an Application Layer Gateway known to the core
 * @name: short name shown to user space, at most NFALG_ALG_NAME_MAXLEN
 *	characters (see <linux/nfalg.h>)
 * @owner: module implementing the ALG
 * @list: entry in the core's registry; owned by the core
 */
struct nfalg_alg {
	const char *name;
	struct module *owner;

	struct list_head list;
};

#endif /* _NFALG_ALG_H */
