import { describe, expect, it } from 'vitest';
import { groupedBy, inOrder } from './batch.ts';

describe('DataLoader batch helpers', () => {
  const rows = [
    { id: 'b', owner: 'x' },
    { id: 'a', owner: 'y' },
    { id: 'c', owner: 'x' },
  ];

  it('inOrder answers one row per key, in the keys order, null when missing', () => {
    expect(inOrder(['a', 'z', 'b', 'a'], rows, (r) => r.id)).toEqual([rows[1], null, rows[0], rows[1]]);
  });

  it('groupedBy answers the rows of each key in the rows order, empty when none', () => {
    expect(groupedBy(['x', 'w', 'y'], rows, (r) => r.owner)).toEqual([[rows[0], rows[2]], [], [rows[1]]]);
  });
});
