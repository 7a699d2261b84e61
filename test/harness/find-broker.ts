// Chooses the broker for integration tests (see global-setup.ts for the order).

export interface FoundBroker {
  bootstrapServers: string;
  source: 'env' | 'testcontainers' | 'local-launcher';
  /** Stops what this run started; leaves alone a broker that was already there. */
  release: () => Promise<void>;
}

type Log = (line: string) => void;

const TESTCONTAINERS_IMAGE = process.env.KSTREAMS_KAFKA_IMAGE ?? 'confluentinc/cp-kafka:8.0.0';

export async function findBroker(log: Log): Promise<FoundBroker> {
  const fromEnv = process.env.KAFKA_BOOTSTRAP_SERVERS?.trim();
  if (fromEnv) return { bootstrapServers: fromEnv, source: 'env', release: async () => {} };

  const viaDocker = await tryTestcontainers(log);
  if (viaDocker) return viaDocker;

  // @ts-expect-error the launcher is plain JavaScript without type declarations
  const launcher = await import('../../tools/kafka/launcher.mjs');
  const { bootstrapServers, startedNow } = (await launcher.start({ log })) as {
    bootstrapServers: string;
    startedNow: boolean;
  };
  const keep = process.env.KSTREAMS_KEEP_KAFKA === '1';
  return {
    bootstrapServers,
    source: 'local-launcher',
    release: async () => {
      if (startedNow && !keep) await launcher.stop({ log });
    },
  };
}

async function tryTestcontainers(log: Log): Promise<FoundBroker | undefined> {
  if (process.env.KSTREAMS_NO_DOCKER === '1') return undefined;
  let runtimeAnswers = false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await withTimeout(getContainerRuntimeClient(), 15_000);
    runtimeAnswers = true;
  } catch {
    log('no Docker engine answers; using the local launcher');
    return undefined;
  }
  if (!runtimeAnswers) return undefined;
  const { KafkaContainer } = await import('@testcontainers/kafka');
  log(`starting ${TESTCONTAINERS_IMAGE} with testcontainers...`);
  const container = await new KafkaContainer(TESTCONTAINERS_IMAGE).withKraft().start();
  return {
    bootstrapServers: `${container.getHost()}:${container.getMappedPort(9093)}`,
    source: 'testcontainers',
    release: async () => {
      await container.stop();
    },
  };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
