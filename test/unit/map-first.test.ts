import { describe, expect, test } from 'vitest';
import { afterMapStarts, mapStarted, mapStarting } from '../../src/ui/map-handle';

/** Whether `promise` settles within `ms`. */
const within = (promise: Promise<void>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

describe('the census is read once the map is made', () => {
  test('no map coming (a list, a print sheet): read at once', async () => {
    expect(await within(afterMapStarts(5_000), 50)).toBe(true);
  });
  test('a map coming: read once it is made, or after the wait at most if it never is', async () => {
    mapStarting();
    expect(await within(afterMapStarts(5_000), 100)).toBe(false);
    const started = Date.now();
    await afterMapStarts(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    const waiting = afterMapStarts(5_000);
    mapStarted();
    expect(await within(waiting, 50)).toBe(true);
    expect(await within(afterMapStarts(5_000), 50)).toBe(true);
  });
});
