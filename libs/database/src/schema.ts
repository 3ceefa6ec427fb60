import { MIGRATIONS } from '../../../migrations/index.js';
import { OutboxEventEntity } from './outbox.js';

/**
 * The entities TypeORM knows of. The schema itself comes only from the migrations; every lib reads
 * and writes its tables with SQL through its own store, so only the outbox is mapped.
 */
export const ENTITIES = [OutboxEventEntity];
export { MIGRATIONS };
