import { MIGRATIONS } from '../../../migrations/index.js';
import { CATALOGUE_ENTITIES } from '../../catalogue/src/entities/index.js';
import { OutboxEventEntity } from './outbox.js';

/** Every entity of the application; the API, the CLI and the tests build their DataSource from this. */
export const ENTITIES = [...CATALOGUE_ENTITIES, OutboxEventEntity];
export { MIGRATIONS };
