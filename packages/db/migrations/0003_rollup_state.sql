CREATE TABLE "rollup_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"last_run_at" timestamp with time zone,
	CONSTRAINT "rollup_state_single_row" CHECK ("rollup_state"."id" = 1)
);
--> statement-breakpoint
-- The one row every rollup run locks (UPDATE ... WHERE id = 1) before it reads the orders, so overlapping runs
-- queue up. The reporting role may read it and set its timestamp, nothing more.
INSERT INTO "rollup_state" ("id") VALUES (1);--> statement-breakpoint
GRANT SELECT ON "rollup_state" TO orders_reporting;--> statement-breakpoint
GRANT UPDATE ("last_run_at") ON "rollup_state" TO orders_reporting;
