import { QueryFailedError } from 'typeorm';
import { logSafeError } from './logging.js';

describe('log-safe errors', () => {
  it('drops the SQL text, its parameters and the driver detail of a failed statement', () => {
    const driverError = Object.assign(new Error('duplicate key value violates unique constraint "spec_title"'), {
      code: '23505',
      severity: 'ERROR',
      detail: 'Key (title)=(Hemmelig titel) already exists.',
      table: 'specification',
      constraint: 'spec_title',
    });
    const error = new QueryFailedError('INSERT INTO specification (title) VALUES ($1)', ['Hemmelig titel'], driverError);
    const logged = logSafeError(error);
    expect(JSON.stringify(logged)).not.toMatch(/Hemmelig|INSERT/);
    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      message: driverError.message,
      database: { code: '23505', table: 'specification', constraint: 'spec_title' },
    });
    expect(logSafeError(new Error('plain'))).toMatchObject({ type: 'Error', message: 'plain' });
  });
});
