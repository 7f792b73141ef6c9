/* Freeing and naming the plain data types. */
#include "inmail/types.h"

#include <stdlib.h>
#include <string.h>

void im_account_clear(struct im_account *a)
{
	if (!a)
		return;
	free(a->handle);
	free(a->name);
	memset(a, 0, sizeof *a);
}

void im_accounts_free(struct im_account **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++)
		im_account_clear(&(*list)[i]);
	free(*list);
	*list = NULL;
}

static void party_clear(struct im_party *p)
{
	free(p->handle);
	free(p->name);
}

void im_thread_clear(struct im_thread *t)
{
	if (!t)
		return;
	free(t->subject);
	party_clear(&t->recruiter);
	party_clear(&t->candidate);
	free(t->reason);
	for (size_t i = 0; i < t->n_messages; i++)
		free(t->messages[i].body);
	free(t->messages);
	memset(t, 0, sizeof *t);
}

void im_thread_free(struct im_thread **t)
{
	if (!t || !*t)
		return;
	im_thread_clear(*t);
	free(*t);
	*t = NULL;
}

void im_notifications_free(struct im_notification **list, size_t n)
{
	if (!list || !*list)
		return;
	for (size_t i = 0; i < n; i++)
		free((*list)[i].text);
	free(*list);
	*list = NULL;
}

void im_draft_clear(struct im_draft *d)
{
	if (!d)
		return;
	free(d->body);
	free(d->to);
	free(d->subject);
	free(d->followup_days);
	free(d->followup_text);
	free(d->template_name);
	memset(d, 0, sizeof *d);
}

const char *im_role_name(enum im_role r)
{
	return r == IM_ROLE_CANDIDATE ? "candidate" : "recruiter";
}

const char *im_state_name(enum im_state s)
{
	switch (s) {
	case IM_STATE_ACCEPTED: return "accepted";
	case IM_STATE_DECLINED: return "declined";
	default: return "pending";
	}
}

const char *im_response_name(enum im_response r)
{
	switch (r) {
	case IM_RESPONSE_SMART_TEMPLATE: return "smart_template";
	case IM_RESPONSE_SMART_EDITED: return "smart_edited";
	case IM_RESPONSE_CUSTOM: return "custom";
	default: return "none";
	}
}

const char *im_credit_name(enum im_credit c)
{
	switch (c) {
	case IM_CREDIT_REFUNDED: return "refunded";
	case IM_CREDIT_FORFEITED: return "forfeited";
	default: return "held";
	}
}

const char *im_kind_name(enum im_kind k)
{
	switch (k) {
	case IM_KIND_INMAIL: return "inmail";
	case IM_KIND_FOLLOWUP: return "followup";
	case IM_KIND_SYSTEM: return "system";
	default: return "message";
	}
}

const char *im_folder_name(enum im_folder f)
{
	switch (f) {
	case IM_FOLDER_INBOX: return "inbox";
	case IM_FOLDER_AWAITING: return "awaiting";
	case IM_FOLDER_SENT: return "sent";
	case IM_FOLDER_ARCHIVED: return "archived";
	case IM_FOLDER_MESSAGES: return "messages";
	}
	return "inbox";
}

const char *im_folder_title(enum im_folder f)
{
	switch (f) {
	case IM_FOLDER_INBOX: return "Inbox";
	case IM_FOLDER_AWAITING: return "Awaiting Reply";
	case IM_FOLDER_SENT: return "Sent";
	case IM_FOLDER_ARCHIVED: return "Archived";
	case IM_FOLDER_MESSAGES: return "Messages";
	}
	return "Inbox";
}
