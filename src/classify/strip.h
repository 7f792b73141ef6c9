/* Stripping a reply down to the candidate's own words (issue 15), before
 * the classifier reads it.  The public face is im_strip() in
 * inmail/classify.h; this header only names the file's prefix. */
#ifndef CLASSIFY_STRIP_H
#define CLASSIFY_STRIP_H

#include "inmail/classify.h"

#endif
