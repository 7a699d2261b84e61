package dev.kstreams.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Java Kafka Streams baseline for the kstreams benchmarks.
 *
 * <pre>
 * java -jar target/kstreams-java-bench.jar &lt;scenario&gt; &lt;bootstrap&gt; &lt;applicationId&gt; &lt;inputTopic&gt; &lt;outputTopic&gt; &lt;guarantee&gt; &lt;commitIntervalMs&gt;
 * </pre>
 *
 * <p>Protocol with the parent process: stdout carries {@code RUNNING} (first time the client reaches state
 * RUNNING) and {@code CLOSED} (after SIGTERM/SIGINT, once {@link KafkaStreams#close(Duration)} returned), and
 * for two scenarios: enrich, {@code TABLE_LOADED} once the thread processed BENCH_TABLE_RECORDS records (the
 * table topic's, the stream topic being empty until then); restore, {@code RESTORED <records> <ms from start()>
 * <ms from the first onRestoreStart>} once the last store partition finished restoring, then {@code MEMORY <heap
 * used MB> 0} after System.gc() and {@code VERIFIED <entries>} or {@code VERIFY_FAILED <why>} (the store read
 * back through interactive queries). Everything else
 * (logs, diagnostics) goes to stderr. Exit codes: 0 closed cleanly, 1 close timed out or the client died (state
 * ERROR), 2 bad arguments.
 *
 * <p>Environment: BENCH_STATE_DIR (state.dir), BENCH_TABLE_TOPIC and BENCH_TABLE_RECORDS (enrich), BENCH_STORE
 * (restore: persistent | in-memory) and BENCH_RESTORE_RECORDS (restore: entries the store must hold).
 */
public final class BenchApp {

    static final String USAGE = "usage: java -jar kstreams-java-bench.jar <scenario> <bootstrap> <applicationId> "
            + "<inputTopic> <outputTopic> <guarantee> <commitIntervalMs>\n"
            + "  scenario:   " + String.join(" | ", Scenarios.NAMES) + "\n"
            + "  guarantee:  at_least_once | exactly_once_v2\n"
            + "  commitIntervalMs: integer >= 0\n"
            + "  env BENCH_CLOSE_TIMEOUT_MS: close timeout on SIGTERM (default 30000)";

    private BenchApp() {}

    /** Parsed command line. */
    record Args(String scenario, String bootstrap, String applicationId, String inputTopic, String outputTopic,
                String guarantee, long commitIntervalMs) {}

    static final class BadArgs extends Exception {
        BadArgs(String message) {
            super(message);
        }
    }

    static Args parseArgs(String[] argv) throws BadArgs {
        if (argv.length != 7) {
            throw new BadArgs("expected 7 arguments, got " + argv.length);
        }
        String scenario = argv[0];
        if (!Scenarios.NAMES.contains(scenario)) {
            throw new BadArgs("unknown scenario '" + scenario + "'");
        }
        for (int i = 1; i <= 4; i++) {
            if (argv[i].isBlank()) {
                throw new BadArgs("argument " + (i + 1) + " must not be empty");
            }
        }
        String guarantee = argv[5];
        if (!guarantee.equals(StreamsConfig.AT_LEAST_ONCE) && !guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)) {
            throw new BadArgs("guarantee must be at_least_once or exactly_once_v2, got '" + guarantee + "'");
        }
        long commitIntervalMs;
        try {
            commitIntervalMs = Long.parseLong(argv[6]);
        } catch (NumberFormatException e) {
            throw new BadArgs("commitIntervalMs must be an integer, got '" + argv[6] + "'");
        }
        if (commitIntervalMs < 0) {
            throw new BadArgs("commitIntervalMs must be >= 0, got " + commitIntervalMs);
        }
        return new Args(scenario, argv[1], argv[2], argv[3], argv[4], guarantee, commitIntervalMs);
    }

    static Properties config(Args a) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, a.applicationId());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, a.bootstrap());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, a.guarantee());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, a.commitIntervalMs());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        p.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        // Kafka Streams' own default already, set explicitly for clarity. isolation.level is left to Kafka Streams
        // (read_committed under exactly_once_v2, read_uncommitted under at_least_once).
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        String stateDir = System.getenv("BENCH_STATE_DIR");
        if (stateDir != null && !stateDir.isBlank()) {
            p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        }
        if (a.scenario().equals("word-count")) {
            // Every updated count is written, as the bare loop and kstreams (cacheMaxBytes: 0) do.
            p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0L);
        }
        return p;
    }

    public static void main(String[] argv) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        Args args;
        try {
            args = parseArgs(argv);
        } catch (BadArgs e) {
            System.err.println("kstreams-java-bench: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        long closeTimeoutMs = 30_000;
        String envTimeout = System.getenv("BENCH_CLOSE_TIMEOUT_MS");
        if (envTimeout != null && !envTimeout.isBlank()) {
            try {
                closeTimeoutMs = Long.parseLong(envTimeout.trim());
            } catch (NumberFormatException e) {
                System.err.println("kstreams-java-bench: BENCH_CLOSE_TIMEOUT_MS must be an integer, got '"
                        + envTimeout + "'");
                System.exit(2);
                return;
            }
        }

        long t0 = System.nanoTime();
        AtomicReference<KafkaStreams> streamsRef = new AtomicReference<>();
        AtomicBoolean printedRunning = new AtomicBoolean(false);
        AtomicBoolean shuttingDown = new AtomicBoolean(false);
        AtomicBoolean failed = new AtomicBoolean(false);
        CountDownLatch died = new CountDownLatch(1);

        // Registered before anything slow, so a SIGTERM during start-up still ends with CLOSED and exit 0.
        final long timeoutMs = closeTimeoutMs;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown.set(true);
            long c0 = System.nanoTime();
            KafkaStreams s;
            synchronized (streamsRef) {
                s = streamsRef.get();
                streamsRef.set(null);
            }
            // Leave the group on close (Kafka Streams otherwise stays until the session timeout): the restore runs
            // share one application id, so the next run would wait for this member to expire.
            boolean clean = s == null || s.close(CloseOptions
                    .groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofMillis(timeoutMs)));
            System.err.printf("kstreams-java-bench: close %s after %d ms%n", clean ? "completed" : "TIMED OUT",
                    (System.nanoTime() - c0) / 1_000_000);
            out.println("CLOSED");
            out.flush();
            System.err.flush();
            // Exit status 0/1 instead of the JVM's 143 for SIGTERM, so the parent can tell a clean close.
            Runtime.getRuntime().halt(clean && !failed.get() ? 0 : 1);
        }, "bench-shutdown"));

        StreamsBuilder builder = new StreamsBuilder();
        Scenarios.build(args.scenario(), builder, args.inputTopic(), args.outputTopic(),
                System.getenv("BENCH_TABLE_TOPIC"), System.getenv("BENCH_STORE"));
        Topology topology = builder.build();
        KafkaStreams streams = new KafkaStreams(topology, config(args));
        RestoreTimes restoreTimes = new RestoreTimes();
        streams.setGlobalStateRestoreListener(restoreTimes);
        CountDownLatch running = new CountDownLatch(1);

        streams.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING && printedRunning.compareAndSet(false, true)) {
                System.err.printf("kstreams-java-bench: RUNNING after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                out.println("RUNNING");
                running.countDown();
            } else if (newState == KafkaStreams.State.ERROR) {
                failed.set(true);
                System.err.println("kstreams-java-bench: Kafka Streams went to state ERROR (from " + oldState + ")");
                died.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(e -> {
            System.err.println("kstreams-java-bench: stream thread failed: " + e);
            e.printStackTrace(System.err);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });

        synchronized (streamsRef) {
            if (shuttingDown.get()) {
                return; // SIGTERM arrived while building: the hook has already finished (or will halt).
            }
            streamsRef.set(streams);
            restoreTimes.t0 = System.nanoTime();
            streams.start();
        }
        if (args.scenario().equals("enrich")) {
            daemon("bench-table-loaded", () -> waitForTableLoaded(streams, out));
        } else if (args.scenario().equals("restore")) {
            daemon("bench-restore-report", () -> reportRestore(streams, restoreTimes, running, out));
        }
        try {
            died.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!shuttingDown.get()) {
            // State ERROR without a shutdown request: exit non-zero (the shutdown hook closes and prints CLOSED).
            System.exit(1);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    /** enrich: TABLE_LOADED once the thread-level process-total reaches the table's record count. */
    private static void waitForTableLoaded(KafkaStreams streams, PrintStream out) {
        long tableRecords = Long.parseLong(System.getenv("BENCH_TABLE_RECORDS"));
        try {
            for (;;) {
                double processed = 0;
                for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
                    MetricName n = e.getKey();
                    if (n.name().equals("process-total") && n.group().equals("stream-thread-metrics")) {
                        processed += ((Number) e.getValue().metricValue()).doubleValue();
                    }
                }
                if (processed >= tableRecords) {
                    out.println("TABLE_LOADED");
                    return;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Times every store partition's restore: from start() and from the first onRestoreStart to the last end. */
    static final class RestoreTimes implements StateRestoreListener {
        volatile long t0;
        private long firstStart;
        private long lastEnd;
        private long restored;
        private int started;
        private int ended;

        @Override
        public synchronized void onRestoreStart(TopicPartition tp, String store, long startOffset, long endOffset) {
            if (started++ == 0) {
                firstStart = System.nanoTime();
            }
        }

        @Override
        public void onBatchRestored(TopicPartition tp, String store, long batchEndOffset, long numRestored) {}

        @Override
        public synchronized void onRestoreEnd(TopicPartition tp, String store, long totalRestored) {
            lastEnd = System.nanoTime();
            restored += totalRestored;
            ended++;
            notifyAll();
        }

        /** After RUNNING: waits until every started restore ended, then the figures. */
        synchronized String report() throws InterruptedException {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while ((started == 0 || ended < started) && System.nanoTime() < deadline) {
                wait(100);
            }
            return "RESTORED " + restored + " " + (lastEnd - t0) / 1_000_000 + " " + (lastEnd - firstStart) / 1_000_000;
        }
    }

    /** restore: the figures once RUNNING (restore precedes it), then the store's content checked through IQ. */
    private static void reportRestore(KafkaStreams streams, RestoreTimes times, CountDownLatch running,
                                      PrintStream out) {
        long expected = Long.parseLong(System.getenv("BENCH_RESTORE_RECORDS"));
        try {
            running.await();
            out.println(times.report());
            ReadOnlyKeyValueStore<String, String> store = streams.store(StoreQueryParameters.fromNameAndType(
                    Scenarios.RESTORE_STORE, QueryableStoreTypes.keyValueStore()));
            long entries = 0;
            try (KeyValueIterator<String, String> it = store.all()) {
                while (it.hasNext()) {
                    it.next();
                    entries++;
                }
            }
            int wrong = 0;
            for (long i = 0; i < expected; i += 9973) {
                String head = "value-" + i + "-";
                if (!(head + "v".repeat(100 - head.length())).equals(store.get(String.format("key-%08d", i)))) {
                    wrong++;
                }
            }
            System.gc();
            Runtime rt = Runtime.getRuntime();
            out.println("MEMORY " + (rt.totalMemory() - rt.freeMemory()) / (1 << 20) + " 0");
            if (entries != expected || wrong > 0) {
                out.println("VERIFY_FAILED " + entries + " entries (expected " + expected + "), " + wrong
                        + " sampled keys wrong or missing");
            } else {
                out.println("VERIFIED " + entries);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.println("VERIFY_FAILED " + e);
        }
    }
}
