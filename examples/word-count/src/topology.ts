// Word count, the "hello world" of stateful stream processing:
//   lines (any key, one line of text per record)
//     → the line's lowercase words (wordsOf: split on non-letters, empties dropped)
//     → grouped by word (a repartition topic, so each word is counted by one task)
//     → counted in the state store `word-counts` (with a changelog topic)
//     → every changed count, as `<word>` → `<count>` (both UTF-8 strings) on the output topic.
// The count is written as a decimal string so that `kafka-console-consumer --property print.key=true` shows
// `whale	42` with its default (string) deserializers; Serdes.int64() would need `--value-deserializer
// org.apache.kafka.common.serialization.LongDeserializer`.
import { Materialized, Serdes, StreamsBuilder, type Topology } from '@kstreams/core';
import { wordsOf } from './words.js';

export interface WordCountTopics {
  readonly input: string;
  readonly output: string;
}

/** The name of the count store (and so of its changelog, `<applicationId>-word-counts-changelog`). */
export const WORD_COUNT_STORE = 'word-counts';

export function wordCountTopology(topics: WordCountTopics): Topology {
  const b = new StreamsBuilder();
  b.stream(topics.input, { keySerde: Serdes.nullable(Serdes.string()), valueSerde: Serdes.string() })
    .flatMapValues((line) => wordsOf(line), { name: 'split-words' })
    .groupBy((_key, word) => word, { keySerde: Serdes.string(), valueSerde: Serdes.string(), name: 'words' })
    .count({ materialized: Materialized.as(WORD_COUNT_STORE) })
    .toStream()
    .mapValues((count) => String(count), { name: 'count-as-text' })
    .to(topics.output, { keySerde: Serdes.string(), valueSerde: Serdes.string() });
  return b.build();
}
