/* SPDX-License-Identifier: GPL-2.0 */
/*
 * nfalg CLI: minimal streaming JSON writer.
 *
 * Values are written as they come; the writer only tracks nesting to place
 * commas.  Keys are given for members of objects and must be NULL for
 * array elements and for the top-level value.
 */
#ifndef NFALG_JSON_H
#define NFALG_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH	16

struct json {
	FILE *out;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
};

void json_init(struct json *j, FILE *out);

void json_obj_open(struct json *j, const char *key);
void json_obj_close(struct json *j);
void json_arr_open(struct json *j, const char *key);
void json_arr_close(struct json *j);

void json_str(struct json *j, const char *key, const char *val);
void json_uint(struct json *j, const char *key, uint64_t val);
void json_bool(struct json *j, const char *key, bool val);
void json_null(struct json *j, const char *key);

/* Write @s as a JSON string literal (quotes included) */
void json_write_string(FILE *out, const char *s);

/* Ends the document: newline after the top-level value */
void json_finish(struct json *j);

#endif /* NFALG_JSON_H */
