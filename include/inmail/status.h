/* One status type for the model and the store (notmuch-style).
 * Every public function that can fail returns one of these; the text of the
 * failure, one line saying what and why, is kept in the handle
 * (im_model_error). */
#ifndef INMAIL_STATUS_H
#define INMAIL_STATUS_H

enum im_status {
	IM_OK = 0,
	IM_ERR_USAGE,         /* the call itself is malformed      -> exit 64 */
	IM_ERR_INVALID,       /* bad data: empty, too long, UTF-8  -> exit 65 */
	IM_ERR_NOT_FOUND,     /* no such account or thread         -> exit 66 */
	IM_ERR_NO_CREDITS,    /* no InMail credits left            -> exit 69 */
	IM_ERR_NOT_PERMITTED, /* not a participant, role, blocked  -> exit 77 */
	IM_ERR_DATABASE,      /* I/O, corrupt, foreign or newer db -> exit 1 */
	IM_ERR_NOMEM,         /* out of memory                     -> exit 1 */
};

/* A short, static, lower-case name of the status ("not permitted"). */
const char *im_status_to_string(enum im_status st);

/* The sysexits.h code SPEC 5 gives the status. */
int im_status_exit_code(enum im_status st);

#endif
