import type { AppConfig } from '@kravbank/common';
import { LocalTokens } from './tokens.js';

const config = (over: Partial<AppConfig> = {}) =>
  ({ jwtSecret: 'a-test-secret-of-enough-length-0123456789', jwtTtlSeconds: 900, ...over }) as AppConfig;

describe('LocalTokens', () => {
  it('verifies its own token, again from its cache, and names the subject', async () => {
    const tokens = new LocalTokens(config());
    const { accessToken } = await tokens.issue('user-1');
    expect(await tokens.verify(accessToken)).toEqual({ subject: 'user-1' });
    expect(await tokens.verify(accessToken)).toEqual({ subject: 'user-1' });
  });

  it('refuses a token once it has expired, though it was verified before', async () => {
    const tokens = new LocalTokens(config({ jwtTtlSeconds: 1 }));
    const { accessToken, expiresAt } = await tokens.issue('user-1');
    expect(await tokens.verify(accessToken)).toEqual({ subject: 'user-1' });
    await new Promise((r) => setTimeout(r, new Date(expiresAt).getTime() - Date.now() + 20));
    expect(await tokens.verify(accessToken)).toBeNull();
  });

  it('refuses a changed token and one signed with another secret', async () => {
    const tokens = new LocalTokens(config());
    const { accessToken } = await tokens.issue('user-1');
    const [header, payload, signature] = accessToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'admin' })).toString(
      'base64url',
    );
    expect(await tokens.verify(`${header}.${forged}.${signature}`)).toBeNull();
    const other = await new LocalTokens(config({ jwtSecret: 'another-secret-of-enough-length-9876543210' })).issue('user-1');
    expect(await tokens.verify(other.accessToken)).toBeNull();
    expect(await tokens.verify('not-a-token')).toBeNull();
    // The genuine token still passes after the refusals.
    expect(await tokens.verify(accessToken)).toEqual({ subject: 'user-1' });
  });
});
