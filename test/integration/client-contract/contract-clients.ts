// The Kafka client adapters the port contract tests run against. Every adapter of `KafkaClientPort` belongs in
// this list; the contract files (*.contract.test.ts) use only the port interfaces, so an adapter that passes them
// gives the runtime what it relies on.
import { Socket, connect, type NetConnectOpts } from 'node:net';
import { pino } from 'pino';
import { KafkajsClient, kafkajsClient } from '../../../packages/core/src/client/kafkajs/kafkajs-client.js';
import type { KafkaClientPort } from '../../../packages/core/src/client/kafka-client.js';
import type { ClientContext } from '../../../packages/core/src/client/client-settings.js';
import { bootstrapServers, uniqueName } from '../../harness/kafka.js';

const logger = pino({ level: process.env.KSTREAMS_LOG_LEVEL ?? 'silent' });

/** The network between one client and the broker, as a test controls it. */
export interface NetworkSwitch {
  /** Drops every open connection (the peer sees a reset) and refuses new ones, as an unreachable broker would. */
  cut(): void;
  /** Lets new connections through again. */
  restore(): void;
}

export interface ContractClient {
  readonly name: string;
  /** A client of the test broker. */
  create(): KafkaClientPort;
  /** A client of the test broker made by the adapter's factory, with these settings. */
  createWith(settings: Partial<Pick<ClientContext, 'connection' | 'producer' | 'consumer' | 'admin'>>): KafkaClientPort;
  /** A client of the test broker whose connections go through a switch the test can cut. */
  createBehindSwitch(): { client: KafkaClientPort; network: NetworkSwitch };
}

/** What KafkaStreams gives a client factory, for a client of the test broker. */
export function clientContext(name: string): ClientContext {
  return {
    bootstrapServers: bootstrapServers().split(','),
    connection: { clientId: uniqueName(name) },
    producer: {},
    consumer: {},
    admin: {},
    logger,
  };
}

export function contractClients(): ContractClient[] {
  return [
    {
      name: 'kafkajs',
      create: () => new KafkajsClient(clientContext('contract')),
      createWith: (settings) => kafkajsClient()({ ...clientContext('contract-settings'), ...settings }),
      createBehindSwitch: () => {
        const network = new SocketSwitch();
        const client = new KafkajsClient(clientContext('contract-cut'), {
          socketFactory: ({ host, port, onConnect }) => network.connect({ host, port }, onConnect),
        });
        return { client, network };
      },
    },
  ];
}

/** TCP connections that can be cut: the sockets a client library opens (kafkajs: its `socketFactory`). */
export class SocketSwitch implements NetworkSwitch {
  private readonly open = new Set<Socket>();
  private down = false;

  connect(options: NetConnectOpts & { host: string; port: number }, onConnect: () => void): Socket {
    if (this.down) {
      const socket = new Socket();
      setImmediate(() => socket.destroy(errorWithCode(`connect ECONNREFUSED ${options.host}:${options.port} (network cut by the test)`, 'ECONNREFUSED')));
      return socket;
    }
    const socket = connect(options, onConnect);
    socket.setKeepAlive(true, 60_000);
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
    return socket;
  }

  cut(): void {
    this.down = true;
    for (const socket of this.open) socket.destroy(errorWithCode('read ECONNRESET (network cut by the test)', 'ECONNRESET'));
    this.open.clear();
  }

  restore(): void {
    this.down = false;
  }
}

function errorWithCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}
