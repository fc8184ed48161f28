import type { Sql } from './sql.ts';

/**
 * Runs `work` as one atomic unit over several stores: all of its writes happen, or none. A
 * unit inside another joins the outer one. Services get this from the composition root
 * instead of the database.
 */
export type UnitOfWork = <T>(work: () => Promise<T>) => Promise<T>;

/** The unit of work of one store: a serialised transaction (see Sql.transaction). */
export function unitOfWork(sql: Sql): UnitOfWork {
  return (work) => sql.transaction(work);
}
