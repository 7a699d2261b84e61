// How `npm run demo` chooses its broker, and that it stops only a broker it started.
import { describe, expect, it } from 'vitest';
import { acquireBroker, type LauncherModule } from '../broker.mjs';

function fakeLauncher(running: boolean) {
  const calls: string[] = [];
  const launcher: LauncherModule = {
    status: () => (running ? 'running' : 'stopped'),
    start: async () => {
      calls.push('start');
      const startedNow = !running;
      running = true;
      return { bootstrapServers: '127.0.0.1:9092', startedNow };
    },
    stop: async () => {
      calls.push('stop');
      running = false;
      return 1;
    },
  };
  return { launcher, calls };
}

describe('acquireBroker', () => {
  it('uses KAFKA_BOOTSTRAP_SERVERS when set, and never touches the launcher', async () => {
    const { launcher, calls } = fakeLauncher(false);
    const lines: string[] = [];
    const b = await acquireBroker({ env: { KAFKA_BOOTSTRAP_SERVERS: ' host1:9092,host2:9092 ' }, launcher, log: (l) => lines.push(l) });
    expect(b.bootstrapServers).toBe('host1:9092,host2:9092');
    expect(b.source).toBe('env');
    await b.release();
    expect(calls).toEqual([]);
    expect(lines.join('\n')).toContain('KAFKA_BOOTSTRAP_SERVERS');
  });

  it('starts the local broker when none runs, and stops it on release', async () => {
    const { launcher, calls } = fakeLauncher(false);
    const lines: string[] = [];
    const b = await acquireBroker({ env: {}, launcher, log: (l) => lines.push(l) });
    expect(b).toMatchObject({ bootstrapServers: '127.0.0.1:9092', source: 'launcher-started' });
    await b.release();
    expect(calls).toEqual(['start', 'stop']);
    expect(lines.join('\n')).toMatch(/starting a local Kafka broker[\s\S]*stopping the local broker/);
  });

  it('uses a local broker that already runs, and leaves it running', async () => {
    const { launcher, calls } = fakeLauncher(true);
    const b = await acquireBroker({ env: {}, launcher, log: () => {} });
    expect(b.source).toBe('launcher-running');
    await b.release();
    expect(calls).toEqual(['start']);
  });
});
