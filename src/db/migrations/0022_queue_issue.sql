-- Issue 20, item 8: a ticket's place is counted on its own lane (waiting, of its purpose, not sent on to a
-- counter or department) at every issue; this partial index keeps that count to the lane's waiting
-- tickets, however many the office has finished today.
CREATE INDEX IF NOT EXISTS "queue_tickets_waiting_lane" ON "queue_tickets" USING btree ("office_id","service_date","purpose_id") WHERE "queue_tickets"."status" = 'waiting' AND "queue_tickets"."target_counter_id" IS NULL AND "queue_tickets"."target_department_id" IS NULL;
