// The benchmark scenarios' work, shared by the kstreams app and the bare kafkajs loop so both do exactly the
// same thing per record (and what bench/java/README.md describes for Java Kafka Streams).

export type ScenarioName = 'passthrough' | 'filter-map';
export const SCENARIOS: readonly ScenarioName[] = ['passthrough', 'filter-map'];

export interface InputOrder {
  id: number;
  user: string;
  amount: number;
  payload: string;
}

/** filter-map: parse, keep even amounts, re-key by user, drop the payload. Returns undefined to drop. */
export function filterMap(value: string): { key: string; value: string } | undefined {
  const o = JSON.parse(value) as InputOrder;
  if (o.amount % 2 !== 0) return undefined;
  return { key: o.user, value: JSON.stringify({ id: o.id, user: o.user, amount: o.amount }) };
}

/** How many of the generated records a scenario outputs. */
export function expectedOutputs(scenario: ScenarioName, records: number): number {
  if (scenario === 'passthrough') return records;
  let n = 0;
  for (let i = 0; i < records; i++) if (amountOf(i) % 2 === 0) n++;
  return n;
}

/** Deterministic input: record i (fixed "seed": the index), value padded to `size` bytes. */
export function amountOf(i: number): number {
  return (i * 7919) % 100;
}

export function inputRecord(i: number, size: number): { key: string; value: string } {
  const base = { id: i, user: `u${i % 1000}`, amount: amountOf(i), payload: '' };
  const bare = JSON.stringify(base).length;
  base.payload = 'x'.repeat(Math.max(0, size - bare));
  return { key: `k${i}`, value: JSON.stringify(base) };
}
