/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg core: the configuration's object tables (config.c) and the kinds
 * of objects kept in them (applications and application sets in config.c,
 * rules and service sets in rules.c).
 *
 * Every kind is a table of struct nfalg_config sorted by name.  One set of
 * generic handlers (config.c) creates, replaces and deletes objects of any
 * kind: lock the namespace, pick the configuration to edit (the open
 * transaction's candidate, or a private copy of the running one), find the
 * position, let the kind build the new entry, store it, publish (outside a
 * transaction).  A kind only says how its entries are built, checked,
 * copied between snapshots and freed.
 */
#ifndef _NFALG_OBJTAB_H
#define _NFALG_OBJTAB_H

#include "nfalg_core.h"

/* Index of a kind in nfalg_config.cap[] */
enum { NFALG_KIND_APP, NFALG_KIND_APPSET, NFALG_KIND_RULE, NFALG_KIND_SSET,
	NFALG_KIND_N };

/* Largest maxtype of the kinds' nests, for the parse table on the stack */
#define NFALG_OBJ_MAXTYPE	NFALG_A_APP_MAX

/**
 * struct nfalg_edit - one change being made
 * @nn: per-netns state, lock held
 * @c: the configuration edited: the transaction's candidate, or a copy
 *	of the running configuration that is published at the end
 * @info: the request
 * @txn: @c belongs to an open transaction
 */
struct nfalg_edit {
	struct nfalg_net *nn;
	struct nfalg_config *c;
	struct genl_info *info;
	bool txn;
};

/**
 * struct nfalg_kind - one kind of configuration object
 * @idx: NFALG_KIND_*
 * @attr: the request's top-level nest (NFALG_A_APP, ...)
 * @maxtype: highest attribute of the nest; attribute 1 is the name
 * @policy: policy of the nest
 * @size: bytes of one table entry
 * @tab_off: offset of the table pointer in struct nfalg_config
 * @n_off: offset of the entry count (unsigned int) in struct nfalg_config
 * @limit: most entries per namespace
 * @append_attr: flag attribute of the nest asking to extend an entry, 0
 * @msg_none: extack when the request lacks the nest
 * @msg_exists: ... when the name exists (no replace)
 * @msg_missing: ... when a name to delete or extend does not exist
 * @msg_limit: ... when the table is full
 * @msg_predef: ... when deleting a predefined object (NULL: kind has none)
 * @name: name of an entry
 * @predefined: is @name a predefined object of this kind? (may be NULL)
 * @build: fill the new entry @e from the request @tb (references are
 *	checked against @ed->c, which it must not change); @old: the entry
 *	of that name in @ed->c or NULL.  On error @e holds nothing.
 * @check_del: may the entry at @pos go?  (-EBUSY with extack if not)
 * @refcounted: entries are pointers to objects that start with their
 *	refcount_t; copying an entry takes a reference
 * @hold: the entry was copied into another snapshot: take what it owns
 *	(deep copy)
 * @release: free what an entry owns (of a @refcounted kind: the object,
 *	once its last reference is gone)
 */
struct nfalg_kind {
	unsigned int idx;
	int attr;
	int maxtype;
	const struct nla_policy *policy;
	size_t size;
	size_t tab_off, n_off;
	unsigned int limit;
	int append_attr;
	bool refcounted;
	const char *msg_none, *msg_exists, *msg_missing, *msg_limit;
	const char *msg_predef;
	const char *(*name)(const void *e);
	bool (*predefined)(const char *name);
	int (*build)(struct nfalg_edit *ed, struct nlattr **tb,
		     const void *old, void *e);
	int (*check_del)(const struct nfalg_config *c, unsigned int pos,
			 struct nlattr *name, struct netlink_ext_ack *extack);
	int (*hold)(void *e);
	void (*release)(void *e);
};

/* A table entry of any kind, big enough for each */
union nfalg_entry {
	struct nfalg_app app;
	struct nfalg_appset set;
	struct nfalg_rule *rule;
	struct nfalg_sset *sset;
};

extern const struct nfalg_kind nfalg_kind_app, nfalg_kind_appset;
extern const struct nfalg_kind nfalg_kind_rule, nfalg_kind_sset;

unsigned int nfalg_tab_pos(const struct nfalg_kind *k,
			   const struct nfalg_config *c, const char *name,
			   bool *found);
int nfalg_obj_new(const struct nfalg_kind *k, struct genl_info *info);
int nfalg_obj_del(const struct nfalg_kind *k, struct genl_info *info);
unsigned int nfalg_nest_count(const struct nlattr *nest);

#endif /* _NFALG_OBJTAB_H */
