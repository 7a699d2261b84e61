// The metadata committed with each input offset, in Kafka Streams' bytes (TopicPartitionMetadata).
import { describe, expect, it } from 'vitest';
import { decodeTopicPartitionMetadata, encodeTopicPartitionMetadata } from '../../../src/runtime/task/topic-partition-metadata.js';

// Encoded by Kafka Streams 4.3.1: new TopicPartitionMetadata(42L, processorMetadata).encode().
const JAVA_WITH_METADATA = 'AgAAAAAAAAAqAAAAAQAAAChLU1RSRUFNLUFHR1JFR0FURS1TVEFURS1TVE9SRS0wMDAwMDAwMDAxAAABH3H7BMs=';
const JAVA_WITHOUT_METADATA = 'AgAAAAAAAAAq';
const STORE = 'KSTREAM-AGGREGATE-STATE-STORE-0000000001';

describe('TopicPartitionMetadata', () => {
  it('encodes partition time and processor metadata as Kafka Streams does', () => {
    expect(encodeTopicPartitionMetadata(42, new Map([[STORE, 1234567890123]]))).toBe(JAVA_WITH_METADATA);
    expect(encodeTopicPartitionMetadata(42, new Map())).toBe(JAVA_WITHOUT_METADATA);
  });

  it('decodes what Kafka Streams commits', () => {
    expect(decodeTopicPartitionMetadata(JAVA_WITH_METADATA)).toEqual({ partitionTime: 42, processorMetadata: new Map([[STORE, 1234567890123]]) });
    expect(decodeTopicPartitionMetadata(JAVA_WITHOUT_METADATA)).toEqual({ partitionTime: 42, processorMetadata: new Map() });
  });

  it('round-trips several keys, negative times and non-ASCII names', () => {
    const metadata = new Map([
      ['a', -1],
      ['ストア', 2 ** 40],
    ]);
    expect(decodeTopicPartitionMetadata(encodeTopicPartitionMetadata(-1, metadata))).toEqual({ partitionTime: -1, processorMetadata: metadata });
  });

  it('gives nothing for metadata it cannot read (empty, plain text, another version)', () => {
    expect(decodeTopicPartitionMetadata('')).toBeUndefined();
    expect(decodeTopicPartitionMetadata(null)).toBeUndefined();
    expect(decodeTopicPartitionMetadata('hello world')).toBeUndefined();
    expect(decodeTopicPartitionMetadata(Buffer.from([9, 0, 0, 0, 0, 0, 0, 0, 1]).toString('base64'))).toBeUndefined();
  });
});
