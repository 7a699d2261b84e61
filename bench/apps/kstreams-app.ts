// The benchmark topologies on kstreams. argv: scenario bootstrap applicationId input output guarantee commitMs
import { KafkaStreams, Serdes, StreamsBuilder, type ProcessingGuarantee } from '@kstreams/core';
import { pino } from 'pino';
import { filterMap, type ScenarioName } from '../lib/scenarios.js';

const [scenario, bootstrap, applicationId, input, output, guarantee, commitMs] = process.argv.slice(2) as [
  ScenarioName, string, string, string, string, ProcessingGuarantee, string,
];
const S = Serdes.string();
const b = new StreamsBuilder();
const source = b.stream(input, { keySerde: S, valueSerde: S });
if (scenario === 'passthrough') {
  source.mapValues((v) => v).to(output, { keySerde: S, valueSerde: S });
} else {
  source
    .mapValues((v) => filterMap(v))
    .filter((_k, r) => r !== undefined)
    .map((_k, r) => [r!.key, r!.value] as const)
    .to(output, { keySerde: S, valueSerde: S });
}
const app = new KafkaStreams(b.build(), {
  applicationId,
  bootstrapServers: bootstrap,
  processingGuarantee: guarantee,
  commitIntervalMs: Number(commitMs),
  logger: pino({ level: 'warn' }, pino.destination(2)),
});
app.onStateChange((s) => {
  if (s === 'RUNNING') process.stdout.write('RUNNING\n');
});
app.closeOnSignals();
await app.start();
