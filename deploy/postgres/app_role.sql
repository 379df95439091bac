-- The dashboards' app role: reads and writes the tables, cannot change the schema.
-- Run once as the owner role (or a superuser), before the first `connecting-people migrate`:
--   psql "postgresql://OWNER@DBHOST/connecting_people" -v ON_ERROR_STOP=1 \
--     -v app_role=cp_app -v owner_role=OWNER -v database=connecting_people \
--     -f deploy/postgres/app_role.sql
-- Create the role first, with a password kept out of shell history:
--   CREATE ROLE cp_app LOGIN PASSWORD '...';
-- The same statements are connecting_people.hub.schema.app_role_grants (tests compare them).
GRANT CONNECT ON DATABASE :"database" TO :"app_role";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app_role";
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app_role";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app_role";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner_role" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app_role";
