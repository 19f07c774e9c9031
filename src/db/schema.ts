// Every table of the product, gathered for Drizzle and drizzle-kit. Each module owns its *.table.ts.
export * from "../auth/auth.table";
export * from "../handoff/handoff.table";
export * from "../kpi/kpi.table";
export * from "../manual/manual.table";
export * from "../preapply/pre-application.table";
export * from "../queue/kiosk-device.table";
export * from "../queue/queue.table";
export * from "../registry/registry.table";
export * from "../reservations/reservation.table";
export * from "../tenancy/tenancy.table";
export * from "../visits/visits.table";
export * from "./rate-limit.table";
