// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg CLI: generic netlink transport on top of libmnl.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/nfalg.h>

#include "nl.h"

int nl_open(struct nl_ctx *nl)
{
	int one = 1;

	memset(nl, 0, sizeof(*nl));
	nl->buf = malloc(NL_BUF_SIZE);
	if (!nl->buf)
		return -ENOMEM;

	nl->sock = mnl_socket_open(NETLINK_GENERIC);
	if (!nl->sock)
		goto fail;
	if (mnl_socket_bind(nl->sock, 0, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	nl->portid = mnl_socket_get_portid(nl->sock);
	nl->seq = (uint32_t)time(NULL);

	/* best effort: without them errors just lose their detail */
	mnl_socket_setsockopt(nl->sock, NETLINK_EXT_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl->sock, NETLINK_CAP_ACK, &one, sizeof(one));
	return 0;

fail:
	one = errno ? -errno : -EIO;
	nl_close(nl);
	return one;
}

const char *nl_where;

void nl_close(struct nl_ctx *nl)
{
	if (nl->shared)
		return;
	if (nl->sock)
		mnl_socket_close(nl->sock);
	free(nl->buf);
	nl->sock = NULL;
	nl->buf = NULL;
}

static struct nlmsghdr *nl_req_family(struct nl_ctx *nl, uint16_t family,
				      uint8_t cmd, uint8_t version,
				      uint16_t flags)
{
	struct nlmsghdr *nlh;
	struct genlmsghdr *genl;

	nlh = mnl_nlmsg_put_header(nl->buf);
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = ++nl->seq;

	genl = mnl_nlmsg_put_extra_header(nlh, sizeof(*genl));
	genl->cmd = cmd;
	genl->version = version;
	return nlh;
}

struct nlmsghdr *nl_req(struct nl_ctx *nl, uint8_t cmd, uint16_t flags)
{
	return nl_req_family(nl, nl->family_id, cmd, nl->family_version,
			     flags);
}

/* --- ACK / error handling --- */

struct nl_run {
	nl_msg_cb cb;
	void *data;
	struct nl_err *err;
};

/* Collects the unsigned range of a rejected attribute; bit 0: min, 1: max */
struct nl_range {
	unsigned int have;
	uint64_t min, max;
};

static int nl_policy_cb(const struct nlattr *attr, void *data)
{
	struct nl_range *r = data;

	if (mnl_attr_validate(attr, MNL_TYPE_U64) < 0)
		return MNL_CB_OK;
	switch (mnl_attr_get_type(attr)) {
	case NL_POLICY_TYPE_ATTR_MIN_VALUE_U:
		r->min = mnl_attr_get_u64(attr);
		r->have |= 1;
		break;
	case NL_POLICY_TYPE_ATTR_MAX_VALUE_U:
		r->max = mnl_attr_get_u64(attr);
		r->have |= 2;
		break;
	}
	return MNL_CB_OK;
}

static int nl_ext_ack_cb(const struct nlattr *attr, void *data)
{
	struct nl_err *err = data;
	struct nl_range r = {};

	switch (mnl_attr_get_type(attr)) {
	case NLMSGERR_ATTR_MSG:
		if (mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
			break;
		snprintf(err->msg, sizeof(err->msg), "%s",
			 mnl_attr_get_str(attr));
		break;
	case NLMSGERR_ATTR_OFFS:
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0)
			break;
		err->offs = mnl_attr_get_u32(attr);
		err->has_offs = true;
		break;
	case NLMSGERR_ATTR_POLICY:
		if (mnl_attr_validate(attr, MNL_TYPE_NESTED) < 0)
			break;
		mnl_attr_parse_nested(attr, nl_policy_cb, &r);
		if (r.have == 3) {
			err->has_range = true;
			err->min = r.min;
			err->max = r.max;
		}
		break;
	}
	return MNL_CB_OK;
}

static int nl_error_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	struct nl_run *run = data;
	struct nl_err *err = run->err;
	unsigned int off;

	if (nlh->nlmsg_len < mnl_nlmsg_size(sizeof(*e))) {
		err->error = EBADMSG;
		errno = EBADMSG;
		return MNL_CB_ERROR;
	}
	if (!e->error)
		return MNL_CB_STOP;	/* the ACK */

	err->error = -e->error;
	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		off = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - sizeof(e->msg);
		if (mnl_nlmsg_size(off) <= nlh->nlmsg_len)
			mnl_attr_parse(nlh, off, nl_ext_ack_cb, err);
	}
	errno = err->error;
	return MNL_CB_ERROR;
}

static int nl_data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_run *run = data;

	if (!run->cb)
		return MNL_CB_OK;
	return run->cb(nlh, run->data);
}

/* End of a dump (NLM_F_DUMP request); it may carry the dump's error */
static int nl_done_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct nl_run *run = data;
	int error = 0;

	if (mnl_nlmsg_get_payload_len(nlh) >= sizeof(error))
		memcpy(&error, mnl_nlmsg_get_payload(nlh), sizeof(error));
	if (error < 0) {
		run->err->error = -error;
		errno = -error;
		return MNL_CB_ERROR;
	}
	return MNL_CB_STOP;
}

int nl_transact(struct nl_ctx *nl, struct nlmsghdr *nlh, nl_msg_cb cb,
		void *data, struct nl_err *err)
{
	mnl_cb_t ctl[NLMSG_MIN_TYPE] = {
		[NLMSG_ERROR] = nl_error_cb,
		[NLMSG_DONE] = nl_done_cb,
	};
	struct nl_run run = { .cb = cb, .data = data, .err = err };
	uint32_t seq = nlh->nlmsg_seq;
	ssize_t len;
	int ret;

	memset(err, 0, sizeof(*err));
	nlh->nlmsg_flags |= NLM_F_ACK;

	if (mnl_socket_sendto(nl->sock, nlh, nlh->nlmsg_len) < 0)
		goto sys_error;

	do {
		len = mnl_socket_recvfrom(nl->sock, nl->buf, NL_BUF_SIZE);
		if (len < 0)
			goto sys_error;
		errno = 0;
		ret = mnl_cb_run2(nl->buf, len, seq, nl->portid, nl_data_cb,
				  &run, ctl, NLMSG_MIN_TYPE);
	} while (ret > MNL_CB_STOP);

	if (ret == MNL_CB_ERROR) {
		if (!err->error)
			err->error = errno ? errno : EPROTO;
		return -err->error;
	}
	return 0;

sys_error:
	err->error = errno ? errno : EIO;
	return -err->error;
}

void nl_perror(const struct nl_err *err, const char *what)
{
	const char *sep = what ? ": " : "";

	if (!what)
		what = "";
	if (nl_where)
		fprintf(stderr, "nfalg: %s: ", nl_where);
	else
		fputs("nfalg: ", stderr);

	if (err->error == EPERM || !err->msg[0])
		fprintf(stderr, "%s%s%s%s%s", what, sep,
			strerror(err->error), err->msg[0] ? ": " : "",
			err->msg);
	else
		fprintf(stderr, "%s%s%s", what, sep, err->msg);

	if (err->has_range)
		fprintf(stderr, " (valid: %llu..%llu)",
			(unsigned long long)err->min,
			(unsigned long long)err->max);
	fputc('\n', stderr);
}

/* --- family resolution --- */

static int nl_mcgrp_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (type == CTRL_ATTR_MCAST_GRP_NAME &&
	    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) >= 0)
		tb[type] = attr;
	else if (type == CTRL_ATTR_MCAST_GRP_ID &&
		 mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
		tb[type] = attr;
	return MNL_CB_OK;
}

static int nl_family_cb(const struct nlmsghdr *nlh, void *data)
{
	struct nl_ctx *nl = data;
	const struct nlattr *attr, *grp;

	mnl_attr_for_each(attr, nlh, sizeof(struct genlmsghdr)) {
		switch (mnl_attr_get_type(attr)) {
		case CTRL_ATTR_FAMILY_ID:
			if (mnl_attr_validate(attr, MNL_TYPE_U16) >= 0)
				nl->family_id = mnl_attr_get_u16(attr);
			break;
		case CTRL_ATTR_VERSION:
			if (mnl_attr_validate(attr, MNL_TYPE_U32) >= 0)
				nl->family_version = mnl_attr_get_u32(attr);
			break;
		case CTRL_ATTR_MCAST_GROUPS:
			mnl_attr_for_each_nested(grp, attr) {
				const struct nlattr *tb[CTRL_ATTR_MCAST_GRP_MAX + 1] = {};

				mnl_attr_parse_nested(grp, nl_mcgrp_cb, tb);
				if (tb[CTRL_ATTR_MCAST_GRP_NAME] &&
				    tb[CTRL_ATTR_MCAST_GRP_ID] &&
				    !strcmp(mnl_attr_get_str(tb[CTRL_ATTR_MCAST_GRP_NAME]),
					    NFALG_MCGRP_EVENTS))
					nl->mcgrp_events =
						mnl_attr_get_u32(tb[CTRL_ATTR_MCAST_GRP_ID]);
			}
			break;
		}
	}
	return MNL_CB_OK;
}

int nl_resolve(struct nl_ctx *nl, const char *name, struct nl_err *err)
{
	struct nlmsghdr *nlh;
	int ret;

	nlh = nl_req_family(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 1, 0);
	mnl_attr_put_strz(nlh, CTRL_ATTR_FAMILY_NAME, name);

	nl->family_id = 0;
	ret = nl_transact(nl, nlh, nl_family_cb, nl, err);
	if (ret)
		return ret;
	if (!nl->family_id) {
		err->error = ENOENT;
		return -ENOENT;
	}
	return 0;
}
