-- One role and one database per GridLedger service, as ensureServiceDatabases does for the
-- native stack (infra/stack/src/components/postgres.ts): each service owns its database, so no
-- service can read another's tables.
--
-- The postgres image runs this once, when it initialises an empty data directory, with psql,
-- which reads the services' password from the container environment (docker-compose.yml sets
-- it from GRIDLEDGER_POSTGRES_SERVICE_PASSWORD). Changing the variable later does not change
-- the roles: use ALTER ROLE, or `docker compose down -v` to start from scratch.
\set ON_ERROR_STOP on
\getenv service_password GRIDLEDGER_POSTGRES_SERVICE_PASSWORD
\if :{?service_password}
\else
  DO $$ BEGIN RAISE EXCEPTION 'GRIDLEDGER_POSTGRES_SERVICE_PASSWORD is not set in the postgres container'; END $$;
\endif

CREATE ROLE gl_identity LOGIN PASSWORD :'service_password';
CREATE DATABASE identity OWNER gl_identity;

CREATE ROLE gl_storage LOGIN PASSWORD :'service_password';
CREATE DATABASE storage OWNER gl_storage;

CREATE ROLE gl_ledger LOGIN PASSWORD :'service_password';
CREATE DATABASE ledger OWNER gl_ledger;

CREATE ROLE gl_access_policy LOGIN PASSWORD :'service_password';
CREATE DATABASE access_policy OWNER gl_access_policy;

CREATE ROLE gl_audit LOGIN PASSWORD :'service_password';
CREATE DATABASE audit OWNER gl_audit;
