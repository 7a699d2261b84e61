// orders (JSON, any key) → cleaned orders keyed by customer, without test orders and non-positive amounts.
// Unparseable JSON goes to the dead-letter topic through the deserialization handler (original bytes kept);
// orders that parse but fail validation go there too, with the reason in a header.
import { Headers, Serdes, StreamRecord, StreamsBuilder, type Topology } from '@kstreams/core';
import { cleanOrder, type CleanOrder, type RawOrder, type Validation } from './order.js';

export interface EtlTopics {
  readonly input: string;
  readonly output: string;
  readonly deadLetter: string;
}

/** An order and the outcome of its validation, one type per outcome so that `split()` can tell them apart. */
type Checked = Validation & { readonly raw: RawOrder };
type Valid = Extract<Checked, { ok: true }>;

export function etlTopology(topics: EtlTopics): Topology {
  const b = new StreamsBuilder();
  const validated = b
    .stream(topics.input, { keySerde: Serdes.nullable(Serdes.string()), valueSerde: Serdes.json<RawOrder>() })
    .mapValues((raw): Checked => ({ raw, ...cleanOrder(raw) }), { name: 'validate' });

  // The predicate is a type guard: the valid branch is a stream of `Valid`, the default branch of the rest.
  const branches = validated
    .split({ name: 'orders-' })
    .branch((_k, v): v is Valid => v.ok, { name: 'valid' })
    .defaultBranch({ name: 'invalid' });

  branches['orders-valid']
    .mapValues((v) => v.order, { name: 'unwrap' })
    .filter((_k, order) => order.amountCents > 0, { name: 'drop-non-positive' })
    .filterNot((_k, order) => order.customer.endsWith('@test.example'), { name: 'drop-test-customers' })
    .selectKey((_k, order) => order.customer, { name: 'key-by-customer' })
    .to(topics.output, { keySerde: Serdes.string(), valueSerde: Serdes.json<CleanOrder>() });

  branches['orders-invalid']
    .process<string | null, RawOrder>(
      () => {
        let forward: (r: StreamRecord<string | null, RawOrder>) => void;
        return {
          init: (ctx) => (forward = (r) => ctx.forward(r)),
          process: (r) => {
            const headers = new Headers(r.headers).add('etl.error', r.value.reason);
            forward(new StreamRecord(r.key, r.value.raw, r.timestamp, headers));
          },
        };
      },
      { name: 'to-dead-letter' },
    )
    .to(topics.deadLetter, { keySerde: Serdes.nullable(Serdes.string()), valueSerde: Serdes.json<RawOrder>() });

  return b.build();
}
