// The minute-counts topology through TopologyTestDriver: counts per page and minute, views out of order within
// the grace, a late view dropped (and counted as such), and the whole sample.
import { describe, expect, it } from 'vitest';
import { Serdes } from '@kstreams/core';
import { TopologyTestDriver } from '@kstreams/test-utils';
import { minuteKey, parseMinuteKey, type PageView } from '../src/model.js';
import { expectedCounts, samplePhases, sampleStart } from '../src/sample.js';
import { GRACE_MS, MINUTE_COUNTS_STORE, WINDOW_SIZE_MS, minuteCountsTopology } from '../src/topology.js';

const topics = { pageViews: 'page-views', output: 'page-views-per-minute' };
/** A whole minute: 2026-01-01T12:00:00Z. */
const T0 = Date.UTC(2026, 0, 1, 12, 0);
const at = (m: number, s: number): number => T0 + m * WINDOW_SIZE_MS + s * 1000;

function setUp() {
  const driver = new TopologyTestDriver(minuteCountsTopology(topics));
  const views = driver.createInputTopic(topics.pageViews, Serdes.nullable(Serdes.string()), Serdes.nullable(Serdes.json<PageView>()));
  const output = driver.createOutputTopic(topics.output, Serdes.string(), Serdes.string());
  const view = (timestamp: number, userId: string, page: string): void => views.pipeInput(userId, { userId, page }, { timestamp });
  return { driver, views, output, view };
}

describe('minute-counts topology', () => {
  it('counts views per page and 1-minute window, in order', () => {
    const { driver, output, view } = setUp();
    view(at(0, 5), 'u1', '/home');
    view(at(0, 12), 'u2', '/pricing');
    view(at(0, 20), 'u3', '/home');
    view(at(0, 59.999), 'u1', '/home');
    view(at(1, 0), 'u2', '/home'); // a window's end is exclusive: 12:01:00 starts the next one
    expect(output.readKeyValuesToList()).toEqual([
      [`/home@${at(0, 0)}`, '1'],
      [`/pricing@${at(0, 0)}`, '1'],
      [`/home@${at(0, 0)}`, '2'],
      [`/home@${at(0, 0)}`, '3'],
      [`/home@${at(1, 0)}`, '1'],
    ]);
    expect(driver.metrics().droppedRecords.late).toBe(0);
    // The window store holds the same counts, by page and window start.
    const store = driver.getWindowStore<string, number>(MINUTE_COUNTS_STORE)!;
    expect(Number(store.fetch('/home', at(0, 0)))).toBe(3);
    expect(Number(store.fetch('/home', at(1, 0)))).toBe(1);
    driver.close();
  });

  it('still counts a view that arrives out of order within the grace', () => {
    const { driver, output, view } = setUp();
    view(at(0, 30), 'u1', '/home');
    view(at(1, 5), 'u2', '/home'); // stream time 12:01:05: the first minute is open until 12:01:10
    view(at(0, 50), 'u3', '/home'); // 15 s out of order, its window still open
    view(at(1, 9.999), 'u3', '/docs'); // stream time 12:01:09.999: still open
    view(at(0, 40), 'u1', '/home');
    const records = output.readRecordsToList();
    expect(records.map((r) => [r.key, r.value])).toEqual([
      [`/home@${at(0, 0)}`, '1'],
      [`/home@${at(1, 0)}`, '1'],
      [`/home@${at(0, 0)}`, '2'],
      [`/docs@${at(1, 0)}`, '1'],
      [`/home@${at(0, 0)}`, '3'],
    ]);
    // An update's timestamp is the larger of the record's and the window's previous result's.
    expect(records[2]!.timestamp).toBe(at(0, 50));
    expect(records[4]!.timestamp).toBe(at(0, 50));
    expect(driver.metrics().droppedRecords.late).toBe(0);
    driver.close();
  });

  it('drops a view that arrives after its window closed, and counts it as late', () => {
    const { driver, output, view } = setUp();
    view(at(0, 30), 'u1', '/home');
    view(at(1, 0) + GRACE_MS, 'u2', '/pricing'); // stream time 12:01:10 = the first minute's end + grace: closed
    view(at(0, 59), 'u3', '/home'); // late
    view(at(1, 30), 'u3', '/home');
    expect(output.readKeyValuesToList()).toEqual([
      [`/home@${at(0, 0)}`, '1'],
      [`/pricing@${at(1, 0)}`, '1'],
      [`/home@${at(1, 0)}`, '1'],
    ]);
    expect(driver.metrics().droppedRecords.late).toBe(1);
    expect(Number(driver.getWindowStore<string, number>(MINUTE_COUNTS_STORE)!.fetch('/home', at(0, 0)))).toBe(1);
    driver.close();
  });

  it('drops values that are not page views', () => {
    const { driver, views, output, view } = setUp();
    views.pipeInput('u1', null, { timestamp: at(0, 1) });
    views.pipeInput('u1', { userId: 'u1' } as PageView, { timestamp: at(0, 2) });
    view(at(0, 3), 'u1', '/home');
    expect(output.readKeyValuesToList()).toEqual([[`/home@${at(0, 0)}`, '1']]);
    driver.close();
  });

  it('ends the sample with its expected counts; the late view is dropped', () => {
    const { driver, output, view } = setUp();
    const phases = samplePhases(T0);
    const all = phases.flat();
    for (const v of all) view(v.at, v.view.userId, v.view.page);
    const final = new Map([...output.readKeyValuesToMap()].map(([k, n]) => [k, Number(n)]));
    expect(final).toEqual(expectedCounts(all));
    expect(Object.fromEntries(final)).toEqual({
      [minuteKey('/home', at(0, 0))]: 4,
      [minuteKey('/pricing', at(0, 0))]: 1,
      [minuteKey('/docs', at(0, 0))]: 2,
      [minuteKey('/home', at(1, 0))]: 1,
      [minuteKey('/pricing', at(1, 0))]: 1,
      [minuteKey('/home', at(2, 0))]: 2,
    });
    expect(driver.metrics().droppedRecords.late).toBe(all.filter((v) => v.late).length);
    expect(driver.metrics().droppedRecords.late).toBe(1);
    driver.close();
  });
});

describe('the sample and the keys', () => {
  it('starts on a whole minute, 5 to 6 minutes ago, and stays in the past', () => {
    const now = Date.UTC(2026, 0, 1, 12, 34, 56);
    expect(sampleStart(now)).toBe(Date.UTC(2026, 0, 1, 12, 29));
    const latest = Math.max(...samplePhases(sampleStart(now)).flat().map((v) => v.at));
    expect(latest).toBeLessThan(now);
  });

  it('round-trips page@windowStart, also for a page with an @', () => {
    expect(minuteKey('/home', at(0, 0))).toBe(`/home@${Date.UTC(2026, 0, 1, 12, 0)}`);
    expect(parseMinuteKey(minuteKey('/u/@me', at(3, 0)))).toEqual({ page: '/u/@me', windowStart: at(3, 0) });
  });
});
