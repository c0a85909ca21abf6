// SPDX-License-Identifier: GPL-2.0
/*
 * nfalg CLI: names of the per-netns parameters.  Value ranges are enforced
 * by the kernel; the help strings only document them.
 */

#include <string.h>

#include "nfalg.h"

const struct param_desc param_descs[] = {
	{ "syn-timeout", "syn_timeout", NFALG_A_PARAM_SYN_TIMEOUT, " s",
	  "SYN defense timer, seconds (1..60, default 4)" },
	{ "udp-timeout", "udp_timeout", NFALG_A_PARAM_UDP_TIMEOUT, " s",
	  "UDP session idle timeout, seconds (1..86400, default 30)" },
	{ "tcp-timeout", "tcp_timeout", NFALG_A_PARAM_TCP_TIMEOUT, " s",
	  "TCP session idle timeout, seconds (4..86400, default 1800)" },
	{ "keepalive-probes", "keepalive_probes",
	  NFALG_A_PARAM_KEEPALIVE_PROBES, "",
	  "probes to each side of an idle TCP session before it ends (0..30, default 3, 0: off)" },
	{ "keepalive-interval", "keepalive_interval",
	  NFALG_A_PARAM_KEEPALIVE_INTERVAL, " s",
	  "seconds between keepalive probes (1..120, default 10)" },
};

const size_t n_param_descs = sizeof(param_descs) / sizeof(param_descs[0]);

const struct param_desc *param_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < n_param_descs; i++)
		if (!strcmp(param_descs[i].name, name))
			return &param_descs[i];
	return NULL;
}

const struct param_desc *param_by_attr(int attr)
{
	size_t i;

	for (i = 0; i < n_param_descs; i++)
		if (param_descs[i].attr == attr)
			return &param_descs[i];
	return NULL;
}
