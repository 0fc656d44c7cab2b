// @vitest-environment happy-dom
// 退出 while a call is still in flight: the 401 it meets once the session has ended must not send the browser to sign
// in, which would cancel the logout's redirect to the portal and bring the same person back to 帐户信息确认.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../kit/api.ts';
import { isSigningOut, resetSigningOut } from '../../kit/sign-out.ts';
import { submitLogout } from './session.ts';

// The kit's index also carries its Vue components; session.ts needs only these two modules of it (the same ones).
vi.mock('@wgzj/shell/kit', async () => ({ ...(await import('../../kit/sign-out.ts')), ...(await import('../../kit/api.ts')) }));

const unauthorized = () => new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: '请重新登录' } }), { status: 401, headers: { 'Content-Type': 'application/json' } });

function client() {
  const onUnauthorized = vi.fn();
  const { api } = createApiClient({ fetch: (async () => unauthorized()) as unknown as typeof fetch, csrfToken: () => 'c', onUnauthorized });
  return { api, onUnauthorized };
}

afterEach(() => resetSigningOut());

describe('signing out', () => {
  it('a 401 on an ordinary page sends the person to sign in', async () => {
    const c = client();
    await expect(c.api.get('/api/projects/todo')).rejects.toMatchObject({ status: 401 });
    expect(c.onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('once the logout form is sent, a 401 of a call still in flight starts no sign-in', async () => {
    const submitted = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});
    const c = client();
    submitLogout('csrf-1');
    expect(submitted).toHaveBeenCalledTimes(1);
    const form = document.querySelector<HTMLFormElement>('form[action="/auth/logout"]')!;
    expect(form.method.toUpperCase()).toBe('POST');
    expect(isSigningOut()).toBe(true);
    await expect(c.api.get('/api/projects/todo')).rejects.toMatchObject({ status: 401 });
    expect(c.onUnauthorized).not.toHaveBeenCalled();
    submitted.mockRestore();
  });
});
