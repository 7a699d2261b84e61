// How `npm run demo` gets its broker: KAFKA_BOOTSTRAP_SERVERS when set; else the local launcher's broker on its
// default port (tools/kafka/launcher.mjs), started if it is not running. `release()` stops the broker only when
// this call started it.

/**
 * @param {{ env?: NodeJS.ProcessEnv, launcher?: LauncherModule, log: (line: string) => void }} deps
 * @returns {Promise<{ bootstrapServers: string, source: 'env' | 'launcher-running' | 'launcher-started', release: () => Promise<void> }>}
 */
export async function acquireBroker({ env = process.env, launcher, log }) {
  const fromEnv = env.KAFKA_BOOTSTRAP_SERVERS?.trim();
  if (fromEnv) {
    log(`using the Kafka cluster in KAFKA_BOOTSTRAP_SERVERS: ${fromEnv}`);
    return { bootstrapServers: fromEnv, source: 'env', release: async () => {} };
  }
  const l = launcher ?? (await import('../kafka/launcher.mjs'));
  if (l.status() === 'running') {
    log('KAFKA_BOOTSTRAP_SERVERS is not set; the local broker (tools/kafka/launcher.mjs) is already running: using it, and leaving it running');
  } else {
    log(
      'KAFKA_BOOTSTRAP_SERVERS is not set: starting a local Kafka broker with tools/kafka/launcher.mjs on its default port ' +
        '(it is stopped again at the end; the first start fetches Kafka from Maven Central, which takes a while once)',
    );
  }
  const { bootstrapServers, startedNow } = await l.start({ log: (line) => log(`  [kafka] ${line}`) });
  return {
    bootstrapServers,
    source: startedNow ? 'launcher-started' : 'launcher-running',
    release: async () => {
      if (!startedNow) return;
      log(`stopping the local broker the demo started (${bootstrapServers})`);
      await l.stop({ log: (line) => log(`  [kafka] ${line}`) });
    },
  };
}
