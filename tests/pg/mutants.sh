#!/bin/sh
# Each guard can fail: weakens the guards one way at a time (a copy of
# policies.sql with one change) and requires test_guards.sh to fail on
# each.  A mutation that no longer matches policies.sql is an error, so
# this list cannot go stale silently.
#
#   mutants.sh ROLES_SQL ENUMS_SQL SCHEMA_SQL POLICIES_SQL RULES_SQL
set -u
here=$(dirname "$0")
roles=$1 enums=$2 schema=$3 policies=$4 rules=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
n=0

# mutant WHAT SED-EXPRESSION
mutant() {
	n=$((n + 1))
	sed "$2" "$policies" >"$tmp/policies.sql"
	if cmp -s "$policies" "$tmp/policies.sql"; then
		echo "STALE: mutant '$1' changes nothing in policies.sql" >&2
		status=1
		return
	fi
	INMAIL_PG_FAIL_FAST=1 "$here/pg_server.sh" "$roles" "$enums" "$schema" \
		"$tmp/policies.sql" "$rules" -- "$here/test_guards.sh" >"$tmp/log" 2>&1
	rc=$?
	if [ "$rc" = 77 ]; then
		cat "$tmp/log" >&2
		exit 77
	elif [ "$rc" = 0 ]; then
		echo "SURVIVED: with $1, every check still passes" >&2
		status=1
	else
		echo "killed: $1 ($(grep -m1 '^FAIL' "$tmp/log"))"
	fi
}

mutant "templates readable by all" \
	's/USING ((SELECT inmail.me()) = account)/USING (true)/'
mutant "a template added as anyone" \
	's/WITH CHECK ((SELECT inmail.me()) = account$/WITH CHECK (true/'
mutant "threads readable by all" \
	's/^\tUSING (recruiter = (SELECT inmail.me()) OR candidate = (SELECT inmail.me()));$/\tUSING (true);/'
mutant "system lines readable by the candidate" \
	's/^\t\t\t\tAND kind <> inmail.kind_system()))));$/\t\t\t\tAND true))));/'
mutant "a thread written at READ COMMITTED" \
	"s/current_setting('transaction_isolation') <> 'serializable' THEN/false THEN/"
mutant "a candidate writes on and keeps the block" \
	's/AND t.blocked AND t.candidate = NEW.sender)$/AND false)/'
mutant "templates kept by anyone, any follow-up" \
	's/AND (SELECT inmail.my_role()) = inmail.role_recruiter()$/AND true/'
mutant "a side's mark moved by the other, to that side's newest" \
	's/^\t   AND (me <> OLD.recruiter$/\t   AND (me <> OLD.recruiter AND NEW.seen_by_recruiter <> NEW.last_from_recruiter/'
mutant "a restricted recruiter's bulk send paid" \
	's/^\tIF (n > 1 OR b.paid_xact = pg_current_xact_id())$/\tIF false/'
mutant "a restricted recruiter's second spend in a transaction paid" \
	's/^\tIF (n > 1 OR b.paid_xact = pg_current_xact_id())$/\tIF (n > 1)/'
mutant "one pending per candidate only as the statement began" \
	's/^\t   AND t.id <> NEW.id AND t.responded_at IS NULL;$/\t   AND false;/'
mutant "a thread's InMail at least one" \
	's/AND m.kind = inmail.kind_inmail() LIMIT 2) x) <> 1 THEN/AND m.kind = inmail.kind_inmail() LIMIT 2) x) < 1 THEN/'
mutant "the guardrail table lockable by anyone" \
	's/^GRANT SELECT, INSERT (recruiter, since, until), UPDATE (since, until)$/GRANT SELECT, INSERT, UPDATE/'
mutant "templates of any text" \
	's/^\t\t    AND char_length(body) BETWEEN 1 AND inmail.body_max()$/\t\t    AND true/'
mutant "a time as old as its transaction" \
	's/OR t BETWEEN floor(extract(epoch FROM clock_timestamp()))::bigint - 300$/OR t BETWEEN floor(extract(epoch FROM now()))::bigint - 300/'
mutant "balances readable by all" \
	's/USING (account = (SELECT inmail.me()) OR (SELECT inmail.is_admin()));/USING (true);/'
mutant "the directory open to any login" \
	's/USING ((SELECT inmail.me()) IS NOT NULL OR (SELECT inmail.is_admin()));/USING (true);/'
mutant "a message written as anyone" \
	's/^\tWITH CHECK (sender = (SELECT inmail.me())$/\tWITH CHECK (true/'
mutant "respond without the already-answered check" \
	's/^\tIF t.responded_at IS NOT NULL THEN$/\tIF false THEN/'
mutant "unblock without the candidate's word" \
	's/AND m.sender = t.candidate LIMIT 2) two) < 2 THEN/AND m.sender = t.candidate LIMIT 2) two) < 1 THEN/'
mutant "archiving the other side" \
	's/NEW.archived_by_recruiter <> OLD.archived_by_recruiter AND me <> OLD.recruiter$/false/'
mutant "a server clock that takes any time" \
	's/clock_timestamp()))::bigint - 300$/clock_timestamp()))::bigint - 1000000000/'
mutant "spend without its balance check" \
	's/IF NOT FOUND OR b.credits < n \* inmail.inmail_cost() THEN/IF NOT FOUND THEN/'
mutant "a thread for free" \
	's/AND paid_xact = pg_current_xact_id() AND paid_threads > 0;/;/'
mutant "a credit back whatever the time" \
	's/(respond.responded_at - t.created_at <= inmail.credit_window()) THEN/respond.refunded THEN/'
mutant "the 90 days without their last second" \
	's/(respond.responded_at - t.created_at <= inmail.credit_window())/(respond.responded_at - t.created_at < inmail.credit_window())/'
mutant "more than one InMail in a thread" \
	's/AND NOT inmail.has_messages(t.id)$//'
mutant "a thread's time set at will" \
	's/^\tIF NEW.updated_at <> OLD.updated_at AND NEW.updated_at IS DISTINCT FROM$/\tIF false AND NEW.updated_at IS DISTINCT FROM/'
mutant "a templated response with any text" \
	's/^\t\t  <> (respond.response = inmail.response_smart_template())$/\t\t  AND false/'
mutant "a follow-up sent by anyone" \
	's/IF NOT FOUND OR inmail.me() IS NULL OR inmail.me() NOT IN (t.recruiter, t.candidate) THEN/IF NOT FOUND THEN/'
# The credit ledger (SPEC 9).
mutant "ledgers and allotments readable by all" \
	's/USING ((SELECT inmail.me()) = account OR (SELECT inmail.is_admin()));/USING (true);/'
mutant "a spend noted in another's thread" \
	's/^\tIF NOT FOUND OR t.recruiter IS DISTINCT FROM inmail.me()$/\tIF NOT FOUND/'
mutant "a forfeit at any time" \
	's/OR note_forfeit.at IS DISTINCT FROM t.created_at + inmail.credit_window() + 1$/OR false/'
mutant "an allotment of more than N" \
	's/OR allotment_arrive.amount NOT BETWEEN 1 AND a.amount$/OR false/'
mutant "an allotment twice a month" \
	's/OR a.next_at IS DISTINCT FROM allotment_arrive.at$/OR false/'
mutant "an allotment's mark moved back" \
	's/IF allotment_marks.forfeits_from < a.forfeits_from$/IF false/'
mutant "another recruiter's counts" \
	's/^\tIF who IS DISTINCT FROM inmail.me()$/\tIF false/'
# attack2 P1-P5.
mutant "an allotment's next first at the caller's word" \
	's/OR allotment_arrive.next_at IS DISTINCT FROM inmail.next_first(allotment_arrive.at) THEN/OR false THEN/'
mutant "an allotment's next first anywhere forward" \
	's/^\t\t\t\t\t\tOR inmail.next_first(allotment_marks.next_at - 1)$/\t\t\t\t\t\tOR false AND inmail.next_first(allotment_marks.next_at - 1)/'
mutant "the guardrail without its guard" \
	's/^\tIF inmail.is_owner() OR pg_has_role(session_user, .inmail_owner., .MEMBER.) THEN$/\tIF true THEN/'
mutant "a restriction lifted before its end" \
	's/AND inmail.reached(coalesce(was_until, was_since + grace))$/AND true/'
mutant "a restriction of any length" \
	's/AND NEW.until = was_since + span AND/AND true AND/'
mutant "a warning at any time" \
	's/AND inmail.time_ok(NEW.since)$/AND true/'
mutant "a system line of any text" \
	's/IF system_line.body IS DISTINCT FROM inmail.response_text(t) THEN/IF false THEN/'
mutant "a notification of any text" \
	's/IF notify.text IS DISTINCT FROM inmail.response_text(t) THEN/IF false THEN/'
mutant "a response without its system line" \
	'/^CREATE OR REPLACE FUNCTION inmail.response_whole/,/^\$\$;$/s/^\tIF NOT EXISTS (SELECT 1 FROM inmail.message m WHERE m.thread = NEW.id$/\tIF false AND NOT EXISTS (SELECT 1 FROM inmail.message m WHERE m.thread = NEW.id/'
mutant "a response without its notification" \
	's/OR NOT EXISTS (SELECT 1 FROM inmail.notification n WHERE n.thread = NEW.id)$/OR false/'
mutant "a response without its rate standings" \
	's/^\t   OR EXISTS (SELECT 1 FROM inmail.message m WHERE m.thread = NEW.id$/\t   OR false AND EXISTS (SELECT 1 FROM inmail.message m WHERE m.thread = NEW.id/'
mutant "a second InMail while the first is pending" \
	's/AND NOT inmail.pending_to(candidate, created_at)$//'
mutant "a candidate's search of system lines" \
	's/RETURN inmail.search_ids_of(inmail.me(), word, prefix, false);/RETURN inmail.search_ids_of(inmail.me(), word, prefix, system_lines);/'
echo "$n mutants"
exit $status
