import { type Database, transaction } from './database.ts';

/**
 * Runs `work` as one atomic unit over several stores: all of its writes happen, or none. A
 * unit inside another joins the outer one. Services get this from the composition root
 * instead of the database.
 */
export type UnitOfWork = <T>(work: () => T) => T;

/** The unit of work of one database: an immediate transaction (see transaction()). */
export function unitOfWork(db: Database): UnitOfWork {
  return (work) => transaction(db, work);
}
