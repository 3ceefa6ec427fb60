import { DataSource } from 'typeorm';

/**
 * Real wording to vary synthetic requirements with (for the search benchmark): each
 * requirement gets titles, sentences, tags and legal sources picked from these lists, so
 * that words, their frequencies and the facets look like the bank's own.
 */
export interface SyntheticTexts {
  titles: string[];
  sentences: string[];
  tags: string[];
  /** Ids already in the legal-source register. */
  legalSources: string[];
}

/**
 * Loads `n` synthetic requirements (keys RAM/SIK/ARK-10000 …) with `versions` versions each,
 * straight in SQL, in one transaction. For benchmarks only. Without `texts` every
 * requirement has the same few template sentences (the catalogue benchmark); with them,
 * the texts are mixed from real wording (the search benchmark).
 */
export async function loadSyntheticCatalogue(ds: DataSource, n: number, versions: number, texts?: SyntheticTexts): Promise<void> {
  if (texts) return loadVariedCatalogue(ds, n, versions, texts);
  await ds.transaction(async (m) => {
    await m.query(`INSERT INTO legal_source (id, title, kind, issuer, url, version) VALUES
      ('bench-act', 'Benchmark act', 'act', 'Bench', 'https://example.org/act', '1'),
      ('bench-standard', 'Benchmark standard', 'standard', 'Bench', 'https://example.org/std', '1')
      ON CONFLICT DO NOTHING`);
    await m.query(
      `INSERT INTO requirement (key, category, number, status, current_version, level, tags)
       SELECT (ARRAY['RAM','SIK','ARK'])[i % 3 + 1] || '-' || (10000 + i),
              (ARRAY['framework-architecture','security','archive'])[i % 3 + 1],
              10000 + i, 'active', $2, 1,
              ARRAY['tag' || (i % 50), 'emne' || (i % 7)]
         FROM generate_series(0, $1 - 1) AS i`,
      [n, versions],
    );
    await m.query(
      `INSERT INTO requirement_version (requirement_key, version, title, statement, rationale, guidance, verification, level, obligation, tags, content_hash, origin, published_at)
       SELECT r.key, v,
              'Syntetisk krav ' || r.number || ' version ' || v,
              'Leverandøren skal opfylde syntetisk krav ' || r.number || ' om ' || (ARRAY['logning','kryptering','backup','arkivering','adgangsstyring','dokumentation'])[r.number % 6 + 1] || ' i version ' || v || '.',
              repeat('Begrundelse for kravet med flere ord. ', 8),
              repeat('Vejledning om brug af kravet og omkostninger. ', 8),
              repeat('Tilbudsgiver dokumenterer og kommunen følger op. ', 6),
              (r.number % 3) + 1, CASE WHEN r.number % 4 = 0 THEN 'evaluated' ELSE 'minimum' END,
              r.tags, md5(r.key || v) || md5(v || r.key), 'seed', now() - ((4 - v) || ' days')::interval
         FROM requirement r CROSS JOIN generate_series(1, $1) AS v
        WHERE r.number >= 10000`,
      [versions],
    );
    await m.query(
      `INSERT INTO requirement_version_source (version_id, position, legal_source_id, section)
       SELECT v.id, p, CASE WHEN p = 0 THEN 'bench-act' ELSE 'bench-standard' END, CASE WHEN p = 0 THEN 'art. ' || (v.version + 1) END
         FROM requirement_version v CROSS JOIN generate_series(0, 1) AS p
        WHERE v.requirement_key LIKE '%-1____'`,
    );
  });
  await syncLevels(ds);
  await ds.query('ANALYZE');
}

/**
 * Picks element `1 + (seed * prime) % length` of an array: deterministic and spread over the
 * whole array (the primes are larger than any list here, so coprime with its length).
 */
const pick = (array: string, seed: string, prime: number) => `(${array})[1 + ((${seed}) * ${prime}) % cardinality(${array})]`;

async function loadVariedCatalogue(ds: DataSource, n: number, versions: number, t: SyntheticTexts): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query(
      `INSERT INTO requirement (key, category, number, status, current_version, level, tags)
       SELECT (ARRAY['RAM','SIK','ARK'])[i % 3 + 1] || '-' || (10000 + i),
              (ARRAY['framework-architecture','security','archive'])[i % 3 + 1],
              10000 + i, 'active', $2, 1,
              ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[${pick('$3::text[]', 'i', 7919)}, ${pick('$3::text[]', 'i + 1', 7927)}, ${pick('$3::text[]', 'i + 2', 7933)}]) AS x)
         FROM generate_series(0, $1 - 1) AS i`,
      [n, versions, t.tags],
    );
    await m.query(
      `INSERT INTO requirement_version (requirement_key, version, title, statement, rationale, guidance, verification, level, obligation, tags, content_hash, origin, published_at)
       SELECT r.key, v,
              ${pick('$2::text[]', 'r.number + v', 7937)} || CASE WHEN r.number % 3 = 0 THEN ' – ' || lower(${pick('$2::text[]', 'r.number', 7949)}) ELSE '' END,
              ${pick('$3::text[]', 'r.number + v', 7951)} || ' ' || ${pick('$3::text[]', 'r.number', 7963)},
              ${pick('$3::text[]', 'r.number', 7993)} || ' ' || ${pick('$3::text[]', 'r.number + 1', 8009)},
              ${pick('$3::text[]', 'r.number', 8011)} || ' ' || ${pick('$3::text[]', 'r.number + 2', 8017)} || ' ' || ${pick('$3::text[]', 'r.number + 3', 8039)},
              ${pick('$3::text[]', 'r.number', 8053)},
              (r.number % 3) + 1, CASE WHEN r.number % 4 = 0 THEN 'evaluated' ELSE 'minimum' END,
              r.tags, md5(r.key || v) || md5(v || r.key), 'seed', now() - (($1 + 1 - v) || ' days')::interval
         FROM requirement r CROSS JOIN generate_series(1, $1) AS v
        WHERE r.number >= 10000`,
      [versions, t.titles, t.sentences],
    );
    await m.query(
      `INSERT INTO requirement_version_source (version_id, position, legal_source_id, section)
       SELECT v.id, p, ${pick('$1::text[]', 'r.number + p', 8059)}, NULL
         FROM requirement_version v JOIN requirement r ON r.key = v.requirement_key CROSS JOIN generate_series(0, 1) AS p
        WHERE r.number >= 10000 AND (p = 0 OR r.number % 2 = 0)`,
      [t.legalSources],
    );
  });
  await syncLevels(ds);
  await ds.query('ANALYZE');
}

/** The loaders insert a placeholder level; the requirement keeps its current version's level. */
async function syncLevels(ds: DataSource): Promise<void> {
  await ds.query(
    `UPDATE requirement r SET level = v.level FROM requirement_version v
      WHERE v.requirement_key = r.key AND v.version = r.current_version AND r.level <> v.level`,
  );
}
