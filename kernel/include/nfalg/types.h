/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg: the few basic types and headers that the protocol parsers need,
 * so that the same parser sources build into the kernel modules and into
 * the userspace unit tests and fuzz targets.
 */
#ifndef _NFALG_TYPES_H
#define _NFALG_TYPES_H

#ifdef __KERNEL__

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

#else /* !__KERNEL__ */

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#endif /* __KERNEL__ */

#endif /* _NFALG_TYPES_H */
