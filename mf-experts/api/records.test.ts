// Writing expert records: create (one expert per nationality + passport, likely duplicates flagged), edit while
// no approved plan uses the record, claim (claims.test.ts has the rest), audited reveal, CV and photo uploads.
// Every refusal changes nothing.
import { CJK, type ErrorBody, type Harness, json, moduleHarness } from '@wgzj/gateway/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Detail {
  id: string;
  name: string;
  version: number;
  passportMasked: string;
  phoneMasked: string | null;
  nationality: string;
  likelyDuplicates: Array<{ id: string; name: string }>;
  can: { edit: boolean; correct: boolean; reveal: boolean; upload: boolean };
  editBlocked: string | null;
  files: { cv: { filename: string; size: number } | null; photo: { filename: string } | null };
}

const NEW_EXPERT = {
  name: 'Lena Novak',
  chineseName: '莉娜·诺瓦克',
  gender: 'female',
  birthDate: '1984-02-29',
  nationality: 'CZ',
  passportNumber: 'ab 123 4567',
  email: 'lena.novak@example.cz',
  phone: '+420 601 234 567',
  employerAbroad: 'Charles University',
  position: 'Docent',
  disciplineCode: '0703',
  keywords: ['催化', '催化', '表面化学'],
};

const PDF = (size = 64) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size)]).toString('base64');
const PNG = () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');
const EXE = () => Buffer.from('MZ\x90\x00this is a program').toString('base64');

describe('expert records', () => {
  let h: Harness;
  let lena: Detail;

  beforeAll(async () => {
    h = await moduleHarness(['experts']);
  });
  afterAll(async () => {
    await h.close();
  });

  const send = (method: string, path: string, user: string, body: unknown, locale = 'zh-CN') =>
    h.call('experts', path, user, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), locale });
  const counts = async () =>
    (
      await h.db.query<{ experts: number; audit: number; files: number; units: number }>(
        `select (select count(*)::int from experts.experts) as experts, (select count(*)::int from audit.records) as audit,
                (select count(*)::int from experts.files) as files, (select count(*)::int from experts.expert_units) as units`,
      )
    ).rows[0]!;
  const detail = (id: string, user = 'employer_handler') => json<Detail>(h.call('experts', `/experts/${id}`, user));
  const service = () => h.signer.signService('experts', 'test');
  const linkToPlan = async (plan: string, expertId: string, approved: boolean) =>
    h.call('experts', `/internal/plans/${plan}/experts`, null, {
      method: 'PUT',
      headers: { 'x-identity-assertion': await service(), 'content-type': 'application/json' },
      body: JSON.stringify({
        unitId: (await h.identityOf('employer_handler')).unit.id,
        approved,
        program: 'high_end_foreign_expert',
        programName: '高端外国专家引进计划',
        experts: [{ expertId, visits: [{ startDate: '2027-03-01', endDate: '2027-03-10', city: '北京', purpose: '讲学' }] }],
      }),
    });

  describe('create', () => {
    it('creates an expert invited by the caller’s unit, storing the passport and phone only encrypted', async () => {
      const response = await send('POST', '/experts', 'employer_handler', NEW_EXPERT);
      expect(response.status).toBe(201);
      lena = await json<Detail>(response);
      expect(lena).toMatchObject({ name: 'Lena Novak', nationality: 'CZ', passportMasked: 'AB*****67', phoneMasked: '+42****4567', keywords: ['催化', '表面化学'], likelyDuplicates: [] });
      const { rows } = await h.db.query<Record<string, unknown>>('select * from experts.experts where id = $1', [lena.id]);
      const stored = JSON.stringify(rows[0]);
      expect(stored).not.toContain('AB1234567');
      expect(stored).not.toContain('601 234');
      const audit = await h.db.query<{ after_summary: unknown }>(`select after_summary from audit.records where object_id = $1 and action = 'expert.create'`, [lena.id]);
      expect(JSON.stringify(audit.rows)).not.toContain('AB1234567');
      expect(await json(h.call('experts', '/experts?name=Novak', 'supervisor_bj'))).toMatchObject({ total: 1 });
      expect(await json(h.call('experts', '/experts?name=Novak', 'employer_sh'))).toMatchObject({ total: 0 });
    });

    it('refuses the same nationality and passport again, however it is typed, and writes nothing but the audit', async () => {
      const before = await counts();
      const response = await send('POST', '/experts', 'employer_sh', { ...NEW_EXPERT, name: 'L. Novak', passportNumber: 'AB1234567' });
      expect(response.status).toBe(409);
      const body = await json<ErrorBody>(response);
      expect(body.error.code).toBe('EXPERT_PASSPORT_UNAVAILABLE');
      expect(body.error.fields?.[0]?.field).toBe('passportNumber');
      expect(JSON.stringify(body)).not.toMatch(/Novak|Lena|北京示例大学/);
      expect(await counts()).toEqual({ ...before, audit: before.audit + 1 });
      // The unit that entered it is told plainly: it is already in its own library.
      const own = await json<ErrorBody>(send('POST', '/experts', 'employer_admin', { ...NEW_EXPERT, passportNumber: 'ab1234567' }));
      expect(own.error.code).toBe('EXPERT_DUPLICATE_PASSPORT');
      // Another nationality with the same number is another person.
      const other = await send('POST', '/experts', 'employer_sh', { ...NEW_EXPERT, nationality: 'SK' });
      expect(other.status).toBe(201);
    });

    it('lets exactly one of several simultaneous entries of the same passport through', async () => {
      const before = await counts();
      const attempts = await Promise.all(
        ['employer_handler', 'employer_admin', 'employer_sh', 'ministry_univ', 'employer_handler'].map((user) =>
          send('POST', '/experts', user, { ...NEW_EXPERT, name: 'Concurrent Person', birthDate: '1990-01-01', passportNumber: 'RACE00001' }),
        ),
      );
      expect(attempts.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      const after = await counts();
      expect(after.experts).toBe(before.experts + 1);
      expect(after.units).toBe(before.units + 1);
    });

    it('lets a second unit that knows the expert claim the record; it joins that unit once the entering unit accepts', async () => {
      const claimed = await send('POST', '/claims', 'employer_sh', { nationality: 'CZ', passportNumber: 'AB1234567', name: 'lena novak', birthDate: '1984-02-29' });
      expect(claimed.status).toBe(201);
      const { claim } = await json<{ claim: { id: string; version: number } }>(claimed);
      expect((await h.call('experts', `/experts/${lena.id}`, 'employer_sh')).status).toBe(404);
      const accepted = await send('POST', `/claims/${claim.id}/transition`, 'employer_handler', { action: 'accept', version: claim.version });
      expect(accepted.status).toBe(200);
      expect((await h.call('experts', `/experts/${lena.id}`, 'employer_sh')).status).toBe(200);
      // It may read the record but not edit it: the unit that entered it keeps it.
      expect((await detail(lena.id, 'employer_sh')).can.edit).toBe(false);
      const unknown = await send('POST', '/claims', 'employer_sh', { nationality: 'CZ', passportNumber: 'ZZ0000000', name: 'Lena Novak', birthDate: '1984-02-29' });
      expect(unknown.status).toBe(404);
      expect((await json<ErrorBody>(unknown)).error.code).toBe('EXPERT_CLAIM_NO_MATCH');
      expect((await send('POST', '/experts/claim', 'employer_sh', { nationality: 'CZ', passportNumber: 'AB1234567' })).status).toBe(404);
    });

    it('creates a likely duplicate (same name, birth date, nationality) but flags it', async () => {
      const response = await send('POST', '/experts', 'ministry_univ', { ...NEW_EXPERT, name: 'LENA NOVAK', passportNumber: 'CZ9999999' });
      expect(response.status).toBe(201);
      const twin = await json<Detail>(response);
      expect(twin.likelyDuplicates).toEqual([]); // the first record is outside the ministry university's scope
      const national = await detail(twin.id, 'national_admin');
      expect(national.likelyDuplicates.map((d) => d.id)).toEqual([lena.id]);
      const todo = await json<{ count: number; items: Array<{ title: string; link: string }> }>(h.call('experts', '/todo', 'national_admin'));
      expect(todo.items.some((i) => i.title.includes('LENA NOVAK') || i.title.includes('Lena Novak'))).toBe(true);
    });

    it.each([
      ['no name', { ...NEW_EXPERT, name: '  ' }, 'name', /姓名/, /Name/],
      ['an unknown country', { ...NEW_EXPERT, nationality: 'XX' }, 'nationality', /国籍.*ISO 3166-1/, /Nationality/],
      ['a passport with punctuation', { ...NEW_EXPERT, passportNumber: 'AB#12345' }, 'passportNumber', /护照号码/, /Passport number/],
      ['a birth date in the future', { ...NEW_EXPERT, birthDate: '2999-01-01' }, 'birthDate', /出生日期/, /Date of birth/],
      ['30 February', { ...NEW_EXPERT, birthDate: '1980-02-30' }, 'birthDate', /出生日期/, /Date of birth/],
      ['a discipline outside the catalogue', { ...NEW_EXPERT, disciplineCode: '0799' }, 'disciplineCode', /学科领域/, /Discipline/],
      ['a malformed e-mail', { ...NEW_EXPERT, email: 'lena@' }, 'email', /电子邮箱/, /E-mail/],
      ['letters as a phone', { ...NEW_EXPERT, phone: 'call me' }, 'phone', /联系电话/, /Phone/],
      ['eleven keywords', { ...NEW_EXPERT, keywords: Array.from({ length: 11 }, (_, i) => `k${i}`) }, 'keywords', /关键词/, /keywords/],
    ])('refuses %s, naming the field in the caller’s language, and writes nothing', async (_name, body, field, zh, en) => {
      const before = await counts();
      const zhResponse = await send('POST', '/experts', 'employer_handler', { ...body, passportNumber: body.passportNumber === NEW_EXPERT.passportNumber ? 'NEW0000001' : body.passportNumber });
      expect(zhResponse.status).toBe(400);
      const zhBody = await json<ErrorBody>(zhResponse);
      expect(zhBody.error.fields?.map((f) => f.field)).toContain(field);
      expect(zhBody.error.message).toMatch(zh);
      const enBody = await json<ErrorBody>(send('POST', '/experts', 'employer_handler', { ...body, passportNumber: body.passportNumber === NEW_EXPERT.passportNumber ? 'NEW0000001' : body.passportNumber }, 'en-US'));
      expect(enBody.error.message).toMatch(en);
      expect(enBody.error.message).not.toMatch(CJK);
      expect(await counts()).toEqual(before);
    });

    it.each(['supervisor_bj', 'national_admin', 'support'])('refuses %s creating experts: employer units invite them', async (user) => {
      const response = await send('POST', '/experts', user, { ...NEW_EXPERT, passportNumber: 'NEW0000002' });
      expect(response.status).toBe(403);
    });
  });

  describe('edit', () => {
    it('lets the inviting unit edit with the version it saw; a stale version changes nothing', async () => {
      const current = await detail(lena.id);
      const response = await send('PATCH', `/experts/${lena.id}`, 'employer_admin', { version: current.version, position: 'Professor' });
      expect(response.status).toBe(200);
      expect(await json(response)).toMatchObject({ position: 'Professor', version: current.version + 1 });
      const stale = await send('PATCH', `/experts/${lena.id}`, 'employer_handler', { version: current.version, position: 'Dean' });
      expect(stale.status).toBe(409);
      expect((await detail(lena.id)).version).toBe(current.version + 1);
    });

    it('refuses a change to a passport another expert holds', async () => {
      const current = await detail(lena.id);
      const taken = await send('PATCH', `/experts/${lena.id}`, 'employer_handler', { version: current.version, nationality: 'SK' });
      expect(taken.status).toBe(409);
      expect((await json<ErrorBody>(taken)).error.code).toBe('EXPERT_PASSPORT_UNAVAILABLE');
      expect((await detail(lena.id)).nationality).toBe('CZ');
    });

    it('refuses other units, supervising units and support: 403 in scope, 404 outside it', async () => {
      const { version } = await detail(lena.id);
      expect((await send('PATCH', `/experts/${lena.id}`, 'supervisor_bj', { version, position: 'x' })).status).toBe(403);
      expect((await send('PATCH', `/experts/${lena.id}`, 'employer_sh', { version, position: 'x' })).status).toBe(403);
      expect((await send('PATCH', `/experts/${lena.id}`, 'ministry_univ', { version, position: 'x' })).status).toBe(404);
      expect((await detail(lena.id)).version).toBe(version);
    });

    it('ignores nothing silently: a field that is not on the form is refused', async () => {
      const { version } = await detail(lena.id);
      const response = await send('PATCH', `/experts/${lena.id}`, 'employer_handler', { version, status: 'merged', created_by_unit_id: '00000000-0000-4000-8000-000000000000' });
      expect(response.status).toBe(400);
      expect(await detail(lena.id)).toMatchObject({ version });
    });

    it('freezes the record once an approved plan uses it: edits are refused, a correction request is offered', async () => {
      const plan = '6d3a9f0e-4c1b-4e8a-9b2d-7f5e3c1a0b11';
      expect((await linkToPlan(plan, lena.id, false)).status).toBe(200);
      expect((await detail(lena.id)).can.edit).toBe(true);
      expect((await linkToPlan(plan, lena.id, true)).status).toBe(200);
      const locked = await detail(lena.id);
      expect(locked).toMatchObject({ editBlocked: 'approved_plan', can: { edit: false, correct: true, upload: false } });
      const refused = await send('PATCH', `/experts/${lena.id}`, 'employer_handler', { version: locked.version, position: 'Dean' });
      expect(refused.status).toBe(409);
      const body = await json<ErrorBody>(refused);
      expect(body.error.code).toBe('EXPERT_LOCKED');
      expect(body.error.message).toMatch(/更正申请/);
      // The national level may still correct it directly.
      expect((await detail(lena.id, 'national_admin')).can.edit).toBe(true);
      // The plan's visit is in the expert's history, hosted by the plan's unit.
      const visits = await json<{ items: Array<{ planId: string; startDate: string; days: number }> }>(h.call('experts', `/experts/${lena.id}/visits`, 'employer_handler'));
      expect(visits.items).toEqual([expect.objectContaining({ planId: plan, startDate: '2027-03-01', days: 10 })]);
    });
  });

  describe('reveal', () => {
    it('shows the passport in clear to the inviting unit and records who looked', async () => {
      const before = await counts();
      const response = await send('POST', `/experts/${lena.id}/reveal`, 'employer_handler', { field: 'passport' });
      expect(await json(response)).toEqual({ field: 'passport', value: 'AB1234567' });
      expect(response.headers.get('cache-control')).toBe('no-store');
      const { rows } = await h.db.query<{ actor_username: string; after_summary: string }>(
        `select actor_username, after_summary::text from audit.records where object_id = $1 and action = 'expert.reveal_passport'`,
        [lena.id],
      );
      expect(rows.map((r) => r.actor_username)).toEqual(['employer_handler']);
      expect(rows[0]!.after_summary).not.toContain('AB1234567');
      expect((await counts()).audit).toBe(before.audit + 1);
    });

    it('shows the phone to the supervising unit; refuses support (403) and units outside the scope (404), recording nothing', async () => {
      expect(await json(send('POST', `/experts/${lena.id}/reveal`, 'supervisor_bj', { field: 'phone' }))).toEqual({ field: 'phone', value: '+420 601 234 567' });
      const before = await counts();
      expect((await send('POST', `/experts/${lena.id}/reveal`, 'support', { field: 'phone' })).status).toBe(403);
      expect((await send('POST', `/experts/${lena.id}/reveal`, 'ministry_univ', { field: 'phone' })).status).toBe(404);
      expect((await send('POST', `/experts/${lena.id}/reveal`, 'employer_handler', { field: 'email' })).status).toBe(400);
      expect(await counts()).toEqual(before);
    });
  });

  describe('files', () => {
    let yuki: string;
    beforeAll(async () => {
      yuki = (await h.db.query<{ id: string }>(`select id from experts.experts where name = 'Yuki Tanaka'`)).rows[0]!.id;
    });

    it('stores a CV checked as PDF and a photo checked as PNG, and gives them back', async () => {
      const cv = await send('PUT', `/experts/${yuki}/files/cv`, 'employer_handler', { filename: '田中由纪简历.pdf', contentBase64: PDF(1000) });
      expect(cv.status).toBe(200);
      expect(await json(cv)).toMatchObject({ filename: '田中由纪简历.pdf', contentType: 'application/pdf', size: 1009 });
      expect((await send('PUT', `/experts/${yuki}/files/photo`, 'employer_handler', { filename: 'photo.png', contentBase64: PNG() })).status).toBe(200);
      const download = await h.call('experts', `/experts/${yuki}/files/cv`, 'supervisor_bj');
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''");
      expect(Buffer.from(await download.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
      expect((await detail(yuki)).files).toMatchObject({ cv: { filename: '田中由纪简历.pdf' }, photo: { filename: 'photo.png' } });
      expect((await h.call('experts', `/experts/${yuki}/files/cv`, 'employer_sh')).status).toBe(404);
    });

    it.each([
      ['a program named .pdf', 'cv', { filename: 'cv.pdf', contentBase64: EXE() }, 'FILE_TYPE_NOT_ACCEPTED', /简历“cv\.pdf”的类型不受支持,仅支持 PDF/],
      ['a PDF as a photo', 'photo', { filename: 'photo.pdf', contentBase64: PDF() }, 'FILE_TYPE_NOT_ACCEPTED', /照片“photo\.pdf”.*JPEG、PNG/],
      ['a PNG named .jpg', 'photo', { filename: 'photo.jpg', contentBase64: PNG() }, 'FILE_EXTENSION_MISMATCH', /扩展名/],
      ['an 11 MB CV', 'cv', { filename: 'big.pdf', contentBase64: PDF(11 * 1024 * 1024) }, 'FILE_TOO_LARGE', /超过 10 MB/],
      ['a 3 MB photo', 'photo', { filename: 'big.png', contentBase64: Buffer.concat([Buffer.from(PNG(), 'base64'), Buffer.alloc(3 * 1024 * 1024)]).toString('base64') }, 'FILE_TOO_LARGE', /超过 2 MB/],
      ['content that is not base64', 'cv', { filename: 'cv.pdf', contentBase64: '%%%%' }, 'FILE_UNREADABLE', /无法读取/],
    ])('refuses %s with a clear message and stores nothing', async (_name, kind, body, code, message) => {
      const before = await counts();
      const stored = await h.db.query('select kind, size_bytes from experts.files where expert_id = $1 order by kind', [yuki]);
      const response = await send('PUT', `/experts/${yuki}/files/${kind}`, 'employer_handler', body);
      expect([400, 413]).toContain(response.status);
      const error = (await json<ErrorBody>(response)).error;
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(await counts()).toEqual(before);
      expect((await h.db.query('select kind, size_bytes from experts.files where expert_id = $1 order by kind', [yuki])).rows).toEqual(stored.rows);
    });

    it('refuses uploads from whoever may not edit the record', async () => {
      expect((await send('PUT', `/experts/${yuki}/files/cv`, 'supervisor_bj', { filename: 'cv.pdf', contentBase64: PDF() })).status).toBe(403);
      expect((await send('PUT', `/experts/${yuki}/files/cv`, 'employer_sh', { filename: 'cv.pdf', contentBase64: PDF() })).status).toBe(404);
      expect((await send('PUT', `/experts/${yuki}/files/passport`, 'employer_handler', { filename: 'cv.pdf', contentBase64: PDF() })).status).toBe(404);
    });
  });
});
