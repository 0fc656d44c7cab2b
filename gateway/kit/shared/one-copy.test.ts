// The identifier rules exist once: no source file outside this folder holds a check-digit table or one of the
// patterns again (tests keep their own independent references), and this folder stays importable by a browser.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SHARED_DIR = fileURLToPath(new URL('./', import.meta.url));
const SHARED_MODULE = path.join(SHARED_DIR, 'identifiers.ts');

/** What a copy of a rule would contain; `shared: false` marks a way of writing a rule that belongs nowhere. */
const MARKS: ReadonlyArray<{ what: string; mark: RegExp; shared: boolean }> = [
  { what: 'GB 32100 alphabet', mark: /0123456789ABCDEFGHJKLMNPQRTUWXY/, shared: true },
  { what: 'GB 32100 weights', mark: /1,\s*3,\s*9,\s*27,\s*19,\s*26/, shared: true },
  { what: 'GB 32100 character class', mark: /A-HJ-NPQRTUWXY/, shared: true },
  { what: 'GB 11643 weights', mark: /7,\s*9,\s*10,\s*5,\s*8,\s*4,\s*2/, shared: true },
  { what: 'GB 11643 check characters', mark: /10X98765432/, shared: true },
  { what: 'ID number pattern', mark: /\\d\{17\}\[\\d/, shared: true },
  { what: 'mobile pattern', mark: /1\[3-9\]\\d\{9\}/, shared: true },
  { what: 'landline pattern', mark: /0\\d\{2,3\}/, shared: true },
  { what: 'username pattern', mark: /\[A-Za-z0-9_\.@-\]\{3,64\}/, shared: true },
  { what: 'e-mail pattern', mark: /A-Za-z0-9_'\+/, shared: true },
  { what: 'a loose e-mail pattern', mark: /\[\^\\s@\]/, shared: false },
  // The server's e-mail fields name the shared pattern: zod's default could change under them in a release.
  { what: "zod's own e-mail rule", mark: /z\.email\((?!\{\s*pattern:\s*EMAIL_PATTERN\b)|regexes\.email/, shared: false },
];

// The UI catalogues are JSON per locale: a copied name there is a copy as much as in code.
const SOURCE = /\.(ts|vue|js|mjs|cjs)$|messages\.(zh-CN|en-US)\.json$/;
const TEST = /\.(test|spec)\.ts$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.tmp', 'coverage']);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) out.push(...sources(full));
    } else if (SOURCE.test(entry.name) && !TEST.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}

function productionSources(): string[] {
  const areas = readdirSync(ROOT).filter((name) => name.startsWith('mf-'));
  const dirs = ['gateway', 'shell', 'scripts', ...areas.flatMap((area) => ['ui', 'api', 'db', 'shared'].map((part) => path.join(area, part)))];
  return dirs.flatMap((dir) => {
    try {
      return sources(path.join(ROOT, dir));
    } catch {
      return []; // an area without that part
    }
  });
}

describe('one copy of the identifier rules', () => {
  const files = productionSources();

  it('reads the sources of the gateway, the shell and every area', () => {
    const relative = files.map((f) => path.relative(ROOT, f));
    expect(relative).toContain('gateway/kit/fields.ts');
    expect(relative).toContain('mf-admin/ui/src/users/validators.ts');
    expect(relative).toContain('mf-admin/ui/src/supervising/checks.ts');
    expect(relative).toContain('gateway/dev-portal/sync.ts');
    expect(relative.some((f) => f.includes('node_modules') || TEST.test(f))).toBe(false);
  });

  it('finds every rule in the shared module (so the marks below are not stale)', () => {
    const shared = readFileSync(SHARED_MODULE, 'utf8');
    for (const { what, mark, shared: belongs } of MARKS) expect(mark.test(shared), what).toBe(belongs);
  });

  it('finds no copy anywhere else', () => {
    const copies: string[] = [];
    for (const file of files) {
      if (file.startsWith(SHARED_DIR)) continue;
      const text = readFileSync(file, 'utf8');
      for (const { what, mark } of MARKS) if (mark.test(text)) copies.push(`${path.relative(ROOT, file)}: ${what}`);
    }
    expect(copies).toEqual([]);
  });

  it('keeps the shared folder browser-safe: no imports but its own files', () => {
    for (const file of sources(SHARED_DIR)) {
      const text = readFileSync(file, 'utf8');
      const specifiers = [...text.matchAll(/\b(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]/g)].map(
        (m) => m[1] ?? m[2]!,
      );
      for (const specifier of specifiers) expect(specifier, `${path.relative(ROOT, file)} imports ${specifier}`).toMatch(/^\.\/[\w-]+\.ts$/);
      expect(text, path.relative(ROOT, file)).not.toMatch(/\b(process|Buffer|require)\b/);
    }
  });
});

describe('one copy of the Beijing-time rules', () => {
  const DATES_MODULE = path.join(SHARED_DIR, 'dates.ts');
  /** A zone named in code, or an instant built at the fixed offset: both belong in dates.ts only. */
  const MARKS: ReadonlyArray<{ what: string; mark: RegExp }> = [
    { what: 'the Asia/Shanghai zone', mark: /['"`]Asia\/Shanghai['"`]/ },
    { what: 'the +08:00 offset', mark: /\+08:00/ },
  ];

  it('finds them in the shared module (so the marks are not stale)', () => {
    const shared = readFileSync(DATES_MODULE, 'utf8');
    for (const { what, mark } of MARKS) expect(mark.test(shared), what).toBe(true);
  });

  it('finds no copy anywhere else: servers and screens format and cut Beijing time through it', () => {
    const copies: string[] = [];
    for (const file of productionSources()) {
      if (file === DATES_MODULE) continue;
      const text = readFileSync(file, 'utf8');
      for (const { what, mark } of MARKS) if (mark.test(text)) copies.push(`${path.relative(ROOT, file)}: ${what}`);
    }
    expect(copies).toEqual([]);
  });
});

describe('one copy of the shared contracts (roles, sign-in refusals, plan states, funding names, template limits, plan error codes)', () => {
  const home = (...parts: string[]) => path.join(ROOT, ...parts);
  /** Each mark is what a second copy of a contract would hold; `home` is the one module allowed to hold it. */
  const CONTRACTS: ReadonlyArray<{ what: string; home: string; mark: RegExp }> = [
    { what: 'a role name', home: home('gateway/kit/shared/roles.ts'), mark: /['"`](事项办理员|事项管理员|归口管理单位用户|Project officer|Project administrator|Supervising unit user)['"`]/ },
    { what: "a portal grant's name", home: home('gateway/kit/shared/roles.ts'), mark: /['"`]外国专家项目-事项(办理|管理)员['"`]/ },
    { what: 'the role list', home: home('gateway/kit/shared/roles.ts'), mark: /'national_admin',(\s*\/\/[^\n]*)?\s*'support',(\s*\/\/[^\n]*)?\s*'expert_reviewer'/ },
    { what: 'a unit kind name', home: home('gateway/kit/shared/roles.ts'), mark: /['"`](部属高校|Ministry university|Employer unit)['"`]/ },
    { what: 'the unit kind list', home: home('gateway/kit/shared/roles.ts'), mark: /'national',\s*'supervising',\s*'employer',\s*'ministry_university'/ },
    { what: 'the sign-in refusal codes', home: home('gateway/kit/shared/errors.ts'), mark: /'ADMISSION_IDENTITY_KIND',\s*'ADMISSION_ROLE_MISSING'/ },
    { what: 'the admission check list', home: home('gateway/kit/shared/errors.ts'), mark: /'identity_kind',\s*'role_grant',\s*'real_name',\s*'unit_name',\s*'credit_code',\s*'local_account'/ },
    { what: 'a file type table', home: home('gateway/kit/shared/file-types.ts'), mark: /pdf:\s*\{\s*contentType|\['pdf',\s*'jpeg',\s*'png',\s*'docx',\s*'xlsx'\]/ },
    { what: 'a plan state name table', home: home('mf-projects/shared/plan-states.ts'), mark: /\bexpert_review['"]?\s*:\s*(['"`](专家评审中|In expert review)|x\(|\{\s*'zh-CN')/ },
    { what: 'a funding item name', home: home('mf-projects/shared/funding-names.ts'), mark: /['"`](国际旅费|城市间交通费|零用费标准|International travel|Intercity transport)( ?\((元|yuan)\))?['"`]/ },
    { what: 'the template limits', home: home('mf-projects/shared/template-shape.ts'), mark: /textarea:\s*20_000|max\(20_000\)|\[a-zA-Z\]\[a-zA-Z0-9\]\{0,39\}/ },
    { what: 'a plan error code', home: home('mf-projects/shared/plan-errors.ts'), mark: /['"`]PLAN_[A-Z_]+['"`]/ },
  ];
  /**
   * Copies that remain, each for a reason, so a new one fails and a removed one must be struck off here: another
   * area's catalogue cannot import mf-projects/shared (a module never reads another's files), and the diagnostics
   * screens name user kinds, which read like the supervising role.
   */
  const REMAINING = [
    'mf-admin/api/audit-catalogue.ts: a plan state name table',
    'mf-admin/ui/src/diagnostics/messages.en-US.json: a role name',
    'mf-admin/ui/src/diagnostics/messages.zh-CN.json: a role name',
    'mf-experts/ui/src/messages.en-US.json: a plan state name table',
    'mf-experts/ui/src/messages.zh-CN.json: a plan state name table',
  ];

  it('finds each contract in its home (so the marks are not stale)', () => {
    for (const { what, home: file, mark } of CONTRACTS) expect(mark.test(readFileSync(file, 'utf8')), what).toBe(true);
  });

  it('finds no other copy than the ones named, in the servers, the screens and the scripts', () => {
    const copies = new Set<string>();
    for (const file of productionSources()) {
      const text = readFileSync(file, 'utf8');
      for (const { what, home: file0, mark } of CONTRACTS) if (file !== file0 && mark.test(text)) copies.add(`${path.relative(ROOT, file)}: ${what}`);
    }
    expect([...copies].sort()).toEqual(REMAINING);
  });

  it('keeps mf-projects/shared browser-safe: its own files and the kit shared folder only', () => {
    for (const file of sources(home('mf-projects/shared'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/g)) {
        expect(m[1], path.relative(ROOT, file)).toMatch(/^(\.\/[\w-]+\.ts|@wgzj\/gateway\/kit\/shared\/[\w-]+)$/);
      }
      expect(text, path.relative(ROOT, file)).not.toMatch(/\b(process|Buffer|require)\b/);
    }
  });
});
