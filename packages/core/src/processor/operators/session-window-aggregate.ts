// A session-windowed aggregation (windowedBy(SessionWindows).count / reduce / aggregate).
import type { SessionStore } from '../../state/window/session-store.js';
import { Windowed } from '../../state/window/windowed.js';
import type { ProcessorSupplier } from '../processor.js';
import type { ProcessorContext } from '../processor-context.js';
import type { StreamRecord } from '../stream-record.js';
import { dropLateRecord, logSkippedRecord } from './skipped-record.js';
import type { Change } from './table/change.js';
import { sessionFinalResultRange, WindowFinalResults } from './window-final-results.js';

/**
 * KSTREAM-AGGREGATE / KSTREAM-REDUCE of a session-windowed stream (Kafka Streams' KStreamSessionWindowAggregate):
 * a record at t finds its key's sessions that end at or after t − gap and start at or before t + gap, merges
 * them (`merger`) with a new session [t, t] into one, removes the merged ones (forwarding a tombstone for each,
 * at its end) and stores and forwards the merged session's aggregate, timestamped with its end. A record whose
 * merged session already closed (end before stream time − grace − gap) is dropped, logged at debug and counted.
 * With emitStrategy onWindowClose nothing is forwarded per record; each session's final result comes once it
 * closed (window-final-results.ts), timestamped with its end.
 */
export function sessionWindowAggregateOperator<K, V, VA>(
  windows: { readonly inactivityGap: number; readonly gracePeriodMs: number },
  initializer: () => VA | null,
  aggregator: (key: K, value: V, aggregate: VA | null) => VA,
  merger: (key: K, aggregate1: VA | null, aggregate2: VA) => VA | null,
  storeName: string,
  sendOldValues: () => boolean,
  emitOnWindowClose = false,
): ProcessorSupplier<K, V, Windowed<K>, Change<VA>> {
  return () => {
    let ctx: ProcessorContext<Windowed<K>, Change<VA>>;
    let store: SessionStore<K, VA>;
    let finalResults: WindowFinalResults<K, VA> | undefined;
    let observedStreamTime = -1;
    const forwardUpdate = (update: StreamRecord<Windowed<K>, Change<VA>>): void => {
      if (!emitOnWindowClose) ctx.forward(update);
    };
    /** Every key's sessions that end in [lower, upper], timestamped with their end. */
    function* closedSessions(lower: number, upper: number) {
      for (const [key, value] of store.findSessionsByEndTime(lower, upper)) yield { key, value, timestamp: key.window.end };
    }
    return {
      init: (c) => {
        ctx = c;
        store = c.getStateStore<SessionStore<K, VA>>(storeName);
        if (emitOnWindowClose) finalResults = new WindowFinalResults(c, storeName, sessionFinalResultRange, closedSessions);
      },
      process: (r) => {
        if (r.key === null || r.key === undefined) {
          logSkippedRecord(ctx, storeName, 'a session-windowed aggregation record needs a key');
          return;
        }
        const t = r.timestamp;
        if (t > observedStreamTime) observedStreamTime = t;
        // As Kafka Streams: a session can still grow by a gap after its end, so it closes a gap later.
        const closeTime = observedStreamTime - windows.gracePeriodMs - windows.inactivityGap;
        const merged = [...store.findSessions(r.key, t - windows.inactivityGap, t + windows.inactivityGap)];
        let start = t;
        let end = t;
        let agg = initializer();
        for (const [session, value] of merged) {
          agg = merger(r.key, agg, value);
          if (session.window.start < start) start = session.window.start;
          if (session.window.end > end) end = session.window.end;
        }
        if (end < closeTime) {
          dropLateRecord(ctx, storeName, 'skipping record for expired session', { timestamp: t, session: [start, end], closeTime });
        } else {
          if (start !== t || end !== t) {
            for (const [session, value] of merged) {
              store.remove(session);
              forwardUpdate(r.withKey(session).withValue<Change<VA>>({ newValue: null, oldValue: sendOldValues() ? value : null }).withTimestamp(session.window.end));
            }
          }
          const newAgg = aggregator(r.key, r.value, agg);
          const sessionKey = Windowed.of(r.key, start, end);
          store.put(sessionKey, newAgg);
          forwardUpdate(r.withKey(sessionKey).withValue<Change<VA>>({ newValue: newAgg, oldValue: null }).withTimestamp(end));
        }
        finalResults?.maybeEmit(r, closeTime);
      },
    };
  };
}
