import { CatalogueSchema1763900000000 } from './1763900000000-CatalogueSchema.js';

/** Every migration, oldest first. A landed migration is never edited; add a new one. */
export const MIGRATIONS = [CatalogueSchema1763900000000];
