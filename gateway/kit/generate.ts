// Helpers for the synthetic data generators (benchmark, load tests), kept out of the kit's public index:
// import them from '@wgzj/gateway/kit/generate'.
import type { Queryable } from './db.ts';

/**
 * SQL for a uuid derived from a text expression's hash, shaped as RFC 9562 version 4 (version nibble 4, variant
 * 10), for generated data: the APIs' `z.uuid()` refuses other shapes, so a bare `md5(…)::uuid` could not be
 * opened or saved back.
 */
export const hashedUuidSql = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

/**
 * For generated data: the active supervising unit of each province (the oldest where there are several), created
 * where a province has none; `tag` (four letters) marks the credit codes of the ones created. Returns the unit ids
 * by province code, and how many were created.
 */
export async function supervisingUnitsOf(
  tx: Queryable,
  provinces: ReadonlyArray<{ code: string; supervisor: string; city: string }>,
  tag: string,
  seed: number,
): Promise<{ byProvince: Map<string, string>; created: number }> {
  const { rows: existing } = await tx.query<{ id: string; province_code: string }>(
    `select distinct on (province_code) id, province_code from admin.units
     where kind = 'supervising' and status = 'active' order by province_code, created_at, id`,
  );
  const supervisors = new Map(existing.map((r) => [r.province_code, r.id]));
  const missing = provinces.filter((p) => !supervisors.has(p.code));
  if (missing.length) {
    const { rows } = await tx.query<{ id: string; province_code: string }>(
      `insert into admin.units (name, kind, credit_code, province_code, address, status, registration_state)
       select name, 'supervising', credit, province, address, 'active', 'approved'
       from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as t(name, credit, province, address)
       returning id, province_code`,
      [
        missing.map((p) => p.supervisor),
        missing.map((p) => `1${p.code}${tag}${String(seed % 1000).padStart(3, '0')}0001`.slice(0, 18)),
        missing.map((p) => p.code),
        missing.map((p) => `${p.city}市政务服务中心`),
      ],
    );
    for (const r of rows) supervisors.set(r.province_code, r.id);
  }
  return { byProvince: supervisors, created: missing.length };
}
