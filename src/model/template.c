/* Templates (SPEC 9): a recruiter's own, by name; rendered for each
 * candidate of a send, every refusal before anything is written. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inmail/text.h"
#include "model_int.h"

/* The handle rules (SPEC 1). */
static bool name_valid(const char *h)
{
	size_t n = h ? strlen(h) : 0;
	if (n < 1 || n > IM_HANDLE_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = h[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

void im_template_clear(struct im_template *t)
{
	if (!t)
		return;
	free(t->name);
	free(t->subject);
	free(t->body);
	free(t->followup_body);
	memset(t, 0, sizeof *t);
}

void im_templates_free(struct im_template **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++)
		im_template_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

void im_rendered_free(struct im_rendered **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*list)[i].to);
		free((*list)[i].subject);
		free((*list)[i].body);
		free((*list)[i].followup_body);
	}
	free(*list);
	*list = NULL;
}

/* The store's row becomes the model's: the strings move. */
static void take(struct im_template *to, struct im_store_template *from)
{
	*to = (struct im_template){from->name, from->subject, from->body,
				   from->followup_body, from->followup_days,
				   from->created_at};
	memset(from, 0, sizeof *from);
}

/* A text's braces: each '{' starts {word} or is {{. */
static enum im_status check_braces(struct im_model *m, const char *what,
				   const char *text)
{
	if (!text)
		return IM_OK;
	for (const char *s = text; (s = strchr(s, '{'));) {
		if (s[1] == '{') {
			s += 2;
			continue;
		}
		size_t len = 0;
		while ((s[1 + len] >= 'a' && s[1 + len] <= 'z') ||
		       (s[1 + len] >= 'A' && s[1 + len] <= 'Z') ||
		       (s[1 + len] >= '0' && s[1 + len] <= '9') ||
		       s[1 + len] == '_')
			len++;
		if (len == 0 || s[1 + len] != '}')
			return model_fail(m, IM_ERR_INVALID, "%s: %s", what,
					  im_render_problem_string(
						  IM_RENDER_BAD_BRACE));
		s += len + 2;
	}
	return IM_OK;
}

enum im_status im_template_add(struct im_model *m, const struct im_template *t)
{
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "adding a template");
	if (st != IM_OK)
		return st;
	if (!name_valid(t->name))
		return model_fail(m, IM_ERR_INVALID,
				  "a template's name is 1 to %d of a-z 0-9 . _ - "
				  "(got '%s')", IM_HANDLE_MAX,
				  t->name ? t->name : "");
	/* The texts as a send checks them; a rendered one is checked again
	 * with its values. */
	if ((st = model_check_text(m, "the subject", t->subject,
				   IM_SUBJECT_MAX, false)) != IM_OK ||
	    (st = model_check_text(m, "the body", t->body, IM_BODY_MAX,
				   true)) != IM_OK)
		return st;
	if (t->followup_body &&
	    (t->followup_days < IM_FOLLOWUP_MIN_DAYS ||
	     t->followup_days > IM_FOLLOWUP_MAX_DAYS))
		return model_fail(m, IM_ERR_INVALID,
				  "an automated follow-up comes after %d to %d "
				  "days (got %d)", IM_FOLLOWUP_MIN_DAYS,
				  IM_FOLLOWUP_MAX_DAYS, t->followup_days);
	if (t->followup_body &&
	    (st = model_check_text(m, "the follow-up", t->followup_body,
				   IM_BODY_MAX, true)) != IM_OK)
		return st;
	if ((st = check_braces(m, "the subject", t->subject)) != IM_OK ||
	    (st = check_braces(m, "the body", t->body)) != IM_OK ||
	    (st = check_braces(m, "the follow-up", t->followup_body)) != IM_OK)
		return st;
	struct im_store_template row = {
		.name = t->name, .subject = t->subject, .body = t->body,
		.followup_body = t->followup_body,
		.followup_days = t->followup_body ? t->followup_days : 0,
		.created_at = m->now,
	};
	st = model_begin(m);
	struct im_store_template old = {0};
	if (st == IM_OK) {
		st = im_store_template_get(m->store, m->actor.id, t->name, &old);
		im_store_template_clear(&old);
		if (st == IM_OK)
			st = model_fail(m, IM_ERR_INVALID,
					"you have a template named '%s' already "
					"(template rm it first)", t->name);
		else if (st == IM_ERR_NOT_FOUND)
			st = im_store_template_insert(m->store, m->actor.id, &row);
		if (st != IM_OK && st != IM_ERR_INVALID)
			model_store_fail(m, st);
	} else {
		model_store_fail(m, st);
	}
	return model_finish(m, st);
}

enum im_status im_template_get(struct im_model *m, const char *name,
			       struct im_template *out)
{
	memset(out, 0, sizeof *out);
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "reading templates");
	if (st != IM_OK)
		return st;
	struct im_store_template row = {0};
	st = im_store_template_get(m->store, m->actor.id, name, &row);
	if (st != IM_OK)
		return model_store_fail(m, st);
	take(out, &row);
	return IM_OK;
}

enum im_status im_template_list(struct im_model *m, struct im_template **out,
				size_t *n)
{
	*out = NULL;
	*n = 0;
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "reading templates");
	if (st != IM_OK)
		return st;
	struct im_store_template *rows = NULL;
	size_t k = 0;
	st = im_store_template_list(m->store, m->actor.id, &rows, &k);
	if (st != IM_OK)
		return model_store_fail(m, st);
	struct im_template *list = calloc(k + 1, sizeof *list);
	if (!list) {
		im_store_templates_free(&rows, k);
		return model_fail(m, IM_ERR_NOMEM, "out of memory");
	}
	for (size_t i = 0; i < k; i++)
		take(&list[i], &rows[i]);
	free(rows);
	*out = list;
	*n = k;
	return IM_OK;
}

enum im_status im_template_remove(struct im_model *m, const char *name)
{
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "removing a template");
	if (st == IM_OK && (st = model_begin(m)) != IM_OK)
		return model_store_fail(m, st);
	if (st != IM_OK)
		return st;
	st = im_store_template_delete(m->store, m->actor.id, name);
	if (st != IM_OK)
		model_store_fail(m, st);
	return model_finish(m, st);
}

/* One text for one candidate: rendered and checked, or a refusal naming
 * the variable and the candidate. */
static enum im_status render_one(struct im_model *m, const char *what,
				 const char *text, size_t max, bool multiline,
				 const struct im_render_var *vars, size_t n,
				 const struct im_account *cand, char **out)
{
	char word[64];
	enum im_render_problem p = im_render(text, vars, n, out, word,
					     sizeof word);
	if (p == IM_RENDER_NOMEM)
		return model_fail(m, IM_ERR_NOMEM, "out of memory");
	if (p == IM_RENDER_BAD_BRACE)
		return model_fail(m, IM_ERR_INVALID, "%s, for %s (%s): %s; "
				  "nothing was sent", what, cand->name,
				  cand->handle, im_render_problem_string(p));
	if (p != IM_RENDER_OK)
		return model_fail(m, IM_ERR_INVALID,
				  "{%s} %s, for %s (%s) in %s; nothing was "
				  "sent", word, im_render_problem_string(p),
				  cand->name, cand->handle, what);
	if (!*out)
		return IM_OK;
	if (multiline) { /* \r\n is kept as \n (SPEC 1), as it will be sent */
		char *n = im_text_normalize_newlines(*out, strlen(*out));
		free(*out);
		if (!(*out = n))
			return model_fail(m, IM_ERR_NOMEM, "out of memory");
	}
	enum im_status st = model_check_text(m, what, *out, max, multiline);
	if (st != IM_OK) {
		char why[512];
		snprintf(why, sizeof why, "%s", im_model_error(m));
		st = model_fail(m, st, "for %s (%s): %s; nothing was sent",
				cand->name, cand->handle, why);
		free(*out);
		*out = NULL;
	}
	return st;
}

/* A {variable}'s name: a-z A-Z 0-9 _, as a text's braces take; the
 * four the model fills are not the sender's to give. */
const char *im_template_var_refusal(const char *w)
{
	static const char *const builtin[] = {"first_name", "name", "my_name",
					      "my_first_name"};
	if (!w || !*w)
		return "is not a {variable} (a-z A-Z 0-9 _)";
	for (const char *c = w; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '_'))
			return "is not a {variable} (a-z A-Z 0-9 _)";
	for (size_t b = 0; b < sizeof builtin / sizeof *builtin; b++)
		if (strcmp(w, builtin[b]) == 0)
			return "is inmail's own variable";
	return NULL;
}

void im_template_vars_free(char ***vars, size_t n)
{
	for (size_t i = 0; *vars && i < n; i++)
		free((*vars)[i]);
	free(*vars);
	*vars = NULL;
}

/* Adds text's own {variables} not in vars yet; false when out of memory.
 * The grammar is check_braces': {{ is a brace, {word} a variable. */
static bool add_vars(const char *text, char ***vars, size_t *n)
{
	for (const char *s = text; s && (s = strchr(s, '{'));) {
		if (s[1] == '{') {
			s += 2;
			continue;
		}
		size_t len = strspn(s + 1, "abcdefghijklmnopqrstuvwxyz"
				    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
		if (len == 0 || s[1 + len] != '}') {
			s++;
			continue;
		}
		char *w = strndup(s + 1, len);
		if (!w)
			return false;
		s += len + 2;
		bool known = im_template_var_refusal(w) != NULL;
		for (size_t i = 0; !known && i < *n; i++)
			known = strcmp((*vars)[i], w) == 0;
		if (known) {
			free(w);
			continue;
		}
		char **more = realloc(*vars, (*n + 1) * sizeof *more);
		if (!more) {
			free(w);
			return false;
		}
		*vars = more;
		(*vars)[(*n)++] = w;
	}
	return true;
}

enum im_status im_template_vars(struct im_model *m, const char *name,
				char ***out, size_t *n)
{
	*out = NULL;
	*n = 0;
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "reading a template");
	if (st != IM_OK)
		return st;
	struct im_store_template tpl = {0};
	st = im_store_template_get(m->store, m->actor.id, name, &tpl);
	if (st != IM_OK)
		return model_store_fail(m, st);
	if (!add_vars(tpl.subject, out, n) || !add_vars(tpl.body, out, n) ||
	    !add_vars(tpl.followup_body, out, n)) {
		im_template_vars_free(out, *n);
		*n = 0;
		st = model_fail(m, IM_ERR_NOMEM, "out of memory");
	}
	im_store_template_clear(&tpl);
	return st;
}

/* The send's own values (--var) are refused as a CSV's header is: a
 * name that is no {variable}, one of inmail's own, one given twice or
 * also a column (it would be ignored, never silently). */
static enum im_status check_vars(struct im_model *m,
				 const struct im_template_send *req)
{
	for (size_t k = 0; k < req->n_vars; k++) {
		const char *w = req->vars[k].name;
		const char *why = im_template_var_refusal(w);
		if (why && !strcmp(why, "is inmail's own variable"))
			return model_fail(m, IM_ERR_USAGE, "--var %s: {%s} %s",
					  w, w, why);
		if (why)
			return model_fail(m, IM_ERR_USAGE, "--var %s: '%s' %s",
					  w ? w : "", w ? w : "", why);
		for (size_t j = 0; j < k; j++)
			if (strcmp(w, req->vars[j].name) == 0)
				return model_fail(m, IM_ERR_USAGE, "--var %s "
						  "is given twice", w);
		for (size_t i = 0; req->cand_vars && i < req->n_to; i++)
			for (size_t j = 0; j < req->n_cand_vars[i]; j++)
				if (strcmp(w, req->cand_vars[i][j].name) == 0)
					return model_fail(
						m, IM_ERR_USAGE, "--var %s: "
						"{%s} is a column of the "
						"candidates' file too", w, w);
	}
	return IM_OK;
}

enum im_status im_template_render(struct im_model *m,
				  const struct im_template_send *req,
				  struct im_rendered **out, int *followup_days)
{
	*out = NULL;
	*followup_days = 0;
	enum im_status st = model_need_actor(m, IM_ROLE_RECRUITER,
					     "sending InMail");
	if (st != IM_OK)
		return st;
	if (req->n_to == 0)
		return model_fail(m, IM_ERR_USAGE, "no candidate to send to");
	if ((st = check_vars(m, req)) != IM_OK)
		return st;
	struct im_store_template tpl = {0};
	st = im_store_template_get(m->store, m->actor.id, req->name, &tpl);
	if (st != IM_OK)
		return model_store_fail(m, st);
	*followup_days = tpl.followup_days;
	struct im_rendered *list = calloc(req->n_to, sizeof *list);
	size_t n_max = 4 + req->n_vars;
	for (size_t i = 0; req->cand_vars && i < req->n_to; i++)
		if (4 + req->n_vars + req->n_cand_vars[i] > n_max)
			n_max = 4 + req->n_vars + req->n_cand_vars[i];
	struct im_render_var *vars = calloc(n_max, sizeof *vars);
	char *my_first = im_first_name(m->actor.name);
	if (!list || !vars || !my_first) {
		st = model_fail(m, IM_ERR_NOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; st == IM_OK && i < req->n_to; i++) {
		struct im_account cand = {0};
		st = im_store_account_by_handle(m->store, req->to[i], &cand);
		if (st != IM_OK) {
			model_store_fail(m, st);
			break;
		}
		char *first = im_first_name(cand.name);
		size_t n = 0;
		vars[n++] = (struct im_render_var){"first_name", first};
		vars[n++] = (struct im_render_var){"name", cand.name};
		vars[n++] = (struct im_render_var){"my_name", m->actor.name};
		vars[n++] = (struct im_render_var){"my_first_name", my_first};
		/* A candidate's own value first, then the send's. */
		for (size_t k = 0; req->cand_vars && k < req->n_cand_vars[i]; k++)
			vars[n++] = req->cand_vars[i][k];
		for (size_t k = 0; k < req->n_vars; k++)
			vars[n++] = req->vars[k];
		list[i].to = strdup(req->to[i]);
		if (!first || !list[i].to)
			st = model_fail(m, IM_ERR_NOMEM, "out of memory");
		if (st == IM_OK)
			st = render_one(m, "the subject", tpl.subject,
					IM_SUBJECT_MAX, false, vars, n, &cand,
					&list[i].subject);
		if (st == IM_OK)
			st = render_one(m, "the body", tpl.body, IM_BODY_MAX,
					true, vars, n, &cand, &list[i].body);
		if (st == IM_OK)
			st = render_one(m, "the follow-up", tpl.followup_body,
					IM_BODY_MAX, true, vars, n, &cand,
					&list[i].followup_body);
		free(first);
		im_account_clear(&cand);
	}
out:
	free(vars);
	free(my_first);
	im_store_template_clear(&tpl);
	if (st != IM_OK) {
		im_rendered_free(&list, req->n_to);
		return st;
	}
	*out = list;
	return IM_OK;
}

/* The send of the renderings r (a dry run when credits is not NULL). */
static enum im_status send_rendered(struct im_model *m,
				    const struct im_template_send *req,
				    const struct im_rendered *r, int days,
				    int64_t *thread_ids, int64_t *credits)
{
	const char **texts = calloc(3 * req->n_to, sizeof *texts);
	if (!texts)
		return model_fail(m, IM_ERR_NOMEM, "out of memory");
	const char **subjects = texts, **bodies = texts + req->n_to,
		   **fbodies = texts + 2 * req->n_to;
	for (size_t i = 0; i < req->n_to; i++) {
		subjects[i] = r[i].subject;
		bodies[i] = r[i].body;
		fbodies[i] = r[i].followup_body;
	}
	struct im_send_request send = {
		.to = req->to, .n_to = req->n_to,
		.followup_days = days,
		.subjects = subjects, .bodies = bodies,
		.followup_bodies = r[0].followup_body ? fbodies : NULL,
		.progress = req->progress, .progress_ctx = req->progress_ctx,
		.template_name = req->name,
		.dry_run = credits != NULL, .dry_run_credits = credits,
	};
	enum im_status st = im_send(m, &send, thread_ids);
	free(texts);
	return st;
}

enum im_status im_template_send(struct im_model *m,
				const struct im_template_send *req,
				int64_t *thread_ids)
{
	struct im_rendered *r = NULL;
	int days = 0;
	enum im_status st = im_template_render(m, req, &r, &days);
	if (st == IM_OK)
		st = send_rendered(m, req, r, days, thread_ids, NULL);
	im_rendered_free(&r, req->n_to);
	return st;
}

enum im_status im_template_dry_run(struct im_model *m,
				   const struct im_template_send *req,
				   struct im_rendered **out,
				   int *followup_days, int64_t *credits)
{
	*credits = 0;
	enum im_status st = im_template_render(m, req, out, followup_days);
	if (st == IM_OK &&
	    (st = send_rendered(m, req, *out, *followup_days, NULL,
				credits)) != IM_OK)
		im_rendered_free(out, req->n_to);
	return st;
}
