import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@kravbank/common';
import { loadOidcProviders, mapRoles } from './providers.js';

const file = (yaml: string): string => {
  const f = path.join(mkdtempSync(path.join(os.tmpdir(), 'kravbank-providers-')), 'providers.yaml');
  writeFileSync(f, yaml);
  return f;
};
const problems = (yaml: string, env: NodeJS.ProcessEnv = {}): string[] => {
  try {
    loadOidcProviders(file(yaml), env);
  } catch (e) {
    if (e instanceof ConfigError) return e.lines;
    throw e;
  }
  return [];
};

describe('OIDC_PROVIDERS_FILE', () => {
  it('reads a provider with the defaults filled in, the secret from the environment', () => {
    const [p] = loadOidcProviders(
      file(`providers:
  - organisation: "55133018"
    issuer: https://login.microsoftonline.com/tenant/v2.0
    clientId: abc
    clientSecretEnv: AARHUS_SECRET
    roleMap:
      Kravbank-Indkoebere: procurer
      Kravbank-Admins: [admin, procurer]
`),
      { AARHUS_SECRET: 's3cret' },
    );
    expect(p).toMatchObject({
      organisation: '55133018',
      clientSecret: 's3cret',
      usernameClaim: 'preferred_username',
      rolesClaim: 'groups',
      syncRolesOnLogin: true,
      audiences: ['abc', 'api://abc'],
      algorithms: ['RS256', 'PS256', 'ES256'],
    });
    expect(mapRoles(p, ['Kravbank-Admins', 'andet'])).toEqual(['procurer', 'admin']);
    expect(mapRoles(p, 'Kravbank-Indkoebere')).toEqual(['procurer']);
    expect(mapRoles(p, undefined)).toEqual([]);
  });

  it('names every problem: field, entry and why', () => {
    const lines = problems(`providers:
  - organisation: 5513301
    issuer: http://idp.example
    clientSecretEnv: MISSING
    roleMap: { g: superuser }
    algorithms: [none]
    colour: blue
  - organisation: "35209115"
    issuer: https://idp.example
    clientId: x
  - organisation: "35209115"
    issuer: https://idp.example
    clientId: y
`);
    const text = lines.join('\n');
    for (const fragment of [
      'providers[0].colour is not a known setting',
      'providers[0].organisation must be',
      'providers[0].issuer must be',
      'providers[0].clientId is required',
      'providers[0].clientSecretEnv names the environment variable MISSING, which is not set',
      'providers[0].roleMap.g names superuser',
      'providers[0].algorithms must be',
      'providers[2] repeats the organisation 35209115',
      'providers[2] repeats the issuer https://idp.example',
    ])
      expect(text).toContain(fragment);
    expect(problems('not: [a list')).toEqual([expect.stringContaining('cannot be read as YAML')]);
    expect(problems('- 1')[0]).toContain('providers[0]');
    expect(loadOidcProviders(undefined)).toEqual([]);
  });
});
