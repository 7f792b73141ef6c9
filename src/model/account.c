/* Accounts, roles and credit grants. */
#include <string.h>

#include "model_int.h"

static bool handle_valid(const char *h)
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

static enum im_status account_add_once(struct im_model *m, const char *handle,
				       const char *name, enum im_role role,
				       int64_t credits, const char *login,
				       const char *password)
{
	enum im_status st = model_need_admin(m, "user add");
	if (st != IM_OK)
		return st;
	if (!m->session.logins && (login || password))
		return model_fail(m, IM_ERR_USAGE,
				  "--login and --password-file are for a "
				  "PostgreSQL database (SPEC 7): an SQLite file "
				  "has no logins");
	if (login && !handle_valid(login))
		return model_fail(m, IM_ERR_INVALID,
				  "a login is 1 to %d of a-z 0-9 . _ - (got '%s')",
				  IM_HANDLE_MAX, login);
	if (!handle_valid(handle))
		return model_fail(m, IM_ERR_INVALID,
				  "a handle is 1 to %d of a-z 0-9 . _ - (got '%s')",
				  IM_HANDLE_MAX, handle ? handle : "");
	st = model_check_text(m, "the name", name, IM_NAME_MAX, false);
	if (st != IM_OK)
		return st;
	if (role == IM_ROLE_CANDIDATE && credits != 0)
		return model_fail(m, IM_ERR_USAGE,
				  "only recruiters have InMail credits");
	if (credits < 0 || credits > IM_CREDITS_MAX)
		return model_fail(m, IM_ERR_INVALID,
				  "credits must be from 0 to %lld",
				  (long long)IM_CREDITS_MAX);
	int64_t id = 0;
	st = model_begin(m);
	if (st == IM_OK)
		st = im_store_account_insert(m->store, handle, name, role,
					     credits, m->now, &id);
	if (st == IM_OK && credits > 0)
		st = im_store_ledger_add(m->store, id, IM_LEDGER_GRANT, credits,
					 0, m->now);
	/* On a server every account logs in as a role of its own. */
	if (st == IM_OK && m->session.logins)
		st = im_store_account_login(m->store, id, login ? login : handle,
					    password);
	if (st != IM_OK)
		model_store_fail(m, st);
	return model_finish(m, st);
}

enum im_status im_account_add_login(struct im_model *m, const char *handle,
				    const char *name, enum im_role role,
				    int64_t credits, const char *login,
				    const char *password)
{
	MODEL_RETRIED(m, account_add_once(m, handle, name, role, credits,
					  login, password));
}

enum im_status im_account_add(struct im_model *m, const char *handle,
			      const char *name, enum im_role role,
			      int64_t credits)
{
	return im_account_add_login(m, handle, name, role, credits, NULL, NULL);
}

enum im_status im_account_get(struct im_model *m, const char *handle,
			      struct im_account *out)
{
	memset(out, 0, sizeof *out);
	enum im_status st = im_store_account_by_handle(m->store, handle, out);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}

enum im_status im_account_list(struct im_model *m, int role_filter,
			       struct im_account **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	/* The directory is for accounts and admins (SPEC 7). */
	if (m->session.bound && m->session.account == 0 && !m->session.admin)
		return model_fail(m, IM_ERR_NOT_PERMITTED,
				  "not permitted: the login %s is no inmail "
				  "account's", m->session.login);
	enum im_status st = im_store_account_list(m->store, role_filter, out, n);
	return st == IM_OK ? IM_OK : model_store_fail(m, st);
}

static enum im_status grant_once(struct im_model *m, const char *handle,
				int64_t n)
{
	enum im_status need = model_need_admin(m, "credits grant");
	if (need != IM_OK)
		return need;
	if (n < 1 || n > IM_CREDITS_MAX)
		return model_fail(m, IM_ERR_INVALID,
				  "a grant is from 1 to %lld credits",
				  (long long)IM_CREDITS_MAX);
	struct im_account a = {0};
	enum im_status st = im_store_account_by_handle(m->store, handle, &a);
	if (st != IM_OK)
		return model_store_fail(m, st);
	if (a.role != IM_ROLE_RECRUITER) {
		st = model_fail(m, IM_ERR_NOT_PERMITTED,
				"not permitted: %s is a candidate, and only "
				"recruiters have InMail credits", handle);
		im_account_clear(&a);
		return st;
	}
	im_account_clear(&a);
	/* The cap limits grants only (a credit back may pass it): checked on
	 * the balance as it stands inside the transaction. */
	st = model_begin(m);
	if (st == IM_OK)
		st = im_store_account_by_handle(m->store, handle, &a);
	if (st == IM_OK && a.credits > IM_CREDITS_MAX - n) {
		model_fail(m, IM_ERR_INVALID,
			   "a grant may not take a balance past %lld credits "
			   "(%s has %lld)", (long long)IM_CREDITS_MAX, handle,
			   (long long)a.credits);
		im_account_clear(&a);
		return model_finish(m, IM_ERR_INVALID);
	}
	if (st == IM_OK)
		st = im_store_credits_add(m->store, a.id, n);
	if (st == IM_OK)
		st = im_store_ledger_add(m->store, a.id, IM_LEDGER_GRANT, n, 0,
					 m->now);
	im_account_clear(&a);
	if (st != IM_OK)
		model_store_fail(m, st);
	return model_finish(m, st);
}

enum im_status im_credits_grant(struct im_model *m, const char *handle,
				int64_t n)
{
	MODEL_RETRIED(m, grant_once(m, handle, n));
}
