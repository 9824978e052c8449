import { DomainError } from '../errors.ts';

/** CONTRACT.md exit codes. */
export const EXIT = { ok: 0, checkFailed: 1, notFound: 2, refused: 3 } as const;

export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export function exitCodeOf(e: unknown): number {
  if (e instanceof CliExit) return e.code;
  if (e instanceof DomainError) {
    if (e.code === 'MODULE_OPERATION_REFUSED' || e.code === 'FORBIDDEN' || e.code === 'ALREADY_INITIALIZED')
      return EXIT.refused;
    return EXIT.notFound;
  }
  return EXIT.checkFailed;
}

export function print(json: boolean, data: unknown, text: () => string) {
  process.stdout.write(json ? JSON.stringify(data, null, 2) + '\n' : text() + '\n');
}

export function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (c ?? '').padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
