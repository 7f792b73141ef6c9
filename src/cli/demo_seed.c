/* The demo's data (see demo_seed.h).  Steps run in time order because the
 * model's clock only moves forward. */
#include "demo_seed.h"

#include <stddef.h>

struct demo_person {
	const char *handle, *name;
	enum im_role role;
	int64_t credits;
};

static const struct demo_person demo_people[] = {
	{"rita", "Rita Recruiter", IM_ROLE_RECRUITER, 30},
	{"rob", "Rob Recruiter", IM_ROLE_RECRUITER, 10},
	{"jose", "José Müller", IM_ROLE_CANDIDATE, 0},
	{"li", "李小龙", IM_ROLE_CANDIDATE, 0},
	{"cara", "Cara Candidate", IM_ROLE_CANDIDATE, 0},
	{"dana", "Dana Okafor", IM_ROLE_CANDIDATE, 0},
	{"eli", "Eli Sørensen", IM_ROLE_CANDIDATE, 0},
	{"fay", "Fay Nakamura", IM_ROLE_CANDIDATE, 0},
	{"gus", "Gus Oliveira", IM_ROLE_CANDIDATE, 0},
};

enum demo_op { DEMO_SEND, DEMO_REPLY, DEMO_FOLLOWUP };

/* One step.  thread refers to the n-th InMail sent by the script (0-based). */
struct demo_step {
	int day; /* days before now */
	enum demo_op op;
	const char *actor;
	const char *to;       /* DEMO_SEND */
	const char *subject;  /* DEMO_SEND */
	int thread;           /* DEMO_REPLY, DEMO_FOLLOWUP */
	enum im_smart smart;  /* DEMO_REPLY */
	const char *body;     /* NULL: the smart reply's template */
	int followup_days;    /* DEMO_SEND */
	const char *followup_body;
};

static const struct demo_step demo_steps[] = {
	/* 0: never answered; its 90-day window closes on the demo's sixth
	 * day (F9), after the automated follow-up of 7 (the guide's order),
	 * and its credit is forfeited: Awaiting Reply shows it closed */
	{84, DEMO_SEND, "rita", "fay", "Rust platform role", 0, 0,
	 "Hi Fay, our platform team is moving a C service to Rust and your "
	 "talk on it stood out. Open to a chat?", 0, NULL},
	/* 1: declined with a message, then a plain conversation */
	{30, DEMO_SEND, "rob", "jose", "Data platform engineer", 0, 0,
	 "Hello José, we are building a data platform in Berlin and your "
	 "work on streaming caught my eye.", 0, NULL},
	{29, DEMO_REPLY, "jose", NULL, NULL, 1, IM_SMART_NONE,
	 "Thanks, but I'm not looking for a new role right now.", 0, NULL},
	{28, DEMO_REPLY, "rob", NULL, NULL, 1, IM_SMART_NONE,
	 "Understood, thank you José. May I check back in the spring?", 0,
	 NULL},
	/* 2: the templated decline: Rita is blocked in this thread */
	{20, DEMO_SEND, "rita", "li", "Platform lead", 0, 0,
	 "Hi, we are looking for a platform lead who knows both compilers "
	 "and people. Would you like to hear more?", 0, NULL},
	{18, DEMO_REPLY, "li", NULL, NULL, 2, IM_SMART_NO, NULL, 0, NULL},
	/* 3: accepted with an edited smart reply */
	{15, DEMO_SEND, "rita", "cara", "Staff SRE", 0, 0,
	 "Hi Cara, we run a small SRE team with a big pager budget. "
	 "Interested in a staff role?", 0, NULL},
	{14, DEMO_REPLY, "cara", NULL, NULL, 3, IM_SMART_YES,
	 "Yes, I'm interested. I'd be glad to hear more about this "
	 "opportunity. Could we talk on Thursday?", 0, NULL},
	{13, DEMO_REPLY, "rita", NULL, NULL, 3, IM_SMART_NONE,
	 "Great, Thursday at 10:00 works. I'll send an invitation.", 0, NULL},
	/* 4: declined with a message: Rita may still reply */
	{12, DEMO_SEND, "rita", "dana", "Data engineer", 0, 0,
	 "Hi Dana, a data engineering role with a lot of SQLite in it. "
	 "Curious?", 0, NULL},
	{10, DEMO_REPLY, "dana", NULL, NULL, 4, IM_SMART_NO,
	 "No thanks, I'm not interested at this time. I just started a new "
	 "job; maybe next year.", 0, NULL},
	/* 5: a custom answer, classified */
	{9, DEMO_SEND, "rita", "eli", "Embedded C developer", 0, 0,
	 "Hi Eli, we build terminal tools in C17 and could use your "
	 "embedded experience.", 0, NULL},
	{8, DEMO_REPLY, "eli", NULL, NULL, 5, IM_SMART_NONE,
	 "Sounds great, I'd love to chat next week.", 0, NULL},
	/* 6: pending, another recruiter */
	{5, DEMO_SEND, "rob", "li", "Compiler engineer", 0, 0,
	 "Hello, a compiler role in a small team. Would that interest you?",
	 0, NULL},
	/* 7: pending with an automated follow-up due in four days (F9) */
	{3, DEMO_SEND, "rita", "gus", "Backend engineer", 0, 0,
	 "Hi Gus, a backend role on a team that ships every day. Interested?",
	 7, "Just bumping this in case it got buried. Happy to share more."},
	/* 8: pending with a follow-up by hand: the one to play with */
	{2, DEMO_SEND, "rita", "jose", "Senior C engineer", 0, 0,
	 "Hi José, we build terminal tools in C and your ncurses work is "
	 "exactly what we need. Interested?", 0, NULL},
	{1, DEMO_FOLLOWUP, "rita", NULL, NULL, 8, IM_SMART_NONE,
	 "Happy to share the salary range and the team's setup if that "
	 "helps.", 0, NULL},
};

#define DEMO_N(a) (sizeof(a) / sizeof((a)[0]))

static enum im_status demo_step_run(struct im_model *m,
				    const struct demo_step *s,
				    int64_t *threads, size_t *n_threads)
{
	enum im_status st = im_model_set_actor(m, s->actor);
	if (st != IM_OK)
		return st;
	switch (s->op) {
	case DEMO_SEND: {
		const char *to[1] = {s->to};
		struct im_send_request req = {
			.to = to, .n_to = 1, .subject = s->subject,
			.body = s->body, .followup_days = s->followup_days,
			.followup_body = s->followup_body,
		};
		return im_send(m, &req, &threads[(*n_threads)++]);
	}
	case DEMO_REPLY:
		return im_reply(m, threads[s->thread], s->smart, s->body, NULL);
	case DEMO_FOLLOWUP:
		return im_followup(m, threads[s->thread], s->body, NULL);
	}
	return IM_ERR_USAGE;
}

enum im_status demo_seed(struct im_model *m, im_time now)
{
	enum im_status st = IM_OK;
	im_model_set_now(m, now - 101 * IM_DAY);
	for (size_t i = 0; i < DEMO_N(demo_people) && st == IM_OK; i++)
		st = im_account_add(m, demo_people[i].handle, demo_people[i].name,
				    demo_people[i].role, demo_people[i].credits);
	int64_t threads[DEMO_N(demo_steps)];
	size_t n_threads = 0;
	for (size_t i = 0; i < DEMO_N(demo_steps) && st == IM_OK; i++) {
		/* A few minutes apart, before the demo's hour of the day, so
		 * F9 brings due follow-ups on the day they fall due. */
		im_model_set_now(m, now - demo_steps[i].day * IM_DAY -
					    (im_time)(DEMO_N(demo_steps) - i) * 300);
		st = demo_step_run(m, &demo_steps[i], threads, &n_threads);
	}
	if (st != IM_OK)
		return st;
	im_model_set_now(m, now);
	return im_model_catch_up(m);
}
