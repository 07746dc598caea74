import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  describeDay,
  describeOpenState,
  isOpenAt,
  openState,
  parisDate,
  parisInstant,
  weekSchedule,
} from '../../src/data/hours';

import { createTranslator } from '../../src/i18n';

// The app's own translators: the messages are those of src/i18n.
const fr = createTranslator('fr');
const en = createTranslator('en');

/** An instant given as UTC parts (month 1–12), whatever the zone the tests run in. */
const utc = (month: number, day: number, hour: number, minute = 0, year = 2026) =>
  new Date(Date.UTC(year, month - 1, day, hour, minute));

const WEEKDAYS = 'Mo-Sa 09:00-12:00,14:00-18:00; PH off';

describe('openState, on the clock of Paris', () => {
  test('a split day: open in the morning, closed at lunch, open in the afternoon', () => {
    // Monday 13 July 2026, summer time (UTC+2).
    expect(openState(WEEKDAYS, utc(7, 13, 8))).toEqual({ open: true, nextChange: utc(7, 13, 10) });
    expect(describeOpenState(openState(WEEKDAYS, utc(7, 13, 8)), utc(7, 13, 8), fr)).toBe('Ouvert jusqu’à 12:00');
    const lunch = openState(WEEKDAYS, utc(7, 13, 10, 30));
    expect(lunch).toEqual({ open: false, nextChange: utc(7, 13, 12) });
    expect(describeOpenState(lunch, utc(7, 13, 10, 30), fr)).toBe('Fermé · ouvre à 14:00');
    expect(describeOpenState(lunch, utc(7, 13, 10, 30), en)).toBe('Closed · opens at 14:00');
    expect(isOpenAt(WEEKDAYS, utc(7, 13, 12, 30))).toBe(true);
    expect(isOpenAt(WEEKDAYS, utc(7, 13, 16, 0))).toBe(false); // 18:00 in Paris: just closed
  });

  test('a French public holiday with `PH off`: 14 July is closed, and says which holiday', () => {
    const state = openState(WEEKDAYS, utc(7, 14, 8)); // Tuesday 14 July, 10:00 in Paris
    expect(state.open).toBe(false);
    expect(state.nextChange).toEqual(utc(7, 15, 7));
    expect(state.comment).toMatch(/Nationale/);
    expect(describeOpenState(state, utc(7, 14, 8), fr)).toBe('Fermé · ouvre demain à 09:00');
    expect(isOpenAt('Mo-Sa 09:00-18:00', utc(7, 14, 8))).toBe(true); // without `PH off`, open
  });

  test('a Sunday: closed, opening on Monday', () => {
    const saturdayEvening = utc(7, 18, 17); // 19:00 in Paris
    const state = openState(WEEKDAYS, saturdayEvening);
    expect(state).toEqual({ open: false, nextChange: utc(7, 20, 7) });
    expect(describeOpenState(state, saturdayEvening, fr)).toBe('Fermé · ouvre lundi à 09:00');
    expect(describeOpenState(state, saturdayEvening, en)).toBe('Closed · opens Monday at 09:00');
    expect(describeOpenState(openState(WEEKDAYS, utc(7, 19, 10)), utc(7, 19, 10), fr)).toBe(
      'Fermé · ouvre demain à 09:00',
    );
  });

  test('the spring change: an hour skipped, times still read on the wall clock', () => {
    // Sunday 29 March 2026: at 02:00 in Paris, clocks go to 03:00 (UTC+1 → UTC+2).
    expect(openState('Su 01:00-05:00', utc(3, 29, 0, 30))).toEqual({ open: true, nextChange: utc(3, 29, 3) });
    expect(openState('Su 10:00-18:00', utc(3, 29, 8, 30))).toEqual({ open: true, nextChange: utc(3, 29, 16) });
    expect(openState('Sa 09:00-18:00', utc(3, 28, 11))).toEqual({ open: true, nextChange: utc(3, 28, 17) });
    expect(weekSchedule('Su 01:00-05:00', utc(3, 29, 12))![6]).toMatchObject({
      date: '2026-03-29',
      intervals: [['01:00', '05:00']],
    });
  });

  test('the autumn change: an hour seen twice', () => {
    // Sunday 25 October 2026: at 03:00 in Paris, clocks go back to 02:00 (UTC+2 → UTC+1).
    expect(openState('Su 10:00-18:00', utc(10, 25, 9))).toEqual({ open: true, nextChange: utc(10, 25, 17) });
    expect(openState('Sa 09:00-18:00', utc(10, 24, 8))).toEqual({ open: true, nextChange: utc(10, 24, 16) });
    expect(parisInstant(2026, 10, 25, 1, 30)).toEqual(utc(10, 24, 23, 30));
    expect(parisInstant(2026, 10, 25, 3, 30)).toEqual(utc(10, 25, 2, 30));
    expect(parisInstant(2026, 3, 29, 2, 30)).toEqual(utc(3, 29, 1, 30)); // skipped: read as 03:30
  });

  test('open past midnight and until midnight', () => {
    const late = 'Fr 20:00-02:00';
    const fridayNight = utc(7, 17, 21); // 23:00 in Paris
    expect(describeOpenState(openState(late, fridayNight), fridayNight, fr)).toBe('Ouvert jusqu’à demain 02:00');
    const untilMidnight = 'Mo-Su 18:00-24:00';
    expect(describeOpenState(openState(untilMidnight, utc(7, 17, 20)), utc(7, 17, 20), fr)).toBe(
      'Ouvert jusqu’à 24:00',
    );
    expect(describeOpenState(openState('24/7', utc(7, 17, 20)), utc(7, 17, 20), en)).toBe('Open');
  });

  test('a change more than a week ahead is given by its date', () => {
    const state = openState('Aug 01-31 10:00-12:00', utc(7, 13, 8));
    expect(state).toEqual({ open: false, nextChange: utc(8, 1, 8) });
    expect(describeOpenState(state, utc(7, 13, 8), fr)).toBe('Fermé · ouvre le 1 août à 10:00');
    expect(describeOpenState(state, utc(7, 13, 8), en)).toMatch(/^Closed · opens on (1 August|August 1) at 10:00$/);
  });

  test('"maybe" rules and values that cannot be read are unknown, never an exception', () => {
    const appointment = openState('Mo 10:00-12:00 "sur rendez-vous"', utc(7, 13, 9));
    expect(appointment.open).toBe('unknown');
    expect(describeOpenState(appointment, utc(7, 13, 9), fr)).toBe('Horaires à confirmer : sur rendez-vous');
    for (const value of ['bogus', '', 'Mo-Fr 25:00-26:00', undefined]) {
      expect(openState(value, utc(7, 13, 9))).toEqual({ open: 'unknown' });
      expect(isOpenAt(value, utc(7, 13, 9))).toBe(false);
      expect(weekSchedule(value, utc(7, 13, 9))).toBeNull();
    }
    expect(openState(WEEKDAYS, new Date(Number.NaN))).toEqual({ open: 'unknown' });
    expect(describeOpenState({ open: 'unknown' }, utc(7, 13, 9), en)).toBe('Hours to be confirmed');
  });
});

describe('weekSchedule', () => {
  test('seven Paris days, Monday first, with the holiday marked', () => {
    const week = weekSchedule(WEEKDAYS, utc(7, 16, 12))!;
    expect(week.map((day) => day.date)).toEqual([
      '2026-07-13',
      '2026-07-14',
      '2026-07-15',
      '2026-07-16',
      '2026-07-17',
      '2026-07-18',
      '2026-07-19',
    ]);
    expect(week.map((day) => day.holiday)).toEqual([false, true, false, false, false, false, false]);
    expect(week[0]!.intervals).toEqual([
      ['09:00', '12:00'],
      ['14:00', '18:00'],
    ]);
    expect(week[1]!.intervals).toEqual([]);
    expect(week[6]!.intervals).toEqual([]);
  });

  test('the Paris week, not the device’s: Sunday 23:30 UTC is already Monday in Paris', () => {
    expect(parisDate(utc(7, 19, 22, 30))).toBe('2026-07-20');
    expect(weekSchedule(WEEKDAYS, utc(7, 19, 22, 30))![0]!.date).toBe('2026-07-20');
  });

  test('a night crossing midnight is split over two days; maybe-open hours are apart', () => {
    const week = weekSchedule('Fr 20:00-02:00; Mo 10:00-12:00 "sur rendez-vous"', utc(7, 16, 12))!;
    expect(week[4]!.intervals).toEqual([['20:00', '24:00']]);
    expect(week[5]!.intervals).toEqual([['00:00', '02:00']]);
    expect(week[0]).toMatchObject({ intervals: [], unsure: [['10:00', '12:00']], comments: ['sur rendez-vous'] });
  });

  test('describeDay', () => {
    expect(
      describeDay(
        [
          ['09:00', '12:00'],
          ['14:00', '18:00'],
        ],
        fr,
      ),
    ).toBe('09:00–12:00, 14:00–18:00');
    expect(describeDay([], fr)).toBe('fermé');
    expect(describeDay([], en)).toBe('closed');
  });
});

describe('on a device outside France', () => {
  // Node reads TZ once at start: run the same checks in a child process with another zone.
  test.each(['America/New_York', 'Asia/Tokyo', 'Pacific/Kiritimati'])('%s gives the Paris answers', (zone) => {
    const dir = mkdtempSync(join(tmpdir(), 'archipel-hours-'));
    try {
      const script = join(dir, 'check.mts');
      const hours = pathToFileURL(resolve('src/data/hours.ts')).href;
      writeFileSync(
        script,
        `import { openState, weekSchedule } from ${JSON.stringify(hours)};
const at = (m, d, h, min = 0) => new Date(Date.UTC(2026, m - 1, d, h, min));
const v = ${JSON.stringify(WEEKDAYS)};
console.log(JSON.stringify({
  zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  monday: openState(v, at(7, 13, 8)),
  holiday: openState(v, at(7, 14, 8)).nextChange,
  lunch: openState(v, at(7, 13, 10, 30)),
  spring: openState('Su 10:00-18:00', at(3, 29, 8, 30)),
  week: weekSchedule(v, at(7, 16, 12)).map((d) => [d.date, d.intervals, d.holiday]),
}));`,
      );
      const child = spawnSync(process.execPath, ['--import', 'tsx', script], {
        env: { ...process.env, TZ: zone },
        encoding: 'utf8',
      });
      expect(child.stderr).toBe('');
      const out = JSON.parse(child.stdout) as Record<string, unknown>;
      expect(out.zone).toBe(zone);
      expect(out.monday).toEqual({ open: true, nextChange: '2026-07-13T10:00:00.000Z' });
      expect(out.holiday).toBe('2026-07-15T07:00:00.000Z');
      expect(out.lunch).toEqual({ open: false, nextChange: '2026-07-13T12:00:00.000Z' });
      expect(out.spring).toEqual({ open: true, nextChange: '2026-03-29T16:00:00.000Z' });
      expect((out.week as unknown[])[1]).toEqual(['2026-07-14', [], true]);
      expect((out.week as unknown[])[0]).toEqual([
        '2026-07-13',
        [
          ['09:00', '12:00'],
          ['14:00', '18:00'],
        ],
        false,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
