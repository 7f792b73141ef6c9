-- inmail on PostgreSQL, part 1 of 4: the roles and the schema.
--
-- The install is four files run in one transaction, in this order:
-- roles.sql, enums.sql (generated from include/inmail by gen_enums.c),
-- schema.sql, policies.sql.  It is what `inmail init` runs; running it
-- again migrates and is otherwise a no-op.  See README for the model of
-- guards.
--
-- Roles (all NOLOGIN; people log in as their own roles):
--   inmail_owner  owns the schema, its tables and functions.  The
--                 SECURITY DEFINER functions run as it; no person is it.
--   inmail_admin  its members run init (by SET ROLE inmail_owner, which
--                 inmail_admin may do but does not inherit), user add and
--                 credits grant (through inmail.account_add and
--                 inmail.credits_grant).  As themselves they see the
--                 directory and the balances, not the conversations.
-- Creating them needs CREATEROLE; when they exist, init needs only to be
-- able to SET ROLE inmail_owner.

SELECT pg_advisory_xact_lock(hashtext('inmail init'));

DO $roles$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'inmail_owner') THEN
		CREATE ROLE inmail_owner NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'inmail_admin') THEN
		-- NOINHERIT: an admin must SET ROLE inmail_owner to migrate, and
		-- does not read threads as the owner by accident.
		CREATE ROLE inmail_admin NOLOGIN NOINHERIT;
		GRANT inmail_owner TO inmail_admin;
		-- whoever creates it (with CREATEROLE) is its first member
		IF NOT pg_has_role(current_user, 'inmail_admin', 'MEMBER') THEN
			EXECUTE format('GRANT inmail_admin TO %I', current_user);
		END IF;
	END IF;
	-- Whoever runs init must be able to become the owner.
	IF NOT pg_has_role(current_user, 'inmail_owner', 'MEMBER') THEN
		RAISE EXCEPTION 'inmail init: % cannot SET ROLE inmail_owner', current_user
			USING ERRCODE = 'IM077',
			      HINT = 'run init as a member of inmail_admin';
	END IF;
	IF NOT has_database_privilege('inmail_owner', current_database(), 'CREATE') THEN
		EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO inmail_owner',
			       current_database());
	END IF;
END
$roles$;

SET LOCAL ROLE inmail_owner;
CREATE SCHEMA IF NOT EXISTS inmail AUTHORIZATION inmail_owner;
-- Nobody but the owner creates anything in it.
REVOKE CREATE ON SCHEMA inmail FROM PUBLIC;
GRANT USAGE ON SCHEMA inmail TO PUBLIC;
