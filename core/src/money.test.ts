import { describe, expect, it } from 'vitest';
import { Money, ZERO, cents, money, roundCents, sumMoney } from './money.ts';

describe('money', () => {
  it('rounds half-up to the cent, only when asked', () => {
    expect(cents('120.5')).toBe('120.50');
    expect(cents('0.005')).toBe('0.01');
    expect(cents('0.0049999')).toBe('0.00');
    expect(cents('1.005')).toBe('1.01');
    expect(cents('2.675')).toBe('2.68');
    expect(cents(12)).toBe('12.00');
    expect(roundCents('10.125').toString()).toBe('10.13');
    expect(money('10.125').times(3).toString()).toBe('30.375');
  });

  it('rounds negative amounts away from zero at the half, like their opposites', () => {
    expect(cents('-0.005')).toBe('-0.01');
    expect(cents('-120.505')).toBe('-120.51');
    expect(cents('-120.504')).toBe('-120.50');
    expect(cents(money('45.10').negated())).toBe('-45.10');
  });

  it('sums many cents exactly, with no float drift', () => {
    const dimes = Array.from({ length: 1000 }, () => '0.10');
    expect(cents(sumMoney(dimes))).toBe('100.00');
    expect(sumMoney(['0.1', '0.2']).equals('0.3')).toBe(true);
    expect(cents(sumMoney(['19.99', money('0.01'), 80]))).toBe('100.00');
    expect(sumMoney([]).equals(ZERO)).toBe(true);
  });

  it('keeps 40 significant digits through division', () => {
    const third = money('100').dividedBy(3);
    expect(third).toBeInstanceOf(Money);
    expect(third.precision()).toBe(40);
    expect(cents(third.times(3))).toBe('100.00');
  });
});
