import { DataSource } from 'typeorm';

/**
 * Loads `n` synthetic requirements (keys RAM/SIK/ARK-10000 …) with `versions` versions each,
 * straight in SQL, in one transaction. For benchmarks only.
 */
export async function loadSyntheticCatalogue(ds: DataSource, n: number, versions: number): Promise<void> {
  await ds.transaction(async (m) => {
    await m.query(`INSERT INTO legal_source (id, title, kind, issuer, url, version) VALUES
      ('bench-act', 'Benchmark act', 'act', 'Bench', 'https://example.org/act', '1'),
      ('bench-standard', 'Benchmark standard', 'standard', 'Bench', 'https://example.org/std', '1')
      ON CONFLICT DO NOTHING`);
    await m.query(
      `INSERT INTO requirement (key, category, number, status, current_version, tags)
       SELECT (ARRAY['RAM','SIK','ARK'])[i % 3 + 1] || '-' || (10000 + i),
              (ARRAY['framework-architecture','security','archive'])[i % 3 + 1],
              10000 + i, 'active', $2,
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
  await ds.query('ANALYZE');
}
