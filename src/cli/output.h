/* Output for people (sanitised, aligned by display width) and for scripts
 * (JSON through jansson).  Nothing from the database reaches stdout raw. */
#ifndef INMAIL_CLI_OUTPUT_H
#define INMAIL_CLI_OUTPUT_H

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>

#include "inmail/model.h"

/* One line of text with every control character made visible. */
void out_text(FILE *f, const char *s);

/* A body: newlines and tabs kept, each line after indent. */
void out_body(FILE *f, const char *s, const char *indent);

/* s sanitised and fitted to exactly cols columns (cut with "…"). */
void out_cell(FILE *f, const char *s, size_t cols);

/* The next option of a command (getopt_long over argv, argv[0] the
 * command).  On an unknown option or a missing value prints one line and
 * returns '?'. */
int out_next_opt(int argc, char **argv, const struct option *opts);

/* JSON of the data types, with SPEC 5's names. */
json_t *out_json_account(const struct im_account *a);
json_t *out_json_thread(const struct im_thread *t);
json_t *out_json_notification(const struct im_notification *n);
json_t *out_json_stats(const struct im_stats *s);

/* Prints and frees j; returns 0, or 1 if it could not be written. */
int out_json_print(json_t *j);

#endif
