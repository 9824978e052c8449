import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './stream.ts';

describe('BoundedQueue', () => {
  it('hands values to a waiting consumer, keeps at most `limit` otherwise (dropping the oldest, counted)', async () => {
    let closed = false;
    const drops: number[] = [];
    const q = new BoundedQueue<number>(
      3,
      () => (closed = true),
      (d) => drops.push(d),
    );
    const waiting = q.next();
    q.push(1);
    expect(await waiting).toEqual({ value: 1, done: false });
    for (const n of [2, 3, 4, 5, 6]) q.push(n);
    expect(q.dropped).toBe(2);
    expect(drops).toEqual([1, 2]);
    expect(await q.next()).toEqual({ value: 4, done: false });
    expect(await q.next()).toEqual({ value: 5, done: false });
    await q.return();
    expect(closed).toBe(true);
    expect(await q.next()).toEqual({ value: undefined, done: true });
    q.push(7);
    expect(await q.next()).toEqual({ value: undefined, done: true });
  });
});
