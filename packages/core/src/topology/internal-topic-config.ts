// Topic configs of internal topics, as Kafka Streams sets them.

/** Repartition topics are deleted by the application after commit (purge) and never compacted. */
export function repartitionTopicConfig(): Record<string, string> {
  return {
    'cleanup.policy': 'delete',
    'segment.bytes': String(50 * 1024 * 1024),
    'retention.ms': '-1',
  };
}

/** Changelog topics are compacted: only the last value per key matters for restore. */
export function changelogTopicConfig(): Record<string, string> {
  return { 'cleanup.policy': 'compact' };
}
