// Types of broker.mjs (plain JavaScript, run by node without a build step).
export interface LauncherModule {
  status(opts?: object): 'running' | 'stopped' | 'partial';
  start(opts?: { log?: (line: string) => void }): Promise<{ bootstrapServers: string; startedNow: boolean }>;
  stop(opts?: { log?: (line: string) => void }): Promise<number>;
}

export interface AcquiredBroker {
  readonly bootstrapServers: string;
  /** `env`: KAFKA_BOOTSTRAP_SERVERS; `launcher-running`: the launcher's broker was already up; `launcher-started`: started now. */
  readonly source: 'env' | 'launcher-running' | 'launcher-started';
  /** Stops the broker if (and only if) this call started it. */
  release(): Promise<void>;
}

export function acquireBroker(deps: {
  env?: Record<string, string | undefined>;
  launcher?: LauncherModule;
  log: (line: string) => void;
}): Promise<AcquiredBroker>;
