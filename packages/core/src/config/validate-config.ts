// Checks of a StreamsConfig that need no broker, run when KafkaStreams (or the test driver) is constructed, so a
// typo or a wrong value fails at once with a ConfigError naming the setting, instead of later and elsewhere:
// unknown keys (with the closest known one), handler values, and `host:port` bootstrap servers.
import { ConfigError } from '../errors.js';
import type { StreamsConfig } from './streams-config.js';

/** Every StreamsConfig key; the type makes the list complete and exact. */
const KNOWN_KEYS: Record<keyof StreamsConfig, true> = {
  applicationId: true,
  bootstrapServers: true,
  processingGuarantee: true,
  commitIntervalMs: true,
  defaultKeySerde: true,
  defaultValueSerde: true,
  deserializationExceptionHandler: true,
  defaultTimestampExtractor: true,
  processingExceptionHandler: true,
  productionExceptionHandler: true,
  defaultOffsetReset: true,
  logger: true,
  maxBufferedRecordsPerPartition: true,
  maxFetchBytesPerPartition: true,
  maxTaskIdleMs: true,
  transactionTimeoutMs: true,
  client: true,
  connection: true,
  producer: true,
  consumer: true,
  admin: true,
  sessionTimeoutMs: true,
  heartbeatIntervalMs: true,
  stateDir: true,
  cacheMaxBytes: true,
  ensureExplicitInternalResourceNaming: true,
};

/** Rejects keys StreamsConfig does not have (`extraKeys`: what a caller such as the test driver adds of its own). */
export function rejectUnknownKeys(config: object, extraKeys: readonly string[] = []): void {
  const known = [...Object.keys(KNOWN_KEYS), ...extraKeys];
  for (const key of Object.keys(config)) {
    if (known.includes(key)) continue;
    const closest = closestKey(key, known);
    throw new ConfigError(`unknown config key '${key}'${closest === undefined ? '' : ` (did you mean '${closest}'?)`}`);
  }
}

const POLICIES = ['fail', 'logAndContinue'];

/** The three exception handlers: a policy name, a function, or (deserialization) `deadLetter(topic)`. */
export function validateHandlers(config: StreamsConfig): void {
  const check = (name: string, value: unknown, deadLetterAllowed: boolean) => {
    if (value === undefined || typeof value === 'function' || (typeof value === 'string' && POLICIES.includes(value))) return;
    if (deadLetterAllowed && typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'deadLetter') {
      const topic = (value as { topic?: unknown }).topic;
      if (typeof topic === 'string' && topic.length > 0) return;
      throw new ConfigError(`${name}: deadLetter(topic) needs a topic name (got ${JSON.stringify(topic)})`);
    }
    const allowed = deadLetterAllowed ? `'fail', 'logAndContinue', deadLetter(topic) or a function` : `'fail', 'logAndContinue' or a function`;
    throw new ConfigError(`${name} must be ${allowed} (got ${describe(value)})`);
  };
  check('deserializationExceptionHandler', config.deserializationExceptionHandler, true);
  check('processingExceptionHandler', config.processingExceptionHandler, false);
  check('productionExceptionHandler', config.productionExceptionHandler, false);
}

/** Each bootstrap server must be `host:port` (Kafka's `bootstrap.servers`), IPv6 hosts in brackets. */
export function validateBootstrapServers(servers: StreamsConfig['bootstrapServers']): void {
  const list = typeof servers === 'string' ? servers.split(',').map((s) => s.trim()) : [...(servers ?? [])];
  if (list.length === 0 || list.every((s) => s === '')) throw new ConfigError('bootstrapServers must name at least one broker as host:port');
  for (const server of list) {
    const match = /^(\[[0-9a-fA-F:.]+\]|[^:\s[\]]+):(\d{1,5})$/.exec(server);
    if (!match || Number(match[2]) > 65535) {
      throw new ConfigError(`bootstrapServers: '${server}' is not host:port (e.g. localhost:9092)`);
    }
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** The known key within edit distance 2 of `key` (case-insensitive), if any. */
function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
