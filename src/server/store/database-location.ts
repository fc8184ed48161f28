/** Where the store lives: a SQLite file (`:memory:` for tests) or a PostgreSQL database (its URL). */
export type DatabaseLocation = { sqlite: string } | { postgres: string };
