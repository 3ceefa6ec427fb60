import { isDatabaseUnavailable } from './unavailable.js';

const withCode = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error('x'), { code, ...extra });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', withCode('ECONNREFUSED')],
    ['a missing Unix socket', withCode('ENOENT', { syscall: 'connect' })],
    ['a pool that waited too long', new Error('timeout exceeded when trying to connect')],
    ['a server that did not answer', new Error('Query read timeout')],
    ['a cut connection', new Error('Connection terminated unexpectedly')],
    ['the statement timeout', withCode('57014')],
    ['an administrator shutdown', withCode('57P01')],
    ['too many connections', withCode('53300')],
    ['a connection failure class 08', withCode('08006')],
    ["TypeORM's wrapper around a driver error", Object.assign(new Error('wrapped'), { driverError: withCode('57P01') })],
  ])('recognises %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a syntax error', withCode('42601')],
    ['a missing file', withCode('ENOENT', { syscall: 'open' })],
    ['a plain error', new Error('boom')],
    ['not an error', 'text'],
    ['nothing', undefined],
  ])('leaves %s alone', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
