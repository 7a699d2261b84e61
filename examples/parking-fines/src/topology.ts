// What each user owes in parking fines:
//   fines (key: user id)  → grouped by user → aggregated into { fines, totalCents }   (store `fines-per-user`)
//   users (key: user id)  → a KTable of users                                         (store `users`)
//   total ⋈ user (inner KTable–KTable join, by user id) → { name, fines, owedCents } on the output topic.
// Any change on either side updates the user's row: a new fine, or a new name. A tombstone on `users` deletes
// the user, and the join then writes a tombstone for the user's row; fines of a user id that is not (or no
// longer) in `users` have no row.
import { Materialized, Serdes, StreamsBuilder, type Topology } from '@kstreams/core';
import { NO_FINES, addFine, amountOwed, type AmountOwed, type Fine, type FineTotal, type User } from './model.js';

export interface ParkingTopics {
  readonly users: string;
  readonly fines: string;
  readonly amountsOwed: string;
}

export function parkingFinesTopology(topics: ParkingTopics): Topology {
  const b = new StreamsBuilder();
  const users = b.table(topics.users, {
    keySerde: Serdes.string(),
    valueSerde: Serdes.json<User>(),
    materialized: Materialized.as('users'),
  });
  const totals = b
    .stream(topics.fines, { keySerde: Serdes.string(), valueSerde: Serdes.json<Fine>() })
    .groupByKey()
    .aggregate<FineTotal>(() => NO_FINES, (_userId, fine, total) => addFine(total, fine), {
      materialized: Materialized.as('fines-per-user', { keySerde: Serdes.string(), valueSerde: Serdes.json<FineTotal>() }),
    });
  totals
    .join(users, (total, user) => amountOwed(total, user))
    .toStream()
    .to(topics.amountsOwed, { keySerde: Serdes.string(), valueSerde: Serdes.nullable(Serdes.json<AmountOwed>()) });
  return b.build();
}
