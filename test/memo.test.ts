import { describe, expect, it } from 'vitest';
import { Memo } from '../src/memo.js';

describe('Memo', () => {
  it('makes a value once and returns the remembered one after', () => {
    const memo = new Memo<string, number>(10);
    let made = 0;
    const make = () => ++made;
    expect(memo.get('a', make)).toBe(1);
    expect(memo.get('a', make)).toBe(1);
    expect(made).toBe(1);
  });

  it('never holds more than its limit, forgetting the oldest first', () => {
    const memo = new Memo<number, number>(3);
    for (let i = 0; i < 1000; i++) memo.get(i, (k) => k * 2);
    expect(memo.size).toBe(3);
    expect(memo.peek(996)).toBeUndefined();
    expect([997, 998, 999].map((k) => memo.peek(k))).toEqual([1994, 1996, 1998]);
  });
});
