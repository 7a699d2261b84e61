// The one place that picks the guarantee strategy by its config name (an exhaustive switch: a new guarantee
// fails to compile until it is handled here).
import type { GroupConsumerPort, KafkaClientPort } from '../../../client/kafka-client.js';
import type { ResolvedStreamsConfig } from '../../../config/streams-config.js';
import { atLeastOnce } from './at-least-once.js';
import { exactlyOncePerTask } from './exactly-once.js';
import type { Guarantee } from './guarantee.js';

export async function createGuarantee(
  config: ResolvedStreamsConfig,
  client: KafkaClientPort,
  consumer: GroupConsumerPort,
  partitionCount: (topic: string) => number | undefined,
): Promise<Guarantee> {
  switch (config.processingGuarantee) {
    case 'at_least_once':
      return atLeastOnce(client, consumer, partitionCount);
    case 'exactly_once':
      return exactlyOncePerTask(client, consumer, { ...config, partitionCount });
  }
}
