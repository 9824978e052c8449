import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { installTypeParsers, parseTimestamptz } from './pg-types.ts';

// pg's general timestamptz parser (postgres-date), taken before installTypeParsers replaces it: the reference.
const postgresDate = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text') as (v: string) => Date | number;

describe('parseTimestamptz', () => {
  it('gives the instant the general parser gives, for the forms PostgreSQL prints', () => {
    expect(postgresDate).not.toBe(parseTimestamptz);
    const samples = [
      '2026-03-02 09:30:00+00',
      '2026-03-02 09:30:00.5+01',
      '2026-03-29 01:59:59.999999+00',
      '2026-10-25 02:30:00.123456+02',
      '1999-12-31 23:59:59.001-05',
      '2027-01-01 00:00:00.1234+05:30',
      '1970-01-01 00:00:00-03:30',
    ];
    for (const s of samples) expect(parseTimestamptz(s).getTime(), s).toBe((postgresDate(s) as Date).getTime());
  });

  it('hands other forms to the general parser: infinity, BC, an offset with seconds', () => {
    expect(parseTimestamptz('infinity')).toBe(postgresDate('infinity'));
    for (const s of ['0044-03-15 12:00:00+00 BC', '1890-06-01 12:00:00+00:53:28'])
      expect(parseTimestamptz(s).getTime(), s).toBe((postgresDate(s) as Date).getTime());
  });

  it('is the parser connections use: values read from PostgreSQL in several session zones', async () => {
    installTypeParsers();
    expect(pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ, 'text')).toBe(parseTimestamptz);
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      for (const zone of ['UTC', 'Europe/Madrid', 'Asia/Kolkata', 'America/St_Johns']) {
        await client.query(`set time zone '${zone}'`);
        const { rows } = await client.query(
          `select '2026-03-29 01:30:00.123456+00'::timestamptz as a, '2026-10-25 00:59:59Z'::timestamptz as b,
                  a::text as a_text, b::text as b_text
             from (select '2026-03-29 01:30:00.123456+00'::timestamptz as a, '2026-10-25 00:59:59Z'::timestamptz as b) t`,
        );
        const [row] = rows as { a: Date; b: Date; a_text: string; b_text: string }[];
        expect(row!.a.toISOString(), zone).toBe('2026-03-29T01:30:00.123Z');
        expect(row!.b.toISOString(), zone).toBe('2026-10-25T00:59:59.000Z');
        expect(parseTimestamptz(row!.a_text).getTime(), zone).toBe(row!.a.getTime());
      }
    } finally {
      await client.end();
    }
  });
});
