// What a task commits with each input partition's offset (Kafka Streams' TopicPartitionMetadata, in its bytes):
// the partition time, and the processor metadata of the task (e.g. how far a windowed aggregation with
// emitStrategy(onWindowClose) has emitted), so that a task that starts again goes on from there. Base64 of
//   [2, byte][partition time, int64] then, when there is processor metadata:
//   [count, int32] ([key length, int32][key, UTF-8][value, int64])*
// A Kafka Streams application reading kstreams' commits, or the other way round, decodes the same values.

const LATEST_MAGIC_BYTE = 2;
/** Kafka Streams' RecordQueue.UNKNOWN: no partition time. */
export const UNKNOWN_PARTITION_TIME = -1;

export interface TopicPartitionMetadata {
  readonly partitionTime: number;
  readonly processorMetadata: ReadonlyMap<string, number>;
}

export function encodeTopicPartitionMetadata(partitionTime: number, processorMetadata: ReadonlyMap<string, number>): string {
  const keys = [...processorMetadata.keys()].map((k) => Buffer.from(k, 'utf8'));
  const size = 1 + 8 + (processorMetadata.size === 0 ? 0 : 4 + keys.reduce((n, k) => n + 4 + k.length + 8, 0));
  const out = Buffer.alloc(size);
  out.writeInt8(LATEST_MAGIC_BYTE, 0);
  out.writeBigInt64BE(BigInt(partitionTime), 1);
  if (processorMetadata.size > 0) {
    let at = out.writeInt32BE(processorMetadata.size, 9);
    let i = 0;
    for (const value of processorMetadata.values()) {
      const key = keys[i++]!;
      at = out.writeInt32BE(key.length, at);
      at += key.copy(out, at);
      at = out.writeBigInt64BE(BigInt(value), at);
    }
  }
  return out.toString('base64');
}

/**
 * Decodes a committed offset's metadata. Anything else (empty, another application's text, a newer version) gives
 * an unknown partition time and no processor metadata, as Kafka Streams does (it logs a warning; here the caller
 * gets `undefined` back to decide).
 */
export function decodeTopicPartitionMetadata(encoded: string | null | undefined): TopicPartitionMetadata | undefined {
  if (!encoded) return undefined;
  try {
    const bytes = Buffer.from(encoded, 'base64');
    const version = bytes.readInt8(0);
    if (version !== 1 && version !== LATEST_MAGIC_BYTE) return undefined;
    const partitionTime = Number(bytes.readBigInt64BE(1));
    const processorMetadata = new Map<string, number>();
    if (version === LATEST_MAGIC_BYTE && bytes.length > 9) {
      const count = bytes.readInt32BE(9);
      let at = 13;
      for (let i = 0; i < count; i++) {
        const length = bytes.readInt32BE(at);
        const key = bytes.toString('utf8', at + 4, at + 4 + length);
        processorMetadata.set(key, Number(bytes.readBigInt64BE(at + 4 + length)));
        at += 4 + length + 8;
      }
    }
    return { partitionTime, processorMetadata };
  } catch {
    return undefined;
  }
}
