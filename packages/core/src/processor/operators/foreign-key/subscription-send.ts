import type { ProcessorSupplier } from '../../processor.js';
import type { ProcessorContext } from '../../processor-context.js';
import type { StreamRecord } from '../../stream-record.js';
import { logSkippedRecord } from '../skipped-record.js';
import type { Change } from '../table/change.js';
import { ForeignKeyCodec, type ForeignKeyJoinSerdes } from './foreign-key-codec.js';
import { bytesEqual, encodeSubscription, Instruction } from './subscription-wire.js';

export interface SubscriptionSendOptions<K, V, KO, VO> {
  readonly foreignKeyExtractor: (value: V, key: K) => KO | null | undefined;
  readonly leftJoin: boolean;
  readonly serdes: ForeignKeyJoinSerdes<K, V, KO, VO>;
  readonly processorName: string;
}

/**
 * The left side of a foreign-key join (KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION), Kafka Streams'
 * SubscriptionSendProcessorSupplier: for each change of the left table (old values on, to find the previous
 * foreign key) it sends the subscription instructions to the foreign keys' partitions. Every instruction carries
 * the hash of the new value (null for a delete), the primary key and the record's partition.
 *
 * Left join: a change of foreign key first unsubscribes the old one (DELETE_KEY_NO_PROPAGATE); then every change
 * asks for an answer (PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE) from the new foreign key, even an unchanged one, and
 * for a delete or a row without foreign key from none (a record without key, answered with null).
 *
 * Inner join: a new row subscribes (PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE); an update with the same foreign key too
 * (no match now means no match before: no null to send); a changed foreign key unsubscribes the old one and asks
 * the new one to answer even with null (to delete the old result); a delete, or an update to a null foreign key
 * (skipped with a warning), unsubscribes and asks for the null that deletes the result (DELETE_KEY_AND_PROPAGATE).
 */
export function subscriptionSendOperator<K, V, KO, VO>(
  o: SubscriptionSendOptions<K, V, KO, VO>,
): ProcessorSupplier<K, Change<V>, Uint8Array | null, Uint8Array> {
  return () => {
    let ctx: ProcessorContext<Uint8Array | null, Uint8Array>;
    let codec: ForeignKeyCodec<K, V, KO, VO>;
    const foreignKeyOf = (value: V, key: K): KO | null => o.foreignKeyExtractor(value, key) ?? null;

    /** Serializes the primary key and hashes the new value at most once per record. */
    function instructions(r: StreamRecord<K, Change<V>>, key: K) {
      let hash: Uint8Array | null | undefined;
      let primaryKey: Uint8Array | undefined;
      const fkBytes = (fk: KO | null) => (fk === null ? null : codec.foreignKeyBytes(fk, r.headers));
      const send = (foreignKey: Uint8Array | null, instruction: Instruction) => {
        hash ??= r.value.newValue === null ? null : codec.valueHash(r.value.newValue, r.headers);
        primaryKey ??= codec.primaryKeyBytes(key, r.headers);
        const primaryPartition = ctx.recordMetadata()?.partition ?? taskPartition(ctx.taskId);
        ctx.forward(r.withKey(foreignKey).withValue(encodeSubscription({ instruction, hash, primaryKey, primaryPartition })));
      };
      return { fkBytes, send };
    }

    return {
      init: (c) => {
        ctx = c;
        codec = new ForeignKeyCodec(c, o.serdes);
      },
      process: (r) => {
        const key = r.key;
        if (key === null || key === undefined) {
          logSkippedRecord(ctx, o.processorName, 'a table record needs a key');
          return;
        }
        const { newValue, oldValue } = r.value;
        const { fkBytes, send } = instructions(r, key);
        const oldForeignKey = oldValue === null ? null : fkBytes(foreignKeyOf(oldValue, key));

        if (o.leftJoin) {
          if (oldValue === null && newValue === null) return;
          const newForeignKey = newValue === null ? null : fkBytes(foreignKeyOf(newValue, key));
          if (oldForeignKey !== null && !bytesEqual(newForeignKey, oldForeignKey)) {
            send(oldForeignKey, Instruction.DELETE_KEY_NO_PROPAGATE);
          }
          send(newForeignKey, Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
          return;
        }

        if (newValue === null) {
          if (oldForeignKey !== null) send(oldForeignKey, Instruction.DELETE_KEY_AND_PROPAGATE);
          return;
        }
        const newForeignKey = fkBytes(foreignKeyOf(newValue, key));
        if (newForeignKey === null) {
          logSkippedRecord(ctx, o.processorName, 'its foreign key is null');
          if (oldForeignKey !== null) send(oldForeignKey, Instruction.DELETE_KEY_AND_PROPAGATE);
        } else if (oldForeignKey === null || bytesEqual(newForeignKey, oldForeignKey)) {
          // A new row, or the same foreign key: without a match now there was none before, no tombstone to send.
          send(newForeignKey, Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE);
        } else {
          send(oldForeignKey, Instruction.DELETE_KEY_NO_PROPAGATE);
          send(newForeignKey, Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
        }
      },
    };
  };
}

/**
 * The partition of a task's input (`<subtopology>_<partition>`): the record's own when a cache flush forwards it
 * without record metadata.
 */
function taskPartition(taskId: string): number | undefined {
  const partition = Number(taskId.slice(taskId.lastIndexOf('_') + 1));
  return Number.isInteger(partition) ? partition : undefined;
}
