// The local launcher's behaviour that the README promises: a clear error on a busy port, and a second
// start of a running broker is a no-op.
import { createServer, type Server } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
// @ts-expect-error plain JavaScript module without declarations
import * as launcher from '../../tools/kafka/launcher.mjs';

function listen(): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve({ server, port: typeof addr === 'object' && addr ? addr.port : 0 });
    });
  });
}

describe('local Kafka launcher', () => {
  it('refuses a port that is already in use, naming it and how to choose another', async () => {
    const { server, port } = await listen();
    const dir = mkdtempSync(join(tmpdir(), 'kstreams-launcher-'));
    try {
      await expect(launcher.start({ port, controllerPort: port + 1, dir, log: () => {} })).rejects.toThrow(
        new RegExp(`Port ${port} on 127.0.0.1 is already in use.*KAFKA_PORT`),
      );
    } finally {
      server.close();
    }
  });

  it('a second start of the running broker is a no-op', async () => {
    // Only meaningful when the harness's broker came from the launcher itself.
    if (inject('kafkaSource') !== 'local-launcher') {
      expect(inject('kafkaSource')).toMatch(/env|testcontainers/);
      return;
    }
    const [host, port] = inject('kafkaBootstrapServers').split(':');
    expect(host).toBe('127.0.0.1');
    const again = await launcher.start({ port: Number(port), log: () => {} });
    expect(again).toEqual({ bootstrapServers: inject('kafkaBootstrapServers'), startedNow: false });
    expect(launcher.status({ port: Number(port) })).toBe('running');
  });
});
