import type { DateTime } from 'luxon';
import type { Offset } from '../schema/rule.js';

/** Whether a time is meant to the hour (show the clock time) or to the day (show the date). */
export type Precision = 'hour' | 'day';

export interface DatedTime {
  at: DateTime;
  precision: Precision;
}

/**
 * Add an offset to the treatment time. luxon adds hours as elapsed time (a daylight-saving change
 * moves the clock time) and days, weeks and months as calendar steps in the zone (same clock time).
 */
export function applyOffset(treatedAt: DateTime, offset: Offset): DatedTime {
  if ('hours' in offset) return { at: treatedAt.plus({ hours: offset.hours }), precision: 'hour' };
  if ('days' in offset) return { at: treatedAt.plus({ days: offset.days }), precision: 'day' };
  if ('weeks' in offset) return { at: treatedAt.plus({ weeks: offset.weeks }), precision: 'day' };
  return { at: treatedAt.plus({ months: offset.months }), precision: 'day' };
}
