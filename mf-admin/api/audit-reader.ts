// Turns audit records into what a reader understands: the action in words, the object by kind and name with the page
// it opens, and the change as a list of labelled fields (states by name, amounts in 元, times in Beijing time,
// identifiers masked). Names come through the areas' published views, never their tables.
import {
  type AuditRecord,
  formatBeijingTime,
  hasIdNumberShape,
  isValidMobile,
  type Locale,
  maskIdNumber,
  maskPhone,
  provinceName,
  type Queryable,
} from '@wgzj/gateway/kit';
import type { AuditRecordsRow } from '@wgzj/gateway/kit/rows';
import {
  AUDIT_ACTIONS,
  actionName,
  byFieldOrder,
  fieldName,
  HIDDEN_FIELDS,
  kindName,
  OBJECT_KINDS,
  ROLE_NAMES,
  STATE_NAMES,
  VALUE_NAMES,
  WHOLE_OBJECTS,
} from './audit-catalogue.ts';
import type { NoticesRow } from '../db/rows.ts';
import { t } from './messages.ts';

export interface AuditObjectView {
  type: string;
  typeLabel: string;
  id: string;
  /** The object's name as it reads now (a plan's title, a unit's name…); null when it cannot be found. */
  name: string | null;
  /** The shell path of its page; null when it has none (an export, a removed object). */
  link: string | null;
}

export interface AuditChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface AuditRecordView extends AuditRecord {
  actionLabel: string;
  /** False: the catalogue does not name this action; the screen shows the code for support. */
  actionKnown: boolean;
  roleLabel: string;
  object: AuditObjectView;
  changes: AuditChange[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Fields whose value is the id of a unit or an expert: shown by name. */
const UNIT_REFERENCES = new Set(['unitId', 'supervisingUnitId']);
const EXPERT_REFERENCES = new Set(['mergedId', 'restoredId', 'otherId', 'likelyDuplicates']);
const USER_REFERENCES = new Set(['userId', 'reviewers']);

type Names = Map<string, string>;
interface Lookups {
  units: Names;
  users: Names;
  experts: Names;
  notices: Names;
  /** Withdrawn notices have no page to open any more. */
  withdrawnNotices: Set<string>;
  plans: Map<string, { title: string; deleted: boolean }>;
  /** A correction request's expert (recorded when the request was made). */
  corrections: Map<string, { expertId: string; name: string | null }>;
  projectTypes: Names;
  calls: Names;
  templates: Names;
}

/** Whether a published view exists here (an area left out of MODULES publishes none). */
async function exists(db: Queryable, view: string): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>('select to_regclass($1) is not null as found', [view]);
  return Boolean(rows[0]?.found);
}

async function namesFrom(db: Queryable, view: string, sql: string, ids: Set<string>): Promise<Names> {
  const names: Names = new Map();
  const wanted = [...ids].filter(isUuid);
  if (!wanted.length || !(await exists(db, view))) return names;
  const { rows } = await db.query<{ id: string; name: string | null }>(sql, [wanted]);
  for (const row of rows) if (row.name) names.set(row.id, row.name);
  return names;
}

/** The admin area's own notices: title, and whether it was withdrawn. */
async function noticesNamed(db: Queryable, ids: Set<string>): Promise<{ found: Map<string, { title: string; withdrawn: boolean }> }> {
  const found = new Map<string, { title: string; withdrawn: boolean }>();
  const wanted = [...ids].filter(isUuid);
  if (wanted.length) {
    const { rows } = await db.query<Pick<NoticesRow, 'id' | 'title'> & { withdrawn: boolean }>(
      'select id::text as id, title, withdrawn_at is not null as withdrawn from admin.notices where id = any($1::uuid[])',
      [wanted],
    );
    for (const row of rows) found.set(row.id, { title: row.title, withdrawn: row.withdrawn });
  }
  return { found };
}

/**
 * The latest name each object's own records gave it, for what no directory names (a call's year, a template's version, a
 * deleted draft's title, a type added since): the audit log is the admin area's to read.
 */
async function namesFromRecords(db: Queryable, objectType: string, ids: Set<string>): Promise<Map<string, { summary: Record<string, unknown>; action: string }>> {
  const found = new Map<string, { summary: Record<string, unknown>; action: string }>();
  if (!ids.size) return found;
  const { rows } = await db.query<Pick<AuditRecordsRow, 'object_id' | 'action'> & { summary: Record<string, unknown> | null }>(
    `select distinct on (object_id) object_id, action, coalesce(after_summary, before_summary) as summary
       from audit.records
      where object_type = $1 and object_id = any($2) and action = any($3)
      order by object_id, at desc, id desc`,
    [objectType, [...ids], NAMING_ACTIONS[objectType] ?? []],
  );
  for (const row of rows) if (row.summary && typeof row.summary === 'object') found.set(row.object_id, { summary: row.summary, action: row.action });
  return found;
}

const NAMING_ACTIONS: Record<string, string[]> = {
  plan: ['plan.create', 'plan.delete'],
  project_type: ['project_type.create', 'project_type.update'],
  call: ['call.create', 'call.update'],
  template: ['template.publish'],
};

function collectIds(records: AuditRecord[]): Record<'units' | 'users' | 'experts' | 'notices' | 'plans' | 'corrections' | 'projectTypes' | 'calls' | 'templates', Set<string>> {
  const ids = {
    units: new Set<string>(),
    users: new Set<string>(),
    experts: new Set<string>(),
    notices: new Set<string>(),
    plans: new Set<string>(),
    corrections: new Set<string>(),
    projectTypes: new Set<string>(),
    calls: new Set<string>(),
    templates: new Set<string>(),
  };
  const byType: Record<string, Set<string>> = {
    unit: ids.units,
    user: ids.users,
    expert: ids.experts,
    notice: ids.notices,
    plan: ids.plans,
    expert_correction: ids.corrections,
    project_type: ids.projectTypes,
    call: ids.calls,
    template: ids.templates,
  };
  const visit = (key: string, value: unknown) => {
    if (key === 'projectType' && typeof value === 'string') ids.projectTypes.add(value);
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (!isUuid(v)) continue;
      if (UNIT_REFERENCES.has(key)) ids.units.add(v);
      if (EXPERT_REFERENCES.has(key)) ids.experts.add(v);
      if (USER_REFERENCES.has(key)) ids.users.add(v);
    }
  };
  for (const r of records) {
    byType[r.objectType]?.add(r.objectId);
    for (const summary of [r.before, r.after]) {
      if (summary && typeof summary === 'object' && !Array.isArray(summary)) {
        for (const [key, value] of Object.entries(summary)) visit(key, value);
      }
    }
  }
  return ids;
}

async function lookUp(db: Queryable, records: AuditRecord[], locale: Locale): Promise<Lookups> {
  const ids = collectIds(records);
  // A correction names its expert through the request's own record; that expert is named with the others.
  const corrections = new Map<string, { expertId: string; name: string | null }>();
  const correctionIds = [...ids.corrections].filter(isUuid);
  if (correctionIds.length) {
    // Both columns are read out of the records (after_summary's correctionId, the expert's object_id).
    const { rows } = await db.query<{ correction_id: string; expert_id: AuditRecordsRow['object_id'] }>(
      `select distinct on (after_summary->>'correctionId') after_summary->>'correctionId' as correction_id, object_id as expert_id
         from audit.records
        where action = 'expert_correction.request' and after_summary->>'correctionId' = any($1)
        order by after_summary->>'correctionId', at desc`,
      [correctionIds],
    );
    for (const row of rows) {
      corrections.set(row.correction_id, { expertId: row.expert_id, name: null });
      ids.experts.add(row.expert_id);
    }
  }
  const [units, users, experts, notices, plans, types, calls, templates] = await Promise.all([
    namesFrom(db, 'admin.unit_directory', 'select unit_id::text as id, unit_name as name from admin.unit_directory where unit_id = any($1::uuid[])', ids.units),
    namesFrom(db, 'admin.account_directory', 'select user_id::text as id, display_name as name from admin.account_directory where user_id = any($1::uuid[])', ids.users),
    namesFrom(
      db,
      'experts.expert_directory',
      `select expert_id::text as id,
              case when chinese_name is not null and chinese_name <> '' then name || '(' || chinese_name || ')' else name end as name
         from experts.expert_directory where expert_id = any($1::uuid[])`,
      ids.experts,
    ),
    noticesNamed(db, ids.notices),
    namesFromRecords(db, 'plan', ids.plans),
    namesFromRecords(db, 'project_type', ids.projectTypes),
    namesFromRecords(db, 'call', ids.calls),
    namesFromRecords(db, 'template', ids.templates),
  ]);
  for (const correction of corrections.values()) correction.name = experts.get(correction.expertId) ?? null;
  // A withdrawn notice keeps its name, loses its page, and says why.
  const noticeNames: Names = new Map();
  for (const [id, notice] of notices.found) {
    noticeNames.set(id, notice.withdrawn ? t(locale, 'audit.noticeWithdrawn', { title: notice.title }) : notice.title);
  }
  const withdrawnNotices = new Set([...notices.found].filter(([, n]) => n.withdrawn).map(([id]) => id));

  // A plan's current title from the project library's published directory; a deleted draft (gone from it) keeps the
  // title its own records gave it, without a page.
  const planNames = new Map<string, { title: string; deleted: boolean }>();
  for (const [id, { summary, action }] of plans) {
    if (typeof summary['title'] === 'string') planNames.set(id, { title: summary['title'], deleted: action === 'plan.delete' });
  }
  const currentTitles = await namesFrom(
    db,
    'projects.plan_directory',
    'select plan_id::text as id, title as name from projects.plan_directory where plan_id = any($1::uuid[])',
    ids.plans,
  );
  for (const [id, title] of currentTitles) planNames.set(id, { title, deleted: false });
  // Types by the names the project library publishes in both languages; a type's own records where it has none.
  const typeNames: Names = new Map();
  for (const [id, { summary }] of types) {
    const name = locale === 'en-US' ? summary['nameEn'] ?? summary['nameZh'] : summary['nameZh'] ?? summary['nameEn'];
    if (typeof name === 'string') typeNames.set(id, name);
  }
  if (ids.projectTypes.size && (await exists(db, 'projects.project_type_directory'))) {
    const { rows } = await db.query<{ code: string; name: string | null }>(
      `select code, ${locale === 'en-US' ? 'coalesce(name_en, name_zh)' : 'name_zh'} as name from projects.project_type_directory where code = any($1)`,
      [[...ids.projectTypes]],
    );
    for (const row of rows) if (row.name) typeNames.set(row.code, row.name);
  }
  const typeName = (code: unknown): string => (typeof code === 'string' ? typeNames.get(code) ?? code : '');
  const callNames: Names = new Map();
  for (const [id, { summary }] of calls) {
    if (typeof summary['year'] === 'number') {
      const what = typeName(summary['projectType']);
      callNames.set(id, t(locale, 'audit.callName', { year: summary['year'], type: what }));
    }
  }
  const templateNames: Names = new Map();
  for (const [id, { summary }] of templates) {
    if (summary['version'] !== undefined) {
      const what = typeName(summary['projectType']);
      templateNames.set(id, t(locale, 'audit.templateName', { type: what, version: String(summary['version']) }));
    }
  }
  return { units, users, experts, notices: noticeNames, withdrawnNotices, plans: planNames, corrections, projectTypes: typeNames, calls: callNames, templates: templateNames };
}

function objectOf(record: AuditRecord, lookups: Lookups, locale: Locale): AuditObjectView {
  const { objectType: type, objectId: id } = record;
  const kind = OBJECT_KINDS[type];
  const base = { type, typeLabel: kindName(type, locale), id };
  const whole = WHOLE_OBJECTS[id];
  if (whole || type === 'audit_log') return { ...base, name: (whole ?? WHOLE_OBJECTS['export']!)[locale], link: null };
  const link = (found: boolean) => (found && kind?.link ? kind.link(encodeURIComponent(id)) : null);
  switch (type) {
    case 'unit':
    case 'user':
    case 'expert':
    case 'notice': {
      const names = { unit: lookups.units, user: lookups.users, expert: lookups.experts, notice: lookups.notices }[type];
      const name = names.get(id) ?? null;
      const gone = type === 'notice' && lookups.withdrawnNotices.has(id);
      return { ...base, name, link: link(name !== null && !gone) };
    }
    case 'plan': {
      const plan = lookups.plans.get(id);
      // A plan without a recorded title still has its page; a deleted draft has none.
      return { ...base, name: plan?.title ?? null, link: plan?.deleted ? null : link(isUuid(id)) };
    }
    case 'expert_correction': {
      const correction = lookups.corrections.get(id);
      return {
        ...base,
        name: correction?.name ?? null,
        link: correction ? `/experts/${encodeURIComponent(correction.expertId)}` : null,
      };
    }
    case 'project_type':
    case 'call':
    case 'template': {
      const names = { project_type: lookups.projectTypes, call: lookups.calls, template: lookups.templates }[type];
      return { ...base, name: names.get(id) ?? null, link: link(true) };
    }
    default:
      return { ...base, name: null, link: null };
  }
}

/** An action as a search condition: exact, or a whole group when it ends in a dot. */
function actionFilterName(code: string, locale: Locale): string {
  if (code.endsWith('.')) return AUDIT_ACTIONS[code.slice(0, -1)]?.group[locale] ?? code;
  const named = actionName(code, locale);
  return named.known ? named.label : code;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A personal identifier in clear is masked however it reached the summary. */
function maskedIfIdentifier(field: string, value: string): string {
  if (isValidMobile(value) || /^(mobile|phone|contactPhone)$/.test(field)) return value.includes('*') ? value : maskPhone(value);
  if (hasIdNumberShape(value.toUpperCase()) || /^idNumber$/.test(field)) return value.includes('*') ? value : maskIdNumber(value);
  if (/^passport(Number)?$/.test(field) && !value.includes('*') && value.length > 4) return `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
  return value;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const yuan = (fen: number, locale: Locale) =>
  t(locale, 'audit.yuan', { amount: (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) });

const countryNames: Partial<Record<Locale, Intl.DisplayNames>> = {};
function countryName(code: string, locale: Locale): string {
  try {
    countryNames[locale] ??= new Intl.DisplayNames([locale], { type: 'region' });
    return countryNames[locale]!.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

interface ValueContext {
  action: string;
  objectType: string;
  lookups: Lookups;
  locale: Locale;
}

/** One value as a reader reads it; nested summaries become `label: value` pairs. */
function valueText(field: string, value: unknown, ctx: ValueContext, depth = 0): string | null {
  const { locale, lookups } = ctx;
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) {
    const parts = value.map((v) => valueText(field, v, ctx, depth + 1)).filter((v): v is string => v !== null);
    return parts.length ? parts.join(t(locale, 'audit.listSeparator')) : t(locale, 'audit.none');
  }
  if (typeof value === 'boolean') return t(locale, value ? 'audit.yes' : 'audit.no');
  if (typeof value === 'number') {
    if (/(^a|A)mount$/.test(field)) return yuan(value, locale);
    if (field === 'size') return sizeText(value);
    return String(value);
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !HIDDEN_FIELDS.has(key))
      .sort(([a], [b]) => byFieldOrder(a, b));
    // An uploaded file or attachment reads as its name and size.
    const file = value as { filename?: unknown; size?: unknown };
    if (typeof file.filename === 'string') return typeof file.size === 'number' ? `${file.filename}(${sizeText(file.size)})` : file.filename;
    if (depth > 2) return JSON.stringify(value);
    const parts = entries
      .map(([key, v]) => {
        const text = valueText(key, v, ctx, depth + 1);
        return text === null ? null : t(locale, 'audit.fieldValue', { label: fieldName(ctx.action, key, locale), value: text });
      })
      .filter((v): v is string => v !== null);
    return parts.length ? parts.join(t(locale, 'audit.fieldSeparator')) : null;
  }
  const text = String(value);
  if (field === 'state' || field === 'reviewState' || field === 'status') {
    const names = STATE_NAMES[ctx.objectType] ?? STATE_NAMES['plan']!;
    return names[text]?.[locale] ?? STATE_NAMES['user']![text]?.[locale] ?? text;
  }
  if (field === 'role') return ROLE_NAMES[text]?.[locale] ?? text;
  // An export's search conditions name actions and kinds by code.
  if (field === 'action') return actionFilterName(text, locale);
  if (field === 'objectType') return kindName(text, locale);
  if (field === 'province') return provinceName(text, locale) ?? text;
  if (field === 'nationality') return countryName(text, locale);
  if (field === 'projectType') return lookups.projectTypes.get(text) ?? text;
  const named = VALUE_NAMES[field]?.[text];
  if (named) return named[locale];
  if (UNIT_REFERENCES.has(field) && isUuid(text)) return lookups.units.get(text) ?? text;
  if (EXPERT_REFERENCES.has(field) && isUuid(text)) return lookups.experts.get(text) ?? text;
  if (USER_REFERENCES.has(field) && isUuid(text)) return lookups.users.get(text) ?? text;
  if (INSTANT.test(text) && !Number.isNaN(Date.parse(text))) return formatBeijingTime(text);
  return maskedIfIdentifier(field, text);
}

const asFields = (summary: unknown): Record<string, unknown> | null =>
  summary === null || summary === undefined ? null : typeof summary === 'object' && !Array.isArray(summary) ? (summary as Record<string, unknown>) : { '': summary };

/** The before/after summaries as one list of changed fields, in the catalogue's order (a stored summary sorts its keys). */
export function changesOf(record: AuditRecord, lookups: Lookups, locale: Locale): AuditChange[] {
  const before = asFields(record.before);
  const after = asFields(record.after);
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])]
    .filter((key) => !HIDDEN_FIELDS.has(key))
    .sort(byFieldOrder);
  const ctx: ValueContext = { action: record.action, objectType: record.objectType, lookups, locale };
  const changes: AuditChange[] = [];
  for (const field of keys) {
    const was = before ? before[field] : undefined;
    const now = after ? after[field] : undefined;
    // What both sides hold alike did not change (a withdrawn notice keeps its title).
    if (before && after && JSON.stringify(was) === JSON.stringify(now)) continue;
    const change = {
      field,
      label: field === '' ? t(locale, 'audit.content') : fieldName(record.action, field, locale),
      before: valueText(field, was, ctx),
      after: valueText(field, now, ctx),
    };
    // A field left empty on both sides (a new expert without a Chinese name) says nothing.
    if (change.before !== null || change.after !== null) changes.push(change);
  }
  return changes;
}

/** The records as the reader should read them, every name looked up in one pass per kind. */
export async function readableRecords(db: Queryable, records: AuditRecord[], locale: Locale): Promise<AuditRecordView[]> {
  const lookups = await lookUp(db, records, locale);
  return records.map((record) => {
    const action = actionName(record.action, locale);
    return {
      ...record,
      actionLabel: action.label,
      actionKnown: action.known,
      roleLabel: ROLE_NAMES[record.actor.role]?.[locale] ?? record.actor.role,
      object: objectOf(record, lookups, locale),
      changes: changesOf(record, lookups, locale),
    };
  });
}
