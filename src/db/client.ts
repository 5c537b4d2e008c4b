import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

const build = (d1: D1Database) => drizzle(d1, { schema });
export type Database = ReturnType<typeof build>;

/** Building drizzle's relational config costs CPU; one instance per D1 binding is enough. */
const instances = new WeakMap<D1Database, Database>();

export const database = (d1: D1Database): Database => {
  let db = instances.get(d1);
  if (!db) {
    db = build(d1);
    instances.set(d1, db);
  }
  return db;
};
