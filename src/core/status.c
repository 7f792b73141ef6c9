/* Names and exit codes of the status type. */
#include "inmail/status.h"

const char *im_status_to_string(enum im_status st)
{
	switch (st) {
	case IM_OK: return "ok";
	case IM_ERR_USAGE: return "usage";
	case IM_ERR_INVALID: return "invalid data";
	case IM_ERR_NOT_FOUND: return "not found";
	case IM_ERR_NO_CREDITS: return "no InMail credits left";
	case IM_ERR_NOT_PERMITTED: return "not permitted";
	case IM_ERR_DATABASE: return "database error";
	case IM_ERR_NOMEM: return "out of memory";
	}
	return "unknown status";
}

int im_status_exit_code(enum im_status st)
{
	switch (st) {
	case IM_OK: return 0;
	case IM_ERR_USAGE: return 64;
	case IM_ERR_INVALID: return 65;
	case IM_ERR_NOT_FOUND: return 66;
	case IM_ERR_NO_CREDITS: return 69;
	case IM_ERR_NOT_PERMITTED: return 77;
	case IM_ERR_DATABASE:
	case IM_ERR_NOMEM: return 1;
	}
	return 1;
}
