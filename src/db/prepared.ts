import type { DbOrTx } from "./database";

/**
 * A query prepared once per database handle instead of built on every call: `build` makes it with
 * `sql.placeholder(...)` and `.prepare(name)`; the handle's prepared query is kept (weakly) and run
 * with `.execute({ … })`. On PostgreSQL the name makes it a named statement, parsed and planned once
 * per pooled connection; PGlite runs the same SQL text. Used on hot paths (a kiosk's ticket issue),
 * where building the SQL in JavaScript and planning it in the database cost more than running it.
 * Each name must belong to exactly one query text.
 */
export function preparedPerDb<T>(build: (db: DbOrTx) => T): (db: DbOrTx) => T {
  const cache = new WeakMap<DbOrTx, T>();
  return (db) => {
    let query = cache.get(db);
    if (!query) {
      query = build(db);
      cache.set(db, query);
    }
    return query;
  };
}
