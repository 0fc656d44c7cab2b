import { describe, expect, it } from 'vitest';
import { configItems, dependencyLabel, dependencyRows, type GatewayConfiguration } from './system-status.ts';
import type { Translate } from './api.ts';

/** A stand-in for vue-i18n's `t`: the key, with its named values in order. */
const t: Translate = (key, named) => (named ? `${key}(${Object.values(named).join(',')})` : key);

describe('dependencyRows', () => {
  const report = {
    ready: false,
    notReady: ['remote:reports'],
    checks: {
      'remote:admin': { ok: true, ms: 1, detail: { version: '0.1.0-def456' } },
      'remote:reports': { ok: false, ms: 2001, detail: { problem: 'manifest_missing', manifest: '/remotes/reports/0.1.0/mf-manifest.json' } },
      'module:experts': { ok: true, ms: 4 },
      portalJwks: { ok: true, ms: 9, detail: { keys: 2 } },
      portal: { ok: true, ms: 12 },
      'remote:projects': { ok: true, ms: 1, detail: { version: '0.1.0-abc123' } },
      sessionStore: { ok: true, ms: 0, detail: { store: 'database' } },
      database: { ok: true, ms: 3 },
    },
  };

  it('orders the core dependencies first, then remotes and module APIs in navigation order', () => {
    expect(dependencyRows(report, t).map((r) => r.name)).toEqual([
      'database',
      'sessionStore',
      'portal',
      'portalJwks',
      'remote:projects',
      'remote:reports',
      'remote:admin',
      'module:experts',
    ]);
  });

  it('names each check readably and words what it found, the raw part kept apart for support', () => {
    const rows = dependencyRows(report, t);
    const row = (name: string) => rows.find((r) => r.name === name)!;
    expect(row('remote:projects')).toMatchObject({
      label: 'admin.diagnostics.status.dependency.remote(area.projects)',
      ok: true,
      ms: 1,
      detail: 'admin.diagnostics.status.version(0.1.0-abc123)',
      technical: '',
    });
    expect(row('sessionStore').detail).toBe('admin.diagnostics.config.value.databaseStore');
    expect(row('portalJwks')).toMatchObject({
      label: 'admin.diagnostics.status.dependency.portalJwks',
      detail: 'admin.diagnostics.status.keys(2)',
    });
    expect(row('remote:reports')).toMatchObject({
      ok: false,
      ms: 2001,
      detail: 'admin.diagnostics.status.problem.manifest_missing',
      technical: '/remotes/reports/0.1.0/mf-manifest.json',
    });
    expect(row('database')).toMatchObject({ detail: '', technical: '' });
  });

  it.each([
    [{ problem: 'timeout', afterMs: 2000 }, 'admin.diagnostics.status.problem.timeout(2)', ''],
    [{ problem: 'http_status', status: 503, url: 'http://portal/.well-known/openid-configuration' }, 'admin.diagnostics.status.problem.http_status(503)', 'http://portal/.well-known/openid-configuration'],
    [{ problem: 'unreachable', url: 'http://portal/x', message: 'ECONNREFUSED' }, 'admin.diagnostics.status.problem.unreachable', 'http://portal/x · ECONNREFUSED'],
    [{ problem: 'no_signing_key' }, 'admin.diagnostics.status.problem.no_signing_key', ''],
    [{ problem: 'not_published' }, 'admin.diagnostics.status.problem.not_published', ''],
    [{ problem: 'disk_on_fire', message: 'smoke' }, 'admin.diagnostics.status.problem.error', 'disk_on_fire · smoke'],
  ])('words the problem %j in the reader language', (detail, sentence, technical) => {
    const [row] = dependencyRows({ ready: false, notReady: ['portal'], checks: { portal: { ok: false, ms: 1, detail } } }, t);
    expect(row).toMatchObject({ detail: sentence, technical });
  });

  it('never shows an English sentence from an older gateway as the detail, only as technical text', () => {
    const [row] = dependencyRows({ ready: true, notReady: [], checks: { portalJwks: { ok: true, ms: 1, detail: '2 key(s)' } } }, t);
    expect(row).toMatchObject({ detail: '', technical: '2 key(s)' });
  });

  it('shows an unknown check and area under their own names', () => {
    expect(dependencyLabel('cache', t)).toBe('cache');
    expect(dependencyLabel('remote:billing', t)).toBe('admin.diagnostics.status.dependency.remote(billing)');
  });

  it('is empty without a report', () => {
    expect(dependencyRows(null, t)).toEqual([]);
  });
});

describe('configItems', () => {
  const config: GatewayConfiguration = {
    publicUrl: 'http://localhost:8080',
    database: { kind: 'pglite', dir: './data' },
    sessions: { kind: 'redis', url: 'redis://***@10.0.0.2:6379' },
    portal: { issuer: 'http://localhost:8090', clientId: 'wgzjxm' },
    session: { idleMinutes: 30, absoluteHours: 12 },
    modules: [
      { area: 'admin', mode: 'in-process' },
      { area: 'projects', mode: 'remote', url: 'http://10.0.0.5:3000' },
    ],
    remotesDir: './data/remotes',
    seedDemo: true,
  };

  it('labels every setting and renders its value readably', () => {
    const items = Object.fromEntries(configItems(config, t).map((i) => [i.key, i]));
    expect(Object.keys(items)).toEqual([
      'publicUrl',
      'database',
      'sessions',
      'portalIssuer',
      'portalClientId',
      'idleMinutes',
      'absoluteHours',
      'modules',
      'remotesDir',
      'seedDemo',
    ]);
    expect(items['publicUrl']).toEqual({ key: 'publicUrl', label: 'admin.diagnostics.config.publicUrl', value: 'http://localhost:8080' });
    expect(items['database']!.value).toBe('admin.diagnostics.config.value.pglite(./data)');
    expect(items['sessions']!.value).toBe('Redis · redis://***@10.0.0.2:6379');
    expect(items['idleMinutes']!.value).toBe('admin.diagnostics.config.value.minutes(30)');
    expect(items['modules']!.value).toBe(
      'area.admin:admin.diagnostics.config.value.inProcess\narea.projects:admin.diagnostics.config.value.remoteModule(http://10.0.0.5:3000)',
    );
    expect(items['seedDemo']!.value).toBe('admin.diagnostics.config.value.yes');
  });

  it('shows a dash for what the gateway did not report, and nothing without a configuration', () => {
    const items = Object.fromEntries(configItems({ database: { kind: 'postgres', url: null } }, t).map((i) => [i.key, i.value]));
    expect(items['publicUrl']).toBe('—');
    expect(items['database']).toBe('admin.diagnostics.config.value.postgres(—)');
    expect(items['sessions']).toBe('—');
    expect(items['seedDemo']).toBe('—');
    expect(configItems(null, t)).toEqual([]);
  });
});
