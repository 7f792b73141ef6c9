/* Accounts and credit balances. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlite_int.h"

#define ACCOUNT_COLUMNS "id, handle, name, role, credits"

static enum im_status account_from_row(struct im_store *s, sqlite3_stmt *st,
				       struct im_account *a)
{
	a->id = sqlite3_column_int64(st, 0);
	int64_t role = sqlite3_column_int64(st, 3);
	a->credits = sqlite3_column_int64(st, 4);
	/* The schema's CHECKs can be switched off by another program. */
	if (sqlite3_column_type(st, 3) != SQLITE_INTEGER || role < 0 || role > 1)
		return store_bad_row(s, "account", a->id, "role", st, 3);
	if (sqlite3_column_type(st, 4) != SQLITE_INTEGER || a->credits < 0)
		return store_bad_row(s, "account", a->id, "balance", st, 4);
	a->role = role ? IM_ROLE_CANDIDATE : IM_ROLE_RECRUITER;
	a->handle = store_col_text(st, 1);
	a->name = store_col_text(st, 2);
	if (!a->handle || !a->name) {
		im_account_clear(a);
		return store_fail(s, IM_ERR_NOMEM, "out of memory");
	}
	return IM_OK;
}

static enum im_status account_row(struct im_store *s, sqlite3_stmt *st,
				  void *elem, void *arg)
{
	(void)arg;
	return account_from_row(s, st, elem);
}

static void account_clear(void *elem)
{
	im_account_clear(elem);
}

enum im_status sq_account_insert(struct im_store *s, const char *handle,
				       const char *name, enum im_role role,
				       int64_t credits, im_time now,
				       int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ACCOUNT_INSERT,
		"INSERT INTO account (handle, name, role, credits, created_at)"
		" VALUES (?, ?, ?, ?, ?)");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, (int)role);
	sqlite3_bind_int64(st, 4, credits);
	sqlite3_bind_int64(st, 5, now);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_CONSTRAINT_UNIQUE)
		return store_fail(s, IM_ERR_INVALID,
				  "the handle '%s' is taken", handle);
	if (rc != SQLITE_DONE)
		return store_sqlite_fail(s, rc, "adding an account");
	if (id)
		*id = sqlite3_last_insert_rowid(SQ(s)->db);
	return IM_OK;
}

static enum im_status account_one(struct im_store *s, sqlite3_stmt *st,
				  struct im_account *out, const char *what)
{
	int rc = sqlite3_step(st);
	enum im_status res;
	if (rc == SQLITE_ROW)
		res = account_from_row(s, st, out);
	else if (rc == SQLITE_DONE)
		res = store_fail(s, IM_ERR_NOT_FOUND, "no such account: %s", what);
	else
		res = store_sqlite_fail(s, rc, "reading an account");
	sqlite3_reset(st);
	return res;
}

enum im_status sq_account_by_handle(struct im_store *s,
					  const char *handle,
					  struct im_account *out)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ACCOUNT_BY_HANDLE,
		"SELECT " ACCOUNT_COLUMNS " FROM account WHERE handle = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_text(st, 1, handle, -1, SQLITE_STATIC);
	return account_one(s, st, out, handle);
}

enum im_status sq_account_by_id(struct im_store *s, int64_t id,
				      struct im_account *out)
{
	sqlite3_stmt *st = store_stmt(s, STMT_ACCOUNT_BY_ID,
		"SELECT " ACCOUNT_COLUMNS " FROM account WHERE id = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, id);
	return account_one(s, st, out, "(by id)");
}

enum im_status sq_account_list(struct im_store *s, int role_filter,
				     struct im_account **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = role_filter < 0
		? store_stmt(s, STMT_ACCOUNT_LIST,
			     "SELECT " ACCOUNT_COLUMNS " FROM account ORDER BY handle")
		: store_stmt(s, STMT_ACCOUNT_LIST_ROLE,
			     "SELECT " ACCOUNT_COLUMNS " FROM account"
			     " WHERE role = ? ORDER BY handle");
	if (!st)
		return IM_ERR_DATABASE;
	if (role_filter >= 0)
		sqlite3_bind_int(st, 1, role_filter);
	void *list = NULL;
	enum im_status res =
		store_fetch(s, st, 0, sizeof **out, account_row, NULL,
			    account_clear, "listing accounts", &list, n);
	*out = list;
	return res;
}

enum im_status sq_credits_add(struct im_store *s, int64_t account,
				    int64_t delta)
{
	sqlite3_stmt *st = store_stmt(s, STMT_CREDITS_GET,
		"SELECT credits, handle FROM account WHERE id = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, account);
	int rc = sqlite3_step(st);
	int64_t credits = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	/* Another program's balance (the schema's CHECK can be switched
	 * off): not an integer, below 0, or where this change cannot be
	 * held, which no balance inmail writes comes near (grants stop at
	 * IM_CREDITS_MAX).  Said as what it is, not as a lack of credits. */
	bool bad = rc == SQLITE_ROW &&
		   (sqlite3_column_type(st, 0) != SQLITE_INTEGER || credits < 0 ||
		    (delta > 0 && credits > INT64_MAX - delta));
	enum im_status res = IM_OK;
	if (bad) {
		const unsigned char *h = sqlite3_column_text(st, 1);
		char shown[48];
		snprintf(shown, sizeof shown, "%s", sqlite3_column_type(st, 0) ==
			 SQLITE_INTEGER ? (const char *)sqlite3_column_text(st, 0)
			 : "not an integer");
		res = store_fail(s, IM_ERR_INVALID, "the balance of %s holds "
				 "a value inmail never writes (%s); another "
				 "program changed the database",
				 h ? (const char *)h : "?", shown);
	}
	sqlite3_reset(st);
	if (bad)
		return res;
	if (rc == SQLITE_DONE)
		return store_fail(s, IM_ERR_NOT_FOUND, "no such account");
	if (rc != SQLITE_ROW)
		return store_sqlite_fail(s, rc, "reading credits");
	if (credits + delta < 0)
		return store_fail(s, IM_ERR_NO_CREDITS,
				  "not enough InMail credits: %lld left, %lld needed",
				  (long long)credits, (long long)-delta);
	st = store_stmt(s, STMT_CREDITS_SET,
			"UPDATE account SET credits = credits + ? WHERE id = ?");
	if (!st)
		return IM_ERR_DATABASE;
	sqlite3_bind_int64(st, 1, delta);
	sqlite3_bind_int64(st, 2, account);
	return store_step_done(s, st, "changing credits");
}
