// 系统状态: the gateway's dependency checks as table rows, and its configuration as labelled values.
import type { Translate } from './api.ts';

/** What the gateway's check found (gateway/src/health.ts `CheckDetail`): data, worded here in the reader's language. */
export type CheckDetail =
  | { store: string }
  | { keys: number }
  | { version: string }
  | { problem: string; [key: string]: unknown };

export interface DependencyCheck {
  ok: boolean;
  ms: number;
  detail?: CheckDetail | string;
}

export interface HealthReport {
  ready: boolean;
  notReady: string[];
  checks: Record<string, DependencyCheck>;
}

export interface DependencyRow {
  name: string;
  label: string;
  ok: boolean;
  ms: number | null;
  /** In the reader's language. */
  detail: string;
  /** What support matches against logs: the address asked, the socket error, the file missing; '' when none. */
  technical: string;
}

export interface GatewayConfiguration {
  publicUrl?: string;
  database?: { kind: string; url?: string | null; dir?: string };
  sessions?: { kind: string; url?: string | null };
  portal?: { issuer?: string; clientId?: string };
  session?: { idleMinutes?: number; absoluteHours?: number };
  modules?: { area: string; mode: string; url?: string }[];
  remotesDir?: string;
  seedDemo?: boolean;
}

export interface ConfigItem {
  key: string;
  label: string;
  value: string;
}

const FIXED_ORDER = ['database', 'sessionStore', 'portal', 'portalJwks'];
const AREAS = ['projects', 'experts', 'reports', 'admin'];

function areaName(area: string, t: Translate): string {
  return AREAS.includes(area) ? t(`area.${area}`) : area;
}

/** The readable name of a check: the gateway calls them `database`, `remote:projects`, `module:experts`… */
export function dependencyLabel(name: string, t: Translate): string {
  if (FIXED_ORDER.includes(name)) return t(`admin.diagnostics.status.dependency.${name}`);
  const [kind, area] = name.split(':', 2);
  if ((kind === 'remote' || kind === 'module') && area) {
    return t(`admin.diagnostics.status.dependency.${kind}`, { area: areaName(area, t) });
  }
  return name;
}

const PROBLEMS = ['timeout', 'http_status', 'unreachable', 'not_published', 'manifest_missing', 'no_jwks_uri', 'no_signing_key', 'error'];
const TECHNICAL_KEYS = ['url', 'manifest', 'message'] as const;

/** A check's detail as the reader's sentence, and the raw part support needs; a detail of an unknown shape stays technical. */
function dependencyDetail(check: DependencyCheck, t: Translate): { detail: string; technical: string } {
  const detail = check.detail;
  if (detail === undefined || detail === null || detail === '') return { detail: '', technical: '' };
  // An older gateway answered English text; show it as technical, never as the sentence.
  if (typeof detail !== 'object') return { detail: '', technical: String(detail) };
  if ('problem' in detail) {
    const known = PROBLEMS.includes(detail.problem) ? detail.problem : 'error';
    const technical = TECHNICAL_KEYS.map((key) => detail[key])
      .filter((value): value is string => typeof value === 'string' && value !== '')
      .join(' · ');
    const named: Record<string, unknown> = {};
    if (typeof detail['afterMs'] === 'number') named['seconds'] = Math.round(detail['afterMs'] / 100) / 10;
    if (typeof detail['status'] === 'number') named['status'] = detail['status'];
    return {
      detail: Object.keys(named).length ? t(`admin.diagnostics.status.problem.${known}`, named) : t(`admin.diagnostics.status.problem.${known}`),
      technical: known === detail.problem ? technical : [detail.problem, technical].filter(Boolean).join(' · '),
    };
  }
  if ('store' in detail) return { detail: storeKindLabel(detail.store, t), technical: '' };
  if ('keys' in detail && typeof detail.keys === 'number') return { detail: t('admin.diagnostics.status.keys', { n: detail.keys }), technical: '' };
  if ('version' in detail) return { detail: t('admin.diagnostics.status.version', { version: detail.version }), technical: '' };
  return { detail: '', technical: JSON.stringify(detail) };
}

function rank(name: string): number {
  const fixed = FIXED_ORDER.indexOf(name);
  if (fixed >= 0) return fixed;
  if (name.startsWith('remote:')) return 10;
  if (name.startsWith('module:')) return 20;
  return 30;
}

/** Areas in the order the navigation shows them; unknown ones after. */
function areaRank(name: string): number {
  const area = name.split(':', 2)[1] ?? '';
  const index = AREAS.indexOf(area);
  return index >= 0 ? index : AREAS.length;
}

/** The checks in a stable order: database, session store, portal, then remotes and module APIs in navigation order. */
export function dependencyRows(report: HealthReport | null | undefined, t: Translate): DependencyRow[] {
  const checks = report?.checks ?? {};
  return Object.keys(checks)
    .sort((a, b) => rank(a) - rank(b) || areaRank(a) - areaRank(b) || a.localeCompare(b))
    .map((name) => {
      const check = checks[name]!;
      return {
        name,
        label: dependencyLabel(name, t),
        ok: Boolean(check.ok),
        ms: typeof check.ms === 'number' ? check.ms : null,
        ...dependencyDetail(check, t),
      };
    });
}

function storeKindLabel(kind: string, t: Translate): string {
  if (kind === 'database') return t('admin.diagnostics.config.value.databaseStore');
  if (kind === 'redis') return 'Redis';
  return kind;
}

const EMPTY = '—';
const or = (value: string | null | undefined): string => (value ? value : EMPTY);

function databaseValue(db: GatewayConfiguration['database'], t: Translate): string {
  if (!db) return EMPTY;
  if (db.kind === 'pglite') return t('admin.diagnostics.config.value.pglite', { dir: or(db.dir) });
  if (db.kind === 'postgres') return t('admin.diagnostics.config.value.postgres', { url: or(db.url) });
  return db.kind;
}

function sessionsValue(sessions: GatewayConfiguration['sessions'], t: Translate): string {
  if (!sessions) return EMPTY;
  const kind = storeKindLabel(sessions.kind, t);
  return sessions.url ? `${kind} · ${sessions.url}` : kind;
}

function modulesValue(modules: GatewayConfiguration['modules'], t: Translate): string {
  if (!modules?.length) return EMPTY;
  return modules
    .map((m) => {
      const where =
        m.mode === 'remote'
          ? t('admin.diagnostics.config.value.remoteModule', { url: or(m.url) })
          : m.mode === 'in-process'
            ? t('admin.diagnostics.config.value.inProcess')
            : m.mode;
      return `${areaName(m.area, t)}:${where}`;
    })
    .join('\n');
}

function numberWith(key: string, n: number | undefined, t: Translate): string {
  return typeof n === 'number' && Number.isFinite(n) ? t(key, { n }) : EMPTY;
}

/** The configuration in force as label/value pairs; secrets never reach this screen (the API leaves them out). */
export function configItems(config: GatewayConfiguration | null | undefined, t: Translate): ConfigItem[] {
  if (!config) return [];
  const label = (key: string) => t(`admin.diagnostics.config.${key}`);
  const items: [string, string][] = [
    ['publicUrl', or(config.publicUrl)],
    ['database', databaseValue(config.database, t)],
    ['sessions', sessionsValue(config.sessions, t)],
    ['portalIssuer', or(config.portal?.issuer)],
    ['portalClientId', or(config.portal?.clientId)],
    ['idleMinutes', numberWith('admin.diagnostics.config.value.minutes', config.session?.idleMinutes, t)],
    ['absoluteHours', numberWith('admin.diagnostics.config.value.hours', config.session?.absoluteHours, t)],
    ['modules', modulesValue(config.modules, t)],
    ['remotesDir', or(config.remotesDir)],
    [
      'seedDemo',
      typeof config.seedDemo === 'boolean'
        ? t(config.seedDemo ? 'admin.diagnostics.config.value.yes' : 'admin.diagnostics.config.value.no')
        : EMPTY,
    ],
  ];
  return items.map(([key, value]) => ({ key, label: label(key), value }));
}
