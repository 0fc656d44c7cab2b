// A full run read back for secrets: no token, session id, CSRF token or unmasked personal identifier in any
// log line, any URL the browser was sent to, or any page or API answer it received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '@wgzj/gateway/testing/browser';
import { signInThrough, startStack, type Stack } from '@wgzj/gateway/testing/stack';

const logLines: string[] = [];
const bodies: string[] = [];
const browsers: Browser[] = [];
let stack: Stack;
const secrets = new Set<string>();
/** Resident ID and mobile numbers of every portal account: never unmasked on a page or in an answer. */
const identifiers = new Set<string>();
const csrfOf = new Map<Browser, string>();

const json = { accept: 'application/json', 'sec-fetch-dest': 'empty' };

async function read(browser: Browser, path: string, init: Parameters<Browser['request']>[1] = { headers: json }) {
  const res = await browser.request(new URL(path, stack.gatewayUrl), init);
  bodies.push(await res.text());
  return res;
}

beforeAll(async () => {
  stack = await startStack({ logLines });
  // A day of ordinary use, squeezed: sign-ins, API calls, refusals, bad input, support at work, logouts.
  for (const username of ['employer_handler', 'supervisor_bj', 'support']) {
    const { browser, res } = await signInThrough(stack, username);
    browsers.push(browser);
    bodies.push(await res.text());
    const me = await read(browser, '/auth/me');
    const { csrfToken } = JSON.parse(bodies.at(-1)!) as { csrfToken: string };
    secrets.add(csrfToken);
    csrfOf.set(browser, csrfToken);
    expect(me.status).toBe(200);
    for (const path of ['/api/projects/plans', '/api/experts/experts', '/api/reports/annual-reports', '/api/admin/units', '/api/admin/todo']) {
      await read(browser, path);
    }
    await read(browser, '/api/projects/plans?limit=0');
    await read(browser, '/api/projects/plans', { method: 'POST', headers: { ...json, origin: stack.gatewayUrl } });
  }
  const support = browsers[2]!;
  await read(support, '/api/gateway/diagnostics/handoffs?username=employer_handler');
  await read(support, '/api/gateway/diagnostics/sessions?username=employer_handler');
  await read(support, '/api/gateway/diagnostics/config');
  for (const refused of ['no_grant', 'realname_pending', 'unit_bad_credit_code']) {
    const { browser, res } = await signInThrough(stack, refused);
    browsers.push(browser);
    bodies.push(await res.text());
  }
  const confirming = await signInThrough(stack, 'ministry_univ', '/', new Browser(), { confirm: false });
  browsers.push(confirming.browser);
  bodies.push(await confirming.res.text());
  for (const browser of browsers.slice(0, 3)) {
    for (const cookie of browser.jar.header(new URL(stack.gatewayUrl)).split('; ')) {
      const [name, value] = cookie.split('=');
      if (name && value && name.startsWith('wgzj')) secrets.add(value);
    }
    await read(browser, '/auth/logout', { form: { _csrf: csrfOf.get(browser)! } });
  }
  for (const account of stack.portal.accounts.list()) {
    for (const value of [account.idNumber, account.phoneNumber]) {
      if (value) {
        secrets.add(value);
        identifiers.add(value);
      }
    }
  }
});
afterAll(async () => {
  await stack?.close();
});

const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]*/;
// A number standing alone: inside a hex or base64 token (a session key's hash) a run of digits is no identifier.
const RESIDENT_ID = /(?<![\dA-Za-z])\d{17}[\dX](?![\dA-Za-z])/;
const MOBILE = /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/;

describe('nothing secret leaks', () => {
  it('had something to read', () => {
    expect(logLines.length).toBeGreaterThan(50);
    expect(secrets.size).toBeGreaterThan(10);
    expect(bodies.length).toBeGreaterThan(30);
  });

  it('in the logs', () => {
    const all = logLines.join('\n');
    for (const secret of secrets) expect(all.includes(secret), `a log line contains ${secret.slice(0, 4)}…`).toBe(false);
    expect(all).not.toMatch(JWT);
    expect(all).not.toMatch(RESIDENT_ID);
    expect(all).not.toMatch(MOBILE);
  });

  it('in the URLs the browser was sent to', () => {
    const urls = browsers.flatMap((b) => b.visited).join('\n');
    for (const secret of secrets) expect(urls.includes(secret), `a URL contains ${secret.slice(0, 4)}…`).toBe(false);
    expect(urls).not.toMatch(JWT);
    expect(urls).not.toMatch(/[?&](access_token|id_token|id_token_hint|refresh_token)=/);
  });

  it('in the pages and answers the browser received', () => {
    const all = bodies.join('\n');
    expect(all).not.toMatch(JWT);
    // Organisation credit codes may be all digits and are public; people's identifiers are checked one by one.
    for (const value of identifiers) expect(all.includes(value), `a page shows ${value.slice(0, 3)}…`).toBe(false);
    expect(all).not.toMatch(MOBILE);
  });
});
