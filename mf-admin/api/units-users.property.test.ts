// Random JSON at every write endpoint of units and users: never a 500, and a refusal leaves every row as it was
// (no half-written unit, user or audit record). Valid-looking bodies are mixed in so some requests succeed.
import fc from 'fast-check';
import { type Harness, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Everything a write could touch, in one comparable string. */
async function snapshot(h: Harness): Promise<string> {
  const parts = await Promise.all([
    h.db.query(`select id, province_code, address, contact_name, contact_phone, contact_email, supervising_unit_id, registration_state,
      status, version from admin.units order by id`),
    h.db.query('select id, username, role, status, review_state, version, email, mobile_hash from admin.users order by id'),
    h.db.query('select count(*)::int as n from audit.records'),
  ]);
  return JSON.stringify(parts.map((p) => p.rows));
}

const text = fc.oneof(fc.string(), fc.constantFrom('', ' ', '北京市海淀区', '010-80801234', '13700000099', 'x@example.com', '110000'));
const unitBody = fc.record(
  {
    version: fc.oneof(fc.integer({ min: -2, max: 3 }), fc.string(), fc.constant(null)),
    province: fc.oneof(text, fc.constantFrom('110000', '310000', '999999')),
    address: text,
    contactName: text,
    contactPhone: text,
    contactEmail: text,
    supervisingUnitId: fc.oneof(fc.uuid(), fc.constant(null), fc.string()),
  },
  { requiredKeys: [] },
);
const transitionBody = fc.record(
  {
    action: fc.oneof(fc.constantFrom('submit', 'withdraw', 'supervising_approve', 'approve', 'reject', 'resubmit', 'national_approve'), fc.string()),
    version: fc.oneof(fc.integer({ min: -1, max: 4 }), fc.string()),
    reason: fc.oneof(fc.string(), fc.constant(undefined), fc.integer()),
  },
  { requiredKeys: [] },
);
const userBody = fc.record(
  {
    username: fc.oneof(fc.string(), fc.stringMatching(/^[a-z_]{3,12}$/)),
    displayName: text,
    role: fc.oneof(fc.constantFrom('employer_handler', 'employer_admin', 'national_admin'), fc.string()),
    mobile: fc.oneof(text, fc.stringMatching(/^1[3-9]\d{9}$/)),
    email: fc.oneof(text, fc.emailAddress()),
    idNumber: fc.oneof(text, fc.constant('110105199001011232')),
    version: fc.integer({ min: -1, max: 3 }),
  },
  { requiredKeys: [] },
);
const anyBody = fc.oneof(fc.jsonValue(), fc.string(), unitBody, transitionBody, userBody);

describe('write endpoints of units and users under random input', () => {
  let h: Harness;
  let targets: { unit: string; user: string };

  beforeAll(async () => {
    h = await moduleHarness([]);
    const unit = (await h.db.query<{ id: string }>(`select id from admin.units where name = '北京新锐科技有限公司'`)).rows[0]!.id;
    const user = (await h.db.query<{ id: string }>(`select id from admin.users where username = 'new_handler'`)).rows[0]!.id;
    targets = { unit, user };
  });
  afterAll(async () => {
    await h.close();
  });

  it('answers below 500, and changes nothing when it refuses', async () => {
    const routes = [
      ['PUT', () => `/units/${targets.unit}`],
      ['POST', () => `/units/${targets.unit}/transitions`],
      ['POST', () => '/users'],
      ['PATCH', () => `/users/${targets.user}`],
      ['POST', () => `/users/${targets.user}/transitions`],
      ['POST', () => `/users/${targets.user}/disable`],
      ['POST', () => `/users/${targets.user}/enable`],
    ] as const;
    const actors = ['employer_admin', 'supervisor_bj', 'national_admin', 'employer_handler'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom(...actors),
        anyBody,
        fc.boolean(),
        async ([method, path], actor, body, raw) => {
          const before = await snapshot(h);
          const response = await h.call('admin', path(), actor, {
            method,
            headers: { 'content-type': 'application/json' },
            // Sometimes not even JSON.
            body: raw && typeof body === 'string' ? body : JSON.stringify(body),
          });
          expect(response.status).toBeLessThan(500);
          const answer = (await response.json()) as { error?: { message?: string } };
          if (response.status >= 400) {
            expect(typeof answer.error?.message).toBe('string');
            expect(await snapshot(h)).toBe(before);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
