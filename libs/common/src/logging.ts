import pino from 'pino';

let stdout: pino.DestinationStream | undefined;

/**
 * The service's log stream: standard output, written asynchronously, so that a request never
 * waits for a slow reader of the logs. Whatever is still buffered is written when the process
 * exits.
 */
export function serviceLogDestination(): pino.DestinationStream {
  stdout ??= pino.destination({ dest: 1, sync: false });
  return stdout;
}
