// A small sample: four users, nine fines (one for a user id nobody registered), a rename and a deletion, in the
// order of their timestamps. Its expected result is `expectedAmountsOwed` below.
import type { AmountOwed, Fine, User } from './model.js';

export type SampleEvent =
  | { readonly at: number; readonly topic: 'users'; readonly key: string; readonly value: User | null }
  | { readonly at: number; readonly topic: 'fines'; readonly key: string; readonly value: Fine };

const fine = (fineId: string, amountCents: number, reason: string): Fine => ({ fineId, amountCents, reason });

/**
 * The events, over the 42 minutes that end at `end` (default: now). Timestamps are recent on purpose: a broker
 * deletes records older than the topics' retention (7 days by default), outputs included, as they inherit them.
 */
export function sampleEvents(end: number = Date.now()): SampleEvent[] {
  const minutes = (n: number): number => end - (42 - n) * 60_000;
  return [
    { at: minutes(0), topic: 'users', key: 'u1', value: { name: 'Alice Martin' } },
    { at: minutes(0), topic: 'users', key: 'u2', value: { name: 'Bob Chen' } },
    { at: minutes(0), topic: 'users', key: 'u3', value: { name: 'Carla Diaz' } },
    { at: minutes(0), topic: 'users', key: 'u4', value: { name: 'Dmitri Ivanov' } },
    { at: minutes(10), topic: 'fines', key: 'u1', value: fine('f-101', 3000, 'expired meter') },
    { at: minutes(11), topic: 'fines', key: 'u2', value: fine('f-102', 6000, 'blocking a driveway') },
    { at: minutes(12), topic: 'fines', key: 'u1', value: fine('f-103', 4500, 'no permit') },
    { at: minutes(13), topic: 'fines', key: 'u3', value: fine('f-104', 1500, 'expired meter') },
    { at: minutes(14), topic: 'fines', key: 'u4', value: fine('f-105', 9000, 'disabled bay') },
    { at: minutes(15), topic: 'fines', key: 'u5', value: fine('f-106', 2500, 'expired meter') },
    { at: minutes(20), topic: 'users', key: 'u2', value: { name: 'Robert Chen' } },
    { at: minutes(30), topic: 'users', key: 'u4', value: null },
    { at: minutes(40), topic: 'fines', key: 'u3', value: fine('f-107', 1500, 'expired meter') },
    { at: minutes(41), topic: 'fines', key: 'u1', value: fine('f-108', 2000, 'double parking') },
    { at: minutes(42), topic: 'fines', key: 'u4', value: fine('f-109', 3000, 'no permit') },
  ];
}

/**
 * The amounts owed once the sample is processed: one row per user that exists and has fines. u4 was deleted
 * (its row is removed by a tombstone); u5 has a fine but no user (an inner join has no row for it).
 */
export function expectedAmountsOwed(): Map<string, AmountOwed> {
  return new Map([
    ['u1', { name: 'Alice Martin', fines: 3, owedCents: 9500 }],
    ['u2', { name: 'Robert Chen', fines: 1, owedCents: 6000 }],
    ['u3', { name: 'Carla Diaz', fines: 2, owedCents: 3000 }],
  ]);
}
