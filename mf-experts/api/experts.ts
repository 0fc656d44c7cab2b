// Routes of expert records: search, read, create, edit, and the audited reveal of an identifier; whether the
// caller's unit may write yet (/unit-standing). Claims of another unit's record are in claims.ts. Rules live in expert-service.ts; these stay thin.
import {
  type Identity,
  type IdentityEnv,
  localeOf,
  type ModuleContext,
  parseJson,
  parseQuery,
  requestMeta,
  requireObjectId,
  requireRole,
  writeAudit,
} from '@wgzj/gateway/kit';
import type { Hono } from 'hono';
import { z } from 'zod';
import {
  createExpert,
  editExpert,
  editBlocked,
  findExpert,
  INVITING_ROLES,
  permissionsOf,
  requireReveal,
  toRecordView,
} from './expert-service.ts';
import { type ProbeGuard, screenTakenPassport } from './library-probes.ts';
import { programName, programNames } from './program-names.ts';
import { EXPERT_LABELS, expertChanges, expertInput, maskPassport, passportHash } from './record.ts';
import { expertScope, SEARCH_LABELS, searchExperts, searchQuery } from './search.ts';
import { requireUnitStanding, unitStanding } from './unit-standing.ts';

export type ExpertsApp = Hono<IdentityEnv>;

const patchRequest = expertChanges.extend({ version: z.number().int().min(0) });
const revealRequest = z.object({ field: z.enum(['passport', 'phone']) });

/** Everything a detail page shows beyond the row: units, files, flags, merges, a pending correction. */
async function detailOf(ctx: ModuleContext, actor: Identity, id: string) {
  const row = await findExpert(ctx.db, actor, id);
  const scope = expertScope(actor.scope, 2);
  const [units, files, duplicates, merges, correction, survivor] = await Promise.all([
    ctx.db.query<{ id: string; name: string | null; created: boolean }>(
      `select eu.unit_id as id, d.unit_name as name, eu.unit_id = e.created_by_unit_id as created
       from experts.expert_units eu join experts.experts e on e.id = eu.expert_id
       left join admin.unit_directory d on d.unit_id = eu.unit_id where eu.expert_id = $1 order by eu.since`,
      [id],
    ),
    ctx.db.query<{ kind: 'cv' | 'photo'; filename: string; content_type: string; size_bytes: number; uploaded_at: Date }>(
      'select kind, filename, content_type, size_bytes, uploaded_at from experts.files where expert_id = $1',
      [id],
    ),
    // Only flags whose other record the caller may see: a flag must not reveal someone outside the scope.
    ctx.db.query<{ flag_id: string; id: string; name: string; chinese_name: string | null; birth_date: string | null; nationality: string; passport_masked: string | null }>(
      `select f.id as flag_id, e.id, e.name, e.chinese_name, to_char(e.birth_date, 'YYYY-MM-DD') as birth_date, e.nationality, e.passport_masked
       from experts.duplicate_flags f
       join experts.experts e on e.id = case when f.expert_id = $1 then f.other_id else f.expert_id end
       where (f.expert_id = $1 or f.other_id = $1) and f.resolved_at is null and e.status = 'active' and ${scope.sql}
       order by f.flagged_at`,
      [id, ...scope.params],
    ),
    ctx.db.query<{ id: string; survivor_id: string; merged_id: string; merged_name: string; merged_passport: string | null; merged_at: Date; undone_at: Date | null }>(
      `select m.id, m.survivor_id, m.merged_id, x.name as merged_name, x.passport_masked as merged_passport, m.merged_at, m.undone_at
       from experts.merges m join experts.experts x on x.id = m.merged_id
       where m.survivor_id = $1 or m.merged_id = $1 order by m.merged_at desc`,
      [id],
    ),
    ctx.db.query<{ id: string; created_at: Date }>(`select id, created_at from experts.corrections where expert_id = $1 and state = 'pending' limit 1`, [id]),
    row.merged_into
      ? ctx.db.query<{ id: string; name: string }>('select id, name from experts.experts where id = $1', [row.merged_into])
      : Promise.resolve({ rows: [] as Array<{ id: string; name: string }> }),
  ]);
  const fileOf = (kind: 'cv' | 'photo') => {
    const f = files.rows.find((r) => r.kind === kind);
    return f ? { filename: f.filename, contentType: f.content_type, size: f.size_bytes, uploadedAt: new Date(f.uploaded_at).toISOString() } : null;
  };
  const created = units.rows.find((u) => u.created);
  const pending = correction.rows[0];
  return {
    ...toRecordView(row),
    mergedInto: survivor.rows[0] ?? null,
    createdByUnit: { id: row.created_by_unit_id, name: created?.name ?? null },
    units: units.rows.map((u) => ({ id: u.id, name: u.name })),
    files: { cv: fileOf('cv'), photo: fileOf('photo') },
    likelyDuplicates: duplicates.rows.map((d) => ({
      flagId: d.flag_id,
      id: d.id,
      name: d.name,
      chineseName: d.chinese_name,
      birthDate: d.birth_date,
      nationality: d.nationality.trim(),
      passportMasked: d.passport_masked,
    })),
    merges: merges.rows.map((m) => ({
      id: m.id,
      survivorId: m.survivor_id,
      mergedId: m.merged_id,
      mergedName: m.merged_name,
      mergedPassportMasked: m.merged_passport,
      mergedAt: new Date(m.merged_at).toISOString(),
      undoneAt: m.undone_at ? new Date(m.undone_at).toISOString() : null,
    })),
    pendingCorrection: pending ? { id: pending.id, createdAt: new Date(pending.created_at).toISOString() } : null,
    can: permissionsOf(actor, row, Boolean(pending)),
    editBlocked: editBlocked(actor, row),
  };
}

export function registerExpertRoutes(app: ExpertsApp, ctx: ModuleContext, guard: ProbeGuard): void {
  const { db, cipher } = ctx;

  /** Whether the caller's unit may write to the library yet, and what to do if not: the screens say it first. */
  app.get('/unit-standing', async (c) => c.json(await unitStanding(db, c.var.identity, localeOf(c))));

  app.get('/experts', async (c) => {
    const query = parseQuery(c, searchQuery, SEARCH_LABELS);
    return c.json(await searchExperts(db, c.var.identity.scope, query, { limit: query.limit, offset: query.offset }));
  });

  /** The choices the search form offers for program and year: those that occur among visits. */
  app.get('/experts/filters', async (c) => {
    const [programs, years, names] = await Promise.all([
      db.query<{ code: string; name: string | null }>(
        `select program as code, max(program_name) as name from experts.visits where program is not null group by program order by program`,
      ),
      db.query<{ year: number }>('select distinct visit_year as year from experts.visits order by year desc'),
      programNames(db, localeOf(c)),
    ]);
    return c.json({
      programs: programs.rows.map((p) => ({ code: p.code, name: programName(names, p.code, p.name) })),
      years: years.rows.map((y) => y.year),
    });
  });

  app.get('/experts/:id', async (c) => {
    const id = requireObjectId(c.req.param('id'));
    return c.json(await detailOf(ctx, c.var.identity, id));
  });

  app.post('/experts', async (c) => {
    const actor = c.var.identity;
    requireRole(actor, INVITING_ROLES);
    const locale = localeOf(c);
    await requireUnitStanding(db, actor);
    const input = await parseJson(c, expertInput, EXPERT_LABELS);
    const meta = requestMeta(c);
    // With the budget spent, every create is refused alike: a 201 beside a refusal would tell which passports exist.
    await guard.ensureBudget(actor);
    await screenTakenPassport(
      db,
      guard,
      actor,
      {
        hash: passportHash(cipher, input.nationality, input.passportNumber),
        nationality: input.nationality,
        passportMasked: maskPassport(input.passportNumber),
        name: input.name,
        birthDate: input.birthDate,
      },
      { exceptId: null, purpose: 'create', locale, meta },
    );
    const { id } = await db.transaction((tx) => createExpert(tx, cipher, actor, input, { locale, ...meta }));
    return c.json(await detailOf(ctx, actor, id), 201);
  });

  app.patch('/experts/:id', async (c) => {
    const actor = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    const locale = localeOf(c);
    if (INVITING_ROLES.includes(actor.role)) await requireUnitStanding(db, actor);
    const { version, ...changes } = await parseJson(c, patchRequest, EXPERT_LABELS);
    const meta = requestMeta(c);
    if (changes.passportNumber !== undefined || changes.nationality !== undefined) {
      // A new identity met in another unit's record is the same answer as a create's, rationed alike.
      const current = await findExpert(db, actor, id);
      const nationality = changes.nationality ?? current.nationality.trim();
      const passportNumber = changes.passportNumber ?? (current.passport_encrypted ? cipher.decrypt(current.passport_encrypted) : null);
      if (passportNumber && INVITING_ROLES.includes(actor.role)) {
        await guard.ensureBudget(actor);
        await screenTakenPassport(
          db,
          guard,
          actor,
          { hash: passportHash(cipher, nationality, passportNumber), nationality, passportMasked: maskPassport(passportNumber) },
          { exceptId: id, purpose: 'edit', locale, meta },
        );
      }
    }
    await db.transaction((tx) => editExpert(tx, cipher, actor, id, version, changes, { locale, ...meta }));
    return c.json(await detailOf(ctx, actor, id));
  });

  /** One identifier in clear; the audit record is written in the same transaction, or nothing is shown. */
  app.post('/experts/:id/reveal', async (c) => {
    const actor = c.var.identity;
    const id = requireObjectId(c.req.param('id'));
    const { field } = await parseJson(c, revealRequest, { field: { 'zh-CN': '查看内容', 'en-US': 'Field' } });
    requireReveal(actor);
    const value = await db.transaction(async (tx) => {
      const row = await findExpert(tx, actor, id);
      const stored = field === 'passport' ? row.passport_encrypted : row.phone_encrypted;
      if (!stored) return null;
      await writeAudit(tx, {
        actor,
        action: `expert.reveal_${field}`,
        objectType: 'expert',
        objectId: id,
        after: { name: row.name, [field]: field === 'passport' ? row.passport_masked : row.phone_masked },
        ...requestMeta(c),
      });
      return cipher.decrypt(stored);
    });
    c.header('cache-control', 'no-store');
    return c.json({ field, value });
  });
}
