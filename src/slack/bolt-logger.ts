import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const toPino: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

/** Bolt and the WebClient log through our pino logger, one level below ours so they do not drown it. */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ area: 'bolt' });
  let level: LogLevel = LogLevel.WARN;
  const write = (method: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) => child[method](msg.map(String).join(' '));
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (next) => {
      level = next;
      child.level = toPino[next];
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
