/* The demo's data: a few recruiters and candidates and InMails in every
 * state, written for the demo through the public model API only, as if
 * people had used inmail for a hundred days. */
#ifndef INMAIL_DEMO_SEED_H
#define INMAIL_DEMO_SEED_H

#include "inmail/model.h"

#define DEMO_RECRUITER "rita" /* the left pane */
#define DEMO_CANDIDATE "jose" /* the right pane */
#define DEMO_NOW "2026-03-02T09:00:00Z"

/* Fills m, a new empty database, moving its clock from a hundred days
 * before now up to now.  On failure the model's error says why. */
enum im_status demo_seed(struct im_model *m, im_time now);

#endif
