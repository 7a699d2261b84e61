// The parking-fines topology through TopologyTestDriver: amounts owed per user, updated by new fines and by
// renames, and removed by a tombstone when the user is deleted.
import { describe, expect, it } from 'vitest';
import { Serdes } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';
import type { AmountOwed, Fine, FineTotal, User } from '../src/model.js';
import { expectedAmountsOwed, sampleEvents } from '../src/sample.js';
import { parkingFinesTopology } from '../src/topology.js';

const topics = { users: 'users', fines: 'fines', amountsOwed: 'amounts-owed' };

function setUp() {
  const driver = new TopologyTestDriver(parkingFinesTopology(topics));
  const users = driver.createInputTopic(topics.users, Serdes.string(), Serdes.nullable(Serdes.json<User>()));
  const fines = driver.createInputTopic(topics.fines, Serdes.string(), Serdes.json<Fine>());
  const owed = driver.createOutputTopic(topics.amountsOwed, Serdes.string(), Serdes.nullable(Serdes.json<AmountOwed>()));
  const fine = (userId: string, fineId: string, amountCents: number): void =>
    fines.pipeInput(userId, { fineId, amountCents, reason: 'expired meter' });
  return { driver, users, fines, owed, fine };
}

describe('parking-fines topology', () => {
  it('sums each user’s fines and joins the user’s name', () => {
    const { driver, users, owed, fine } = setUp();
    users.pipeInput('u1', { name: 'Alice Martin' });
    users.pipeInput('u2', { name: 'Bob Chen' });
    expect(owed.isEmpty()).toBe(true); // no fines yet: an inner join has no row

    fine('u1', 'f-1', 3000);
    expect(owed.readKeyValuesToList()).toEqual([['u1', { name: 'Alice Martin', fines: 1, owedCents: 3000 }]]);
    fine('u2', 'f-2', 6000);
    fine('u1', 'f-3', 4500);
    expect(owed.readKeyValuesToList()).toEqual([
      ['u2', { name: 'Bob Chen', fines: 1, owedCents: 6000 }],
      ['u1', { name: 'Alice Martin', fines: 2, owedCents: 7500 }],
    ]);
    driver.close();
  });

  it('updates the row when the user’s name changes, and keeps the amount', () => {
    const { driver, users, owed, fine } = setUp();
    users.pipeInput('u2', { name: 'Bob Chen' });
    fine('u2', 'f-1', 6000);
    owed.readKeyValuesToList();
    users.pipeInput('u2', { name: 'Robert Chen' });
    expect(owed.readKeyValuesToList()).toEqual([['u2', { name: 'Robert Chen', fines: 1, owedCents: 6000 }]]);
    driver.close();
  });

  it('has no row for fines of an unknown user until the user appears', () => {
    const { driver, users, owed, fine } = setUp();
    fine('u5', 'f-1', 2500);
    fine('u5', 'f-2', 500);
    expect(owed.isEmpty()).toBe(true);
    users.pipeInput('u5', { name: 'Eve Adams' });
    expect(owed.readKeyValuesToList()).toEqual([['u5', { name: 'Eve Adams', fines: 2, owedCents: 3000 }]]);
    driver.close();
  });

  it('removes the row with a tombstone when the user is deleted; later fines of that user have no row', () => {
    const { driver, users, owed, fine } = setUp();
    users.pipeInput('u4', { name: 'Dmitri Ivanov' });
    fine('u4', 'f-1', 9000);
    expect(owed.readKeyValuesToList()).toEqual([['u4', { name: 'Dmitri Ivanov', fines: 1, owedCents: 9000 }]]);

    users.pipeInput('u4', null);
    expect(owed.readKeyValuesToList()).toEqual([['u4', null]]);
    expect(driver.getKeyValueStore<string, unknown>('users')!.get('u4')).toBeUndefined();

    fine('u4', 'f-2', 3000);
    expect(owed.isEmpty()).toBe(true);
    // The fines are still summed; they show again if the user comes back.
    users.pipeInput('u4', { name: 'Dmitri Ivanov' });
    expect(owed.readKeyValuesToList()).toEqual([['u4', { name: 'Dmitri Ivanov', fines: 2, owedCents: 12000 }]]);
    driver.close();
  });

  it('ends the sample with the expected amounts owed', () => {
    const { driver, users, fines, owed } = setUp();
    for (const e of sampleEvents()) {
      if (e.topic === 'users') users.pipeInput(e.key, e.value, { timestamp: e.at });
      else fines.pipeInput(e.key, e.value, { timestamp: e.at });
    }
    const rows = owed.readKeyValuesToMap();
    expect(rows.get('u4')).toBeNull(); // deleted: the last record for u4 is a tombstone
    expect(rows.has('u5')).toBe(false); // fined, but no such user
    rows.delete('u4');
    expect(rows).toEqual(expectedAmountsOwed());
    const totals = driver.getKeyValueStore<string, FineTotal>('fines-per-user')!;
    expect(unwrap(totals.get('u4'))).toEqual({ fines: 2, totalCents: 12000 });
    expect(unwrap(totals.get('u5'))).toEqual({ fines: 1, totalCents: 2500 });
    driver.close();
  });
});

/** A store value, whether the store keeps plain values or value-and-timestamp pairs. */
function unwrap<T>(v: T | { value: T; timestamp: number } | undefined): T | undefined {
  return v !== null && typeof v === 'object' && 'value' in v && 'timestamp' in v ? v.value : (v as T | undefined);
}
