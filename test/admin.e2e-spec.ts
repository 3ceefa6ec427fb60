import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../libs/common/src/paths.js';
import { createTestApp, type TestApp } from './setup/test-app.js';

/** Organisations, users and API keys, administered: who may do what, and that every change is audited and takes effect at once. */
describe('administration (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const token = async (username: string, password = 'demo') =>
    (await t.http().post('/api/auth/login').send({ username, password }).expect(200)).body.accessToken as string;
  const as = async (username: string, password = 'demo') => {
    const bearer = `Bearer ${await token(username, password)}`;
    return {
      get: (p: string) => t.http().get(p).set('Authorization', bearer),
      post: (p: string) => t.http().post(p).set('Authorization', bearer),
      patch: (p: string) => t.http().patch(p).set('Authorization', bearer),
      delete: (p: string) => t.http().delete(p).set('Authorization', bearer),
    };
  };
  const orgId = async (name: string) =>
    ((await t.db.query(`SELECT id FROM organisation WHERE name = $1`, [name])) as Array<{ id: string }>)[0].id;
  const userId = async (username: string) =>
    ((await t.db.query(`SELECT id FROM app_user WHERE username = $1`, [username])) as Array<{ id: string }>)[0].id;
  const audited = async (action: string, entityId: string) =>
    Number((await t.db.query(`SELECT count(*) AS n FROM audit_entry WHERE action = $1 AND entity_id = $2`, [action, entityId]))[0].n);

  it('demo municipalities carry their real CVR numbers', async () => {
    const global = await as('admin.sekretariat');
    const res = await global.get('/api/admin/organisations?limit=10').expect(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Aarhus Kommune', cvr: '55133018', kind: 'municipality', active: true }),
        expect.objectContaining({ name: 'Odense Kommune', cvr: '35209115', kind: 'municipality' }),
      ]),
    );
    expect(res.body).toMatchObject({ page: 1, limit: 10, total: expect.any(Number) });
  });

  it('a global admin creates an organisation; bad and duplicate input is refused with the field', async () => {
    const global = await as('admin.sekretariat');
    const created = await global
      .post('/api/admin/organisations')
      .send({ name: 'Vejle Kommune', cvr: '29189854', kind: 'municipality' })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'Vejle Kommune', cvr: '29189854', active: true, activeUsers: 0 });
    expect(await audited('organisation.created', created.body.id)).toBe(1);
    const bad = await global.post('/api/admin/organisations').send({ name: 'X Kommune', cvr: '1234', kind: 'county' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['cvr', 'kind']);
    const dup = await global.post('/api/admin/organisations').send({ name: 'Vejle 2', cvr: '29189854', kind: 'municipality' }).expect(409);
    expect(dup.body.code).toBe('organisation_cvr_taken');
    await global.post('/api/admin/organisations').send({ name: 'Vejle Kommune', cvr: '11111111', kind: 'municipality' }).expect(409);
    const page = await global.get('/api/admin/organisations?limit=2&page=2').expect(200);
    expect(page.body.items).toHaveLength(2);
    expect((await global.get('/api/admin/organisations?q=29189854').expect(200)).body.items.map((o: { name: string }) => o.name)).toEqual([
      'Vejle Kommune',
    ]);
  });

  it('permission matrix: who reaches which administration route', async () => {
    const aarhus = await orgId('Aarhus Kommune');
    const odense = await orgId('Odense Kommune');
    const odenseUser = await userId('indkob.odense');
    const aarhusUser = await userId('indkob.aarhus');
    const local = await as('admin.aarhus');
    // Not an admin at all: 403 on every route.
    for (const username of ['indkob.aarhus', 'redaktion', 'udvalg1']) {
      const u = await as(username);
      await u.get('/api/admin/organisations').expect(403);
      await u.get('/api/admin/users').expect(403);
      await u.get('/api/admin/api-keys').expect(403);
      await u
        .post('/api/admin/users')
        .send({ username: 'x.y', displayName: 'X', organisationId: aarhus, roles: ['procurer'] })
        .expect(403);
      await u.patch(`/api/admin/users/${aarhusUser}`).send({ active: false }).expect(403);
    }
    await t.http().get('/api/admin/users').expect(401);
    // An organisation's admin: its own organisation only, and not the bank-wide roles.
    expect((await local.get('/api/admin/organisations').expect(200)).body.items.map((o: { name: string }) => o.name)).toEqual([
      'Aarhus Kommune',
    ]);
    await local.post('/api/admin/organisations').send({ name: 'Ny Kommune', cvr: '12345678', kind: 'municipality' }).expect(403);
    await local.patch(`/api/admin/organisations/${odense}`).send({ active: false }).expect(403);
    const users = await local.get('/api/admin/users?limit=100').expect(200);
    expect(new Set(users.body.items.map((u: { organisationName: string }) => u.organisationName))).toEqual(new Set(['Aarhus Kommune']));
    await local.get(`/api/admin/users?organisationId=${odense}`).expect(403);
    expect((await local.patch(`/api/admin/users/${odenseUser}`).send({ active: false }).expect(404)).body.code).toBe('user_not_found');
    await local
      .patch(`/api/admin/users/${odenseUser}`)
      .send({ roles: ['procurer', 'admin'] })
      .expect(404);
    await local
      .post('/api/admin/users')
      .send({ username: 'snyd', displayName: 'Snyd', organisationId: odense, roles: ['procurer'] })
      .expect(403);
    await local
      .post('/api/admin/api-keys')
      .send({ name: 'Snyd', organisationId: odense, roles: ['procurer'] })
      .expect(403);
    const editor = await local
      .post('/api/admin/users')
      .send({ username: 'red.aarhus', displayName: 'R', organisationId: aarhus, roles: ['editor'] })
      .expect(403);
    expect(editor.body.code).toBe('role_not_grantable');
    await local
      .patch(`/api/admin/users/${await userId('udvalg1')}`)
      .send({ roles: ['procurer'] })
      .expect(403); // takes committee away
    expect(
      (
        await local
          .patch(`/api/admin/users/${await userId('admin.aarhus')}`)
          .send({ active: false })
          .expect(409)
      ).body.code,
    ).toBe('own_account');
    // The global admin reaches every organisation.
    const global = await as('admin.sekretariat');
    expect((await global.get(`/api/admin/users?organisationId=${odense}`).expect(200)).body.items.length).toBeGreaterThan(0);
    // Nothing above changed Odense's procurer.
    expect((await t.db.query(`SELECT active, roles FROM app_user WHERE id = $1`, [odenseUser]))[0]).toEqual({
      active: true,
      roles: ['procurer'],
    });
  });

  it('an organisation’s admin creates a user who logs in, changes roles, and deactivation ends sessions and tokens at once', async () => {
    const local = await as('admin.aarhus');
    const aarhus = await orgId('Aarhus Kommune');
    const res = await local
      .post('/api/admin/users')
      .send({
        username: 'Anna.Hansen@Aarhus.dk',
        displayName: 'Anna Hansen',
        organisationId: aarhus,
        roles: ['procurer'],
        password: 'en-lang-adgangskode',
      })
      .expect(201);
    expect(res.body).toMatchObject({ username: 'anna.hansen@aarhus.dk', roles: ['procurer'], active: true, signIn: 'password' });
    expect(await audited('user.created', res.body.id)).toBe(1);
    const audit = await t.db.query(`SELECT data FROM audit_entry WHERE action = 'user.created' AND entity_id = $1`, [res.body.id]);
    expect(JSON.stringify(audit[0].data)).not.toContain('en-lang-adgangskode');
    await local
      .post('/api/admin/users')
      .send({ username: 'anna.hansen@aarhus.dk', displayName: 'A', organisationId: aarhus, roles: ['procurer'] })
      .expect(409);
    const short = await local
      .post('/api/admin/users')
      .send({ username: 'kort', displayName: 'K', organisationId: aarhus, roles: ['procurer'], password: 'kort' })
      .expect(400);
    expect(short.body.errors[0].field).toBe('password');

    const bearer = await token('anna.hansen@aarhus.dk', 'en-lang-adgangskode');
    const session = await t
      .http()
      .post('/api/auth/session')
      .send({ username: 'anna.hansen@aarhus.dk', password: 'en-lang-adgangskode' })
      .expect(201);
    const cookie = (session.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    await t.http().get('/api/specifications').set('Authorization', `Bearer ${bearer}`).expect(200);

    await local
      .patch(`/api/admin/users/${res.body.id}`)
      .send({ roles: ['procurer', 'admin'] })
      .expect(200);
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${bearer}`).expect(200)).body.roles).toEqual(['procurer', 'admin']);
    expect(await audited('user.updated', res.body.id)).toBe(1);

    const off = await local.patch(`/api/admin/users/${res.body.id}`).send({ active: false }).expect(200);
    expect(off.body.active).toBe(false);
    // At once: no waiting for the guard's cache.
    await t.http().get('/api/specifications').set('Authorization', `Bearer ${bearer}`).expect(401);
    expect((await t.http().get('/api/auth/session').set('Cookie', cookie).expect(401)).body.code).toBe('session_expired');
    await t.http().post('/api/auth/login').send({ username: 'anna.hansen@aarhus.dk', password: 'en-lang-adgangskode' }).expect(401);
    expect(await audited('user.deactivated', res.body.id)).toBe(1);
    await local.patch(`/api/admin/users/${res.body.id}`).send({ active: true }).expect(200);
    await token('anna.hansen@aarhus.dk', 'en-lang-adgangskode');
  });

  it('deactivating an organisation stops all its users', async () => {
    const global = await as('admin.sekretariat');
    const created = await global
      .post('/api/admin/organisations')
      .send({ name: 'Lukket Kommune', cvr: '87654321', kind: 'municipality' })
      .expect(201);
    await global
      .post('/api/admin/users')
      .send({
        username: 'lukket.bruger',
        displayName: 'L',
        organisationId: created.body.id,
        roles: ['procurer'],
        password: 'en-lang-adgangskode',
      })
      .expect(201);
    const bearer = await token('lukket.bruger', 'en-lang-adgangskode');
    await global.patch(`/api/admin/organisations/${created.body.id}`).send({ active: false }).expect(200);
    await t.http().get('/api/me').set('Authorization', `Bearer ${bearer}`).expect(401);
    await t.http().post('/api/auth/login').send({ username: 'lukket.bruger', password: 'en-lang-adgangskode' }).expect(401);
    expect(await audited('organisation.deactivated', created.body.id)).toBe(1);
    await global
      .patch(`/api/admin/organisations/${await orgId('Kravbank-sekretariatet')}`)
      .send({ active: false })
      .expect(409);
    await global.patch('/api/admin/organisations/not-a-uuid').send({ active: false }).expect(404);
  });

  it('API keys: created once, stored hashed, used, last use recorded, revoked and refused at once', async () => {
    const local = await as('admin.aarhus');
    const created = await local
      .post('/api/admin/api-keys')
      .send({ name: 'ESDH', roles: ['procurer'] })
      .expect(201);
    const key = created.body.key as string;
    expect(key).toMatch(/^kb_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.body).toMatchObject({
      name: 'ESDH',
      organisationName: 'Aarhus Kommune',
      roles: ['procurer'],
      lastUsedAt: null,
      revokedAt: null,
    });
    const [stored] = await t.db.query(`SELECT encode(secret_hash, 'hex') AS h FROM api_key WHERE id = $1`, [created.body.id]);
    expect(stored.h).not.toContain(Buffer.from(key).toString('hex'));
    const me = await t.http().get('/api/me').set('Authorization', `Bearer ${key}`).expect(200);
    expect(me.body).toMatchObject({ organisationName: 'Aarhus Kommune', roles: ['procurer'] });
    await t
      .http()
      .post('/api/specifications')
      .set('Authorization', `Bearer ${key}`)
      .send({ title: 'Fra ESDH', procurementName: 'Udbud' })
      .expect(201);
    await t.http().get('/api/audit').set('Authorization', `Bearer ${key}`).expect(403);
    const listed = await local.get('/api/admin/api-keys').expect(200);
    const mine = listed.body.items.find((k: { id: string }) => k.id === created.body.id);
    expect(mine.lastUsedAt).not.toBeNull();
    expect(mine).not.toHaveProperty('key');
    // The service user is not a person in the user list.
    expect(
      (await local.get('/api/admin/users?limit=100').expect(200)).body.items.some((u: { username: string }) =>
        u.username.startsWith('apikey-'),
      ),
    ).toBe(false);
    // Another organisation's admin cannot see or revoke it.
    const odenseAdmin = await (
      await as('admin.sekretariat')
    )
      .post('/api/admin/users')
      .send({
        username: 'admin.odense',
        displayName: 'Admin Odense',
        organisationId: await orgId('Odense Kommune'),
        roles: ['admin'],
        password: 'en-lang-adgangskode',
      })
      .expect(201);
    expect(odenseAdmin.body.organisationName).toBe('Odense Kommune');
    const other = await as('admin.odense', 'en-lang-adgangskode');
    expect((await other.get('/api/admin/api-keys').expect(200)).body.items).toEqual([]);
    await other.delete(`/api/admin/api-keys/${created.body.id}`).expect(404);
    await t.http().get('/api/me').set('Authorization', `Bearer ${key}`).expect(200);

    await local.delete(`/api/admin/api-keys/${created.body.id}`).expect(204);
    expect((await t.http().get('/api/me').set('Authorization', `Bearer ${key}`).expect(401)).body.code).toBe('invalid_token');
    expect(await audited('api_key.created', created.body.id)).toBe(1);
    expect(await audited('api_key.revoked', created.body.id)).toBe(1);
    await t
      .http()
      .get('/api/me')
      .set('Authorization', `Bearer kb_AAAAAAAA_${'A'.repeat(43)}`)
      .expect(401);
  });

  it('the command line creates the first organisation and admin of a fresh deployment', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [path.join(projectRoot(), 'dist/apps/cli/src/main.js'), ...args], {
        env: { PATH: process.env.PATH, DATABASE_URL: t.database.url, JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      });
    const org = cli('create-organisation', '--name', 'Drift A/S', '--cvr', '10203040', '--kind', 'secretariat');
    expect(org.stderr).toBe('');
    expect(org.stdout).toMatch(/organisation created: Drift A\/S \(CVR 10203040, secretariat\)/);
    const bad = cli('create-organisation', '--name', 'Drift B', '--cvr', '123');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/--cvr: skal være et CVR-nummer på 8 cifre/);
    const user = cli('create-user', '--username', 'drift.admin1', '--name', 'Drift', '--organisation', '10203040', '--admin');
    expect(user.status).toBe(0);
    const password = /first password \(shown once\): (\S+)/.exec(user.stdout)![1];
    expect(cli('list-organisations').stdout).toMatch(/10203040 {2}secretariat +active +1 user\(s\) {2}Drift A\/S/);
    return (async () => {
      const admin = await as('drift.admin1', password);
      // An admin of a secretariat organisation is a global admin.
      await admin.post('/api/admin/organisations').send({ name: 'Fra CLI-admin', cvr: '50607080', kind: 'municipality' }).expect(201);
      expect(cli('deactivate-user', 'drift.admin1').stdout).toMatch(/deactivated/);
      await t.http().post('/api/auth/login').send({ username: 'drift.admin1', password }).expect(401);
    })();
  });
});
