/* Keyset paging, shared by the model and the store: a position in a folder
 * and the direction to read from it.  Plain data, no functions. */
#ifndef INMAIL_PAGE_H
#define INMAIL_PAGE_H

#include <stdint.h>

#include "inmail/clock.h"

/* Keyset paging over a folder: a position is the (key, id) of a row. */
struct im_cursor {
	im_time key;
	int64_t id;
};

enum im_page_dir {
	IM_PAGE_FIRST = 0, /* the first rows */
	IM_PAGE_AFTER = 1, /* rows after at, in folder order */
	IM_PAGE_BEFORE = 2, /* rows before at (returned in folder order) */
	IM_PAGE_LAST = 3,  /* the last rows (returned in folder order) */
};

#endif
