import pino from 'pino';
import pretty from 'pino-pretty';

let stdout: pino.DestinationStream | undefined;

/**
 * The service's log stream: standard output, written asynchronously, so that a request never
 * waits for a slow reader of the logs. Whatever is still buffered is written when the process
 * exits. On a terminal the lines are made readable for a person (pino-pretty); anywhere else
 * (a file, a pipe, a log collector) they stay one JSON object per line.
 */
export function serviceLogDestination(): pino.DestinationStream {
  stdout ??= process.stdout.isTTY
    ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true, sync: false })
    : pino.destination({ dest: 1, sync: false });
  return stdout;
}

/** Fields of a database error that can hold the user's own text (statement parameters, row values). */
const DATABASE_ERROR_CONTENT = ['parameters', 'query', 'driverError', 'detail', 'where', 'hint', 'internalQuery'];

/**
 * Pino's error serializer without the content of a failed statement: TypeORM's QueryFailedError
 * carries the SQL text and its parameters (the user's content) and the driver's `detail` names
 * row values ("Key (title)=(…)"). What stays is the type, message, stack and the driver's code,
 * table, column and constraint, which are enough to find the fault.
 */
export function logSafeError(error: unknown): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== 'object') return serialized;
  const driver = (error as { driverError?: Record<string, unknown> })?.driverError;
  for (const field of DATABASE_ERROR_CONTENT) delete serialized[field];
  if (driver && typeof driver === 'object') {
    const { code, severity, routine, table, column, constraint } = driver;
    serialized.database = { code, severity, routine, table, column, constraint };
  }
  return serialized;
}
