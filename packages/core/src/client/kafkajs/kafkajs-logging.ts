// kafkajs' log lines into our pino logger, at the same levels (kafkajs ERROR lines for retried
// CONCURRENT_TRANSACTIONS and coordinator loading are noise: they go to debug).
import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

const RETRIED_NOISE = /concurrent operation on the same transaction|coordinator is loading|rebalancing|REBALANCE_IN_PROGRESS/i;

export function pinoLogCreator(logger: Logger): logCreator {
  const base = logger.child({ component: 'kafkajs' });
  return () =>
    ({ level, log }) => {
      const { message, ...extra } = log;
      switch (level) {
        case logLevel.ERROR:
          if (RETRIED_NOISE.test(String(message) + String(extra.error ?? ''))) base.debug(extra, message);
          else base.error(extra, message);
          break;
        case logLevel.WARN:
          base.warn(extra, message);
          break;
        case logLevel.INFO:
          base.debug(extra, message);
          break;
        default:
          base.trace(extra, message);
      }
    };
}

/** The kafkajs level that lets through what the pino logger would print. */
export function kafkajsLevel(logger: Logger): logLevel {
  if (logger.isLevelEnabled('debug')) return logLevel.INFO;
  if (logger.isLevelEnabled('warn')) return logLevel.WARN;
  return logLevel.ERROR;
}
