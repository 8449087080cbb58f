import { pino, type Logger } from 'pino';

/** JSON logs to stdout; tokens and secrets never reach them. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'incident-bot' },
    redact: {
      paths: ['token', '*.token', 'botToken', '*.botToken', 'signingSecret', '*.signingSecret', 'appToken', '*.appToken', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
