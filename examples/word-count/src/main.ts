// The word-count demo (`npm run demo` runs it, after making sure a broker is there; see tools/demo/):
//   KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092 npm start -w @kstreams/example-word-count
// It creates an input and an output topic with names unique to this run, starts the word-count topology with
// exactly_once, feeds the bundled public-domain text line by line, reads the output with read_committed and shows
// the top 10 words as the counts settle (a table redrawn every second in a terminal, one line a second
// otherwise). The lines are paced at WORD_COUNT_LINES_PER_SECOND (default 1000, about 7 s for the text; 0 sends
// them as fast as the producer goes). Once every word is counted, it prints the top 20, checks that the counts
// add up to the number of words in the text, closes the application and deletes what it created (topics,
// consumer groups, state directory). WORD_COUNT_KEEP_TOPICS=1 keeps the topics, for kafka-console-consumer.
// The application's own log goes to a file (its path is printed), deleted at the end unless the demo failed;
// KSTREAMS_LOG_LEVEL sets its level (default info).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaStreams, type RestoreProgress, type StreamsState } from '@kstreams/core';
import { Kafka, Partitioners, logLevel, type Admin, type Consumer } from 'kafkajs';
import { pino } from 'pino';
import { BUNDLED_TEXT_TITLE, bundledLines } from './bundled-text.js';
import { LiveView } from './live-view.js';
import { WordCounts, formatCount, renderTable, topOf } from './top-words.js';
import { WORD_COUNT_STORE, wordCountTopology, type WordCountTopics } from './topology.js';
import { countWords } from './words.js';

const bootstrapServers = process.env.KAFKA_BOOTSTRAP_SERVERS ?? 'localhost:9092';
const keepTopics = process.env.WORD_COUNT_KEEP_TOPICS === '1';
const timeoutMs = Number(process.env.WORD_COUNT_TIMEOUT_MS ?? 90_000);
const linesPerSecond = Number(process.env.WORD_COUNT_LINES_PER_SECOND ?? 1000);
const out = process.stdout;
const tty = out.isTTY === true;
const say = (line = ''): void => void out.write(`${line}\n`);
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

const started = Date.now();
const runId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
const topics: WordCountTopics = { input: `word-count-lines-${runId}`, output: `word-count-counts-${runId}` };
const applicationId = `word-count-demo-${runId}`;
const readerGroup = `${applicationId}-reader`;
const stateDir = mkdtempSync(join(tmpdir(), 'kstreams-word-count-'));
const logFile = join(tmpdir(), `kstreams-word-count-${runId}.log`);
const logger = pino({ name: 'word-count', level: process.env.KSTREAMS_LOG_LEVEL ?? 'info' }, pino.destination({ dest: logFile, sync: true }));

// What the counts must add up to: our own splitter over the same text.
const lines = bundledLines();
const expected = countWords(lines);
let expectedTotal = 0;
for (const n of expected.values()) expectedTotal += n;

const kafka = new Kafka({ clientId: 'word-count-demo', brokers: bootstrapServers.split(','), logLevel: logLevel.NOTHING });
let admin: Admin | undefined;
let reader: Consumer | undefined;
let app: KafkaStreams | undefined;
let interrupted = false;

async function run(): Promise<void> {
  say(`Text: ${BUNDLED_TEXT_TITLE}`);
  say(`      ${formatCount(lines.length)} lines, ${formatCount(expectedTotal)} words, ${formatCount(expected.size)} distinct (split on non-letters, lowercased)`);
  say(`Kafka: ${bootstrapServers}`);

  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    topics: [{ topic: topics.input, numPartitions: 3 }, { topic: topics.output, numPartitions: 3 }],
    waitForLeaders: true,
  });
  say(`Created topics ${topics.input} (input) and ${topics.output} (output), 3 partitions each (names unique to this run)`);

  app = new KafkaStreams(wordCountTopology(topics), {
    applicationId,
    bootstrapServers,
    processingGuarantee: 'exactly_once',
    stateDir,
    logger,
  });
  // A new application id has empty changelogs, so there is usually nothing to restore; show it when there is.
  app.restoreProgress$.subscribe((p: RestoreProgress) => {
    if (p.total === 0) return;
    say(`  restoring store ${p.storeName} of task ${p.taskId} from ${p.topic}-${p.partition}: ${formatCount(p.restored)}/${formatCount(p.total)}${p.done ? ' done' : ''}`);
  });
  let lastState: StreamsState | undefined;
  app.state$.subscribe((s) => {
    if (s !== lastState && (s === 'ERROR' || s === 'PENDING_ERROR')) say(`kstreams: ${s} (see ${logFile})`);
    lastState = s;
  });
  say(`Starting the word-count topology (application id ${applicationId}, exactly_once, store '${WORD_COUNT_STORE}')...`);
  const appStarted = Date.now();
  await app.start();
  say(`  joined the group after ${seconds(Date.now() - appStarted)}; application log: ${logFile}`);

  // Read the output (read_committed: only what committed transactions wrote).
  const counts = new WordCounts();
  reader = kafka.consumer({ groupId: readerGroup, readUncommitted: false });
  await reader.connect();
  await reader.subscribe({ topic: topics.output, fromBeginning: true });
  let allCounted!: () => void;
  const done = new Promise<void>((resolve) => (allCounted = resolve));
  let overcount: string | undefined;
  await reader.run({
    eachMessage: async ({ message }) => {
      if (message.key === null || message.value === null) return;
      counts.update(message.key.toString(), Number(message.value.toString()));
      if (counts.sum > expectedTotal) overcount ??= `the counts add up to ${counts.sum}, more than the ${expectedTotal} words of the text`;
      if (counts.sum >= expectedTotal) allCounted();
    },
  });

  // Feed the text, one record per line (sent in batches), and show the counts every second meanwhile.
  let sent = 0;
  let fedAt = 0;
  const feedStarted = Date.now();
  const live = new LiveView(out);
  const draw = (): void => live.draw(liveLines(sent, counts, Date.now() - feedStarted));
  const ticker = setInterval(draw, 1000);
  try {
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    // Paced (WORD_COUNT_LINES_PER_SECOND, default 1000; 0: as fast as it goes) so that the counts visibly grow.
    const batchSize = linesPerSecond > 0 ? Math.max(1, Math.round(linesPerSecond / 10)) : 500;
    for (let i = 0; i < lines.length && !interrupted; i += batchSize) {
      const batch = lines.slice(i, i + batchSize);
      await producer.send({ topic: topics.input, messages: batch.map((value) => ({ key: null, value })) });
      sent += batch.length;
      if (linesPerSecond > 0) await sleepUntil(feedStarted + ((i + batchSize) * 1000) / linesPerSecond);
    }
    await producer.disconnect();
    if (interrupted) return;
    fedAt = Date.now();
    draw();
    live.note(`sent all ${formatCount(lines.length)} lines in ${seconds(fedAt - feedStarted)}`);
    const deadline = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    const outcome = await Promise.race([done.then(() => 'done' as const), deadline, interruptedPromise]);
    if (outcome === 'interrupted') return;
    draw();
    if (outcome === 'timeout') {
      throw new Error(`after ${seconds(timeoutMs)} only ${formatCount(counts.sum)} of ${formatCount(expectedTotal)} words were counted`);
    }
  } finally {
    clearInterval(ticker);
    live.end();
    if (interrupted) say('Interrupted: closing the application and cleaning up...');
  }
  if (overcount) throw new Error(overcount);

  const countedAt = Date.now();
  say();
  say(
    `All ${formatCount(lines.length)} lines counted ${seconds(countedAt - feedStarted)} after the first one was sent, ` +
      `${seconds(countedAt - fedAt)} after the last one.`,
  );
  say(`Top 20 of ${formatCount(counts.distinctWords)} distinct words:`);
  for (const line of renderTable(counts.top(20))) say(line);
  say();
  const mismatches = topOf(expected, Number.MAX_SAFE_INTEGER).filter(([w, n]) => counts.get(w) !== n);
  const ok = counts.sum === expectedTotal && mismatches.length === 0 && counts.distinctWords === expected.size;
  say(
    `Check: sum of the final counts ${formatCount(counts.sum)} ${counts.sum === expectedTotal ? '==' : '!='} ` +
      `${formatCount(expectedTotal)} words in the text by our own splitter; ` +
      `${formatCount(expected.size - mismatches.length)}/${formatCount(expected.size)} words with the same count: ${ok ? 'OK' : 'FAILED'}`,
  );
  say(`      ${formatCount(counts.records)} output records read (the store's cache sends each word's latest count once per commit)`);
  if (!ok) {
    for (const [w, n] of mismatches.slice(0, 10)) say(`      ${w}: expected ${n}, got ${counts.get(w) ?? 'nothing'}`);
    throw new Error('the final counts do not match the text');
  }
}

/** Resolves when Ctrl-C (or SIGTERM) asks the demo to stop. */
const interruptedPromise = new Promise<'interrupted'>((resolve) => {
  const stop = (): void => {
    if (interrupted) return;
    interrupted = true;
    resolve('interrupted');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

function sleepUntil(at: number): Promise<void> {
  const ms = at - Date.now();
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function liveLines(sent: number, counts: WordCounts, ms: number): string[] {
  const pct = expectedTotal === 0 ? 100 : Math.floor((counts.sum * 100) / expectedTotal);
  const head =
    `[${seconds(ms).padStart(6)}] lines sent ${formatCount(sent)}/${formatCount(lines.length)} · ` +
    `words counted ${formatCount(counts.sum)}/${formatCount(expectedTotal)} (${pct}%)`;
  if (!tty) {
    const top = counts.top(10).map(([w, n]) => `${w} ${formatCount(n)}`).join(', ');
    return [`${head} · top 10: ${top || '-'}`];
  }
  return [head, ...renderTable(counts.top(10))];
}

async function cleanUp(): Promise<void> {
  await reader?.disconnect().catch(() => {});
  if (app) {
    const closeStarted = Date.now();
    const clean = await app.close({ timeoutMs: 30_000 });
    say(`Closed the application in ${seconds(Date.now() - closeStarted)}${clean ? '' : ' (not cleanly; see the log)'}`);
  }
  if (admin) {
    const mine = (await admin.listTopics()).filter((t) => t === topics.input || t === topics.output || t.startsWith(`${applicationId}-`));
    if (keepTopics) {
      say(`Kept the topics (WORD_COUNT_KEEP_TOPICS=1): ${mine.join(', ')}. To read the counts:`);
      say(`  kafka-console-consumer.sh --bootstrap-server ${bootstrapServers} --topic ${topics.output} --from-beginning --property print.key=true --isolation-level read_committed`);
    } else if (mine.length > 0) {
      await admin.deleteTopics({ topics: mine }).catch(() => {});
      await admin.deleteGroups([applicationId, readerGroup]).catch(() => {});
      say(`Deleted what this run created: ${mine.length} topics (input, output, repartition, changelog) and 2 consumer groups`);
    }
    await admin.disconnect().catch(() => {});
  }
  rmSync(stateDir, { recursive: true, force: true });
}

let exitCode = 0;
try {
  await run();
  if (interrupted) exitCode = 130;
} catch (e) {
  exitCode = 1;
  say(`\nThe demo failed: ${e instanceof Error ? e.message : String(e)}`);
} finally {
  await cleanUp().catch((e: unknown) => say(`cleanup failed: ${e instanceof Error ? e.message : String(e)}`));
}
// The application log is kept when something went wrong.
if (exitCode === 0 || exitCode === 130) rmSync(logFile, { force: true });
else if (existsSync(logFile)) say(`The application log is in ${logFile}`);
say(exitCode === 0 ? `Done in ${seconds(Date.now() - started)}.` : `Stopped after ${seconds(Date.now() - started)}.`);
process.exit(exitCode);
