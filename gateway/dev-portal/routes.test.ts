// What the portal answers outside its happy paths, route by route: the wrong method, an unknown page, a missing
// client credential, a body over the limit, and the headers every page and JSON answer carries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portal } from './provider.ts';
import { CLIENT_ID, CLIENT_SECRET, startPortal } from '@wgzj/gateway/testing/relying-party';

const basic = (secret = CLIENT_SECRET) => `Basic ${Buffer.from(`${CLIENT_ID}:${secret}`).toString('base64')}`;

describe('dev portal routes: refusals and headers', () => {
  let portal: Portal;
  const call = (path: string, init: RequestInit = {}) => fetch(new URL(path, portal.issuer), { redirect: 'manual', ...init });
  const asClient = (path: string, method: string, body?: string) =>
    call(path, { method, headers: { authorization: basic(), 'content-type': 'application/json' }, ...(body === undefined ? {} : { body }) });

  beforeAll(async () => {
    portal = await startPortal();
  });
  afterAll(() => portal.close());

  it('answers the browser icon with an empty 204 that may be cached', async () => {
    for (const method of ['GET', 'HEAD']) {
      const res = await call('/favicon.ico', { method });
      expect(res.status).toBe(204);
      expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(await res.text()).toBe('');
    }
  });

  it('the dev API: 401 before anything else, 405 for any method but POST, 404 for an unknown endpoint', async () => {
    for (const path of ['/dev/rotate-keys', '/dev/nothing', '/dev/']) {
      const anonymous = await call(path, { method: 'POST' });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="dev-portal"');
      expect(await anonymous.json()).toEqual({ code: 'UNAUTHORIZED', message: 'client credentials required' });
      expect((await call(path, { method: 'POST', headers: { authorization: basic('wrong') } })).status).toBe(401);
    }
    for (const path of ['/dev/rotate-keys', '/dev/accounts/zhangsan/roles', '/dev/nothing']) {
      const res = await asClient(path, 'GET');
      expect(res.status).toBe(405);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ code: 'METHOD_NOT_ALLOWED', message: 'use POST' });
    }
    for (const path of ['/dev/nothing', '/dev/accounts/zhangsan/password', '/dev/accounts/zhangsan', '/dev/']) {
      const res = await asClient(path, 'POST', '{}');
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: 'NOT_FOUND', message: 'no such dev endpoint' });
    }
  });

  it('the dev API: a body that is not JSON, an unknown account, roles that are not a list', async () => {
    const notJson = await asClient('/dev/accounts/zhangsan/realname', 'POST', 'status=verified');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ code: 'INVALID_JSON', message: 'body must be JSON' });
    const nobody = await asClient('/dev/accounts/nobody-here/realname', 'POST', '{"status":"verified"}');
    expect(nobody.status).toBe(404);
    expect((await nobody.json()) as { code: string }).toMatchObject({ code: 'ACCOUNT_NOT_FOUND' });
    const notList = await asClient('/dev/accounts/zhangsan/roles', 'POST', '{"roles":"handler"}');
    expect(notList.status).toBe(400);
    expect(await notList.json()).toEqual({ code: 'INVALID_ROLE', message: 'roles must be an array' });
  });

  it('the sync: 401 before anything else, then 404 for an unknown endpoint before 405 for the wrong method', async () => {
    const anonymous = await call('/sync/nothing', { method: 'GET' });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="dev-portal"');
    expect(await anonymous.json()).toEqual({ code: 'UNAUTHORIZED', message: '需要有效的客户端凭据(HTTP Basic)' });
    for (const path of ['/sync/nothing', '/sync/', '/sync/units/']) {
      const res = await asClient(path, 'GET');
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: 'NOT_FOUND', message: '接口不存在' });
    }
    for (const path of ['/sync/units', '/sync/accounts']) {
      const res = await asClient(path, 'PUT', '{}');
      expect(res.status).toBe(405);
      expect(await res.json()).toEqual({ code: 'METHOD_NOT_ALLOWED', message: '请使用 POST' });
    }
  });

  it('a body over 16 KiB: the JSON APIs answer it as unreadable JSON, the forms with a 413 page', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(17 * 1024) });
    const sync = await asClient('/sync/units', 'POST', big);
    expect(sync.status).toBe(400);
    expect(await sync.json()).toEqual({ code: 'INVALID_JSON', field: null, message: '请求体须为 JSON' });
    const dev = await asClient('/dev/accounts/zhangsan/roles', 'POST', big);
    expect(dev.status).toBe(400);
    expect(await dev.json()).toEqual({ code: 'INVALID_JSON', message: 'body must be JSON' });
    const form = new URLSearchParams({ csrf: 'x', username: 'x'.repeat(17 * 1024) });
    const grants = await call('/grants/login', { method: 'POST', body: form });
    expect(grants.status).toBe(413);
    expect(grants.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await grants.text()).toContain('request body too large');
  });

  it('用户授权管理: the page answers GET and HEAD, its actions only POST, and an unknown action is a 404 page', async () => {
    for (const path of ['/grants', '/grants/']) {
      const page = await call(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect((await call(path, { method: 'HEAD' })).status).toBe(200);
      const posted = await call(path, { method: 'POST' });
      expect(posted.status).toBe(405);
      expect(posted.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await posted.text()).toContain('请求方法不被允许');
    }
    for (const path of ['/grants/login', '/grants/grant', '/grants/logout', '/grants/nothing']) {
      expect((await call(path)).status).toBe(405);
    }
    const unknown = await call('/grants/nothing', { method: 'POST' });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('页面不存在');
    const stale = await call('/grants/login', { method: 'POST', body: new URLSearchParams({ csrf: 'forged' }) });
    expect(stale.status).toBe(403);
    expect(await stale.text()).toContain('页面已失效,请刷新页面后重试');
  });

  it('a sign-in interaction: unknown or mismatched is a 400 page, a malformed path a 404 page', async () => {
    for (const path of ['/interaction/no-such-uid', '/interaction/no-such-uid/login', '/interaction/no-such-uid/abort']) {
      for (const method of ['GET', 'POST']) {
        const res = await call(path, { method });
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
        expect(await res.text()).toContain('登录会话已失效,请返回原系统重新登录');
      }
    }
    for (const path of ['/interaction/', '/interaction/a/', '/interaction/a/b/c', '/interaction/a/login/', '/interaction/a/abort/', '/interaction/a%20b']) {
      const res = await call(path);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('页面不存在');
    }
  });

  it('everything else is the OpenID Provider’s: discovery, keys, and its own 404 for an unknown path', async () => {
    const discovery = await call('/.well-known/openid-configuration');
    expect(discovery.status).toBe(200);
    expect(((await discovery.json()) as { issuer: string }).issuer).toBe(portal.issuer);
    expect((await call('/jwks')).status).toBe(200);
    for (const path of ['/dev', '/sync', '/grantsx', '/nothing']) {
      const res = await call(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(((await res.json()) as { error: string }).error).toBe('invalid_request');
    }
  });
});
