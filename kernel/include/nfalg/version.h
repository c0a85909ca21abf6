/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg release version, shared by the kernel modules and the nfalg CLI.
 * Plain preprocessor definitions only: this file is included from user
 * space too.
 */
#ifndef _NFALG_VERSION_H
#define _NFALG_VERSION_H

#define NFALG_VERSION	"0.1.0"

#endif /* _NFALG_VERSION_H */
