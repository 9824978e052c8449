import { describe, expect, it } from 'vitest';
import { operationLabel } from './metrics.ts';
import { requestIdFrom } from './request-context.ts';

describe('metric labels and request ids stay bounded', () => {
  it('collapses unnamed, unresolved and, past 200 names, new operation names', () => {
    expect(operationLabel(null)).toBe('anonymous');
    expect(operationLabel('')).toBe('anonymous');
    expect(operationLabel(undefined)).toBe('unresolved');
    for (let i = 0; i < 200; i++) expect(operationLabel(`Op${i}`)).toBe(`Op${i}`);
    expect(operationLabel('OneTooMany')).toBe('other');
    // Names seen before the cap keep their own series.
    expect(operationLabel('Op7')).toBe('Op7');
  });

  it("keeps a caller's sane X-Request-Id and replaces anything else with a UUID", () => {
    expect(requestIdFrom('lb-3f2a.9:x_Y')).toBe('lb-3f2a.9:x_Y');
    expect(requestIdFrom(['first-id', 'second'])).toBe('first-id');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const bad of [undefined, '', 'has space', 'x'.repeat(129), '{"forged":1}', '-leading-dash'])
      expect(requestIdFrom(bad)).toMatch(uuid);
  });
});
