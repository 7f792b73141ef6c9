-- inmail on PostgreSQL, part 4 of 4: who may read and write what.
--
-- One file for a reviewer.  The model decides every rule; the database
-- refuses what no rule of inmail would ever write for the role that
-- connected.  Four layers, each narrower than the last:
--
--   1. Grants: which tables and columns a person may touch at all (no
--      one but the owner writes account, balance or a tally, and the
--      columns that record a response are not granted).
--   2. Row-level security, ENABLEd and FORCEd on every table: a person
--      sees only their own threads, messages, drafts, notifications and
--      tallies, and the directory of accounts (handles, names, roles;
--      the balances are in `balance`, one's own only).
--   3. Guard triggers on what a policy cannot see (a value before and
--      after an UPDATE, the end of a transaction): marks only move
--      forward, each side archives and marks read only for itself, a
--      thread's time moves with its newest message, a follow-up is
--      cancelled, never scheduled later; a thread is paid for and comes
--      with its InMail; a first response is recorded as one, whole (its
--      system line, notification and rate standings); the guardrail
--      moves only as the model moves it.
--   4. A few SECURITY DEFINER functions for what one account does to
--      another's rows, each checking its own precondition, search_path
--      pinned: spend, respond (with the credit back), system_line,
--      notify, unblock, send_due_followup; and for admins account_add,
--      credits_grant.
--
-- "Person" is the account whose login is the role the connection
-- authenticated as (session_user; SPEC 7).  inmail_owner (what the
-- definer functions and their triggers run as) passes every policy: the
-- functions are its guard.  Errors a person can meet carry SQLSTATEs
-- of class IM, whose digits are inmail's exit codes: IM065 invalid,
-- IM066 no such thing, IM069 no credits, IM077 not permitted.

-- ---- who is asking ----

-- The acting account: NULL for a login that is no account's.  session_user
-- is a name, whose collation ("C") is not login's: compared as it is, the
-- collations clash and no index serves it, and every policy's me() read
-- the whole directory (5 ms at 50,000 accounts, issue 14's benchmark).
CREATE OR REPLACE FUNCTION inmail.me() RETURNS bigint
	LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
	SET search_path = pg_catalog, inmail, pg_temp
	RETURN (SELECT id FROM inmail.account
		WHERE login = session_user::text COLLATE "default");

CREATE OR REPLACE FUNCTION inmail.my_role() RETURNS smallint
	LANGUAGE sql STABLE SECURITY DEFINER PARALLEL SAFE
	SET search_path = pg_catalog, inmail, pg_temp
	RETURN (SELECT role FROM inmail.account
		WHERE login = session_user::text COLLATE "default");

CREATE OR REPLACE FUNCTION inmail.is_admin() RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, inmail, pg_temp
	RETURN pg_has_role(session_user, 'inmail_admin', 'MEMBER');

-- True inside a definer function (and for a session that SET ROLE
-- inmail_owner: init, copy): the guard triggers leave those alone.
CREATE OR REPLACE FUNCTION inmail.is_owner() RETURNS boolean
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, inmail, pg_temp
	RETURN current_user = 'inmail_owner';

-- A time a person writes: on a server-clock database it is the server's
-- now() as the command read it (SPEC 7), so at most a few minutes old
-- (a command reads the clock once, before its transaction) and never
-- ahead; on a --client-clock database anything in inmail's range.  The
-- few minutes are the clock's as the write is made, not the
-- transaction's start: a transaction held open dated its writes back to
-- its start however long ago (attack4 F3: a response after the 90 days
-- dated inside them still gave the credit back).
CREATE OR REPLACE FUNCTION inmail.time_ok(t bigint) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
	RETURN t BETWEEN inmail.time_min() AND inmail.time_max()
	       AND ((SELECT value FROM inmail.setting WHERE key = 'clock') = 'client'
		    OR t BETWEEN floor(extract(epoch FROM clock_timestamp()))::bigint - 300
			     AND floor(extract(epoch FROM clock_timestamp()))::bigint);

-- Whether the acting recruiter has an InMail to candidate still pending
-- within the 90 days before at (SPEC 9's one pending InMail per
-- candidate, as the model's check_pending: any created since at - 90 d;
-- for the policy on thread, which cannot read its own table).
-- The window is read only when there is a pending one (a schema loaded
-- without init's rules still takes a first InMail).
CREATE OR REPLACE FUNCTION inmail.pending_to(candidate bigint, at bigint) RETURNS boolean
	LANGUAGE plpgsql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	newest bigint;
BEGIN
	SELECT max(t.created_at) INTO newest FROM inmail.thread t
	 WHERE t.candidate = pending_to.candidate AND t.recruiter = inmail.me()
	   AND t.responded_at IS NULL;
	RETURN newest IS NOT NULL AND newest >= pending_to.at - inmail.credit_window();
END
$$;

-- Whether a thread holds any message yet (for a policy on message, which
-- cannot read its own table).
CREATE OR REPLACE FUNCTION inmail.has_messages(thread bigint) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
	RETURN EXISTS (SELECT 1 FROM inmail.message m WHERE m.thread = has_messages.thread);

CREATE OR REPLACE FUNCTION inmail.refuse(code text, msg text) RETURNS void
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION USING ERRCODE = code, MESSAGE = msg;
END
$$;

-- ---- 1. grants ----
REVOKE ALL ON ALL TABLES IN SCHEMA inmail FROM PUBLIC;
GRANT SELECT ON inmail.account, inmail.balance, inmail.thread, inmail.message,
	inmail.notification, inmail.draft, inmail.folder_tally,
	inmail.thread_tally, inmail.rate_tally, inmail.setting,
	inmail.migration, inmail.template TO PUBLIC;
-- ids are the server's to choose: never in a person's INSERT
GRANT INSERT (recruiter, candidate, subject, created_at, updated_at,
	      followup_at, followup_body) ON inmail.thread TO PUBLIC;
-- the template it was sent from (SPEC 9) and its identity, written with
-- the thread only
GRANT INSERT (template, template_id) ON inmail.thread TO PUBLIC;
GRANT UPDATE (updated_at, last_message, last_from_recruiter,
	      last_from_candidate, seen_by_recruiter, seen_by_candidate,
	      archived_by_recruiter, archived_by_candidate, followup_at,
	      followup_body) ON inmail.thread TO PUBLIC;
GRANT INSERT (thread, sender, kind, body, sent_at, label, confidence)
	ON inmail.message TO PUBLIC;
GRANT UPDATE (rate) ON inmail.message TO PUBLIC;
GRANT UPDATE (read) ON inmail.notification TO PUBLIC;
-- Writes by column, and deletes through definer functions: a table-level
-- INSERT, UPDATE or DELETE lets its holder LOCK the whole table, and any
-- login could hold every recruiter's sends behind guardrail, or every
-- draft and template behind theirs (attack4 F4).
GRANT INSERT (account, thread, smart, edited, body, saved_at, form_to,
	      form_subject, form_followup, form_followup_text, form_template),
      UPDATE (smart, edited, body, saved_at, form_to, form_subject,
	      form_followup, form_followup_text, form_template)
	ON inmail.draft TO PUBLIC;
GRANT INSERT (account, name, subject, body, followup_days, followup_body,
	      created_at) ON inmail.template TO PUBLIC;
GRANT SELECT, INSERT (recruiter, since, until), UPDATE (since, until)
	ON inmail.guardrail TO PUBLIC;
-- The credit ledger and the allotments (SPEC 9): read only; every row is
-- written by a definer function below (or the owner).
GRANT SELECT ON inmail.ledger, inmail.allotment TO PUBLIC;
-- admins read the directory and the balances, and write through
-- account_add and credits_grant only

-- ---- 2. row-level security ----
DO $rls$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['account', 'balance', 'thread', 'message',
				 'notification', 'draft', 'folder_tally',
				 'thread_tally', 'rate_tally', 'setting',
				 'migration', 'template', 'guardrail', 'ledger',
				 'allotment'] LOOP
		EXECUTE format('ALTER TABLE inmail.%I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('ALTER TABLE inmail.%I FORCE ROW LEVEL SECURITY', t);
		EXECUTE format('DROP POLICY IF EXISTS owner_all ON inmail.%I', t);
		EXECUTE format('CREATE POLICY owner_all ON inmail.%I TO inmail_owner'
			       ' USING (true) WITH CHECK (true)', t);
	END LOOP;
END
$rls$;

-- The settings and the schema version: readable by all.
DROP POLICY IF EXISTS anyone_reads ON inmail.setting;
CREATE POLICY anyone_reads ON inmail.setting FOR SELECT USING (true);
DROP POLICY IF EXISTS anyone_reads ON inmail.migration;
CREATE POLICY anyone_reads ON inmail.migration FOR SELECT USING (true);

-- The directory: every account, to every account and admin.
DROP POLICY IF EXISTS directory ON inmail.account;
CREATE POLICY directory ON inmail.account FOR SELECT
	USING ((SELECT inmail.me()) IS NOT NULL OR (SELECT inmail.is_admin()));

-- A balance: its own account's, and every one to an admin.
DROP POLICY IF EXISTS own_balance ON inmail.balance;
CREATE POLICY own_balance ON inmail.balance FOR SELECT
	USING (account = (SELECT inmail.me()) OR (SELECT inmail.is_admin()));

-- Threads: their two participants.
DROP POLICY IF EXISTS participant_reads ON inmail.thread;
CREATE POLICY participant_reads ON inmail.thread FOR SELECT
	USING (recruiter = (SELECT inmail.me()) OR candidate = (SELECT inmail.me()));
-- A recruiter starts a thread to a candidate, fresh (no response, no
-- marks), at now, while no InMail of theirs to that candidate is pending
-- (SPEC 9); it takes a credit spent in the same transaction (the
-- thread_paid trigger).
DROP POLICY IF EXISTS recruiter_starts ON inmail.thread;
CREATE POLICY recruiter_starts ON inmail.thread FOR INSERT
	WITH CHECK (recruiter = (SELECT inmail.me())
		    AND (SELECT inmail.my_role()) = inmail.role_recruiter()
		    AND candidate IN (SELECT id FROM inmail.account
				      WHERE role = inmail.role_candidate())
		    AND state = inmail.state_pending()
		    AND response = inmail.response_none()
		    AND responded_at IS NULL AND NOT blocked AND NOT refunded
		    AND last_message IS NULL
		    AND last_from_recruiter = 0 AND last_from_candidate = 0
		    AND seen_by_recruiter = 0 AND seen_by_candidate = 0
		    AND NOT archived_by_recruiter AND NOT archived_by_candidate
		    AND updated_at = created_at AND inmail.time_ok(created_at)
		    AND NOT inmail.pending_to(candidate, created_at)
		    AND (followup_at IS NULL OR followup_at - created_at BETWEEN
			 inmail.followup_min_days() * inmail.day()
			 AND inmail.followup_max_days() * inmail.day()));
-- Either participant updates the columns granted above; the guard
-- trigger holds each column to what its side may do.
DROP POLICY IF EXISTS participant_updates ON inmail.thread;
CREATE POLICY participant_updates ON inmail.thread FOR UPDATE
	USING (recruiter = (SELECT inmail.me()) OR candidate = (SELECT inmail.me()))
	WITH CHECK (recruiter = (SELECT inmail.me()) OR candidate = (SELECT inmail.me()));

-- Messages: those of the threads one reads, but a system line only on the
-- recruiter's side: it is the recruiter's notification (SPEC 3), never
-- shown to the candidate, who at psql read it all the same (attack2).
DROP POLICY IF EXISTS participant_reads ON inmail.message;
CREATE POLICY participant_reads ON inmail.message FOR SELECT
	USING (EXISTS (SELECT 1 FROM inmail.thread t WHERE t.id = thread
		       AND (t.recruiter = (SELECT inmail.me())
			    OR (t.candidate = (SELECT inmail.me())
				AND kind <> inmail.kind_system()))));
-- A person writes as themselves, in their own thread, what their side may
-- write there now: the recruiter the InMail (the thread's first message,
-- at its creation), follow-ups while it is pending, messages once it is
-- answered and not blocked; the candidate messages (the first one is the
-- response, the only one that may carry a classification, and it must
-- be recorded by inmail.respond before the transaction ends).  System
-- lines come only from inmail.system_line.  Time never runs backwards.
DROP POLICY IF EXISTS sender_writes ON inmail.message;
CREATE POLICY sender_writes ON inmail.message FOR INSERT
	WITH CHECK (sender = (SELECT inmail.me())
		    AND inmail.time_ok(sent_at)
		    AND EXISTS (
			SELECT 1 FROM inmail.thread t WHERE t.id = thread
			AND sent_at >= t.updated_at
			AND CASE
			WHEN t.recruiter = sender THEN
				label IS NULL AND CASE kind
				WHEN inmail.kind_inmail() THEN sent_at = t.created_at
					AND NOT inmail.has_messages(t.id)
				WHEN inmail.kind_followup() THEN NOT t.responded
				WHEN inmail.kind_message() THEN t.responded AND NOT t.blocked
				ELSE false END
			WHEN t.candidate = sender THEN
				kind = inmail.kind_message()
				AND (label IS NULL OR NOT t.responded)
			ELSE false END));
-- At the response, the candidate records where each counted message of
-- the thread stands in the 30-day rate (the rate_guard trigger checks the
-- value against the times).
DROP POLICY IF EXISTS candidate_rates ON inmail.message;
CREATE POLICY candidate_rates ON inmail.message FOR UPDATE
	USING (counted AND EXISTS (SELECT 1 FROM inmail.thread t WHERE t.id = thread
				   AND t.candidate = (SELECT inmail.me())))
	WITH CHECK (counted AND EXISTS (SELECT 1 FROM inmail.thread t
					WHERE t.id = thread
					AND t.candidate = (SELECT inmail.me())));

-- Notifications: the recruiter's, who reads them and marks them read.
DROP POLICY IF EXISTS recruiter_reads ON inmail.notification;
CREATE POLICY recruiter_reads ON inmail.notification FOR SELECT
	USING (recruiter = (SELECT inmail.me()));
DROP POLICY IF EXISTS recruiter_marks ON inmail.notification;
CREATE POLICY recruiter_marks ON inmail.notification FOR UPDATE
	USING (recruiter = (SELECT inmail.me()))
	WITH CHECK (recruiter = (SELECT inmail.me()));

-- Drafts: one's own, for a new InMail (thread 0) or a thread one is in.
DROP POLICY IF EXISTS own_drafts ON inmail.draft;
CREATE POLICY own_drafts ON inmail.draft FOR ALL
	USING (account = (SELECT inmail.me()))
	WITH CHECK (account = (SELECT inmail.me())
		    AND (thread = 0 OR EXISTS (SELECT 1 FROM inmail.thread t
					       WHERE t.id = thread)));

-- Templates (SPEC 9): a recruiter's own.
DROP POLICY IF EXISTS own_templates ON inmail.template;
CREATE POLICY own_templates ON inmail.template FOR ALL
	USING ((SELECT inmail.me()) = account)
	WITH CHECK ((SELECT inmail.me()) = account
		    AND (SELECT inmail.my_role()) = inmail.role_recruiter()
		    AND name ~ format('^[a-z0-9._-]{1,%s}$', inmail.handle_max())
		    AND char_length(subject) BETWEEN 1 AND inmail.subject_max()
		    AND char_length(body) BETWEEN 1 AND inmail.body_max()
		    AND (followup_body IS NULL
			 OR char_length(followup_body) BETWEEN 1 AND inmail.body_max())
		    AND (followup_days = 0 AND followup_body IS NULL
			 OR followup_days BETWEEN inmail.followup_min_days()
					      AND inmail.followup_max_days()
			    AND followup_body IS NOT NULL)
		    AND inmail.time_ok(created_at));
-- The guardrail: one's own row (the model records what it observes; the
-- guardrail_guard trigger holds it to the model's transitions).
DROP POLICY IF EXISTS own_guardrail ON inmail.guardrail;
CREATE POLICY own_guardrail ON inmail.guardrail FOR ALL
	USING (recruiter = (SELECT inmail.me()))
	WITH CHECK (recruiter = (SELECT inmail.me()));

-- The ledger and the allotment (SPEC 9): a balance's own account and
-- the admins, as the balance itself.
DROP POLICY IF EXISTS own_ledger ON inmail.ledger;
CREATE POLICY own_ledger ON inmail.ledger FOR SELECT
	USING ((SELECT inmail.me()) = account OR (SELECT inmail.is_admin()));
DROP POLICY IF EXISTS own_allotment ON inmail.allotment;
CREATE POLICY own_allotment ON inmail.allotment FOR SELECT
	USING ((SELECT inmail.me()) = account OR (SELECT inmail.is_admin()));

-- Tallies: one's own cells.
DROP POLICY IF EXISTS own_cells ON inmail.folder_tally;
CREATE POLICY own_cells ON inmail.folder_tally FOR SELECT
	USING (account = (SELECT inmail.me()));
DROP POLICY IF EXISTS own_cells ON inmail.thread_tally;
CREATE POLICY own_cells ON inmail.thread_tally FOR SELECT
	USING (recruiter = (SELECT inmail.me()));
DROP POLICY IF EXISTS own_cells ON inmail.rate_tally;
CREATE POLICY own_cells ON inmail.rate_tally FOR SELECT
	USING (recruiter = (SELECT inmail.me()));

-- ---- 3. guard triggers ----

-- A person's update of a thread, column by column.
CREATE OR REPLACE FUNCTION inmail.thread_guard() RETURNS trigger
	LANGUAGE plpgsql SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	me bigint := inmail.me();
BEGIN
	IF inmail.is_owner() THEN
		RETURN NEW;
	END IF;
	IF NEW.updated_at < OLD.updated_at THEN
		PERFORM inmail.refuse('IM065', 'the clock is before the thread''s last message');
	END IF;
	-- a thread's time is its newest message's: it moves with one
	IF NEW.updated_at <> OLD.updated_at AND NEW.updated_at IS DISTINCT FROM
	   (SELECT m.sent_at FROM inmail.message m WHERE m.id = NEW.last_message
	    AND m.thread = OLD.id) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a thread''s time is its newest message''s');
	END IF;
	IF NEW.archived_by_recruiter <> OLD.archived_by_recruiter AND me <> OLD.recruiter
	   OR NEW.archived_by_candidate <> OLD.archived_by_candidate AND me <> OLD.candidate THEN
		PERFORM inmail.refuse('IM077', 'not permitted: archiving is per side');
	END IF;
	-- newest-message marks move forward, to a message of that side here
	IF NEW.last_message IS DISTINCT FROM OLD.last_message AND (
	     NEW.last_message <= coalesce(OLD.last_message, 0)
	     OR NOT EXISTS (SELECT 1 FROM inmail.message m
			    WHERE m.id = NEW.last_message AND m.thread = OLD.id))
	   OR NEW.last_from_recruiter <> OLD.last_from_recruiter AND (
	     NEW.last_from_recruiter < OLD.last_from_recruiter
	     OR NOT EXISTS (SELECT 1 FROM inmail.message m
			    WHERE m.id = NEW.last_from_recruiter AND m.thread = OLD.id
			    AND m.sender = OLD.recruiter))
	   OR NEW.last_from_candidate <> OLD.last_from_candidate AND (
	     NEW.last_from_candidate < OLD.last_from_candidate
	     OR NOT EXISTS (SELECT 1 FROM inmail.message m
			    WHERE m.id = NEW.last_from_candidate AND m.thread = OLD.id
			    AND m.sender = OLD.candidate)) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a thread''s marks follow its messages');
	END IF;
	-- a side marks read for itself (its own new message marks it too);
	-- the other side's mark is never the writer's to move, not even to
	-- that side's own newest message (attack3 R4: it was)
	IF NEW.seen_by_recruiter <> OLD.seen_by_recruiter
	   AND (me <> OLD.recruiter
		OR NEW.seen_by_recruiter > coalesce(NEW.last_message, 0))
	   OR NEW.seen_by_candidate <> OLD.seen_by_candidate
	   AND (me <> OLD.candidate
		OR NEW.seen_by_candidate > coalesce(NEW.last_message, 0)) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: each side marks read for itself');
	END IF;
	-- the automated follow-up: the recruiter may cancel it; it is never
	-- scheduled or moved after the send (the candidate's catch-up and
	-- response clear it through inmail.send_due_followup and
	-- inmail.respond)
	IF (NEW.followup_at, NEW.followup_body) IS DISTINCT FROM (OLD.followup_at, OLD.followup_body)
	   AND (NEW.followup_at IS NOT NULL OR NEW.followup_body IS NOT NULL
		OR me <> OLD.recruiter) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: an automated follow-up is only cancelled');
	END IF;
	RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER thread_guard BEFORE UPDATE ON inmail.thread
	FOR EACH ROW EXECUTE FUNCTION inmail.thread_guard();

-- A person's thread takes one credit spent by inmail.spend in the same
-- transaction.
CREATE OR REPLACE FUNCTION inmail.take_paid_thread(recruiter bigint) RETURNS void
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
BEGIN
	UPDATE inmail.balance SET paid_threads = paid_threads - 1
	 WHERE account = recruiter AND account = inmail.me()
	   AND paid_xact = pg_current_xact_id() AND paid_threads > 0;
	IF NOT FOUND THEN
		PERFORM inmail.refuse('IM069', 'an InMail costs a credit: call inmail.spend in the same transaction');
	END IF;
END
$$;
CREATE OR REPLACE FUNCTION inmail.thread_paid() RETURNS trigger
	LANGUAGE plpgsql SET search_path = pg_catalog, inmail, pg_temp
AS $$
BEGIN
	-- another's thread is the policy recruiter_starts's to refuse
	IF NOT inmail.is_owner() AND NEW.recruiter = inmail.me() THEN
		PERFORM inmail.take_paid_thread(NEW.recruiter);
	END IF;
	RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER thread_paid BEFORE INSERT ON inmail.thread
	FOR EACH ROW EXECUTE FUNCTION inmail.thread_paid();

-- A person's new thread or message is written SERIALIZABLE, as inmail's
-- are.  The policies decide from the thread as the statement sees it: the
-- one-pending rule (recruiter_starts' inmail.pending_to) reads the pair's
-- threads, a follow-up or a labelled response needs the thread still
-- pending.  A concurrent change is not among what they read until it
-- commits: SERIALIZABLE sees the two conflict (one fails with 40001 and
-- inmail retries it); READ COMMITTED, psql's default, let two sends to
-- one candidate both in, and a follow-up in after the response
-- (attack3 R1).
CREATE OR REPLACE FUNCTION inmail.person_serializable() RETURNS trigger
	LANGUAGE plpgsql SET search_path = pg_catalog, inmail, pg_temp
AS $$
BEGIN
	IF NOT inmail.is_owner()
	   AND current_setting('transaction_isolation') <> 'serializable' THEN
		PERFORM inmail.refuse('IM077', format('not permitted: a new %s is '
			'written in a SERIALIZABLE transaction, where inmail''s rules '
			'hold against a concurrent change', TG_TABLE_NAME));
	END IF;
	RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS thread_serializable ON inmail.thread;
DROP FUNCTION IF EXISTS inmail.thread_serializable();
CREATE OR REPLACE TRIGGER thread_serializable BEFORE INSERT ON inmail.thread
	FOR EACH ROW EXECUTE FUNCTION inmail.person_serializable();
CREATE OR REPLACE TRIGGER message_serializable BEFORE INSERT ON inmail.message
	FOR EACH ROW EXECUTE FUNCTION inmail.person_serializable();

-- The candidate's message after a templated-only decline lifts the block
-- in its own transaction (SPEC 2, inmail.unblock): by commit a blocked
-- thread holds one message of its candidate, the response.  At psql a
-- candidate wrote more and left the recruiter blocked (attack3 R2).
CREATE OR REPLACE FUNCTION inmail.block_lifted() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
BEGIN
	IF pg_has_role(session_user, 'inmail_owner', 'MEMBER') THEN
		RETURN NULL;
	END IF;
	IF EXISTS (SELECT 1 FROM inmail.thread t WHERE t.id = NEW.thread
		   AND t.blocked AND t.candidate = NEW.sender)
	   AND (SELECT count(*) FROM (SELECT 1 FROM inmail.message m
		WHERE m.thread = NEW.thread AND m.sender = NEW.sender LIMIT 2) two) > 1 THEN
		PERFORM inmail.refuse('IM077', format('not permitted: the candidate''s '
			'message in thread %s lifts its block (inmail.unblock) in the '
			'same transaction', NEW.thread));
	END IF;
	RETURN NULL;
END
$$;
DO $bl$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'block_lifted'
		       AND tgrelid = 'inmail.message'::regclass) THEN
		CREATE CONSTRAINT TRIGGER block_lifted AFTER INSERT ON inmail.message
			DEFERRABLE INITIALLY DEFERRED
			FOR EACH ROW EXECUTE FUNCTION inmail.block_lifted();
	END IF;
END
$bl$;

-- A candidate's first message is the response: at the end of its
-- transaction the thread must be answered (inmail.respond), at its time.
CREATE OR REPLACE FUNCTION inmail.response_recorded() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
BEGIN
	IF EXISTS (SELECT 1 FROM inmail.thread t WHERE t.id = NEW.thread
		   AND t.candidate = NEW.sender AND t.responded_at IS NULL) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a first response is recorded by inmail.respond');
	END IF;
	RETURN NULL;
END
$$;
-- (CREATE OR REPLACE does not apply to constraint triggers.)
DO $ct$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'response_recorded'
		       AND tgrelid = 'inmail.message'::regclass) THEN
		CREATE CONSTRAINT TRIGGER response_recorded AFTER INSERT ON inmail.message
			DEFERRABLE INITIALLY DEFERRED
			FOR EACH ROW EXECUTE FUNCTION inmail.response_recorded();
	END IF;
END
$ct$;

-- A thread is created with its InMail: at the end of the transaction
-- that creates it, it holds one.
CREATE OR REPLACE FUNCTION inmail.thread_has_inmail() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	newest bigint;
BEGIN
	-- Counted at commit: a policy reads the table as it was before its
	-- statement, so one INSERT of many rows passed has_messages and
	-- pending_to for each (attack4 F1, F2).
	IF (SELECT count(*) FROM (SELECT 1 FROM inmail.message m WHERE m.thread = NEW.id
		AND m.kind = inmail.kind_inmail() LIMIT 2) x) <> 1 THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a thread is created with its InMail, its only one');
	END IF;
	-- a person's (trusted sessions, copy's among them, are left alone),
	-- as pending_to: the window's rule is read only when there is a
	-- thread to judge by it
	IF pg_has_role(session_user, 'inmail_owner', 'MEMBER') THEN
		RETURN NULL;
	END IF;
	SELECT max(t.created_at) INTO newest FROM inmail.thread t
	 WHERE t.recruiter = NEW.recruiter AND t.candidate = NEW.candidate
	   AND t.id <> NEW.id AND t.responded_at IS NULL;
	IF newest IS NOT NULL AND newest >= NEW.created_at - inmail.credit_window() THEN
		PERFORM inmail.refuse('IM077', 'not permitted: one pending InMail per candidate');
	END IF;
	RETURN NULL;
END
$$;
DO $ct$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'thread_has_inmail'
		       AND tgrelid = 'inmail.thread'::regclass) THEN
		CREATE CONSTRAINT TRIGGER thread_has_inmail AFTER INSERT ON inmail.thread
			DEFERRABLE INITIALLY DEFERRED
			FOR EACH ROW EXECUTE FUNCTION inmail.thread_has_inmail();
	END IF;
END
$ct$;

-- A person's response is recorded whole by the end of its transaction
-- (SPEC 3): its system line, the recruiter's notification, and the rate
-- standing of each counted message.  A hand-made response skipped them
-- and left its InMail counted as unanswered (attack2 P4).  Sessions
-- trusted with every account (the owner's, admins', a superuser's) are
-- left alone, as copy's rows are.
CREATE OR REPLACE FUNCTION inmail.response_whole() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
BEGIN
	IF pg_has_role(session_user, 'inmail_owner', 'MEMBER') THEN
		RETURN NULL;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM inmail.message m WHERE m.thread = NEW.id
		       AND m.kind = inmail.kind_system())
	   OR NOT EXISTS (SELECT 1 FROM inmail.notification n WHERE n.thread = NEW.id)
	   OR EXISTS (SELECT 1 FROM inmail.message m WHERE m.thread = NEW.id
		      AND m.counted AND m.rate = inmail.rate_pending()) THEN
		PERFORM inmail.refuse('IM077', format('not permitted: the response to thread %s '
			'is recorded with its system line, its notification and its '
			'messages'' standing in the rate', NEW.id));
	END IF;
	RETURN NULL;
END
$$;
DO $ct$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'response_whole'
		       AND tgrelid = 'inmail.thread'::regclass) THEN
		CREATE CONSTRAINT TRIGGER response_whole AFTER UPDATE ON inmail.thread
			DEFERRABLE INITIALLY DEFERRED
			FOR EACH ROW WHEN (OLD.responded_at IS NULL AND NEW.responded_at IS NOT NULL)
			EXECUTE FUNCTION inmail.response_whole();
	END IF;
END
$ct$;

-- A counted message's rate standing: set once, at the response, to what
-- the response's time makes it (responded within the 30 days, inclusive).
CREATE OR REPLACE FUNCTION inmail.rate_guard() RETURNS trigger
	LANGUAGE plpgsql SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	answered bigint;
BEGIN
	IF inmail.is_owner() OR NEW.rate = OLD.rate THEN
		RETURN NEW;
	END IF;
	SELECT responded_at INTO answered FROM inmail.thread WHERE id = OLD.thread;
	IF OLD.rate <> inmail.rate_pending() OR answered IS NULL
	   OR NEW.rate <> (CASE WHEN answered - OLD.sent_at <= inmail.rate_window()
				THEN inmail.rate_responded()
				ELSE inmail.rate_unanswered() END) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a message''s standing in the rate follows its response');
	END IF;
	RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER rate_guard BEFORE UPDATE ON inmail.message
	FOR EACH ROW EXECUTE FUNCTION inmail.rate_guard();

-- Whether t has come: on a server-clock database by the server's clock;
-- on a --client-clock one the client's clock is the clock, and any time
-- may have (as time_ok takes any time there).
CREATE OR REPLACE FUNCTION inmail.reached(t bigint) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
	RETURN (SELECT value FROM inmail.setting WHERE key = 'clock') = 'client'
	       OR t <= floor(extract(epoch FROM clock_timestamp()))::bigint;

-- Whether the acting recruiter's measure at `at` is below the guardrail's
-- (src/model/guardrail.c's below_now, from the rows: at least 100
-- InMails created since at - 14 d, responses to fewer than 13 %).  One's
-- own only: a definer for the index, as counted_between.
CREATE OR REPLACE FUNCTION inmail.guardrail_below(at bigint) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
	RETURN (SELECT sent >= inmail.guardrail_min_sent()
		       AND (sent - unanswered) * 100 < inmail.guardrail_percent() * sent
		FROM (SELECT count(*) AS sent,
			     count(*) FILTER (WHERE t.responded_at IS NULL) AS unanswered
		      FROM inmail.thread t WHERE t.recruiter = inmail.me()
		      AND t.created_at >= at - inmail.guardrail_window()) x);

-- The 13 % guardrail (SPEC 9) moves only as src/model/guardrail.c moves
-- it: a warning starts now (none, or the last episode over) when the
-- measure is below; 7 days on, it becomes the restriction to exactly
-- since + 21 d if the measure is still below, else it ends; a
-- restriction ends once its until has come.  A restricted recruiter
-- cleared or shortened their own restriction (attack2 P2).  The model's
-- now is the transaction's now() on a server-clock database; on a
-- --client-clock one a clear or a restriction carries no time of the
-- client's to judge the measure at, and only a warning's (its since) is.
CREATE OR REPLACE FUNCTION inmail.guardrail_guard() RETURNS trigger
	LANGUAGE plpgsql SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	was_since bigint;
	was_until bigint;
	grace bigint := inmail.guardrail_grace();
	span bigint := inmail.guardrail_grace() + inmail.guardrail_restriction();
	client boolean := (SELECT value FROM inmail.setting WHERE key = 'clock') = 'client';
	at_now bigint := floor(extract(epoch FROM now()))::bigint;
BEGIN
	-- the owner's and the sessions trusted with every account (admins,
	-- a superuser), as for response_whole
	IF inmail.is_owner() OR pg_has_role(session_user, 'inmail_owner', 'MEMBER') THEN
		RETURN NEW;
	END IF;
	IF TG_OP = 'UPDATE' THEN
		was_since := OLD.since;
		was_until := OLD.until;
	ELSIF EXISTS (SELECT 1 FROM inmail.guardrail g WHERE g.recruiter = NEW.recruiter) THEN
		-- an upsert of an existing row: its UPDATE is checked
		RETURN NEW;
	END IF;
	IF (NEW.since, NEW.until) IS NOT DISTINCT FROM (was_since, was_until) THEN
		RETURN NEW;
	END IF;
	IF NEW.since IS NULL AND NEW.until IS NULL
	   -- the episode ends: the warning's 7 days, or the restriction, over
	   AND was_since IS NOT NULL
	   AND inmail.reached(coalesce(was_until, was_since + grace))
	   AND (client OR NOT inmail.guardrail_below(at_now))
	   OR NEW.since IS NOT DISTINCT FROM was_since AND was_until IS NULL
	   -- the restriction, 7 days after the warning, for exactly 14 days
	   AND NEW.until = was_since + span AND inmail.reached(was_since + grace)
	   AND (client OR inmail.guardrail_below(at_now))
	   OR NEW.since IS NOT NULL AND NEW.until IS NULL
	   -- a new warning, now, once any episode is over
	   AND inmail.time_ok(NEW.since)
	   AND (was_since IS NULL OR NEW.since >= coalesce(was_until, was_since + span))
	   AND inmail.guardrail_below(NEW.since) THEN
		RETURN NEW;
	END IF;
	PERFORM inmail.refuse('IM077', 'not permitted: the guardrail moves only as inmail observes it');
	RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER guardrail_guard BEFORE INSERT OR UPDATE ON inmail.guardrail
	FOR EACH ROW EXECUTE FUNCTION inmail.guardrail_guard();

-- ---- 4. the cross-account effects: narrow SECURITY DEFINER functions ----
-- Each locks the rows it decides on, checks its precondition, and does
-- one thing.  A thread is locked FOR NO KEY UPDATE, as an UPDATE of it
-- locks it: FOR UPDATE would wait on the key-share lock another
-- session's new message holds, and deadlock with it.  EXECUTE is granted to PUBLIC (a login that is no account's
-- is refused inside) or to inmail_admin.

-- Spends n credits of the acting recruiter's balance for the n threads
-- this transaction will create (SPEC 3: all or nothing; with too few,
-- nothing).  Returns the balance left.
CREATE OR REPLACE FUNCTION inmail.spend(n bigint) RETURNS bigint
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	me bigint := inmail.me();
	b inmail.balance;
BEGIN
	IF me IS NULL OR inmail.my_role() <> inmail.role_recruiter() THEN
		PERFORM inmail.refuse('IM077', 'not permitted: only recruiters spend InMail credits');
	END IF;
	IF n IS NULL OR n < 1 THEN
		PERFORM inmail.refuse('IM065', 'a spend is of one credit or more');
	END IF;
	SELECT * INTO b FROM inmail.balance WHERE account = me FOR UPDATE;
	-- A recorded restriction (SPEC 9) allows one InMail a transaction:
	-- one spend of one (a second spend finds paid_xact its own).
	IF (n > 1 OR b.paid_xact = pg_current_xact_id())
	   AND EXISTS (SELECT 1 FROM inmail.guardrail g WHERE g.recruiter = me
		       AND g.until IS NOT NULL AND NOT inmail.reached(g.until)) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: sending to more than '
			'one candidate at once is restricted (the 13 % guardrail); '
			'one-to-one InMail is allowed');
	END IF;
	IF NOT FOUND OR b.credits < n * inmail.inmail_cost() THEN
		PERFORM inmail.refuse('IM069', format('not enough InMail credits: %s needed, %s left; nothing was sent',
						      n * inmail.inmail_cost(), b.credits));
	END IF;
	UPDATE inmail.balance
	   SET credits = credits - n * inmail.inmail_cost(),
	       paid_threads = CASE WHEN paid_xact = pg_current_xact_id()
				   THEN paid_threads + n ELSE n END,
	       paid_xact = pg_current_xact_id()
	 WHERE account = me
	RETURNING credits INTO b.credits;
	RETURN b.credits;
END
$$;

-- A person's own draft of thread (0: a new InMail), and own template by
-- name, removed: through these, as a table-level DELETE would let its
-- holder LOCK the table (see the grants).  The rows removed, 0 or 1.
CREATE OR REPLACE FUNCTION inmail.draft_discard(thread bigint) RETURNS bigint
	LANGUAGE sql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
BEGIN ATOMIC
	WITH d AS (DELETE FROM inmail.draft WHERE account = inmail.me()
		   AND draft.thread = draft_discard.thread RETURNING 1)
	SELECT count(*) FROM d;
END;
CREATE OR REPLACE FUNCTION inmail.template_delete(name text) RETURNS bigint
	LANGUAGE sql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
BEGIN ATOMIC
	WITH d AS (DELETE FROM inmail.template WHERE account = inmail.me()
		   AND template.name = template_delete.name RETURNING 1)
	SELECT count(*) FROM d;
END;

-- Records the candidate's response to thread: once (a second is "already
-- answered"), after the candidate's first message (inserted just before,
-- at responded_at), with an outcome SPEC 2 allows, and the credit back
-- (SPEC 3) exactly when the response came within the 90 days.  Cancels
-- the automated follow-up.
CREATE OR REPLACE FUNCTION inmail.respond(thread bigint, state smallint,
					  response smallint, responded_at bigint,
					  blocked boolean, refunded boolean)
	RETURNS void LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	t inmail.thread;
	m inmail.message;
BEGIN
	SELECT * INTO t FROM inmail.thread WHERE id = respond.thread FOR NO KEY UPDATE;
	IF NOT FOUND OR t.candidate IS DISTINCT FROM inmail.me() THEN
		PERFORM inmail.refuse('IM077', format('not permitted: only the candidate of thread %s answers it', respond.thread));
	END IF;
	IF t.responded_at IS NOT NULL THEN
		PERFORM inmail.refuse('IM077', format('not permitted: thread %s is already answered', t.id));
	END IF;
	SELECT * INTO m FROM inmail.message WHERE id = t.last_from_candidate;
	IF NOT FOUND OR m.thread <> t.id OR m.sent_at <> respond.responded_at
	   OR EXISTS (SELECT 1 FROM inmail.message x WHERE x.thread = t.id
		      AND x.sender = t.candidate AND x.id <> m.id) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: the response is the candidate''s first message, written at its time');
	END IF;
	IF respond.state NOT IN (inmail.state_accepted(), inmail.state_declined())
	   OR respond.response NOT IN (inmail.response_smart_template(),
				       inmail.response_smart_edited(),
				       inmail.response_custom())
	   -- a custom response is as its classification says
	   OR (respond.response = inmail.response_custom()) <> (m.label IS NOT NULL)
	   OR respond.response = inmail.response_custom()
	      AND respond.state <> (CASE m.label WHEN inmail.label_accept()
				    THEN inmail.state_accepted() ELSE inmail.state_declined() END)
	   -- a smart reply sent as it is is its template, whitespace at the
	   -- ends aside; edited, it is not (SPEC 2)
	   OR respond.response IN (inmail.response_smart_template(),
				   inmail.response_smart_edited())
	      AND (btrim(m.body, E' \t\n\r') = (CASE respond.state
			WHEN inmail.state_accepted() THEN inmail.template_yes()
			ELSE inmail.template_no() END))
		  <> (respond.response = inmail.response_smart_template())
	   -- only a templated "No thanks" blocks
	   OR respond.blocked IS DISTINCT FROM (respond.state = inmail.state_declined()
					       AND respond.response = inmail.response_smart_template())
	   OR respond.refunded IS DISTINCT FROM
	      (respond.responded_at - t.created_at <= inmail.credit_window()) THEN
		PERFORM inmail.refuse('IM065', 'a response inmail never records');
	END IF;
	UPDATE inmail.thread
	   SET state = respond.state, response = respond.response,
	       responded_at = respond.responded_at, blocked = respond.blocked,
	       refunded = respond.refunded, followup_at = NULL, followup_body = NULL
	 WHERE id = t.id;
	IF respond.refunded THEN
		-- A balance no inmail writes comes near (another program's):
		-- said as what it is, not as a bigint overflow (SQLite's
		-- driver says the same).
		UPDATE inmail.balance SET credits = credits + inmail.inmail_cost()
		 WHERE account = t.recruiter
		   AND credits <= 9223372036854775807 - inmail.inmail_cost();
		IF NOT FOUND THEN
			PERFORM inmail.refuse('IM065', format('the balance of %s holds a value inmail never writes; another program changed the database',
				(SELECT a.handle FROM inmail.account a WHERE a.id = t.recruiter)));
		END IF;
	END IF;
END
$$;

-- The text inmail writes for thread t's response (src/model/reply.c's
-- model_notification_text: the state's format, the candidate's name).
CREATE OR REPLACE FUNCTION inmail.response_text(t inmail.thread) RETURNS text
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
	RETURN format(CASE t.state WHEN inmail.state_accepted() THEN inmail.notify_accepted()
			ELSE inmail.notify_declined() END,
		      (SELECT a.name FROM inmail.account a WHERE a.id = t.candidate));

-- The system line of a response (the notification's text, in the
-- thread): once per thread (the unique index message_one_system), by its
-- candidate, at the response's time, inmail's text for it (a candidate
-- wrote phishing there, attack2 P3).  Returns the message id.
CREATE OR REPLACE FUNCTION inmail.system_line(thread bigint, body text, sent_at bigint)
	RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	t inmail.thread;
	mid bigint;
BEGIN
	SELECT * INTO t FROM inmail.thread WHERE inmail.thread.id = system_line.thread FOR NO KEY UPDATE;
	IF NOT FOUND OR t.candidate IS DISTINCT FROM inmail.me() OR t.responded_at IS NULL
	   OR t.responded_at <> system_line.sent_at THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a system line is the response''s, by its candidate');
	END IF;
	IF system_line.body IS DISTINCT FROM inmail.response_text(t) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a system line is inmail''s text for the response');
	END IF;
	INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
	     VALUES (t.id, NULL, inmail.kind_system(), system_line.body, system_line.sent_at)
	  RETURNING inmail.message.id INTO mid;
	UPDATE inmail.thread SET updated_at = greatest(updated_at, system_line.sent_at),
	       last_message = mid
	 WHERE inmail.thread.id = t.id;
	RETURN mid;
END
$$;

-- The recruiter's notification of a response (SPEC 3): once per thread
-- (UNIQUE), by its candidate, at the response's time, inmail's text.
CREATE OR REPLACE FUNCTION inmail.notify(thread bigint, text text, created_at bigint)
	RETURNS void LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	t inmail.thread;
BEGIN
	SELECT * INTO t FROM inmail.thread WHERE id = notify.thread FOR NO KEY UPDATE;
	IF NOT FOUND OR t.candidate IS DISTINCT FROM inmail.me() OR t.responded_at IS NULL
	   OR t.responded_at <> notify.created_at THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a notification is of a response, by its candidate');
	END IF;
	IF notify.text IS DISTINCT FROM inmail.response_text(t) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a notification is inmail''s text for the response');
	END IF;
	INSERT INTO inmail.notification (recruiter, thread, text, created_at)
	     VALUES (t.recruiter, t.id, notify.text, notify.created_at)
	ON CONFLICT DO NOTHING;
	IF NOT FOUND THEN
		PERFORM inmail.refuse('IM077', format('not permitted: thread %s is already notified', t.id));
	END IF;
END
$$;

-- Lifts a templated-only block (SPEC 2): by the candidate, once they have
-- written something after the response.
CREATE OR REPLACE FUNCTION inmail.unblock(thread bigint) RETURNS void
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	t inmail.thread;
BEGIN
	SELECT * INTO t FROM inmail.thread WHERE id = unblock.thread FOR NO KEY UPDATE;
	IF NOT FOUND OR t.candidate IS DISTINCT FROM inmail.me() THEN
		PERFORM inmail.refuse('IM077', 'not permitted: only the candidate lifts a block');
	END IF;
	IF NOT t.blocked THEN
		RETURN;
	END IF;
	IF (SELECT count(*) FROM (SELECT 1 FROM inmail.message m WHERE m.thread = t.id
				  AND m.sender = t.candidate LIMIT 2) two) < 2 THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a block lifts when the candidate writes after the response');
	END IF;
	UPDATE inmail.thread SET blocked = false WHERE id = t.id;
END
$$;

-- Sends a thread's automated follow-up that fell due (SPEC 3), as its
-- recruiter, at its due time: by either participant (a command catches up
-- its account's threads), only while pending, only once due.  Returns the
-- message id.
CREATE OR REPLACE FUNCTION inmail.send_due_followup(thread bigint) RETURNS bigint
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	t inmail.thread;
	mid bigint;
BEGIN
	SELECT * INTO t FROM inmail.thread WHERE inmail.thread.id = send_due_followup.thread FOR NO KEY UPDATE;
	IF NOT FOUND OR inmail.me() IS NULL OR inmail.me() NOT IN (t.recruiter, t.candidate) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: not a participant of this thread');
	END IF;
	IF t.followup_at IS NULL OR t.responded_at IS NOT NULL
	   OR NOT (inmail.time_ok(t.followup_at) OR t.followup_at <= extract(epoch FROM now())) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: no automated follow-up is due in this thread');
	END IF;
	INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
	     VALUES (t.id, t.recruiter, inmail.kind_followup(), t.followup_body, t.followup_at)
	  RETURNING inmail.message.id INTO mid;
	UPDATE inmail.thread
	   SET updated_at = greatest(updated_at, t.followup_at), last_message = mid,
	       last_from_recruiter = mid, seen_by_recruiter = mid,
	       followup_at = NULL, followup_body = NULL
	 WHERE inmail.thread.id = t.id;
	RETURN mid;
END
$$;

-- Admins: an account for an existing login role (user add creates the
-- role first, with the admin's own CREATEROLE).  Returns the id.
CREATE OR REPLACE FUNCTION inmail.account_add(handle text, name text, role smallint,
					      credits bigint, login text, created_at bigint)
	RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	new_id bigint;
BEGIN
	IF NOT inmail.is_admin() THEN
		PERFORM inmail.refuse('IM077', 'not permitted: adding accounts is for members of inmail_admin');
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = account_add.login) THEN
		PERFORM inmail.refuse('IM066', format('no such login role: %s', account_add.login));
	END IF;
	IF credits IS NULL OR credits < 0 OR credits > inmail.credits_max()
	   OR role = inmail.role_candidate() AND credits <> 0 THEN
		PERFORM inmail.refuse('IM065', 'a balance inmail never grants');
	END IF;
	INSERT INTO inmail.account (handle, name, role, login, created_at)
	     VALUES (account_add.handle, account_add.name, account_add.role,
		     account_add.login, account_add.created_at)
	  RETURNING inmail.account.id INTO new_id;
	INSERT INTO inmail.balance (account, credits) VALUES (new_id, account_add.credits);
	IF account_add.credits > 0 THEN
		INSERT INTO inmail.ledger (account, kind, amount, thread, at)
		     VALUES (new_id, inmail.ledger_grant(), account_add.credits, NULL,
			     account_add.created_at);
	END IF;
	RETURN new_id;
EXCEPTION WHEN unique_violation THEN
	PERFORM inmail.refuse('IM065', format('the handle ''%s'' or the login ''%s'' is taken',
					      account_add.handle, account_add.login));
	RETURN NULL;
END
$$;

-- Admins: n credits to a recruiter, the balance never past the cap on
-- grants (SPEC 5).  Returns the new balance.
CREATE OR REPLACE FUNCTION inmail.credits_grant(account bigint, n bigint) RETURNS bigint
	LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	c bigint;
BEGIN
	IF NOT inmail.is_admin() THEN
		PERFORM inmail.refuse('IM077', 'not permitted: granting credits is for members of inmail_admin');
	END IF;
	IF NOT EXISTS (SELECT 1 FROM inmail.account a WHERE a.id = credits_grant.account
		       AND a.role = inmail.role_recruiter()) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: only recruiters have InMail credits');
	END IF;
	SELECT credits INTO c FROM inmail.balance b WHERE b.account = credits_grant.account FOR UPDATE;
	IF n IS NULL OR n < 1 OR n > inmail.credits_max() OR c > inmail.credits_max() - n THEN
		PERFORM inmail.refuse('IM065', format('a grant may not take a balance past %s credits', inmail.credits_max()));
	END IF;
	UPDATE inmail.balance b SET credits = b.credits + n
	 WHERE b.account = credits_grant.account RETURNING b.credits INTO c;
	INSERT INTO inmail.ledger (account, kind, amount, thread, at)
	     VALUES (credits_grant.account, inmail.ledger_grant(), n, NULL,
		     floor(extract(epoch FROM now()))::bigint);
	RETURN c;
END
$$;

-- ---- the credit ledger (SPEC 9): a person's rows ----
-- Each records a change the person's own command made, checked against
-- it; the amounts must add up to the balance's change by the end of the
-- transaction (balance_ledgered), so no row can make or lose a credit.
-- One row of a kind per thread (the unique index ledger_thread_kind).

-- Whether t is not ahead of the server's clock (any time on a
-- --client-clock database).
CREATE OR REPLACE FUNCTION inmail.not_ahead(t bigint) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
	RETURN t BETWEEN inmail.time_min() AND inmail.time_max()
	       AND ((SELECT value FROM inmail.setting WHERE key = 'clock') = 'client'
		    OR t <= floor(extract(epoch FROM clock_timestamp()))::bigint);

-- The credit a recruiter's new InMail cost (inmail.spend took it), at
-- the thread's creation.
CREATE OR REPLACE FUNCTION inmail.note_spend(thread bigint, amount bigint, at bigint)
	RETURNS void LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	t inmail.thread;
BEGIN
	SELECT * INTO t FROM inmail.thread WHERE id = note_spend.thread;
	IF NOT FOUND OR t.recruiter IS DISTINCT FROM inmail.me()
	   OR note_spend.amount IS DISTINCT FROM -inmail.inmail_cost()
	   OR note_spend.at IS DISTINCT FROM t.created_at THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a spend is the credit of one''s new InMail, at its time');
	END IF;
	INSERT INTO inmail.ledger (account, kind, amount, thread, at)
	     VALUES (t.recruiter, inmail.ledger_spend(), note_spend.amount, t.id, t.created_at);
END
$$;

-- The credit back of a response (inmail.respond gave it), by its
-- candidate, to the thread's recruiter, at the response's time.
CREATE OR REPLACE FUNCTION inmail.note_credit_back(thread bigint, amount bigint, at bigint)
	RETURNS void LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	t inmail.thread;
BEGIN
	SELECT * INTO t FROM inmail.thread WHERE id = note_credit_back.thread;
	IF NOT FOUND OR t.candidate IS DISTINCT FROM inmail.me() OR NOT t.refunded
	   OR note_credit_back.amount IS DISTINCT FROM inmail.inmail_cost()
	   OR note_credit_back.at IS DISTINCT FROM t.responded_at THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a credit back is a response''s, by its candidate, at its time');
	END IF;
	INSERT INTO inmail.ledger (account, kind, amount, thread, at)
	     VALUES (t.recruiter, inmail.ledger_credit_back(), inmail.inmail_cost(),
		     t.id, t.responded_at);
END
$$;

-- A forfeit (SPEC 3): the recruiter's thread with no credit back, at the
-- first second after its 90 days, once they have passed; amount 0.
CREATE OR REPLACE FUNCTION inmail.note_forfeit(thread bigint, amount bigint, at bigint)
	RETURNS void LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	t inmail.thread;
BEGIN
	SELECT * INTO t FROM inmail.thread WHERE id = note_forfeit.thread;
	IF NOT FOUND OR t.recruiter IS DISTINCT FROM inmail.me() OR t.refunded
	   OR note_forfeit.amount IS DISTINCT FROM 0
	   OR note_forfeit.at IS DISTINCT FROM t.created_at + inmail.credit_window() + 1
	   OR NOT inmail.not_ahead(note_forfeit.at) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: a forfeit is of one''s thread whose 90 days passed without a credit back');
	END IF;
	INSERT INTO inmail.ledger (account, kind, amount, thread, at)
	     VALUES (t.recruiter, inmail.ledger_forfeit(), 0, t.id, note_forfeit.at);
END
$$;

-- The first of the month (00:00:00 UTC) after t, as the model's
-- model_next_first; 0 past inmail's range (no next).
CREATE OR REPLACE FUNCTION inmail.next_first(t bigint) RETURNS bigint
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, inmail, pg_temp
	RETURN (SELECT CASE WHEN n <= inmail.time_max() THEN n ELSE 0 END
		FROM (SELECT extract(epoch FROM date_trunc('month', to_timestamp(t) AT TIME ZONE 'UTC')
				     + interval '1 month')::bigint AS n) x);

-- One month of the acting recruiter's allotment (SPEC 9): at the first
-- it was due (not ahead of the clock), at most N and never past the cap
-- (IM_ALLOT_CAP x N), added to the balance with its row; next_at the
-- first of the month after it (or 0: none), the server's own reckoning:
-- a caller's "next month" a second later was another allotment at will
-- (attack2 P1).  The row is locked, so two sessions give it once.
CREATE OR REPLACE FUNCTION inmail.allotment_arrive(at bigint, amount bigint, next_at bigint)
	RETURNS void LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	me bigint := inmail.me();
	a inmail.allotment;
	c bigint;
BEGIN
	SELECT * INTO a FROM inmail.allotment x WHERE x.account = me FOR UPDATE;
	SELECT credits INTO c FROM inmail.balance WHERE account = me FOR UPDATE;
	IF NOT FOUND OR a.account IS NULL OR a.amount = 0
	   OR a.next_at IS DISTINCT FROM allotment_arrive.at
	   OR NOT inmail.not_ahead(allotment_arrive.at)
	   OR allotment_arrive.amount NOT BETWEEN 1 AND a.amount
	   -- The cap is on the balance as of the first (attack2 F3): less
	   -- the rows dated after it (a credit back recorded since).
	   OR c - coalesce((SELECT sum(l.amount) FROM inmail.ledger l
			     WHERE l.account = me AND l.at > allotment_arrive.at), 0)
	      + allotment_arrive.amount > inmail.allot_cap() * a.amount
	   OR inmail.next_first(allotment_arrive.at - 1) <> allotment_arrive.at
	   OR allotment_arrive.next_at IS DISTINCT FROM inmail.next_first(allotment_arrive.at) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: an allotment arrives once a month, as the admin set it, up to its cap');
	END IF;
	UPDATE inmail.balance SET credits = credits + allotment_arrive.amount WHERE account = me;
	INSERT INTO inmail.ledger (account, kind, amount, thread, at)
	     VALUES (me, inmail.ledger_allotment(), allotment_arrive.amount, NULL,
		     allotment_arrive.at);
	UPDATE inmail.allotment x SET next_at = nullif(allotment_arrive.next_at, 0)
	 WHERE x.account = me;
END
$$;

-- The acting recruiter's marks, only forward: the next arrival moved past
-- months that add nothing, to a first of a month (0: none), and the
-- forfeits recorded up to.
CREATE OR REPLACE FUNCTION inmail.allotment_marks(next_at bigint, forfeits_from bigint)
	RETURNS void LANGUAGE plpgsql SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
DECLARE
	me bigint := inmail.me();
	a inmail.allotment;
BEGIN
	IF me IS NULL OR inmail.my_role() <> inmail.role_recruiter() THEN
		PERFORM inmail.refuse('IM077', 'not permitted: only recruiters have InMail credits');
	END IF;
	SELECT * INTO a FROM inmail.allotment x WHERE x.account = me FOR UPDATE;
	IF NOT FOUND THEN
		a.next_at := NULL;
		a.forfeits_from := 0;
	END IF;
	IF allotment_marks.forfeits_from < a.forfeits_from
	   OR NOT inmail.not_ahead(greatest(allotment_marks.forfeits_from, 1))
	   OR allotment_marks.next_at <> 0 AND (a.next_at IS NULL
						OR allotment_marks.next_at < a.next_at
						OR inmail.next_first(allotment_marks.next_at - 1)
						   <> allotment_marks.next_at) THEN
		PERFORM inmail.refuse('IM077', 'not permitted: an allotment''s marks only move forward');
	END IF;
	INSERT INTO inmail.allotment AS x (account, amount, next_at, forfeits_from)
	     VALUES (me, 0, NULL, allotment_marks.forfeits_from)
	ON CONFLICT (account) DO UPDATE
	   SET next_at = nullif(allotment_marks.next_at, 0),
	       forfeits_from = allotment_marks.forfeits_from;
END
$$;

-- Who may call what.
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA inmail FROM PUBLIC;
GRANT EXECUTE ON FUNCTION inmail.me(), inmail.my_role(), inmail.is_admin(),
	inmail.is_owner(), inmail.time_ok(bigint), inmail.refuse(text, text),
	inmail.take_paid_thread(bigint), inmail.thread_guard(), inmail.thread_paid(),
	inmail.person_serializable(), inmail.block_lifted(),
	inmail.rate_guard(), inmail.response_recorded(), inmail.thread_has_inmail(),
	inmail.has_messages(bigint), inmail.pending_to(bigint, bigint),
	inmail.reached(bigint), inmail.guardrail_below(bigint),
	inmail.guardrail_guard(), inmail.response_whole(),
	inmail.response_text(inmail.thread),
	inmail.spend(bigint), inmail.draft_discard(bigint), inmail.template_delete(text),
	inmail.respond(bigint, smallint, smallint, bigint, boolean, boolean),
	inmail.system_line(bigint, text, bigint), inmail.notify(bigint, text, bigint),
	inmail.unblock(bigint), inmail.send_due_followup(bigint),
	inmail.rule(text), inmail.rate_window(), inmail.credit_window(),
	inmail.not_ahead(bigint), inmail.next_first(bigint),
	inmail.note_spend(bigint, bigint, bigint),
	inmail.note_credit_back(bigint, bigint, bigint),
	inmail.note_forfeit(bigint, bigint, bigint),
	inmail.allotment_arrive(bigint, bigint, bigint),
	inmail.allotment_marks(bigint, bigint)
	TO PUBLIC;
-- Search (SPEC 9): the folding every write of a text runs (the index
-- columns are generated from it), a word's tsquery, and a person's ids
-- of their own threads holding a word (a definer: the GIN indexes).
GRANT EXECUTE ON FUNCTION inmail.fold(text),
	inmail.search_query(text, boolean, boolean),
	inmail.search_ids(text, boolean, boolean) TO PUBLIC;
GRANT EXECUTE ON FUNCTION
	inmail.account_add(text, text, smallint, bigint, text, bigint),
	inmail.credits_grant(bigint, bigint) TO inmail_admin;
-- The enum values (enums.sql) are read by CHECKs, policies and the driver.
DO $enums$
DECLARE
	f regprocedure;
BEGIN
	FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
		 JOIN pg_namespace n ON n.oid = p.pronamespace
		 WHERE n.nspname = 'inmail' AND p.pronargs = 0
		 AND p.provolatile = 'i' LOOP
		EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO PUBLIC', f);
	END LOOP;
END
$enums$;

-- A person's search ids (schema.sql's, redefined here with the guards):
-- system lines are the recruiter's to search (SPEC 9; the model counts
-- them for the recruiter's side only), and search_ids_of reads them on
-- the recruiter's side whatever system_lines says, so a person's search
-- never asks for them: a candidate's system_lines = true matched words
-- only in the system lines (attack2 P5).
CREATE OR REPLACE FUNCTION inmail.search_ids(word text, prefix boolean, system_lines boolean)
	RETURNS bigint[] LANGUAGE plpgsql STABLE SECURITY DEFINER PARALLEL SAFE
	SET search_path = pg_catalog, inmail, pg_temp
AS $sd$
BEGIN
	RETURN inmail.search_ids_of(inmail.me(), word, prefix, false);
END
$sd$;

-- ---- issue 14: the rate window's boundary day, read as the owner ----

-- A recruiter's counted messages at a rate standing sent in [from_at,
-- to_at): the boundary day of the 30-day window (stats).  As a person,
-- message's policy (a participant's thread) is a per-row subquery that
-- the planner can only hash over every thread of the recruiter: 100,000
-- of them, 130 ms, at the 1M benchmark.  Here the join to thread by its
-- key decides whose the messages are, among the day's few.  Only one's
-- own counts, or the owner's (init, copy, a superuser: trusted with all).
CREATE OR REPLACE FUNCTION inmail.counted_between(who bigint, standing smallint,
						  from_at bigint, to_at bigint)
	RETURNS bigint LANGUAGE plpgsql STABLE SECURITY DEFINER
	SET search_path = pg_catalog, inmail, pg_temp
AS $$
BEGIN
	IF who IS DISTINCT FROM inmail.me()
	   AND NOT pg_has_role(session_user, 'inmail_owner', 'MEMBER') THEN
		PERFORM inmail.refuse('IM077', 'not permitted: another '
				      'recruiter''s counts');
	END IF;
	RETURN (SELECT count(*) FROM inmail.message m
		JOIN inmail.thread t ON t.id = m.thread
		WHERE t.recruiter = who AND m.counted AND m.rate = standing
		  AND m.sent_at >= from_at AND m.sent_at < to_at);
END
$$;
REVOKE ALL ON FUNCTION inmail.counted_between(bigint, smallint, bigint, bigint)
	FROM PUBLIC;
GRANT EXECUTE ON FUNCTION inmail.counted_between(bigint, smallint, bigint, bigint)
	TO PUBLIC;

RESET ROLE;
