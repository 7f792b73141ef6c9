/* Private to the model: the search query of SPEC 9, parsed.  The parser
 * knows the syntax only; which threads a parsed query finds is search.c's
 * (the model's rules) and the store's (the index). */
#ifndef INMAIL_MODEL_QUERY_H
#define INMAIL_MODEL_QUERY_H

#include <stdbool.h>
#include <stddef.h>

#include "inmail/clock.h"
#include "inmail/types.h"

#define QUERY_MAX_WORDS 16
#define QUERY_MAX_BYTES 1000

/* A word or a "quoted phrase" (its words separated by spaces), with
 * prefix for a trailing '*'. */
struct query_word {
	char *text;
	bool prefix;
	bool phrase;
};

struct query {
	struct query_word words[QUERY_MAX_WORDS];
	size_t n_words;
	char *from;  /* from:HANDLE, or NULL */
	char *with;  /* with:HANDLE, or NULL */
	int state;   /* state:, an enum im_state, or -1 */
	bool unread, blocked, archived;
	im_time after, before; /* 0: none; both inclusive */
	/* Two terms no thread can meet together (state:pending
	 * state:declined, two different from:): no rows, not an error. */
	bool never;
};

/* Parses text into *q (cleared first; free with query_free).  On a bad
 * query, false and err holds one line saying what and where ("search:
 * unknown term 'foo:' at column 7"). */
bool query_parse(const char *text, struct query *q, char *err,
		 size_t err_size);
void query_free(struct query *q);

#endif
