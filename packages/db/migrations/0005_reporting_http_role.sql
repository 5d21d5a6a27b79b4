-- The reporting HTTP function's own role: it reads what the reports read and writes nothing. The rollup keeps
-- orders_reporting, which rewrites the report tables and rollup_state; a report request never needs that.
-- Passwords are set as for every service role (the deploy migrator from its secret, locally a generated one).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'orders_reporting_http') THEN
    CREATE ROLE orders_reporting_http LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO orders_reporting_http', current_database());
END
$$;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO orders_reporting_http;--> statement-breakpoint
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM orders_reporting_http;--> statement-breakpoint
-- Closed days from the rollups, live days from the write model, product names from the catalogue.
GRANT SELECT ON daily_sales, daily_product_sales, orders, order_items, products TO orders_reporting_http;--> statement-breakpoint
-- Role defaults, not session SETs (a SET pins an RDS Proxy connection). The statement timeout is the report
-- read deadline (@orders/settings deadlines.reportingDatabaseReadMs; a test compares them): a report the
-- function has given up on stops on the server too. Every transaction is read-only besides the grants.
ALTER ROLE orders_reporting_http SET statement_timeout = '4000ms';--> statement-breakpoint
ALTER ROLE orders_reporting_http SET idle_in_transaction_session_timeout = '30s';--> statement-breakpoint
ALTER ROLE orders_reporting_http SET default_transaction_read_only = on;
