import { expect, test } from 'vitest';
import { minuteOf } from '../../src/core/time';

test('minuteOf drops the seconds and milliseconds, never moving to another minute', () => {
  const minute = Date.UTC(2026, 2, 29, 1, 59);
  expect(minuteOf(minute)).toBe(minute);
  expect(minuteOf(minute + 59_999)).toBe(minute);
  expect(minuteOf(minute + 60_000)).toBe(minute + 60_000);
  expect(minuteOf(minute - 1)).toBe(minute - 60_000);
});
