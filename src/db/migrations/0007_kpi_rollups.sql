CREATE TABLE "kpi_rollup_stale" (
	"municipality_id" text NOT NULL,
	"grain" text NOT NULL,
	"period" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_rollups" (
	"municipality_id" text NOT NULL,
	"grain" text NOT NULL,
	"period" date NOT NULL,
	"office_id" uuid NOT NULL,
	"purpose_id" uuid,
	"event_type" text,
	"kpi" text NOT NULL,
	"n" integer NOT NULL,
	"total" double precision NOT NULL,
	"vals" integer[] NOT NULL,
	"cnts" integer[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kpi_rollups" ADD CONSTRAINT "kpi_rollups_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kpi_rollup_stale_municipality" ON "kpi_rollup_stale" USING btree ("municipality_id","grain","period");--> statement-breakpoint
CREATE INDEX "kpi_rollups_lookup" ON "kpi_rollups" USING btree ("municipality_id","grain","kpi","period");--> statement-breakpoint
CREATE INDEX "handoff_deliveries_created" ON "handoff_deliveries" USING btree ("municipality_id","created_at");--> statement-breakpoint
CREATE INDEX "handoff_deliveries_unsettled" ON "handoff_deliveries" USING btree ("municipality_id","created_at") WHERE "handoff_deliveries"."state" in ('pending', 'retrying');--> statement-breakpoint
-- The KPI rollups go stale with their sources: each change to a source row marks the Japan day it counts
-- on, in the same transaction, and refreshKpiRollups rebuilds those days. Statement-level triggers with
-- transition tables, so that a bulk insert of history marks each day once rather than once per row.
CREATE OR REPLACE FUNCTION kpi_stale_facts_new() RETURNS trigger AS $$
BEGIN
  INSERT INTO kpi_rollup_stale (municipality_id, grain, period)
  SELECT DISTINCT municipality_id, 'day', service_date FROM new_rows WHERE service_date IS NOT NULL;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_stale_facts_old() RETURNS trigger AS $$
BEGIN
  INSERT INTO kpi_rollup_stale (municipality_id, grain, period)
  SELECT DISTINCT municipality_id, 'day', service_date FROM old_rows WHERE service_date IS NOT NULL;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER kpi_stale_facts_insert AFTER INSERT ON kpi_ticket_facts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_facts_new();--> statement-breakpoint
CREATE TRIGGER kpi_stale_facts_update_new AFTER UPDATE ON kpi_ticket_facts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_facts_new();--> statement-breakpoint
CREATE TRIGGER kpi_stale_facts_update_old AFTER UPDATE ON kpi_ticket_facts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_facts_old();--> statement-breakpoint
CREATE TRIGGER kpi_stale_facts_delete AFTER DELETE ON kpi_ticket_facts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_facts_old();--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_stale_visits_new() RETURNS trigger AS $$
BEGIN
  INSERT INTO kpi_rollup_stale (municipality_id, grain, period)
  SELECT DISTINCT municipality_id, 'day', (accepted_at at time zone 'Asia/Tokyo')::date FROM new_rows WHERE (accepted_at at time zone 'Asia/Tokyo')::date IS NOT NULL;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_stale_visits_old() RETURNS trigger AS $$
BEGIN
  INSERT INTO kpi_rollup_stale (municipality_id, grain, period)
  SELECT DISTINCT municipality_id, 'day', (accepted_at at time zone 'Asia/Tokyo')::date FROM old_rows WHERE (accepted_at at time zone 'Asia/Tokyo')::date IS NOT NULL;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER kpi_stale_visits_insert AFTER INSERT ON visits REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_visits_new();--> statement-breakpoint
CREATE TRIGGER kpi_stale_visits_update_new AFTER UPDATE ON visits REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_visits_new();--> statement-breakpoint
CREATE TRIGGER kpi_stale_visits_update_old AFTER UPDATE ON visits REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_visits_old();--> statement-breakpoint
CREATE TRIGGER kpi_stale_visits_delete AFTER DELETE ON visits REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_visits_old();--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_stale_deliveries_new() RETURNS trigger AS $$
BEGIN
  INSERT INTO kpi_rollup_stale (municipality_id, grain, period)
  SELECT DISTINCT municipality_id, 'day', (created_at at time zone 'Asia/Tokyo')::date FROM new_rows WHERE (created_at at time zone 'Asia/Tokyo')::date IS NOT NULL;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_stale_deliveries_old() RETURNS trigger AS $$
BEGIN
  INSERT INTO kpi_rollup_stale (municipality_id, grain, period)
  SELECT DISTINCT municipality_id, 'day', (created_at at time zone 'Asia/Tokyo')::date FROM old_rows WHERE (created_at at time zone 'Asia/Tokyo')::date IS NOT NULL;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER kpi_stale_deliveries_insert AFTER INSERT ON handoff_deliveries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_deliveries_new();--> statement-breakpoint
CREATE TRIGGER kpi_stale_deliveries_update_new AFTER UPDATE ON handoff_deliveries REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_deliveries_new();--> statement-breakpoint
CREATE TRIGGER kpi_stale_deliveries_update_old AFTER UPDATE ON handoff_deliveries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_deliveries_old();--> statement-breakpoint
CREATE TRIGGER kpi_stale_deliveries_delete AFTER DELETE ON handoff_deliveries REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_deliveries_old();--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_stale_survey_new() RETURNS trigger AS $$
BEGIN
  INSERT INTO kpi_rollup_stale (municipality_id, grain, period)
  SELECT DISTINCT municipality_id, 'day', answered_on FROM new_rows WHERE answered_on IS NOT NULL;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE OR REPLACE FUNCTION kpi_stale_survey_old() RETURNS trigger AS $$
BEGIN
  INSERT INTO kpi_rollup_stale (municipality_id, grain, period)
  SELECT DISTINCT municipality_id, 'day', answered_on FROM old_rows WHERE answered_on IS NOT NULL;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER kpi_stale_survey_insert AFTER INSERT ON kpi_survey_answers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_survey_new();--> statement-breakpoint
CREATE TRIGGER kpi_stale_survey_update_new AFTER UPDATE ON kpi_survey_answers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_survey_new();--> statement-breakpoint
CREATE TRIGGER kpi_stale_survey_update_old AFTER UPDATE ON kpi_survey_answers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_survey_old();--> statement-breakpoint
CREATE TRIGGER kpi_stale_survey_delete AFTER DELETE ON kpi_survey_answers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_stale_survey_old();--> statement-breakpoint
-- History written before this migration: every day with a source row is stale once.
INSERT INTO kpi_rollup_stale (municipality_id, grain, period)
  SELECT DISTINCT municipality_id, 'day', service_date FROM kpi_ticket_facts WHERE service_date IS NOT NULL;--> statement-breakpoint
INSERT INTO kpi_rollup_stale (municipality_id, grain, period)
  SELECT DISTINCT municipality_id, 'day', (accepted_at at time zone 'Asia/Tokyo')::date FROM visits WHERE (accepted_at at time zone 'Asia/Tokyo')::date IS NOT NULL;--> statement-breakpoint
INSERT INTO kpi_rollup_stale (municipality_id, grain, period)
  SELECT DISTINCT municipality_id, 'day', (created_at at time zone 'Asia/Tokyo')::date FROM handoff_deliveries WHERE (created_at at time zone 'Asia/Tokyo')::date IS NOT NULL;--> statement-breakpoint
INSERT INTO kpi_rollup_stale (municipality_id, grain, period)
  SELECT DISTINCT municipality_id, 'day', answered_on FROM kpi_survey_answers WHERE answered_on IS NOT NULL;
