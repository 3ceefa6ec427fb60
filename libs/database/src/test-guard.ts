import { databaseName } from './data-source.js';

/** Tests may only touch a database whose name says it is for tests. */
export function assertTestDatabase(url: string): void {
  const name = databaseName(url);
  if (!/test/i.test(name)) {
    throw new Error(`Refusing to run tests against database '${name}': its name must contain 'test'.`);
  }
}
