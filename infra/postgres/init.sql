-- Run once by the postgres image on an empty data directory (infra/compose.yaml).
-- One role and one database per service: a service cannot even connect to another's
-- database. Each service then migrates its own schema inside its database
-- (python -m <service> migrate; see docs/adr/0004).
-- Passwords are for local development only.

CREATE ROLE identity LOGIN PASSWORD 'identity';
CREATE DATABASE identity OWNER identity;
REVOKE ALL ON DATABASE identity FROM PUBLIC;

-- Later services follow the same three lines, for example:
-- CREATE ROLE councils LOGIN PASSWORD 'councils';
-- CREATE DATABASE councils OWNER councils;
-- REVOKE ALL ON DATABASE councils FROM PUBLIC;
-- (spaces needs btree_gist for its exclusion constraints: a trusted extension since
-- PostgreSQL 13, so its migration can CREATE EXTENSION as the database owner.)
