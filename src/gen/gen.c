/* inmail gen: a deterministic data set written through the store, in large
 * transactions.  Outcomes follow the rules the model enforces: responses
 * decide the state, credits come back inside 90 days, a templated "No
 * thanks" blocks until the candidate writes again, follow-ups come only
 * while pending. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/gen.h"
#include "model_int.h"

/* Messages written per transaction: large enough to amortise the commit,
 * small enough that the WAL is checkpointed as it goes. */
#define GEN_BATCH 20000
#define GEN_SPAN (730 * IM_DAY)

/* splitmix64: small, fast, and the same everywhere. */
struct rng {
	uint64_t s;
};

static uint64_t rng_next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static uint64_t rng_below(struct rng *r, uint64_t n)
{
	return n ? rng_next(r) % n : 0;
}

#define PICK(r, arr) (arr[rng_below(r, sizeof arr / sizeof *arr)])

static const char *const first_names[] = {
	"José", "Ana", "Rita", "Mohammed", "Wei", "Aiko", "Olga", "Chinedu",
	"Priya", "Lars", "Sofía", "Mateus", "Émilie", "Jürgen", "Fatima",
	"Dmitri", "小龙", "美咲", "Σοφία", "Ιωάννης", "Анна", "Иван", "Nguyễn",
	"Zoë", "Björn", "Łukasz", "Ayşe", "محمد", "יעל", "Kwame", "Siobhán",
	"Raj", "Hana", "Tomás", "Ingrid", "Kenji", "Amara", "Nikolai", "Leila",
};
static const char *const last_names[] = {
	"Müller", "Lima", "García", "Okafor", "Chen", "Tanaka", "Ivanova",
	"Sharma", "Nielsen", "Dubois", "Schröder", "Haddad", "Kowalski",
	"Yılmaz", "Papadopoulos", "Петров", "李", "佐藤", "Nguyen", "O'Brien",
	"Silva", "Andersson", "Cohen", "Mensah", "Kim", "Rossi", "Novák",
};
static const char *const roles[] = {
	"Senior C engineer", "Platform lead", "Staff SRE", "Data engineer",
	"Embedded firmware developer", "Engineering manager", "Security engineer",
	"Frontend developer", "Compiler engineer", "Database internals engineer",
	"Product designer", "Mobile developer (iOS)", "ML infrastructure engineer",
	"Site reliability engineer", "Principal architect", "QA automation lead",
};
static const char *const openings[] = {
	"Hi %s, I came across your profile and was impressed by your work.",
	"Hello %s, I hope this finds you well.",
	"Dear %s, I'm reaching out about a role that fits your background.",
	"Hi %s! Your open-source work caught our team's eye.",
};
static const char *const pitches[] = {
	" We are a small team building terminal tools used by thousands of "
	"developers every day, and we are hiring for a %s.",
	" Our platform group is growing and we need a %s who cares about "
	"reliability and clear code.",
	" We're a remote-first company in the logistics space looking for a %s "
	"to help us scale our core services.",
	" A client of ours, a well-funded fintech, has asked me to find a %s "
	"with your kind of experience.",
};
static const char *const closings[] = {
	" The salary range is competitive, with equity and a four-day week. "
	"Would you be open to a short call next week?",
	" I'd love to tell you more about the team and the problems we solve. "
	"Are you open to a conversation?",
	" If this sounds interesting, reply here and I'll send the full job "
	"description. Interested?",
};
static const char *const followups[] = {
	"Just bumping this up in case it got lost. Any thoughts?",
	("Hi again, I wanted to follow up on my message below. Happy to answer "
	 "any questions."),
	"Following up: the team would still love to talk with you this month.",
};
static const char *const custom_replies[] = {
	("Thanks for reaching out! Yes, I'd be happy to learn more. What's the "
	 "salary range?"),
	"Sounds interesting. I'm free Thursday afternoon for a call.",
	"I'm happy where I am, but open to hearing more.",
	"Hola, me interesa. ¿Podemos hablar la próxima semana?",
	"Merci, je suis intéressé. Quand pouvons-nous en parler ?",
	"Danke, klingt spannend! Wann passt Ihnen ein Gespräch?",
	"Not interested, please remove me from your list.",
	"Thanks, but I'm not looking right now. Maybe next year.",
	"No gracias, estoy contento en mi trabajo actual.",
	"Merci, mais ce poste ne m'intéresse pas.",
	"Obrigado, mas não tenho interesse neste momento.",
	"Please stop messaging me.",
};
static const char *const conversation[] = {
	"Great, thanks for getting back to me! Here is the job description.",
	"Could you tell me more about the team size and the on-call rotation?",
	"Of course. It's eight engineers, with a one-week rotation every two months.",
	"That works for me. Does Tuesday at 10:00 suit you?",
	"Perfect, I've sent an invitation. Talk soon!",
	"One more question: is the role fully remote?",
	"Yes, fully remote within Europe, with a team week twice a year.",
	"Thanks, I've had a look and I'd like to continue.",
};

struct gen_thread {
	int64_t recruiter, candidate;
	int64_t cand; /* index of the candidate */
	im_time created;
	im_time responded; /* 0: pending */
	enum im_smart smart;
	bool edited;
	int extras; /* messages after the InMail */
};

/* A display name, kept as its two parts so threads need no lookup. */
struct gen_name {
	const char *first, *last;
};

static struct gen_name pick_name(struct rng *r)
{
	struct gen_name nm = {PICK(r, first_names), PICK(r, last_names)};
	return nm;
}

static char *format_name(const struct gen_name *nm, char *buf, size_t n)
{
	snprintf(buf, n, "%s %s", nm->first, nm->last);
	return buf;
}

static enum im_status add_accounts(struct im_model *m,
				   const struct im_gen_params *p,
				   struct rng *r, int64_t *rec_ids,
				   int64_t *cand_ids, struct gen_name *cand_names)
{
	char handle[40], name[128];
	enum im_status st = IM_OK;
	for (int64_t i = 0; st == IM_OK && i < p->recruiters; i++) {
		struct gen_name nm = pick_name(r);
		snprintf(handle, sizeof handle, "rec%05lld", (long long)i + 1);
		st = im_store_account_insert(m->store, handle,
					     format_name(&nm, name, sizeof name),
					     IM_ROLE_RECRUITER, 0, m->now,
					     &rec_ids[i]);
	}
	for (int64_t i = 0; st == IM_OK && i < p->candidates; i++) {
		cand_names[i] = pick_name(r);
		snprintf(handle, sizeof handle, "cand%06lld", (long long)i + 1);
		st = im_store_account_insert(m->store, handle,
					     format_name(&cand_names[i], name,
							 sizeof name),
					     IM_ROLE_CANDIDATE, 0, m->now,
					     &cand_ids[i]);
	}
	return st;
}

/* Outcomes first, so the message budget can be shared out exactly. */
static void plan(const struct im_gen_params *p, struct rng *r, im_time now,
		 const int64_t *rec_ids, const int64_t *cand_ids,
		 struct gen_thread *ts)
{
	int64_t budget = p->messages - p->threads, responded = 0;
	for (int64_t i = 0; i < p->threads; i++) {
		struct gen_thread *t = &ts[i];
		/* The team lead sends half of everything: one folder of the
		 * size benchmarks need (100k threads at the defaults). */
		uint64_t who = rng_below(r, 2 * (uint64_t)p->recruiters);
		t->recruiter = rec_ids[who < (uint64_t)p->recruiters
					       ? 0 : who - (uint64_t)p->recruiters];
		t->cand = (int64_t)rng_below(r, (uint64_t)p->candidates);
		t->candidate = cand_ids[t->cand];
		t->created = now - GEN_SPAN + (im_time)(GEN_SPAN * i / p->threads) +
			     (im_time)rng_below(r, 3600);
		if (t->created > now)
			t->created = now;
		im_time delay = (im_time)rng_below(r, 40 * IM_DAY);
		bool answers = rng_below(r, 100) < 60 && budget > 0 &&
			       t->created + delay <= now;
		if (answers) {
			t->responded = t->created + delay;
			uint64_t k = rng_below(r, 100);
			t->smart = k < 40 ? IM_SMART_YES
				 : k < 70 ? IM_SMART_NO : IM_SMART_NONE;
			t->edited = rng_below(r, 100) < 30;
			t->extras = 1;
			budget--;
			responded++;
		} else if (budget > 0 && now - t->created > 3 * IM_DAY) {
			int k = (int)rng_below(r, 3);
			t->extras = k > budget ? (int)budget : k;
			budget -= t->extras;
		}
	}
	/* The rest is conversation after responses, shared at random. */
	for (int64_t i = 0; budget > 0 && responded > 0; i = (i + 1) % p->threads) {
		if (!ts[i].responded)
			continue;
		int64_t share = (int64_t)rng_below(r, 2 * (uint64_t)(budget / responded) + 2);
		if (share > budget)
			share = budget;
		ts[i].extras += (int)share;
		budget -= share;
	}
}

static void inmail_body(struct rng *r, const char *cand_name, const char *role,
			char *buf, size_t n)
{
	int k = snprintf(buf, n, PICK(r, openings), cand_name);
	k += snprintf(buf + k, n - (size_t)k, PICK(r, pitches), role);
	snprintf(buf + k, n - (size_t)k, "%s", PICK(r, closings));
}

struct gen_ctx {
	struct im_model *m;
	struct rng *r;
	const struct im_gen_params *p;
	int64_t written;
	int64_t in_batch;
	struct im_store_summary sum; /* of the thread being written */
	char note[256]; /* its notification, written with the thread's end */
};

/* Appends a message and keeps the thread's marks in g->sum; sender 0 is a
 * system line. */
static enum im_status put(struct gen_ctx *g, int64_t thread, int64_t sender,
			  enum im_side side, enum im_kind kind, const char *body,
			  im_time at, const struct im_classification *cls)
{
	struct im_store_message msg = {
		.thread = thread, .sender = sender, .side = side, .kind = kind,
		.body = body, .sent_at = at, .classified = cls != NULL,
		.label = cls ? cls->label : IM_LABEL_ACCEPT,
		.confidence = cls ? cls->confidence : 0,
		.counted = model_counts_for_rate(kind),
	};
	int64_t id = 0;
	enum im_status st = im_store_message_append(g->m->store, &msg, &id);
	struct im_store_summary *sum = &g->sum;
	if (at > sum->updated_at)
		sum->updated_at = at;
	sum->last_message = id;
	if (sender > 0 && side == IM_SIDE_RECRUITER)
		sum->last_from_recruiter = sum->seen_by_recruiter = id;
	else if (sender > 0)
		sum->last_from_candidate = sum->seen_by_candidate = id;
	if (sender > 0) {
		g->written++;
		g->in_batch++;
	}
	return st;
}

/* The candidate's response, judged and noted as im_reply would have. */
static enum im_status respond(struct gen_ctx *g, const struct gen_thread *t,
			      int64_t tid, const char *cand_name,
			      struct model_response *r)
{
	char buf[256];
	const char *text;
	if (t->smart == IM_SMART_NONE) {
		text = PICK(g->r, custom_replies);
	} else {
		text = im_template(t->smart);
		if (t->edited) {
			snprintf(buf, sizeof buf, "%s %s", text,
				 t->smart == IM_SMART_YES
					 ? "Could we talk on Friday?"
					 : "Good luck with the search.");
			text = buf;
		}
	}
	enum im_status st = model_judge_response(g->m, t->smart, text, r);
	char *note = st == IM_OK ? model_notification_text(r->state, cand_name)
				 : NULL;
	if (st == IM_OK && !note)
		st = IM_ERR_NOMEM;
	if (st == IM_OK)
		st = put(g, tid, t->candidate, IM_SIDE_CANDIDATE,
			 IM_KIND_MESSAGE, text, t->responded,
			 r->classified ? &r->cls : NULL);
	if (st == IM_OK)
		st = im_store_thread_respond(
			g->m->store, tid, r->state, r->how, t->responded,
			r->blocked, model_credit_back(t->created, t->responded));
	if (st == IM_OK)
		st = im_store_rate_settle(g->m->store, tid,
					  model_rate_responded_from(t->responded));
	if (st == IM_OK)
		st = put(g, tid, 0, IM_SIDE_RECRUITER, IM_KIND_SYSTEM, note,
			 t->responded, NULL);
	if (note)
		snprintf(g->note, sizeof g->note, "%s", note);
	free(note);
	return st;
}

static enum im_status write_thread(struct gen_ctx *g, const struct gen_thread *t,
				   const char *cand_name)
{
	struct im_model *m = g->m;
	char body[1024];
	const char *role = PICK(g->r, roles);
	inmail_body(g->r, cand_name, role, body, sizeof body);
	bool recent = m->now - t->created < 7 * IM_DAY;
	bool schedule = !t->responded && recent && rng_below(g->r, 2);
	int64_t tid = 0;
	/* Drawn either way, so the data set is the same as before. */
	const char *followup = PICK(g->r, followups);
	enum im_status st = im_store_thread_insert(
		m->store, t->recruiter, t->candidate, role, t->created,
		schedule ? t->created + 7 * IM_DAY : 0,
		schedule ? followup : NULL, NULL, 0, &tid);
	memset(&g->sum, 0, sizeof g->sum);
	if (st == IM_OK)
		st = put(g, tid, t->recruiter, IM_SIDE_RECRUITER, IM_KIND_INMAIL,
			 body, t->created, NULL);
	if (st == IM_OK && !t->responded) {
		for (int k = 0; st == IM_OK && k < t->extras; k++) {
			im_time at = t->created + (k + 1) * 3 * IM_DAY;
			st = put(g, tid, t->recruiter, IM_SIDE_RECRUITER,
				 IM_KIND_FOLLOWUP, PICK(g->r, followups),
				 at < m->now ? at : m->now, NULL);
		}
		return st == IM_OK ? im_store_thread_set_summary(m->store, tid,
								  &g->sum)
				   : st;
	}
	struct model_response r;
	if (st == IM_OK)
		st = respond(g, t, tid, cand_name, &r);
	im_time at = t->responded;
	for (int k = 1; st == IM_OK && k < t->extras; k++) {
		at += 3600 + (im_time)rng_below(g->r, 2 * IM_DAY);
		if (at > m->now)
			at = m->now;
		/* The candidate speaks first after a templated decline. */
		bool from_rec = k % 2 == 0;
		st = put(g, tid, from_rec ? t->recruiter : t->candidate,
			 from_rec ? IM_SIDE_RECRUITER : IM_SIDE_CANDIDATE,
			 IM_KIND_MESSAGE, PICK(g->r, conversation), at, NULL);
		if (st == IM_OK && k == 1 && r.blocked)
			st = im_store_thread_set_blocked(m->store, tid, false);
	}
	/* Most threads have been read by both sides; the newest are not.
	 * The notification is written now, read or not, rather than marked
	 * read later: one statement instead of two. */
	bool seen = m->now - at > 2 * IM_DAY;
	if (seen)
		g->sum.seen_by_recruiter = g->sum.seen_by_candidate =
			g->sum.last_message;
	if (st == IM_OK)
		st = im_store_notification_insert(m->store, t->recruiter, tid,
						  g->note, t->responded, seen);
	if (st == IM_OK)
		st = im_store_thread_set_summary(m->store, tid, &g->sum);
	if (st == IM_OK && rng_below(g->r, 100) < 4)
		st = im_store_thread_set_archived(m->store, tid, IM_SIDE_RECRUITER,
						  true);
	return st;
}

static enum im_status check_params(struct im_model *m,
				   const struct im_gen_params *p)
{
	if (p->recruiters < 1 || p->candidates < 1 || p->threads < 0)
		return model_fail(m, IM_ERR_USAGE,
				  "gen needs at least one recruiter and one "
				  "candidate");
	if (p->messages < p->threads)
		return model_fail(m, IM_ERR_USAGE,
				  "gen: every thread holds its InMail, so "
				  "--messages must be at least --threads");
	if (p->recruiters > 1000000 || p->candidates > 100000000 ||
	    p->threads > 100000000 || p->messages > 1000000000)
		return model_fail(m, IM_ERR_USAGE, "gen: those numbers are too "
						   "large");
	/* Threads span the two years before now: all of them in range. */
	if (m->now - GEN_SPAN < IM_TIME_MIN)
		return model_fail(m, IM_ERR_USAGE, "gen: the data set spans the "
				  "two years before --now, so --now must be "
				  "1972-01-02 or later");
	return IM_OK;
}

enum im_status im_gen(struct im_model *m, const struct im_gen_params *p)
{
	enum im_status st = check_params(m, p);
	if (st != IM_OK)
		return st;
	struct rng r = {p->seed};
	int64_t *rec_ids = calloc((size_t)p->recruiters, sizeof *rec_ids);
	int64_t *cand_ids = calloc((size_t)p->candidates, sizeof *cand_ids);
	struct gen_name *cand_names = calloc((size_t)p->candidates,
					     sizeof *cand_names);
	struct gen_thread *ts = calloc((size_t)(p->threads ? p->threads : 1),
				       sizeof *ts);
	if (!rec_ids || !cand_ids || !cand_names || !ts) {
		st = model_fail(m, IM_ERR_NOMEM, "out of memory");
		goto out;
	}
	st = im_store_bulk_begin(m->store);
	if (st == IM_OK)
		st = im_store_begin(m->store);
	if (st == IM_OK)
		st = add_accounts(m, p, &r, rec_ids, cand_ids, cand_names);
	if (st == IM_OK)
		st = im_store_commit(m->store);
	if (st != IM_OK) {
		im_store_rollback(m->store);
		st = model_store_fail(m, st);
		goto out;
	}
	plan(p, &r, m->now, rec_ids, cand_ids, ts);

	struct gen_ctx g = {.m = m, .r = &r, .p = p};
	st = im_store_begin(m->store);
	for (int64_t i = 0; st == IM_OK && i < p->threads; i++) {
		char name[128];
		st = write_thread(&g, &ts[i], format_name(&cand_names[ts[i].cand],
							  name, sizeof name));
		if (st == IM_OK && g.in_batch >= GEN_BATCH) {
			st = im_store_commit(m->store);
			if (st == IM_OK)
				st = im_store_begin(m->store);
			g.in_batch = 0;
			if (p->progress)
				p->progress(p->progress_arg, g.written, p->messages);
		}
	}
	/* Balances: what a busy team has left to spend. */
	for (int64_t i = 0; st == IM_OK && i < p->recruiters; i++) {
		int64_t n = (int64_t)rng_below(&r, 200);
		st = im_store_credits_add(m->store, rec_ids[i], n);
		/* A balance is the sum of its ledger (SPEC 9). */
		if (st == IM_OK && n > 0)
			st = im_store_ledger_add(m->store, rec_ids[i],
						 IM_LEDGER_GRANT, n, 0, m->now);
	}
	if (st == IM_OK)
		st = im_store_commit(m->store);
	if (st == IM_OK)
		st = im_store_bulk_end(m->store);
	if (st != IM_OK) {
		im_store_rollback(m->store);
		st = model_store_fail(m, st);
	} else if (p->progress) {
		p->progress(p->progress_arg, g.written, p->messages);
	}
out:
	free(rec_ids);
	free(cand_ids);
	free(cand_names);
	free(ts);
	return st;
}
