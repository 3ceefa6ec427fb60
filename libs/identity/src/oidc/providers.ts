import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError } from '@kravbank/common';
import { ROLES, type Role } from '../model.js';

/** One organisation's OpenID Connect provider, as OIDC_PROVIDERS_FILE describes it (secrets resolved). */
export interface OidcProvider {
  /** The organisation's CVR number: users signed in here belong to it. */
  organisation: string;
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Where the secret came from, for the admin screen (never the secret). */
  clientSecretSource: string;
  usernameClaim: string;
  rolesClaim: string;
  /** Provider group or role → Kravbank roles. */
  roleMap: Record<string, Role[]>;
  syncRolesOnLogin: boolean;
  /** Audiences accepted in machine clients' access tokens. */
  audiences: string[];
  /** Signing algorithms accepted for ID tokens and access tokens. */
  algorithms: string[];
  scopes: string;
}

const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const KEYS = new Set([
  'organisation',
  'issuer',
  'clientId',
  'clientSecretEnv',
  'clientSecretFile',
  'usernameClaim',
  'rolesClaim',
  'roleMap',
  'syncRolesOnLogin',
  'audiences',
  'algorithms',
  'scopes',
]);
export const MAX_PROVIDERS = 500;

type Raw = Record<string, unknown>;

/** Reads and checks the providers file; a ConfigError names every problem (file, entry and field). */
export function loadOidcProviders(file: string | undefined, env: NodeJS.ProcessEnv = process.env): OidcProvider[] {
  if (!file) return [];
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError([
      `Invalid configuration: OIDC_PROVIDERS_FILE ${file} cannot be read as YAML (${(e as Error).message.split('\n')[0]}).`,
    ]);
  }
  const list = Array.isArray(doc) ? doc : (doc as Raw | null)?.providers;
  if (!Array.isArray(list))
    throw new ConfigError([`Invalid configuration: OIDC_PROVIDERS_FILE ${file} must hold a list "providers:" of providers.`]);
  if (list.length > MAX_PROVIDERS)
    throw new ConfigError([`Invalid configuration: OIDC_PROVIDERS_FILE holds more than ${MAX_PROVIDERS} providers.`]);
  const problems: string[] = [];
  const providers = list.map((raw, i) =>
    checkProvider(raw as Raw, env, (field, why) =>
      problems.push(`Invalid configuration: OIDC_PROVIDERS_FILE providers[${i}].${field} ${why}.`),
    ),
  );
  const seen = new Map<string, number>();
  providers.forEach((p, i) => {
    for (const key of [`organisation ${p.organisation}`, `issuer ${p.issuer}`]) {
      if (seen.has(key))
        problems.push(`Invalid configuration: OIDC_PROVIDERS_FILE providers[${i}] repeats the ${key} of providers[${seen.get(key)}].`);
      seen.set(key, i);
    }
  });
  if (problems.length) throw new ConfigError(problems);
  return providers;
}

const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

function checkProvider(raw: Raw, env: NodeJS.ProcessEnv, problem: (field: string, why: string) => void): OidcProvider {
  if (!raw || typeof raw !== 'object') raw = {};
  for (const key of Object.keys(raw)) if (!KEYS.has(key)) problem(key, `is not a known setting (known: ${[...KEYS].join(', ')})`);
  const organisation = String(raw.organisation ?? '');
  if (!/^[0-9]{8}$/.test(organisation)) problem('organisation', 'must be the organisation’s CVR number (8 digits, in quotes)');
  const issuer = String(raw.issuer ?? '');
  if (!/^https:\/\/\S+$/.test(issuer) && !isLoopback(issuer)) problem('issuer', 'must be the provider’s https:// issuer URL');
  if (!text(raw.clientId)) problem('clientId', 'is required');
  let clientSecret: string | undefined;
  let clientSecretSource = 'none (a public client)';
  if (text(raw.clientSecretEnv)) {
    clientSecret = env[raw.clientSecretEnv];
    clientSecretSource = `environment variable ${raw.clientSecretEnv}`;
    if (!clientSecret) problem('clientSecretEnv', `names the environment variable ${raw.clientSecretEnv}, which is not set`);
  } else if (text(raw.clientSecretFile)) {
    clientSecretSource = `file ${raw.clientSecretFile}`;
    try {
      clientSecret = readFileSync(raw.clientSecretFile, 'utf8').trim();
    } catch {
      problem('clientSecretFile', `names ${raw.clientSecretFile}, which cannot be read`);
    }
  }
  const roleMap: Record<string, Role[]> = {};
  const map = raw.roleMap ?? {};
  if (typeof map !== 'object' || Array.isArray(map))
    problem('roleMap', 'must map a provider group or role to a Kravbank role or a list of them');
  else
    for (const [group, value] of Object.entries(map as Raw)) {
      const roles = (Array.isArray(value) ? value : [value]).map(String);
      const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (bad.length) problem(`roleMap.${group}`, `names ${bad.join(', ')}; the roles are ${ROLES.join(', ')}`);
      roleMap[group] = roles as Role[];
    }
  const algorithms =
    raw.algorithms === undefined ? ['RS256', 'PS256', 'ES256'] : Array.isArray(raw.algorithms) ? raw.algorithms.map(String) : [];
  if (!algorithms.length || algorithms.some((a) => !ALGORITHMS.includes(a)))
    problem('algorithms', `must be a list of ${ALGORITHMS.join(', ')}`);
  if (raw.syncRolesOnLogin !== undefined && typeof raw.syncRolesOnLogin !== 'boolean') problem('syncRolesOnLogin', 'must be true or false');
  const clientId = String(raw.clientId ?? '');
  const audiences =
    raw.audiences === undefined ? [clientId, `api://${clientId}`] : Array.isArray(raw.audiences) ? raw.audiences.map(String) : [];
  if (!audiences.length) problem('audiences', 'must be a list of the audiences a machine client’s access token may carry');
  return {
    organisation,
    issuer,
    clientId,
    clientSecret,
    clientSecretSource,
    usernameClaim: text(raw.usernameClaim) ? raw.usernameClaim : 'preferred_username',
    rolesClaim: text(raw.rolesClaim) ? raw.rolesClaim : 'groups',
    roleMap,
    syncRolesOnLogin: raw.syncRolesOnLogin !== false,
    audiences,
    algorithms,
    scopes: text(raw.scopes) ? raw.scopes : 'openid profile email',
  };
}

/** Plain http is allowed only for a provider on this machine (tests, a local broker). */
export function isLoopback(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** The Kravbank roles a provider's groups or roles claim maps to (unknown groups give none). */
export function mapRoles(provider: OidcProvider, claim: unknown): Role[] {
  const groups = Array.isArray(claim) ? claim.map(String) : typeof claim === 'string' ? [claim] : [];
  const roles = new Set<Role>(groups.flatMap((g) => provider.roleMap[g] ?? []));
  return ROLES.filter((r) => roles.has(r));
}
