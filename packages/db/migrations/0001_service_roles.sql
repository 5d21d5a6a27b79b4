-- One login role per service, each with exactly the privileges its job needs (names: @orders/settings
-- serviceRoles). Roles are cluster-wide, so creation is idempotent; passwords are not set here: the deploy
-- migrator sets them from each service's secret (read by RDS Proxy), the local stack from generated ones.
DO $$
DECLARE
  role_name text;
BEGIN
  FOREACH role_name IN ARRAY ARRAY['orders_api', 'orders_worker', 'orders_reporting'] LOOP
    IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = role_name) THEN
      EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT', role_name);
    END IF;
  END LOOP;
END
$$;--> statement-breakpoint

-- Nothing by default: PUBLIC may neither connect to this database nor use its schema.
DO $$
BEGIN
  EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO orders_api, orders_worker, orders_reporting', current_database());
END
$$;--> statement-breakpoint
REVOKE ALL ON SCHEMA public FROM PUBLIC;--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO orders_api, orders_worker, orders_reporting;--> statement-breakpoint
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM orders_api, orders_worker, orders_reporting;--> statement-breakpoint

-- api: answers GET /orders/{id} and GET /products. Writes go through the queue, never from the API.
GRANT SELECT ON products, orders, order_items TO orders_api;--> statement-breakpoint

-- worker: prices from the catalogue, decrements stock (and nothing else on products), records outcomes.
-- SELECT on orders.id only: enough to see which orders of a batch already exist.
GRANT SELECT ON products TO orders_worker;--> statement-breakpoint
GRANT UPDATE (stock, updated_at) ON products TO orders_worker;--> statement-breakpoint
GRANT SELECT (id) ON orders TO orders_worker;--> statement-breakpoint
GRANT INSERT ON orders, order_items TO orders_worker;--> statement-breakpoint

-- reporting: reads the write model, owns only the rollups.
GRANT SELECT ON products, orders, order_items TO orders_reporting;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON daily_sales, daily_product_sales TO orders_reporting;--> statement-breakpoint

-- Server-side defaults instead of session SETs: a SET through RDS Proxy pins the connection to one client.
ALTER ROLE orders_api SET statement_timeout = '5s';--> statement-breakpoint
ALTER ROLE orders_worker SET statement_timeout = '10s';--> statement-breakpoint
ALTER ROLE orders_worker SET lock_timeout = '5s';--> statement-breakpoint
ALTER ROLE orders_reporting SET statement_timeout = '60s';--> statement-breakpoint
ALTER ROLE orders_api SET idle_in_transaction_session_timeout = '30s';--> statement-breakpoint
ALTER ROLE orders_worker SET idle_in_transaction_session_timeout = '30s';--> statement-breakpoint
ALTER ROLE orders_reporting SET idle_in_transaction_session_timeout = '30s';
