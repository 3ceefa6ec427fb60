import { CatalogueSchema1763900000000 } from './1763900000000-CatalogueSchema.js';
import { IdentityEditorialAudit1763900000001 } from './1763900000001-IdentityEditorialAudit.js';
import { SearchIndex1763900000002 } from './1763900000002-SearchIndex.js';
import { Specifications1763900000003 } from './1763900000003-Specifications.js';
import { AuditChainAtCommit1763900000004 } from './1763900000004-AuditChainAtCommit.js';
import { SearchTitleIndex1763900000005 } from './1763900000005-SearchTitleIndex.js';
import { SearchBrowseIndex1763900000007 } from './1763900000007-SearchBrowseIndex.js';
import { SearchTermDocuments1763900000008 } from './1763900000008-SearchTermDocuments.js';
import { LoginThrottle1763900000009 } from './1763900000009-LoginThrottle.js';
import { BrowserSessions1763900000010 } from './1763900000010-BrowserSessions.js';
import { AnnexSettings1763900000011 } from './1763900000011-AnnexSettings.js';
import { Offers1763900000012 } from './1763900000012-Offers.js';
import { OrganisationsApiKeysOidc1763900000013 } from './1763900000013-OrganisationsApiKeysOidc.js';

/** Every migration, oldest first. A landed migration is never edited; add a new one. */
export const MIGRATIONS = [
  CatalogueSchema1763900000000,
  IdentityEditorialAudit1763900000001,
  SearchIndex1763900000002,
  Specifications1763900000003,
  AuditChainAtCommit1763900000004,
  SearchTitleIndex1763900000005,
  SearchBrowseIndex1763900000007,
  SearchTermDocuments1763900000008,
  LoginThrottle1763900000009,
  BrowserSessions1763900000010,
  AnnexSettings1763900000011,
  Offers1763900000012,
  OrganisationsApiKeysOidc1763900000013,
];
