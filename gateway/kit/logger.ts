// Structured logs that never carry secrets: known secret fields are censored wherever they appear.
import pino, { type Logger } from 'pino';

const SECRET_FIELDS = [
  'password',
  'token',
  'id_token',
  'access_token',
  'refresh_token',
  'code',
  'code_verifier',
  'cookie',
  'authorization',
  'sessionId',
  'csrfToken',
  'secret',
  'id_number',
  'idNumber',
  'phone',
  'phone_number',
  'passport',
];

/** `destination` lets a test read every line the process would write. */
export function createLogger(name: string, level = process.env['LOG_LEVEL'] ?? 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    base: { svc: name },
    redact: {
      paths: [...SECRET_FIELDS, ...SECRET_FIELDS.map((f) => `*.${f}`), 'req.headers.cookie', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
