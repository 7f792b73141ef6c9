#!/bin/sh
# The hot queries use an index under the policies (SPEC 6: cost per key
# does not grow with the data): each query a screen or command runs, as
# the driver will write it, EXPLAINed as a person, must neither scan a
# table nor sort it.  Plans with enable_seqscan and enable_sort off show
# whether an index can serve a query at all, whatever the table's size;
# the planner chooses them by itself at a million rows.  Run under
# pg_server.sh.
set -u
: "${PSQL:?run under pg_server.sh}"
failed=0
passed=0
plan=$(mktemp)
trap 'rm -f "$plan"' EXIT

"$PSQL" -X -q -1 -v ON_ERROR_STOP=1 -U "$INMAIL_PG_SUPER" >/dev/null <<'SQL' || exit 1
CREATE ROLE rita LOGIN PASSWORD 'pw-rita';
CREATE ROLE jose LOGIN PASSWORD 'pw-jose';
-- A world written as the owner would copy it in (src/store/pg/README:
-- the triggers off, the tallies rebuilt): 2 recruiters, 100 candidates,
-- 4,000 threads of 2 or 3 messages, a notification per answer.
SET ROLE inmail_owner;
ALTER TABLE inmail.thread DISABLE TRIGGER USER;
ALTER TABLE inmail.message DISABLE TRIGGER USER;
ALTER TABLE inmail.notification DISABLE TRIGGER USER;
INSERT INTO inmail.account (id, handle, name, role, login, created_at)
SELECT i, 'u' || i, 'User ' || i,
       CASE WHEN i <= 2 THEN inmail.role_recruiter() ELSE inmail.role_candidate() END,
       CASE i WHEN 1 THEN 'rita' WHEN 3 THEN 'jose' ELSE 'u' || i END, 1767225600
FROM generate_series(1, 102) i;
INSERT INTO inmail.balance (account, credits) SELECT id, 10 FROM inmail.account;
INSERT INTO inmail.ledger (account, kind, amount, at)
SELECT id, inmail.ledger_grant(), 10, 1767225600 FROM inmail.account;
INSERT INTO inmail.thread (id, recruiter, candidate, subject, created_at, updated_at,
	state, response, responded_at, followup_at, followup_body, archived_by_recruiter)
SELECT i, 1 + i % 2, 3 + i % 100, 'Subject ' || i, 1767225600 + i * 600,
       1767225600 + i * 600 + 60,
       CASE WHEN i % 3 = 0 THEN inmail.state_accepted() ELSE inmail.state_pending() END,
       CASE WHEN i % 3 = 0 THEN inmail.response_custom() ELSE inmail.response_none() END,
       CASE WHEN i % 3 = 0 THEN 1767225600 + i * 600 + 60 END,
       CASE WHEN i % 3 = 1 THEN 1767225600 + i * 600 + 7 * 86400 END,
       CASE WHEN i % 3 = 1 THEN 'ping' END,
       i % 10 = 0
FROM generate_series(1, 4000) i;
INSERT INTO inmail.message (thread, sender, kind, body, sent_at)
SELECT t.id, CASE k WHEN 2 THEN t.candidate ELSE t.recruiter END,
       CASE k WHEN 0 THEN inmail.kind_inmail() WHEN 1 THEN inmail.kind_followup()
	      ELSE inmail.kind_message() END,
       'Body', t.created_at + k * 30
FROM inmail.thread t, generate_series(0, 2) k
WHERE k < 2 OR t.responded_at IS NOT NULL ORDER BY t.id, k;
-- A rare word for search (SPEC 9): in two messages and a subject.
UPDATE inmail.message SET body = 'Body, visa sponsored' WHERE id IN
	(SELECT min(id) FROM inmail.message WHERE thread IN (10, 20) GROUP BY thread);
UPDATE inmail.thread SET subject = 'Visa role' WHERE id = 30;
INSERT INTO inmail.notification (recruiter, thread, text, created_at)
SELECT recruiter, id, 'Candidate is interested', responded_at
FROM inmail.thread WHERE responded_at IS NOT NULL;
SELECT inmail.tally_rebuild();
ALTER TABLE inmail.thread ENABLE TRIGGER USER;
ALTER TABLE inmail.message ENABLE TRIGGER USER;
ALTER TABLE inmail.notification ENABLE TRIGGER USER;
RESET ROLE;
ANALYZE;
SQL

# explains NAME ROLE SQL: the plan of SQL as ROLE has no Seq Scan, no Sort.
explains() {
	name=$1
	PGPASSWORD="pw-$2" "$PSQL" -X -q -At -v ON_ERROR_STOP=1 -U "$2" \
		-c "SET enable_seqscan = off" -c "SET enable_sort = off" \
		-c "EXPLAIN $3" >"$plan" 2>&1
	if [ $? != 0 ]; then
		failed=$((failed + 1)); echo "FAIL: $name: cannot explain" >&2
		cat "$plan" >&2
	elif grep -Eq "Seq Scan|Sort" "$plan"; then
		failed=$((failed + 1)); echo "FAIL: $name: scans or sorts" >&2
		sed 's/^/    /' "$plan" >&2
	else
		passed=$((passed + 1))
	fi
}

T="SELECT t.id, t.subject, r.handle, c.name FROM inmail.thread t JOIN inmail.account r ON r.id = t.recruiter JOIN inmail.account c ON c.id = t.candidate"
explains "Inbox, first page" rita "$T WHERE t.recruiter = 1 AND NOT t.archived_by_recruiter AND t.responded ORDER BY t.updated_at DESC, t.id DESC LIMIT 50"
explains "Inbox, a page on" rita "$T WHERE t.recruiter = 1 AND NOT t.archived_by_recruiter AND t.responded AND (t.updated_at, t.id) < (1768000000, 1000) ORDER BY t.updated_at DESC, t.id DESC LIMIT 50"
explains "Inbox, a page back" rita "$T WHERE t.recruiter = 1 AND NOT t.archived_by_recruiter AND t.responded AND (t.updated_at, t.id) > (1768000000, 1000) ORDER BY t.updated_at ASC, t.id ASC LIMIT 50"
explains "Awaiting Reply" rita "$T WHERE t.recruiter = 1 AND NOT t.archived_by_recruiter AND NOT t.responded AND (t.created_at, t.id) < (1768000000, 1000) ORDER BY t.created_at DESC, t.id DESC LIMIT 50"
explains "Sent" rita "$T WHERE t.recruiter = 1 AND (t.created_at, t.id) < (1768000000, 1000) ORDER BY t.created_at DESC, t.id DESC LIMIT 50"
explains "the recruiter's Archived" rita "$T WHERE t.recruiter = 1 AND t.archived_by_recruiter ORDER BY t.updated_at DESC, t.id DESC LIMIT 50"
explains "Messages" jose "$T WHERE t.candidate = 3 AND NOT t.archived_by_candidate AND (t.updated_at, t.id) < (1768000000, 1000) ORDER BY t.updated_at DESC, t.id DESC LIMIT 50"
explains "the candidate's Archived" jose "$T WHERE t.candidate = 3 AND t.archived_by_candidate ORDER BY t.updated_at DESC, t.id DESC LIMIT 50"
explains "one thread" jose "$T WHERE t.id = 103"
explains "a thread's messages, a page" jose "SELECT id, sender, kind, body, sent_at FROM inmail.message WHERE thread = 103 AND id > 0 ORDER BY id LIMIT 100"
explains "the newest message of a thread" rita "SELECT body FROM inmail.message WHERE id = (SELECT last_message FROM inmail.thread WHERE id = 101)"
explains "a folder's count" rita "SELECT coalesce(sum(threads), 0), coalesce(sum(unread), 0) FROM inmail.folder_tally WHERE account = 1 AND archived = false AND responded = true"
explains "thread outcomes" rita "SELECT state, refunded, sum(threads) FROM inmail.thread_tally WHERE recruiter = 1 GROUP BY state, refunded"
explains "pending threads, the boundary day" rita "SELECT count(*) FROM inmail.thread WHERE recruiter = 1 AND responded_at IS NULL AND created_at BETWEEN 1767225600 AND 1767312000"
explains "rate cells inside the window" rita "SELECT sum(messages) FROM inmail.rate_tally WHERE recruiter = 1 AND rate = 0 AND day >= 20454"
explains "waiting messages, the boundary day" rita "SELECT count(*) FROM inmail.message m JOIN inmail.thread t ON t.id = m.thread WHERE t.recruiter = 1 AND t.responded_at IS NULL AND t.updated_at >= 1767225600 AND m.counted AND m.sent_at BETWEEN 1767225600 AND 1767312000"
explains "notifications, a page" rita "SELECT id, thread, text, created_at, read FROM inmail.notification WHERE recruiter = 1 AND id < 500 ORDER BY id DESC LIMIT 50"
explains "unread notifications" rita "SELECT count(*) FROM inmail.notification WHERE recruiter = 1 AND NOT read"
explains "due follow-ups, the recruiter's" rita "SELECT id, recruiter, followup_at, followup_body FROM inmail.thread WHERE recruiter = 1 AND followup_at IS NOT NULL AND followup_at <= 1768000000 ORDER BY followup_at, id LIMIT 256"
explains "due follow-ups, the candidate's" jose "SELECT id, recruiter, followup_at, followup_body FROM inmail.thread WHERE candidate = 3 AND followup_at IS NOT NULL AND followup_at <= 1768000000 ORDER BY followup_at, id LIMIT 256"
# The credit ledger (SPEC 9): a session's catch-up reads its allotment
# and the threads whose forfeits are due; history reads a balance's rows.
explains "the allotment" rita "SELECT amount, coalesce(next_at, 0), forfeits_from FROM inmail.allotment WHERE account = 1"
explains "forfeits due" rita "SELECT id, created_at FROM inmail.thread WHERE recruiter = 1 AND created_at >= 1767225600 AND created_at < 1767312000 AND NOT refunded ORDER BY created_at, id LIMIT 1"
explains "a balance's ledger" rita "SELECT id, kind, amount, coalesce(thread, 0), at FROM inmail.ledger WHERE account = 1 ORDER BY at, id"
explains "the account by login" jose "SELECT a.id, a.handle, a.name, a.role, b.credits FROM inmail.account a LEFT JOIN inmail.balance b ON b.account = a.id WHERE a.login = 'jose'"
explains "a draft" jose "SELECT smart, edited, body, saved_at FROM inmail.draft WHERE account = 3 AND thread = 103"

# Search (SPEC 9): the statements inmail.search_ids runs for a person
# (auto_explain, nested, sent back as notices) count a rare word's rows
# and find its messages through the GIN indexes (its subjects and names
# may come from the account's own threads, when fewer), scanning no table
# of threads or messages.  Under the policies themselves no GIN
# index could serve (@@ is not leakproof): that is why it is a definer.
search_reads_gin() {
	name=$1
	"$PSQL" -X -q -At -v ON_ERROR_STOP=1 -U "$INMAIL_PG_SUPER" \
		-c "LOAD 'auto_explain'" -c "SET auto_explain.log_min_duration = 0" \
		-c "SET auto_explain.log_nested_statements = on" \
		-c "SET auto_explain.log_level = notice" \
		-c "SET client_min_messages = notice" -c "SET enable_seqscan = off" \
		-c "SET SESSION AUTHORIZATION $2" \
		-c "SELECT inmail.search_ids('$3', false, true)" >"$plan.out" 2>"$plan"
	if [ $? != 0 ]; then
		failed=$((failed + 1)); echo "FAIL: $name: cannot search" >&2
		cat "$plan" >&2
	elif ! grep -q "Bitmap Index Scan on message_search" "$plan" ||
	     ! grep -q "Bitmap Index Scan on thread_search" "$plan" ||
	     grep -Eq "Seq Scan on (message|thread)" "$plan"; then
		failed=$((failed + 1)); echo "FAIL: $name: no GIN index, or a scan" >&2
		sed 's/^/    /' "$plan" >&2
	elif [ "$(cat "$plan.out")" != "$4" ]; then
		failed=$((failed + 1))
		echo "FAIL: $name: found $(cat "$plan.out"), want $4" >&2
	else
		passed=$((passed + 1))
	fi
	rm -f "$plan.out"
}
# rita is recruiter 1 (the even threads): 10, 20 and 30 are hers, and
# nobody else's ids come back.
search_reads_gin "a rare word's threads, by the GIN indexes" rita visa "{10,20,30}"
search_reads_gin "another's rare word: none of hers" jose visa "{}"
# The page a person reads, under the policies: the account's threads
# newest first (thread_recruiter_id), or a driving word's by id.
W="AND NOT EXISTS (SELECT 1 FROM unnest('{\"''role''\"}'::tsquery[]) w(q) WHERE NOT (t.search @@ w.q OR (r.search || c.search) @@ w.q OR EXISTS (SELECT 1 FROM inmail.message m WHERE m.thread = t.id AND m.search @@ w.q)))"
explains "search, walking the account's threads" rita "$T WHERE t.recruiter = 1 AND t.id < 3000 $W ORDER BY t.id DESC LIMIT 50"
explains "search, the candidate's threads" jose "$T WHERE t.candidate = 3 AND t.id < 3000 $W ORDER BY t.id DESC LIMIT 50"
explains "search, a driving word's threads" rita "$T WHERE t.recruiter = 1 AND t.id < 3000 AND t.id = ANY('{10,20,30}'::bigint[]) $W ORDER BY t.id DESC LIMIT 50"

# nested NAME ROLE SQL: the plans of the statements inside the functions
# SQL calls (auto_explain's nested statements, as the superuser SET ROLE
# to ROLE: the policies are ROLE's) have no Seq Scan, no Sort.  EXPLAIN
# shows a function call as one Result; what runs inside is what costs.
nested() {
	name=$1
	"$PSQL" -X -q -At -v ON_ERROR_STOP=1 -U "$INMAIL_PG_SUPER" \
		-c "LOAD 'auto_explain'" -c "SET auto_explain.log_min_duration = 0" \
		-c "SET auto_explain.log_nested_statements = on" \
		-c "SET client_min_messages = log" -c "SET enable_seqscan = off" \
		-c "SET enable_sort = off" -c "SET ROLE $2" -c "$3" >"$plan" 2>&1
	if [ $? != 0 ]; then
		failed=$((failed + 1)); echo "FAIL: $name: cannot explain" >&2
		cat "$plan" >&2
	elif ! grep -q "plan:" "$plan"; then
		failed=$((failed + 1)); echo "FAIL: $name: no plan logged" >&2
		cat "$plan" >&2
	elif grep -Eq "Seq Scan|Sort" "$plan"; then
		failed=$((failed + 1)); echo "FAIL: $name: scans or sorts" >&2
		sed 's/^/    /' "$plan" >&2
	else
		passed=$((passed + 1))
	fi
}
# Every policy asks inmail.me(): the directory by login, by its index
# (session_user's collation once kept the index from serving it).
nested "the acting account (inmail.me)" rita "SELECT inmail.me()"
nested "counted messages, the boundary day (inmail.counted_between)" rita "SELECT inmail.counted_between(1, inmail.rate_pending(), 1767225600, 1767312000)"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
