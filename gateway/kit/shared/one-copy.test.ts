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

const SOURCE = /\.(ts|vue|js|mjs|cjs)$/;
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
