// AdminPort on kafkajs' admin client.
import type { Admin } from 'kafkajs';
import { partitionKey, type TopicPartition } from '../../record/topic-partition.js';
import { type AdminPort, type TopicSpec } from '../kafka-client.js';
import { errorTypes } from './kafkajs-errors.js';

export class KafkajsAdmin implements AdminPort {
  constructor(private readonly admin: Admin) {}

  async createTopics(topics: readonly TopicSpec[]): Promise<string[]> {
    if (topics.length === 0) return [];
    const existing = new Set(await this.admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.name));
    if (missing.length === 0) return [];
    try {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.numPartitions,
          replicationFactor: t.replicationFactor ?? -1,
          configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    } catch (e) {
      // Another instance may have created them at the same moment.
      if (errorTypes(e).includes('TOPIC_ALREADY_EXISTS')) return missing.map((t) => t.name);
      // A loaded broker may answer kafkajs' wait for leaders with UNKNOWN_TOPIC_OR_PARTITION, which it does not retry.
      if (!errorTypes(e).includes('UNKNOWN_TOPIC_OR_PARTITION')) throw e;
      await this.waitForLeaders(missing.map((t) => t.name));
    }
    return missing.map((t) => t.name);
  }

  /**
   * Waits until every partition of `topics` has a leader and no error: the rest of kafkajs' `waitForLeaders`
   * when a broker under load answered it UNKNOWN_TOPIC_OR_PARTITION ("This server does not host this
   * topic-partition") for a topic it has just created. For up to 30 s, then it names the topics.
   */
  private async waitForLeaders(topics: readonly string[]): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = await this.admin
        .fetchTopicMetadata({ topics: [...topics] })
        .then((m) => m.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0 && p.partitionErrorCode === 0)))
        .catch(() => false);
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`created topics [${topics.join(', ')}] still have no leader after 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async partitionCounts(topics: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (topics.length === 0) return out;
    const existing = new Set(await this.admin.listTopics());
    const present = topics.filter((t) => existing.has(t));
    if (present.length === 0) return out;
    const md = await this.admin.fetchTopicMetadata({ topics: present });
    for (const t of md.topics) out.set(t.name, t.partitions.length);
    return out;
  }

  listTopics(): Promise<string[]> {
    return this.admin.listTopics();
  }

  async committedOffsets(groupId: string, partitions: readonly TopicPartition[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const topics = [...new Set(partitions.map((p) => p.topic))];
    if (topics.length === 0) return out;
    const res = await this.admin.fetchOffsets({ groupId, topics });
    for (const t of res) {
      for (const p of t.partitions) {
        const offset = Number(p.offset);
        if (offset >= 0) out.set(partitionKey(t.topic, p.partition), offset);
      }
    }
    return out;
  }

  async committedMetadata(groupId: string, partitions: readonly TopicPartition[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const topics = [...new Set(partitions.map((p) => p.topic))];
    if (topics.length === 0) return out;
    for (const t of await this.admin.fetchOffsets({ groupId, topics })) {
      for (const p of t.partitions) if (Number(p.offset) >= 0 && p.metadata) out.set(partitionKey(t.topic, p.partition), p.metadata);
    }
    return out;
  }

  endOffsets(partitions: readonly TopicPartition[]): Promise<Map<string, number>> {
    return this.offsets(partitions, 'high');
  }

  beginningOffsets(partitions: readonly TopicPartition[]): Promise<Map<string, number>> {
    return this.offsets(partitions, 'low');
  }

  private async offsets(partitions: readonly TopicPartition[], which: 'high' | 'low'): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const topic of new Set(partitions.map((p) => p.topic))) {
      for (const p of await this.admin.fetchTopicOffsets(topic)) {
        out.set(partitionKey(topic, p.partition), Number(which === 'high' ? p.high : p.low));
      }
    }
    return out;
  }

  async deleteTopics(topics: readonly string[]): Promise<void> {
    if (topics.length > 0) await this.admin.deleteTopics({ topics: [...topics] });
  }

  async deleteGroup(groupId: string): Promise<void> {
    try {
      await this.admin.deleteGroups([groupId]);
    } catch (e) {
      if (!errorTypes(e).includes('GROUP_ID_NOT_FOUND')) throw e;
    }
  }

  close(): Promise<void> {
    return this.admin.disconnect();
  }
}
