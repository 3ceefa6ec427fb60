export * from './category.entity.js';
export * from './legal-source.entity.js';
export * from './requirement.entity.js';
export * from './requirement-version.entity.js';
export * from './requirement-version-source.entity.js';

import { CategoryEntity } from './category.entity.js';
import { LegalSourceEntity } from './legal-source.entity.js';
import { RequirementEntity } from './requirement.entity.js';
import { RequirementVersionEntity } from './requirement-version.entity.js';
import { RequirementVersionSourceEntity } from './requirement-version-source.entity.js';

export const CATALOGUE_ENTITIES = [
  CategoryEntity,
  LegalSourceEntity,
  RequirementEntity,
  RequirementVersionEntity,
  RequirementVersionSourceEntity,
];
