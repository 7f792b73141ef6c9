#!/bin/sh
# What only the server guards (SPEC 7, issue 14): people connected with
# psql and a password, each as their own login role, against the schema
# and policies alone (no inmail binary).  Run under pg_server.sh.
#
# Each check names what it proves.  Refusals are checked by SQLSTATE
# (42501: no privilege or a row-level security policy; IM0xx: a guard of
# ours, its digits the exit code inmail maps it to), never by "it failed".
# Every refusal has a positive twin nearby (the same statement by the
# right person, or at the right time, succeeds), so a check cannot pass
# by everything failing.  mutants.sh weakens the guards one at a time and
# requires this script to notice each.
set -u
: "${PSQL:?run under pg_server.sh}"
passed=0
failed=0
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT

pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	echo "FAIL: $*" >&2
	sed 's/^/    /' "$err" >&2
	# mutants.sh needs only to know that something failed
	if [ -n "${INMAIL_PG_FAIL_FAST:-}" ]; then exit 1; fi
}

# q ROLE: runs standard input as ROLE, in one transaction; the output
# (unaligned, tuples only) in $out, errors in $err.
q() {
	if [ "$1" = super ]; then
		"$PSQL" -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose \
			--single-transaction -U "$INMAIL_PG_SUPER" >"$out" 2>"$err"
	else
		# SERIALIZABLE, as inmail writes (ISOLATION="read\\ committed":
		# psql's own default)
		PGOPTIONS="-c default_transaction_isolation=${ISOLATION:-serializable}" \
		PGPASSWORD="pw-$1" "$PSQL" -X -q -At -v ON_ERROR_STOP=1 \
			-v VERBOSITY=verbose --single-transaction -U "$1" >"$out" 2>"$err"
	fi
}

# ok NAME ROLE <<SQL: succeeds.
ok() {
	name=$1
	if q "$2"; then pass; else fail "$name: refused"; fi
}
# is NAME EXPECTED ROLE <<SQL: succeeds and prints EXPECTED.
is() {
	name=$1 want=$2
	if ! q "$3"; then
		fail "$name: refused"
	elif [ "$(cat "$out")" != "$want" ]; then
		echo "got: $(cat "$out" | tr '\n' ' ')" >"$err"
		fail "$name: expected '$want'"
	else
		pass
	fi
}
# refused NAME SQLSTATE ROLE <<SQL: fails with SQLSTATE.
refused() {
	name=$1 code=$2
	if q "$3"; then
		echo "(it succeeded)" >"$err"
		fail "$name: not refused"
	elif ! grep -q "ERROR:  $code" "$err"; then
		fail "$name: refused, but not with $code"
	else
		pass
	fi
}

# ---- the people: an admin, two recruiters, two candidates, and eve,
# a login that is no account's ----
ok "create the logins" super <<'SQL'
CREATE ROLE ada LOGIN PASSWORD 'pw-ada';
GRANT inmail_admin TO ada;
CREATE ROLE rita LOGIN PASSWORD 'pw-rita';
CREATE ROLE rob LOGIN PASSWORD 'pw-rob';
CREATE ROLE jose LOGIN PASSWORD 'pw-jose';
CREATE ROLE cara LOGIN PASSWORD 'pw-cara';
CREATE ROLE eve LOGIN PASSWORD 'pw-eve';
-- the tests' clock: the server's, as a command reads it
CREATE FUNCTION public.now_s() RETURNS bigint LANGUAGE sql STABLE
	RETURN floor(extract(epoch FROM now()))::bigint;
SQL
refused "a recruiter cannot add an account" 42501 rita <<'SQL'
SELECT inmail.account_add('mallory', 'Mallory', inmail.role_recruiter(), 1000, 'rita', now_s());
SQL
ok "the admin adds the accounts" ada <<'SQL'
SELECT inmail.account_add('rita', 'Rita Recruiter', inmail.role_recruiter(), 2, 'rita', now_s());
SELECT inmail.account_add('rob', 'Rob Recruiter', inmail.role_recruiter(), 0, 'rob', now_s());
SELECT inmail.account_add('jose', 'José Müller', inmail.role_candidate(), 0, 'jose', now_s());
SELECT inmail.account_add('cara', 'Cara Candidate', inmail.role_candidate(), 0, 'cara', now_s());
SQL
refused "the admin cannot give a candidate credits" IM077 ada <<'SQL'
SELECT inmail.credits_grant((SELECT id FROM inmail.account WHERE handle = 'jose'), 5);
SQL
refused "the admin cannot grant past the cap" IM065 ada <<'SQL'
SELECT inmail.credits_grant((SELECT id FROM inmail.account WHERE handle = 'rita'), inmail.credits_max());
SQL
is "the admin grants a recruiter credits" 3 ada <<'SQL'
SELECT inmail.credits_grant((SELECT id FROM inmail.account WHERE handle = 'rita'), 1);
SQL
is "the admin reads no conversation" 0 ada <<'SQL'
SELECT count(*) FROM inmail.thread;
SQL

# ---- sending: a credit per thread, spent by the sender ----
refused "a thread costs a credit" IM069 rita <<'SQL'
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at)
VALUES (inmail.me(), (SELECT id FROM inmail.account WHERE handle = 'jose'), 'Free?', now_s(), now_s());
SQL
refused "a recruiter with no credits sends nothing" IM069 rob <<'SQL'
SELECT inmail.spend(1);
SQL
refused "a candidate spends no credits" IM077 jose <<'SQL'
SELECT inmail.spend(1);
SQL
refused "a spend is of one credit or more" IM065 rita <<'SQL'
SELECT inmail.spend(-5);
SQL
refused "a recruiter cannot start a thread as another" 42501 rita <<'SQL'
SELECT inmail.spend(1);
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at)
VALUES ((SELECT id FROM inmail.account WHERE handle = 'rob'),
	(SELECT id FROM inmail.account WHERE handle = 'jose'), 'Hi', now_s(), now_s());
SQL
refused "an InMail goes to a candidate" 42501 rita <<'SQL'
SELECT inmail.spend(1);
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at)
VALUES (inmail.me(), (SELECT id FROM inmail.account WHERE handle = 'rob'), 'Hi', now_s(), now_s());
SQL
refused "a thread starts fresh (no response of its own)" 42501 rita <<'SQL'
SELECT inmail.spend(1);
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at, followup_at, followup_body)
VALUES (inmail.me(), (SELECT id FROM inmail.account WHERE handle = 'jose'), 'Hi', now_s(), now_s(),
	now_s() + 100 * inmail.day(), 'too late');
SQL
refused "a thread starts at now on a server clock" 42501 rita <<'SQL'
SELECT inmail.spend(1);
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at)
VALUES (inmail.me(), (SELECT id FROM inmail.account WHERE handle = 'jose'), 'Hi',
	now_s() - 30 * inmail.day(), now_s() - 30 * inmail.day());
SQL

refused "a write is dated by the clock as it is made, not as its transaction began" 42501 rita <<'SQL'
SELECT pg_sleep(2);
SELECT inmail.spend(1);
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at)
VALUES (inmail.me(), (SELECT id FROM inmail.account WHERE handle = 'jose'), 'Hi',
	now_s() - 299, now_s() - 299);
SQL

# send SENDER CANDIDATE SUBJECT: one InMail, as inmail writes it (with
# SLEEP, a pause after the thread's insert).
send_sql() {
	cat <<SQL
SELECT inmail.spend(1);
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at, followup_at, followup_body)
VALUES (inmail.me(), (SELECT id FROM inmail.account WHERE handle = '$2'), '$3', now_s(), now_s(),
	now_s() + 3 * inmail.day(), 'Any thoughts?')
RETURNING id AS tid \gset
${SLEEP:+SELECT pg_sleep($SLEEP);}
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES (:tid, inmail.me(), inmail.kind_inmail(), 'We build terminal tools. Interested?', now_s())
RETURNING id AS mid \gset
UPDATE inmail.thread SET last_message = :mid, last_from_recruiter = :mid, seen_by_recruiter = :mid
WHERE id = :tid;
SELECT inmail.note_spend(:tid, -inmail.inmail_cost(), now_s());
SELECT :tid;
SQL
}
send() { send_sql "$@" | q "$1"; }
# (the one-pending rule below cannot see a concurrent send at READ
# COMMITTED: a person's thread is written SERIALIZABLE, the twin is the
# next line)
if ISOLATION="read\\ committed" send rita jose "Senior C engineer"; then
	echo "(it succeeded)" >"$err"; fail "a thread written at READ COMMITTED: not refused"
elif grep -q "ERROR:  IM077" "$err"; then pass; else fail "a thread at READ COMMITTED: not IM077"; fi
if send rita jose "Senior C engineer"; then pass; t1=$(tail -n 1 "$out"); else fail "rita sends to jose"; t1=0; fi
if send rita cara "Platform lead"; then pass; t2=$(tail -n 1 "$out"); else fail "rita sends to cara"; t2=0; fi
# (attack2 P5: SPEC 9's one pending InMail per candidate; the twin is the
# race thread below, to jose again once he has answered)
if send rita jose "Again"; then
	echo "(it succeeded)" >"$err"
	fail "no second InMail to a candidate whose first is pending: not refused"
elif grep -q "ERROR:  42501" "$err"; then pass; else fail "a second pending InMail: not 42501"; fi
is "the sends spent rita's credits" 1 rita <<'SQL'
SELECT credits FROM inmail.balance;
SQL
ok "the admin gives rob credits" ada <<'SQL'
SELECT inmail.credits_grant((SELECT id FROM inmail.account WHERE handle = 'rob'), 5);
SQL
if send rob cara "Data engineer"; then pass; t3=$(tail -n 1 "$out"); else fail "rob sends to cara"; t3=0; fi
# (attack4 F1, F2: a policy reads the table as it was before its
# statement, so each row of one INSERT of many passed it)
refused "two InMails to jose in one INSERT: one pending per candidate" IM077 rob <<'SQL'
SELECT inmail.spend(2);
WITH t AS (
  INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at)
  SELECT inmail.me(), (SELECT id FROM inmail.account WHERE handle = 'jose'), 'Twin ' || i, now_s(), now_s()
  FROM generate_series(1, 2) i RETURNING id)
SELECT array_agg(id) AS tids FROM t \gset
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
SELECT id, inmail.me(), inmail.kind_inmail(), 'Hello', now_s() FROM unnest(:'tids'::bigint[]) id;
UPDATE inmail.thread t SET last_message = m.id, last_from_recruiter = m.id, seen_by_recruiter = m.id
FROM inmail.message m WHERE m.thread = t.id AND t.id = ANY(:'tids'::bigint[]);
SELECT inmail.note_spend(id, -inmail.inmail_cost(), now_s()) FROM unnest(:'tids'::bigint[]) id;
SQL
refused "a thread's InMails in one INSERT: its only one" IM077 rob <<'SQL'
SELECT inmail.spend(1);
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at)
VALUES (inmail.me(), (SELECT id FROM inmail.account WHERE handle = 'jose'), 'Double', now_s(), now_s())
RETURNING id AS tid \gset
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
SELECT :tid, inmail.me(), inmail.kind_inmail(), 'InMail #' || i, now_s() FROM generate_series(1, 2) i;
UPDATE inmail.thread SET last_message = (SELECT max(id) FROM inmail.message WHERE thread = :tid),
	last_from_recruiter = (SELECT max(id) FROM inmail.message WHERE thread = :tid),
	seen_by_recruiter = (SELECT max(id) FROM inmail.message WHERE thread = :tid) WHERE id = :tid;
SELECT inmail.note_spend(:tid, -inmail.inmail_cost(), now_s());
SQL

refused "a thread is created with its InMail" IM077 rob <<'SQL'
SELECT inmail.spend(1);
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at)
VALUES (inmail.me(), (SELECT id FROM inmail.account WHERE handle = 'jose'), 'Empty', now_s(), now_s());
SQL
refused "a thread has one InMail" 42501 rob <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
SELECT $t3, inmail.me(), inmail.kind_inmail(), 'A second InMail', created_at
FROM inmail.thread WHERE id = $t3;
SQL
refused "a thread's time is its newest message's" IM077 rob <<SQL
UPDATE inmail.thread SET updated_at = inmail.time_max() WHERE id = $t3;
SQL

# ---- reading: only one's own ----
is "jose reads his thread" "$t1" jose <<'SQL'
SELECT id FROM inmail.thread;
SQL
is "jose cannot read cara's thread, its messages or its drafts" "0|0" jose <<SQL
SELECT (SELECT count(*) FROM inmail.thread WHERE id = $t2),
       (SELECT count(*) FROM inmail.message WHERE thread = $t2);
SQL
is "cara reads her two threads" 2 cara <<'SQL'
SELECT count(*) FROM inmail.thread;
SQL
is "rob cannot read rita's threads" "$t3|0" rob <<SQL
SELECT string_agg(id::text, ','), (SELECT count(*) FROM inmail.message WHERE thread IN ($t1, $t2))
FROM inmail.thread;
SQL
is "rob cannot read rita's tallies" "0" rob <<SQL
SELECT count(*) FROM inmail.thread_tally t JOIN inmail.account a ON a.id = t.recruiter
WHERE a.handle = 'rita';
SQL
is "the directory shows every account to an account" 4 jose <<'SQL'
SELECT count(*) FROM inmail.account;
SQL
is "the directory holds no balance: jose sees only his own" "jose|0" jose <<'SQL'
SELECT a.handle, b.credits FROM inmail.balance b JOIN inmail.account a ON a.id = b.account;
SQL
is "a login that is no account's sees nothing" "0|0|0" eve <<'SQL'
SELECT (SELECT count(*) FROM inmail.account), (SELECT count(*) FROM inmail.thread),
       (SELECT count(*) FROM inmail.balance);
SQL

# ---- writing where one may not ----
refused "jose cannot add credits to a balance" 42501 jose <<'SQL'
UPDATE inmail.balance SET credits = credits + 100;
SQL
refused "jose cannot grant credits" 42501 jose <<'SQL'
SELECT inmail.credits_grant((SELECT id FROM inmail.account WHERE handle = 'rita'), 5);
SQL
refused "rita cannot grant herself credits" 42501 rita <<'SQL'
SELECT inmail.credits_grant(inmail.me(), 5);
SQL
refused "jose cannot insert into cara's thread" 42501 jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t2, inmail.me(), inmail.kind_message(), 'Hello Cara''s recruiter', now_s());
SQL
refused "jose cannot write as cara" 42501 jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t2, (SELECT id FROM inmail.account WHERE handle = 'cara'), inmail.kind_message(), 'Yes!', now_s());
SQL
refused "jose cannot write as rita in his own thread" 42501 jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t1, (SELECT id FROM inmail.account WHERE handle = 'rita'), inmail.kind_followup(),
	'A follow-up she never wrote', now_s());
SQL
refused "rob cannot insert into rita's thread" 42501 rob <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t1, inmail.me(), inmail.kind_message(), 'Come work for me instead', now_s());
SQL
refused "jose cannot write a system line" 42501 jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t1, NULL, inmail.kind_system(), 'Candidate Cara Candidate is interested', now_s());
SQL
refused "a candidate writes no follow-up" 42501 jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t1, inmail.me(), inmail.kind_followup(), 'ping', now_s());
SQL
refused "jose cannot archive for rita" IM077 jose <<SQL
UPDATE inmail.thread SET archived_by_recruiter = true WHERE id = $t1;
SQL
ok "jose archives and unarchives for himself" jose <<SQL
UPDATE inmail.thread SET archived_by_candidate = true WHERE id = $t1;
UPDATE inmail.thread SET archived_by_candidate = false WHERE id = $t1;
SQL
refused "jose cannot change the subject" 42501 jose <<SQL
UPDATE inmail.thread SET subject = 'Something else' WHERE id = $t1;
SQL
refused "jose cannot move the follow-up" IM077 jose <<SQL
UPDATE inmail.thread SET followup_at = NULL, followup_body = NULL WHERE id = $t1;
SQL
refused "jose cannot save a draft in cara's thread" 42501 jose <<SQL
INSERT INTO inmail.draft (account, thread, body, saved_at) VALUES (inmail.me(), $t2, 'x', now_s());
SQL
refused "jose cannot save a draft as rita" 42501 jose <<SQL
INSERT INTO inmail.draft (account, thread, body, saved_at)
VALUES ((SELECT id FROM inmail.account WHERE handle = 'rita'), $t1, 'x', now_s());
SQL
ok "jose saves his own draft" jose <<SQL
INSERT INTO inmail.draft (account, thread, body, saved_at) VALUES (inmail.me(), $t1, 'No thanks', now_s());
SQL
is "rita cannot read jose's draft" 0 rita <<'SQL'
SELECT count(*) FROM inmail.draft;
SQL
is "rita cannot discard jose's draft" 0 rita <<SQL
SELECT inmail.draft_discard($t1);
SQL
is "jose discards his draft, and saves it again" "1" jose <<SQL
SELECT inmail.draft_discard($t1);
INSERT INTO inmail.draft (account, thread, body, saved_at) VALUES (inmail.me(), $t1, 'No thanks', now_s());
SQL

# ---- the response: once, by its candidate, with its credit back ----
refused "a first message is a response, recorded with it" IM077 jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t1, inmail.me(), inmail.kind_message(), 'Hi!', now_s());
SQL
refused "a recruiter does not respond" IM077 rita <<SQL
SELECT inmail.respond($t1, inmail.state_accepted(), inmail.response_smart_template(), now_s(), false, true);
SQL
refused "cara does not respond in jose's thread" IM077 cara <<SQL
SELECT inmail.respond($t1, inmail.state_accepted(), inmail.response_smart_template(), now_s(), false, true);
SQL
refused "a response needs the candidate's message" IM077 jose <<SQL
SELECT inmail.respond($t1, inmail.state_accepted(), inmail.response_smart_template(), now_s(), false, true);
SQL
refused "a notification is of a response" IM077 jose <<SQL
SELECT inmail.notify($t1, 'Candidate José Müller is interested', now_s());
SQL
# The texts inmail writes for jose's response (src/model/reply.c).
jose_declined="Candidate José Müller declined your message."
jose_accepted="Candidate José Müller is interested in starting a conversation. Please follow up soon to continue the conversation."
# respond CANDIDATE THREAD STATE RESPONSE BLOCKED REFUNDED [LINE [NOTE]]: the
# response as inmail writes it (message, marks, response, system line,
# notification, rate standings); LINE and NOTE the texts of the system
# line and the notification (inmail's decline by default), "-" to leave
# that step out, and with RATE=no no rate standing is set.
respond() {
	line=${7:-$jose_declined} note=${8:-$jose_declined}
	{
	cat <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($2, inmail.me(), inmail.kind_message(), 'No thanks, I''m not interested at this time.', now_s())
RETURNING id AS mid \gset
UPDATE inmail.thread SET updated_at = greatest(updated_at, now_s()), last_message = :mid,
	last_from_candidate = :mid, seen_by_candidate = :mid WHERE id = $2;
SELECT inmail.respond($2, inmail.state_$3(), inmail.response_$4(), now_s(), $5, $6);
SELECT inmail.note_credit_back($2, inmail.inmail_cost(), now_s()) WHERE $6;
SQL
	[ "$line" = - ] || echo "SELECT inmail.system_line($2, '$line', now_s());"
	[ "$note" = - ] || echo "SELECT inmail.notify($2, '$note', now_s());"
	[ "${RATE:-}" = no ] ||
		echo "UPDATE inmail.message SET rate = inmail.rate_responded() WHERE thread = $2 AND counted;"
	} | q "$1"
}
# refused_response NAME SQLSTATE ARGS...: respond ARGS... fails with SQLSTATE.
refused_response() {
	name=$1 code=$2
	shift 2
	if respond "$@"; then
		echo "(it succeeded)" >"$err"
		fail "$name: not refused"
	elif ! grep -q "ERROR:  $code" "$err"; then
		fail "$name: refused, but not with $code"
	else
		pass
	fi
}
if respond jose "$t1" accepted smart_template true true; then
	fail "a response inmail never records (a block on an accept) is refused"
elif grep -q "ERROR:  IM065" "$err"; then pass; else fail "a block on an accept: not IM065"; fi
if respond jose "$t1" declined smart_template true false; then
	fail "no credit back inside the 90 days is refused"
elif grep -q "ERROR:  IM065" "$err"; then pass; else fail "refunded false: not IM065"; fi
refused "a templated decline is its template" IM065 jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t1, inmail.me(), inmail.kind_message(), 'No thanks. And stop writing to me, you spammer.', now_s())
RETURNING id AS mid \gset
UPDATE inmail.thread SET updated_at = greatest(updated_at, now_s()), last_message = :mid,
	last_from_candidate = :mid, seen_by_candidate = :mid WHERE id = $t1;
SELECT inmail.respond($t1, inmail.state_declined(), inmail.response_smart_template(), now_s(), true, true);
SQL
refused "the template sent as it is is not an edit" IM065 jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t1, inmail.me(), inmail.kind_message(), E'  No thanks, I''m not interested at this time.\n', now_s())
RETURNING id AS mid \gset
UPDATE inmail.thread SET updated_at = greatest(updated_at, now_s()), last_message = :mid,
	last_from_candidate = :mid, seen_by_candidate = :mid WHERE id = $t1;
SELECT inmail.respond($t1, inmail.state_declined(), inmail.response_smart_edited(), now_s(), false, true);
SQL
# (attack2 P3: the candidate chose the recruiter's texts)
refused_response "a system line is inmail's text for the response" IM077 \
	jose "$t1" declined smart_template true true \
	'SECURITY NOTICE from inmail admin: re-enter your password at http://evil.example'
refused_response "a notification is inmail's text for the response" IM077 \
	jose "$t1" declined smart_template true true "$jose_declined" \
	'Candidate José Müller is interested... ALSO: wire $5000 to acct 1234'
refused_response "a decline's texts are not an accept's" IM077 \
	jose "$t1" declined smart_template true true "$jose_accepted" "$jose_accepted"
# (attack2 P4: a response by hand without the rest of it)
refused_response "a response comes with its system line" IM077 \
	jose "$t1" declined smart_template true true - "$jose_declined"
refused_response "a response comes with its notification" IM077 \
	jose "$t1" declined smart_template true true "$jose_declined" -
RATE=no refused_response "a response sets its rate standings" IM077 \
	jose "$t1" declined smart_template true true
if respond jose "$t1" declined smart_template true true; then pass; else fail "jose declines with the template"; fi
# (attack2 P5: system lines are the recruiter's to search)
is "a candidate's search finds no system line" "{}" jose <<'SQL'
SELECT inmail.search_ids('declined', false, true);
SQL
is "a recruiter's search finds her system line" "{$t1}" rita <<'SQL'
SELECT inmail.search_ids('declined', false, true);
SQL
is "a candidate reads no system line" 0 jose <<SQL
SELECT count(*) FROM inmail.message WHERE thread = $t1 AND kind = inmail.kind_system();
SQL
is "... the recruiter reads hers" 1 rita <<SQL
SELECT count(*) FROM inmail.message WHERE thread = $t1 AND kind = inmail.kind_system();
SQL
is "the credit came back to rita, once" 2 rita <<'SQL'
SELECT credits FROM inmail.balance;
SQL
is "rita has the notification" 1 rita <<'SQL'
SELECT count(*) FROM inmail.notification;
SQL
is "jose reads no notification" 0 jose <<'SQL'
SELECT count(*) FROM inmail.notification;
SQL
# (the same response at the same time, so that only "already answered"
# can refuse it: a second credit back is what is at stake)
refused "jose cannot answer twice" IM077 jose <<SQL
SELECT inmail.respond($t1, inmail.state_declined(), inmail.response_smart_template(),
		      (SELECT responded_at FROM inmail.thread WHERE id = $t1), true, true);
SELECT inmail.note_credit_back($t1, inmail.inmail_cost(),
			       (SELECT responded_at FROM inmail.thread WHERE id = $t1));
SQL
refused "jose cannot answer twice by a classified message" 42501 jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at, label, confidence)
VALUES ($t1, inmail.me(), inmail.kind_message(), 'Actually yes', now_s(), inmail.label_accept(), 0.9);
SQL
# (at the response's own time, so that only "once" can refuse them)
refused "a thread is notified once" IM077 jose <<SQL
SELECT inmail.notify($t1, '$jose_declined',
		     (SELECT responded_at FROM inmail.thread WHERE id = $t1));
SQL
refused "a thread has one system line" 23505 jose <<SQL
SELECT inmail.system_line($t1, '$jose_declined',
			  (SELECT responded_at FROM inmail.thread WHERE id = $t1));
SQL
refused "jose cannot set a rate standing the times do not give" IM077 jose <<SQL
UPDATE inmail.message SET rate = inmail.rate_pending() WHERE thread = $t1 AND counted;
SQL
refused "the follow-up of an answered thread never falls due" IM077 jose <<SQL
SELECT inmail.send_due_followup($t1);
SQL
refused "cara cannot send a follow-up not yet due" IM077 cara <<SQL
SELECT inmail.send_due_followup($t2);
SQL

# ---- the block: lifted only by the candidate's word ----
refused "rita cannot write in the blocked thread" 42501 rita <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t1, inmail.me(), inmail.kind_message(), 'Are you sure?', now_s());
SQL
refused "rita cannot lift the block" IM077 rita <<SQL
SELECT inmail.unblock($t1);
SQL
refused "jose cannot unblock by an UPDATE" 42501 jose <<SQL
UPDATE inmail.thread SET blocked = false WHERE id = $t1;
SQL
refused "jose cannot unblock without writing" IM077 jose <<SQL
SELECT inmail.unblock($t1);
SQL
refused "jose cannot write again and leave the block" IM077 jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t1, inmail.me(), inmail.kind_message(), 'Well, tell me more.', now_s())
RETURNING id AS mid \gset
UPDATE inmail.thread SET updated_at = greatest(updated_at, now_s()), last_message = :mid,
	last_from_candidate = :mid, seen_by_candidate = :mid WHERE id = $t1;
SQL
ISOLATION="read\\ committed" refused "a message written at READ COMMITTED" IM077 jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t1, inmail.me(), inmail.kind_message(), 'Well, tell me more.', now_s());
SQL
ok "jose writes again, and the block lifts" jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t1, inmail.me(), inmail.kind_message(), 'Well, tell me more.', now_s())
RETURNING id AS mid \gset
UPDATE inmail.thread SET updated_at = greatest(updated_at, now_s()), last_message = :mid,
	last_from_candidate = :mid, seen_by_candidate = :mid WHERE id = $t1;
SELECT inmail.unblock($t1);
SQL
ok "rita replies once the block is lifted" rita <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t1, inmail.me(), inmail.kind_message(), 'Gladly.', now_s());
SQL

# ---- templates: a recruiter's own, with a follow-up as a send takes it ----
refused "a candidate keeps no template" 42501 jose <<'SQL'
INSERT INTO inmail.template (account, name, subject, body, created_at)
VALUES (inmail.me(), 'mine', 'S', 'B', now_s());
SQL
refused "a template's follow-up days are a send's" 42501 rita <<'SQL'
INSERT INTO inmail.template (account, name, subject, body, followup_days, followup_body, created_at)
VALUES (inmail.me(), 'late', 'S', 'B', 999, 'F', now_s());
SQL
ok "... and rita keeps one" rita <<'SQL'
INSERT INTO inmail.template (account, name, subject, body, followup_days, followup_body, created_at)
VALUES (inmail.me(), 'late', 'S', 'B', 7, 'F', now_s());
SELECT inmail.template_delete('late');
SQL
refused "a template has a body" 42501 rita <<'SQL'
INSERT INTO inmail.template (account, name, subject, body, created_at)
VALUES (inmail.me(), 'empty', 'S', '', now_s());
SQL
refused "a template's body is as long as a message's at most" 42501 rita <<'SQL'
INSERT INTO inmail.template (account, name, subject, body, created_at)
VALUES (inmail.me(), 'long', 'S', repeat('x', inmail.body_max() + 1), now_s());
SQL
refused "a template's name is a-z 0-9 . _ -" 42501 rita <<'SQL'
INSERT INTO inmail.template (account, name, subject, body, created_at)
VALUES (inmail.me(), 'Bad Name', 'S', 'B', now_s());
SQL
# (attack4 F4: a table-level write privilege lets its holder LOCK the
# table, and hold everyone's writes behind it)
for table in guardrail draft template; do
	refused "eve cannot lock $table" 42501 eve <<SQL
LOCK TABLE inmail.$table IN ROW EXCLUSIVE MODE;
SQL
	refused "rita cannot lock $table" 42501 rita <<SQL
LOCK TABLE inmail.$table IN ACCESS EXCLUSIVE MODE;
SQL
done
refused "a template is removed through template_delete only" 42501 rita <<'SQL'
DELETE FROM inmail.template;
SQL

# ---- marks: each side for itself ----
refused "jose cannot mark rita's side read" IM077 jose <<SQL
UPDATE inmail.thread SET seen_by_recruiter = last_message WHERE id = $t1;
SQL
refused "a side's newest-message mark is a message of that side" IM077 rita <<SQL
UPDATE inmail.thread SET last_from_recruiter =
	(SELECT max(id) FROM inmail.message WHERE thread = $t1 AND sender <> inmail.me())
WHERE id = $t1;
SQL
refused "a mark never moves back" IM077 rita <<SQL
UPDATE inmail.thread SET last_message = (SELECT min(id) FROM inmail.message WHERE thread = $t1)
WHERE id = $t1;
SQL
ok "rita's mark moves to her newest message" rita <<SQL
UPDATE inmail.thread SET last_message = m.id, last_from_recruiter = m.id, seen_by_recruiter = m.id
FROM (SELECT max(id) AS id FROM inmail.message WHERE thread = $t1 AND sender = inmail.me()) m
WHERE inmail.thread.id = $t1;
SQL
ok "rita's side read up to the InMail only" rita <<SQL
UPDATE inmail.thread SET seen_by_recruiter =
	(SELECT min(id) FROM inmail.message WHERE thread = $t1) WHERE id = $t1;
SQL
refused "jose cannot mark rita's side read up to her newest message" IM077 jose <<SQL
UPDATE inmail.thread SET seen_by_recruiter = last_from_recruiter WHERE id = $t1;
SQL
ok "rita marks her side read" rita <<SQL
UPDATE inmail.thread SET seen_by_recruiter = last_message WHERE id = $t1;
SQL
is "rob cannot mark read rita's notification" 0 rob <<'SQL'
WITH u AS (UPDATE inmail.notification SET read = true RETURNING 1) SELECT count(*) FROM u;
SQL
is "rita marks her notification read" 1 rita <<'SQL'
WITH u AS (UPDATE inmail.notification SET read = true RETURNING 1) SELECT count(*) FROM u;
SQL
refused "rita cannot rewrite her notification" 42501 rita <<'SQL'
UPDATE inmail.notification SET text = 'Candidate José Müller accepted';
SQL

# ---- two first responses at once: one response, one notification, one
# credit back; the other refused (SPEC 5, Transactions) ----
if send rita jose "Race"; then pass; t5=$(tail -n 1 "$out"); else fail "rita sends the race thread"; t5=0; fi
race_sql() {
	cat <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t5, inmail.me(), inmail.kind_message(), 'No thanks, I''m not interested at this time.', now_s())
RETURNING id AS mid \gset
UPDATE inmail.thread SET updated_at = greatest(updated_at, now_s()), last_message = :mid,
	last_from_candidate = :mid, seen_by_candidate = :mid WHERE id = $t5;
SELECT pg_sleep(0.5);
SELECT inmail.respond($t5, inmail.state_declined(), inmail.response_smart_template(), now_s(), true, true);
SELECT inmail.note_credit_back($t5, inmail.inmail_cost(), now_s());
SELECT inmail.system_line($t5, '$jose_declined', now_s());
SELECT inmail.notify($t5, '$jose_declined', now_s());
UPDATE inmail.message SET rate = inmail.rate_responded() WHERE thread = $t5 AND counted;
SQL
}
race_one() {
	race_sql | PGOPTIONS="-c default_transaction_isolation=serializable" \
		PGPASSWORD=pw-jose "$PSQL" -X -q -At -v ON_ERROR_STOP=1 \
		-v VERBOSITY=verbose --single-transaction -U jose >"$out.$1" 2>"$err.$1"
}
race_one a & pa=$!
race_one b & pb=$!
wait $pa; ra=$?
wait $pb; rb=$?
if [ $((ra == 0)) -ne $((rb == 0)) ] &&
   grep -qE "ERROR:  (IM077|40001)" "$err.$([ "$ra" = 0 ] && echo b || echo a)"; then
	pass
else
	cat "$err.a" "$err.b" >"$err"
	fail "two responses at once: exactly one succeeds (got $ra and $rb)"
fi
rm -f "$out.a" "$out.b" "$err.a" "$err.b"
is "the race gave one response, one notification, one credit back" "1|1|2" rita <<SQL
SELECT (SELECT count(*) FROM inmail.message WHERE thread = $t5 AND sender <> inmail.me()
	AND kind = inmail.kind_message()),
       (SELECT count(*) FROM inmail.notification WHERE thread = $t5),
       (SELECT credits FROM inmail.balance);
SQL

# ---- the 13 % guardrail (SPEC 9, attack2 P2): only the transitions the
# model writes, at the server's clock ----
ok "rita was warned 8 days ago and is restricted for 13 days more" super <<'SQL'
INSERT INTO inmail.guardrail (recruiter, since, until)
SELECT id, now_s() - 8 * inmail.day(),
       now_s() - 8 * inmail.day() + inmail.guardrail_grace() + inmail.guardrail_restriction()
FROM inmail.account WHERE handle = 'rita';
SQL
refused "a restricted recruiter cannot lift her restriction" IM077 rita <<'SQL'
UPDATE inmail.guardrail SET since = NULL, until = NULL;
SQL
refused "a restricted recruiter cannot shorten her restriction" IM077 rita <<'SQL'
UPDATE inmail.guardrail SET until = now_s();
SQL
refused "a restricted recruiter cannot turn it into a new warning" IM077 rita <<'SQL'
UPDATE inmail.guardrail SET since = now_s(), until = NULL;
SQL
refused "a restricted recruiter cannot delete her guardrail" 42501 rita <<'SQL'
DELETE FROM inmail.guardrail;
SQL
ok "lea and max, two new candidates; rita gets 5 credits" super <<'SQL'
CREATE ROLE lea LOGIN PASSWORD 'pw-lea';
CREATE ROLE max LOGIN PASSWORD 'pw-max';
SET LOCAL ROLE inmail_owner;
SELECT inmail.account_add('lea', 'Lea Candidate', inmail.role_candidate(), 0, 'lea', now_s());
SELECT inmail.account_add('max', 'Max Candidate', inmail.role_candidate(), 0, 'max', now_s());
SQL
ok "the admin gives rita 5 credits" ada <<'SQL'
SELECT inmail.credits_grant((SELECT id FROM inmail.account WHERE handle = 'rita'), 5);
SQL
# A send to each of lea and max in one transaction, as inmail writes a
# bulk send (one spend of n), or as two sends of one.
bulk_sql() {
	echo "SELECT inmail.spend($1);"
	send_sql rita lea "Bulk one" | sed '/inmail.spend(1)/d'
	[ "$1" = 2 ] || echo "SELECT inmail.spend(1);"
	send_sql rita max "Bulk two" | sed '/inmail.spend(1)/d'
}
if bulk_sql 2 | q rita; then
	echo "(it succeeded)" >"$err"; fail "a restricted recruiter's bulk send: not refused"
elif grep -q "ERROR:  IM077" "$err"; then pass; else fail "a restricted recruiter's bulk send: not IM077"; fi
if bulk_sql 1 | q rita; then
	echo "(it succeeded)" >"$err"; fail "a restricted recruiter's two sends in one transaction: not refused"
elif grep -q "ERROR:  IM077" "$err"; then pass; else fail "a restricted recruiter's two sends in one transaction: not IM077"; fi
if send rita lea "One to one"; then pass; else fail "a restricted recruiter sends one-to-one"; fi
ok "the restriction is over" super <<'SQL'
UPDATE inmail.guardrail SET since = now_s() - 22 * inmail.day(), until = now_s() - inmail.day()
WHERE recruiter = (SELECT id FROM inmail.account WHERE handle = 'rita');
SQL
ok "an ended restriction lifts (rita's measure is not below)" rita <<'SQL'
UPDATE inmail.guardrail SET since = NULL, until = NULL;
SQL
refused "a warning needs the measure below (rob has 1 InMail)" IM077 rob <<'SQL'
INSERT INTO inmail.guardrail (recruiter, since) VALUES (inmail.me(), now_s());
SQL
# gwen: 100 InMails of the last hour, none answered: below the 13 %
ok "gwen sent 100 InMails to kim an hour ago" super <<'SQL'
CREATE ROLE gwen LOGIN PASSWORD 'pw-gwen';
CREATE ROLE kim LOGIN PASSWORD 'pw-kim';
SET LOCAL ROLE inmail_owner;
SELECT inmail.account_add('gwen', 'Gwen Recruiter', inmail.role_recruiter(), 0, 'gwen', now_s());
SELECT inmail.account_add('kim', 'Kim Candidate', inmail.role_candidate(), 0, 'kim', now_s());
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at)
SELECT g.id, k.id, 'Bulk ' || i, now_s() - 3600, now_s() - 3600
FROM generate_series(1, 100) i, inmail.account g, inmail.account k
WHERE g.handle = 'gwen' AND k.handle = 'kim';
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
SELECT t.id, t.recruiter, inmail.kind_inmail(), 'Hi', t.created_at
FROM inmail.thread t JOIN inmail.account g ON g.id = t.recruiter WHERE g.handle = 'gwen';
SQL
refused "a warning starts now, not later" IM077 gwen <<'SQL'
INSERT INTO inmail.guardrail (recruiter, since) VALUES (inmail.me(), now_s() + inmail.guardrail_grace());
SQL
refused "a warning is not a restriction" IM077 gwen <<'SQL'
INSERT INTO inmail.guardrail (recruiter, since, until) VALUES (inmail.me(), now_s(), now_s());
SQL
ok "gwen is warned now" gwen <<'SQL'
INSERT INTO inmail.guardrail (recruiter, since) VALUES (inmail.me(), now_s());
SQL
refused "a warning is not cleared before its 7 days" IM077 gwen <<'SQL'
UPDATE inmail.guardrail SET since = NULL;
SQL
refused "a warning's start does not move" IM077 gwen <<'SQL'
UPDATE inmail.guardrail SET since = since - inmail.day();
SQL
refused "a warning is not restricted before its 7 days" IM077 gwen <<'SQL'
UPDATE inmail.guardrail SET until = since + inmail.guardrail_grace() + inmail.guardrail_restriction();
SQL
ok "gwen's warning is 7 days old" super <<'SQL'
UPDATE inmail.guardrail SET since = now_s() - inmail.guardrail_grace()
WHERE recruiter = (SELECT id FROM inmail.account WHERE handle = 'gwen');
SQL
refused "7 days on, still below, the warning does not just end" IM077 gwen <<'SQL'
UPDATE inmail.guardrail SET since = NULL;
SQL
refused "a restriction is exactly 14 days" IM077 gwen <<'SQL'
UPDATE inmail.guardrail SET until = since + inmail.guardrail_grace() + inmail.guardrail_restriction() + 1;
SQL
ok "7 days after the warning, still below, the restriction" gwen <<'SQL'
UPDATE inmail.guardrail SET until = since + inmail.guardrail_grace() + inmail.guardrail_restriction();
SQL
refused "gwen writes no guardrail of rita's" 42501 gwen <<'SQL'
INSERT INTO inmail.guardrail (recruiter, since) VALUES ((SELECT id FROM inmail.account WHERE handle = 'rita'), now_s());
SQL

# ---- a --client-clock database takes the command's time; the 90 days
# still decide the credit back ----
ok "init --client-clock" super <<'SQL'
UPDATE inmail.setting SET value = 'client' WHERE key = 'clock';
SQL
ok "an InMail dated by the client" rob <<'SQL'
SELECT inmail.spend(1);
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at)
VALUES (inmail.me(), (SELECT id FROM inmail.account WHERE handle = 'jose'), 'Old news',
	1767225600, 1767225600)
RETURNING id AS tid \gset
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES (:tid, inmail.me(), inmail.kind_inmail(), 'Hello from January', 1767225600)
RETURNING id AS mid \gset
UPDATE inmail.thread SET last_message = :mid, last_from_recruiter = :mid, seen_by_recruiter = :mid
WHERE id = :tid;
SELECT inmail.note_spend(:tid, -inmail.inmail_cost(), 1767225600);
SELECT true;
SQL
t4=$(q rob <<'SQL' && cat "$out"
SELECT max(id) FROM inmail.thread WHERE subject = 'Old news';
SQL
)
# answer AT REFUNDED: jose's custom accept of t4 at AT
answer() {
	q jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at, label, confidence)
VALUES ($t4, inmail.me(), inmail.kind_message(), 'Sounds great', $1, inmail.label_accept(), 0.93)
RETURNING id AS mid \gset
UPDATE inmail.thread SET updated_at = $1, last_message = :mid, last_from_candidate = :mid,
	seen_by_candidate = :mid WHERE id = $t4;
SELECT inmail.respond($t4, inmail.state_accepted(), inmail.response_custom(), $1, false, $2);
SELECT inmail.note_credit_back($t4, inmail.inmail_cost(), $1) WHERE $2;
SELECT inmail.system_line($t4, '$jose_accepted', $1);
SELECT inmail.notify($t4, '$jose_accepted', $1);
UPDATE inmail.message SET rate = CASE WHEN $1 - sent_at <= inmail.rate_window()
	THEN inmail.rate_responded() ELSE inmail.rate_unanswered() END WHERE thread = $t4 AND counted;
SQL
}
# 90 days and one second after the InMail: past the window
late=$((1767225600 + 90 * 86400 + 1))
if answer $late true; then
	fail "a credit back after the 90 days is refused"
elif grep -q "ERROR:  IM065" "$err"; then pass; else fail "a late credit back: not IM065"; fi
if answer $((1767225600 + 90 * 86400)) false; then
	fail "the 90th day's last second still gives the credit back"
elif grep -q "ERROR:  IM065" "$err"; then pass; else fail "the last second: not IM065"; fi
refused "a custom response is as its classification says" IM065 jose <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at, label, confidence)
VALUES ($t4, inmail.me(), inmail.kind_message(), 'Sounds great', $late, inmail.label_accept(), 0.93)
RETURNING id AS mid \gset
UPDATE inmail.thread SET updated_at = $late, last_message = :mid, last_from_candidate = :mid,
	seen_by_candidate = :mid WHERE id = $t4;
SELECT inmail.respond($t4, inmail.state_declined(), inmail.response_custom(), $late, false, false);
SQL
if answer $late false; then pass; else fail "a late response, no credit back"; fi
is "rob's credit stayed spent" 3 rob <<'SQL'
SELECT credits FROM inmail.balance;
SQL
# (to jose, whose InMail from rob is answered: cara's, t3, is still pending)
ok "an InMail with an automated follow-up in 3 days" rob <<'SQL'
SELECT inmail.spend(1);
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at, followup_at, followup_body)
VALUES (inmail.me(), (SELECT id FROM inmail.account WHERE handle = 'jose'), 'Follow me',
	1767225600, 1767225600, 1767225600 + 3 * 86400, 'Did you see this?')
RETURNING id AS tid \gset
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES (:tid, inmail.me(), inmail.kind_inmail(), 'Hello', 1767225600)
RETURNING id AS mid \gset
UPDATE inmail.thread SET last_message = :mid, last_from_recruiter = :mid, seen_by_recruiter = :mid
WHERE id = :tid;
SELECT inmail.note_spend(:tid, -inmail.inmail_cost(), 1767225600);
SQL
t6=$(q rob <<'SQL' && cat "$out"
SELECT max(id) FROM inmail.thread WHERE subject = 'Follow me';
SQL
)
refused "cara cannot send the follow-up of jose's thread" IM077 cara <<SQL
SELECT inmail.send_due_followup($t6);
SQL
is "jose's command sends rob's follow-up, as his, at its time" "t
t" jose <<SQL
SELECT inmail.send_due_followup($t6) IS NOT NULL;
SELECT (m.sender, m.kind, m.sent_at, m.body, t.followup_at IS NULL, t.last_from_recruiter = m.id)
       = ((SELECT id FROM inmail.account WHERE handle = 'rob'), inmail.kind_followup(),
	  1767225600 + 3 * 86400::bigint, 'Did you see this?', true, true)
FROM inmail.thread t JOIN inmail.message m ON m.id = t.last_message WHERE t.id = $t6;
SQL
refused "a follow-up is sent once" IM077 rob <<SQL
SELECT inmail.send_due_followup($t6);
SQL

# ---- templates (SPEC 9): a recruiter's own ----
ok "rita adds a template" rita <<'SQL'
INSERT INTO inmail.template (account, name, subject, body, created_at)
VALUES ((SELECT id FROM inmail.account WHERE handle = 'rita'), 'intro', 'Hi {first_name}', 'B', now_s());
SQL
refused "rob cannot add a template as rita" 42501 rob <<'SQL'
INSERT INTO inmail.template (account, name, subject, body, created_at)
VALUES ((SELECT id FROM inmail.account WHERE handle = 'rita'), 'x', 'S', 'B', now_s());
SQL
is "rob sees none of rita's templates" "0" rob <<'SQL'
SELECT count(*) FROM inmail.template;
SQL
is "rita sees her template" "intro" rita <<'SQL'
SELECT name FROM inmail.template;
SQL
is "rob removes none of rita's templates" "0" rob <<'SQL'
SELECT inmail.template_delete('intro');
SQL
refused "no one rewrites a template" 42501 rita <<'SQL'
UPDATE inmail.template SET body = 'changed';
SQL
is "rita removes her template" "1" rita <<'SQL'
SELECT inmail.template_delete('intro');
SQL

# ---- the credit ledger (SPEC 9): every change of a balance has its row,
# written only through the functions that check it ----
refused "jose writes no ledger row" 42501 jose <<'SQL'
INSERT INTO inmail.ledger (account, kind, amount, at)
VALUES (inmail.me(), inmail.ledger_grant(), 100, 1767225600);
SQL
refused "rob writes no ledger row of his own" 42501 rob <<'SQL'
INSERT INTO inmail.ledger (account, kind, amount, at)
VALUES (inmail.me(), inmail.ledger_grant(), 100, 1767225600);
SQL
refused "rob changes no ledger row" 42501 rob <<'SQL'
UPDATE inmail.ledger SET amount = amount + 100;
SQL
# (past the 90 days of rob's pending InMail to cara, t3)
refused "a spend without its row is refused at the commit" IM077 rob <<'SQL'
SELECT inmail.spend(1);
INSERT INTO inmail.thread (recruiter, candidate, subject, created_at, updated_at)
VALUES (inmail.me(), (SELECT id FROM inmail.account WHERE handle = 'cara'), 'Free?',
	now_s() + 91 * inmail.day(), now_s() + 91 * inmail.day())
RETURNING id AS tid \gset
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES (:tid, inmail.me(), inmail.kind_inmail(), 'Hello', now_s() + 91 * inmail.day());
SQL
q super <<SQL
SELECT created_at FROM inmail.thread WHERE id = $t1;
SQL
t1at=$(cat "$out")
refused "rob notes no spend of rita's thread" IM077 rob <<SQL
SELECT inmail.note_spend($t1, -inmail.inmail_cost(), $t1at);
SQL
refused "a spend's row is noted once" 23505 rob <<SQL
SELECT inmail.note_spend($t6, -inmail.inmail_cost(), 1767225600);
SQL
refused "rob notes no credit back (the candidate's response does)" IM077 rob <<SQL
SELECT inmail.note_credit_back($t4, inmail.inmail_cost(), 1767225600);
SQL
refused "a credit back without its response gives nothing" IM077 jose <<SQL
SELECT inmail.note_credit_back($t6, inmail.inmail_cost(), 1767225600);
SQL
refused "a forfeit is at the first second after the 90 days" IM077 rob <<SQL
SELECT inmail.note_forfeit($t6, 0, 1767225600 + 90 * 86400);
SQL
refused "a forfeit is 0" IM077 rob <<SQL
SELECT inmail.note_forfeit($t6, 5, 1767225600 + 90 * 86400 + 1);
SQL
ok "rob records a forfeit" rob <<SQL
SELECT inmail.note_forfeit($t6, 0, 1767225600 + 90 * 86400 + 1);
SQL
refused "a forfeit is recorded once" 23505 rob <<SQL
SELECT inmail.note_forfeit($t6, 0, 1767225600 + 90 * 86400 + 1);
SQL
refused "rob gives himself no allotment" IM077 rob <<'SQL'
SELECT inmail.allotment_arrive(1769904000, 5, 0);
SQL
refused "rob writes no allotment" 42501 rob <<'SQL'
INSERT INTO inmail.allotment (account, amount, next_at) VALUES (inmail.me(), 100, 1769904000);
SQL
ok "an admin allots rob 2 a month from 1 Feb 2026" super <<'SQL'
INSERT INTO inmail.allotment (account, amount, next_at)
SELECT id, 2, 1769904000 FROM inmail.account WHERE handle = 'rob';
SQL
refused "an allotment adds at most N" IM077 rob <<'SQL'
SELECT inmail.allotment_arrive(1769904000, 3, 1772323200);
SQL
refused "an allotment arrives on its first" IM077 rob <<'SQL'
SELECT inmail.allotment_arrive(1769904001, 2, 1772323200);
SQL
# (attack2 P1: a "next month" a second later was another allotment at will)
refused "an allotment's next first is the month's after it" IM077 rob <<'SQL'
SELECT inmail.allotment_arrive(1769904000, 2, 1769904001);
SELECT inmail.allotment_arrive(1769904001, 2, 1769904002);
SQL
refused "an allotment's next first is not an earlier first" IM077 rob <<'SQL'
SELECT inmail.allotment_arrive(1769904000, 1, 1767225600);
SELECT inmail.allotment_arrive(1767225600, 1, 1769904000);
SQL
refused "an allotment's next first skips no month" IM077 rob <<'SQL'
SELECT inmail.allotment_arrive(1769904000, 2, 1775001600);
SQL
is "rob's February allotment: 2 more credits" "4" rob <<'SQL'
SELECT inmail.allotment_arrive(1769904000, 2, 1772323200) \g /dev/null
SELECT credits FROM inmail.balance;
SQL
refused "an allotment arrives once a month" IM077 rob <<'SQL'
SELECT inmail.allotment_arrive(1769904000, 2, 1772323200);
SQL
ok "an admin grants rob 4 dated 5 Mar 2026 (his balance 8, the cap)" super <<'SQL'
BEGIN;
UPDATE inmail.balance SET credits = credits + 4
 WHERE account = (SELECT id FROM inmail.account WHERE handle = 'rob');
INSERT INTO inmail.ledger (account, kind, amount, thread, at)
SELECT id, inmail.ledger_grant(), 4, NULL, 1772668800 FROM inmail.account WHERE handle = 'rob';
COMMIT;
SQL
is "rob's March allotment: the cap is on his balance as of 1 Mar (4), not now (8)" "10" rob <<'SQL'
SELECT inmail.allotment_arrive(1772323200, 2, 1775001600) \g /dev/null
SELECT credits FROM inmail.balance;
SQL
refused "an allotment's next first never moves back" IM077 rob <<'SQL'
SELECT inmail.allotment_marks(1769904000, 0);
SQL
refused "an allotment's next first is a first of a month" IM077 rob <<'SQL'
SELECT inmail.allotment_marks(1775001601, 0); -- past the stored 1 Apr, and no first
SQL
ok "rob's marks move forward" rob <<'SQL'
SELECT inmail.allotment_marks(1775001600, 100);
SQL
refused "rob's forfeit mark never moves back" IM077 rob <<'SQL'
SELECT inmail.allotment_marks(1775001600, 50);
SQL
is "jose reads none of rob's ledger" "0|0" jose <<'SQL'
SELECT (SELECT count(*) FROM inmail.ledger), (SELECT count(*) FROM inmail.allotment);
SQL
is "rob reads his own ledger only" "t" rob <<'SQL'
SELECT count(*) > 0 AND bool_and(account = inmail.me()) FROM inmail.ledger;
SQL
is "every balance is the sum of its ledger" "t" super <<'SQL'
SELECT bool_and(b.credits = (SELECT coalesce(sum(l.amount), 0) FROM inmail.ledger l
			     WHERE l.account = b.account))
FROM inmail.balance b;
SQL

# ---- the rate window's boundary day (inmail.counted_between, issue 14):
# one's own counts only ----
is "rita counts her own counted messages" "0" rita <<'SQL'
SELECT inmail.counted_between((SELECT id FROM inmail.account WHERE handle = 'rita'),
	inmail.rate_pending(), 0, 1);
SQL
refused "rob counts none of rita's" IM077 rob <<'SQL'
SELECT inmail.counted_between((SELECT id FROM inmail.account WHERE handle = 'rita'),
	inmail.rate_pending(), 0, 1);
SQL
refused "a candidate counts no recruiter's" IM077 jose <<'SQL'
SELECT inmail.counted_between((SELECT id FROM inmail.account WHERE handle = 'rita'),
	inmail.rate_pending(), 0, 1);
SQL
refused "a login that is no account's counts nothing" IM077 eve <<'SQL'
SELECT inmail.counted_between(1, inmail.rate_pending(), 0, 1);
SQL

# ---- two InMails to one candidate at once, each transaction seeing no
# pending one: one commits, the other fails (SPEC 9) ----
ok "dan joins, rob has credits" super <<'SQL'
CREATE ROLE dan LOGIN PASSWORD 'pw-dan';
SET LOCAL ROLE ada;
SELECT inmail.account_add('dan', 'Dan Candidate', inmail.role_candidate(), 0, 'dan', now_s());
SELECT inmail.credits_grant((SELECT id FROM inmail.account WHERE handle = 'rob'), 2);
SQL
send_one() {
	SLEEP=0.5 send_sql rob dan "Race $1" |
		PGOPTIONS="-c default_transaction_isolation=serializable" \
		PGPASSWORD=pw-rob "$PSQL" -X -q -At -v ON_ERROR_STOP=1 \
		-v VERBOSITY=verbose --single-transaction -U rob >"$out.$1" 2>"$err.$1"
}
send_one a & pa=$!
send_one b & pb=$!
wait $pa; ra=$?
wait $pb; rb=$?
if [ $((ra == 0)) -ne $((rb == 0)) ] &&
   grep -q "ERROR:  40001" "$err.$([ "$ra" = 0 ] && echo b || echo a)"; then
	pass
else
	cat "$err.a" "$err.b" >"$err"
	fail "two sends to dan at once: exactly one succeeds (got $ra and $rb)"
fi
rm -f "$out.a" "$out.b" "$err.a" "$err.b"
is "... and dan has one InMail" 1 super <<'SQL'
SELECT count(*) FROM inmail.thread WHERE candidate = (SELECT id FROM inmail.account WHERE handle = 'dan');
SQL

# ---- a follow-up and the candidate's templated decline at once (attack3
# R1: at READ COMMITTED the follow-up landed after the response): one of
# the two commits ----
t6=$(PGPASSWORD=pw-rob "$PSQL" -X -q -At -U rob -c "SELECT id FROM inmail.thread
	WHERE candidate = (SELECT id FROM inmail.account WHERE handle = 'dan')")
followup_one() {
	PGOPTIONS="-c default_transaction_isolation=serializable" \
	PGPASSWORD=pw-rob "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose \
		--single-transaction -U rob >"$out.f" 2>"$err.f" <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t6, inmail.me(), inmail.kind_followup(), 'Any thoughts?', now_s());
SELECT pg_sleep(0.5);
SQL
}
decline_one() {
	PGOPTIONS="-c default_transaction_isolation=serializable" \
	PGPASSWORD=pw-dan "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose \
		--single-transaction -U dan >"$out.d" 2>"$err.d" <<SQL
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
VALUES ($t6, inmail.me(), inmail.kind_message(), 'No thanks, I''m not interested at this time.', now_s())
RETURNING id AS mid \gset
UPDATE inmail.thread SET updated_at = greatest(updated_at, now_s()), last_message = :mid,
	last_from_candidate = :mid, seen_by_candidate = :mid WHERE id = $t6;
SELECT pg_sleep(0.5);
SELECT inmail.respond($t6, inmail.state_declined(), inmail.response_smart_template(), now_s(), true, true);
SELECT inmail.note_credit_back($t6, inmail.inmail_cost(), now_s());
SELECT inmail.system_line($t6, 'Candidate Dan Candidate declined your message.', now_s());
SELECT inmail.notify($t6, 'Candidate Dan Candidate declined your message.', now_s());
UPDATE inmail.message SET rate = inmail.rate_responded() WHERE thread = $t6 AND counted;
SQL
}
followup_one & pf=$!
decline_one & pd=$!
wait $pf; rf=$?
wait $pd; rd=$?
if [ $((rf == 0)) -ne $((rd == 0)) ]; then
	pass
else
	cat "$err.f" "$err.d" >"$err"
	fail "a follow-up and a decline at once: exactly one commits (got $rf and $rd)"
fi
rm -f "$out.f" "$out.d" "$err.f" "$err.d"
is "... and no follow-up follows the response" 0 super <<SQL
SELECT count(*) FROM inmail.message f JOIN inmail.thread t ON t.id = f.thread
WHERE t.id = $t6 AND f.kind = inmail.kind_followup() AND t.responded_at IS NOT NULL
  AND f.id > t.last_from_candidate;
SQL

# ---- the tallies the triggers kept equal a count from the rows ----
is "the tallies match the rows" "t" super <<'SQL'
CREATE TEMP TABLE f AS SELECT * FROM inmail.folder_tally WHERE threads <> 0 OR unread <> 0;
CREATE TEMP TABLE g AS SELECT * FROM inmail.thread_tally WHERE threads <> 0;
CREATE TEMP TABLE r AS SELECT * FROM inmail.rate_tally WHERE messages <> 0;
SET LOCAL ROLE inmail_owner;
DO $$ BEGIN PERFORM inmail.tally_rebuild(); END $$;
RESET ROLE;
SELECT (SELECT count(*) FROM (SELECT * FROM f EXCEPT SELECT * FROM inmail.folder_tally) x) = 0
   AND (SELECT count(*) FROM (SELECT * FROM inmail.folder_tally EXCEPT SELECT * FROM f) x) = 0
   AND (SELECT count(*) FROM (SELECT * FROM g EXCEPT SELECT * FROM inmail.thread_tally) x) = 0
   AND (SELECT count(*) FROM (SELECT * FROM inmail.thread_tally EXCEPT SELECT * FROM g) x) = 0
   AND (SELECT count(*) FROM (SELECT * FROM r EXCEPT SELECT * FROM inmail.rate_tally) x) = 0
   AND (SELECT count(*) FROM (SELECT * FROM inmail.rate_tally EXCEPT SELECT * FROM r) x) = 0
   AND (SELECT count(*) FROM f) > 0;
SQL

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
