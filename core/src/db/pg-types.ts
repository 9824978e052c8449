import pg from 'pg';

/** How PostgreSQL prints a timestamptz (DateStyle ISO): `2026-03-02 09:30:00.123456+01`, offset minutes optional. */
const TIMESTAMPTZ = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?)([+-]\d{2})(:\d{2})?$/;

const parseTimestamptzSlowly = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (v: string) => Date;

/**
 * A timestamptz as a Date: the usual form becomes the ISO 8601 string V8 parses natively, half the time of
 * the general parser (a week view reads ~700 of them); anything else (infinity, BC, an offset with seconds)
 * goes to pg's own parser. Same instant either way, sub-milliseconds dropped alike.
 */
export function parseTimestamptz(value: string): Date {
  const m = TIMESTAMPTZ.exec(value);
  return m ? new Date(`${m[1]}T${m[2]}${m[3]}${m[4] ?? ':00'}`) : parseTimestamptzSlowly(value);
}

/** The result types of every connection of the process (pg's global parsers, which knex's pool uses). */
export function installTypeParsers(): void {
  // `date` columns stay plain 'YYYY-MM-DD' strings (a calendar date has no instant).
  pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);
  pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);
}
