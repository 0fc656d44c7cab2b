// The signed-in session as the gateway reports it (GET /auth/me), sign-in redirect and logout.
import { markSigningOut, signInUrl, type SessionUser } from '@wgzj/shell/kit';

export type SessionResult =
  | { kind: 'signed-in'; user: SessionUser; csrfToken: string }
  | { kind: 'signed-out' }
  | { kind: 'unreachable'; error: unknown };

export async function fetchSession(fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis)): Promise<SessionResult> {
  try {
    const response = await fetchImpl('/auth/me', {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
    });
    if (response.status === 401) return { kind: 'signed-out' };
    if (!response.ok) return { kind: 'unreachable', error: new Error(`/auth/me answered HTTP ${response.status}`) };
    const body = (await response.json()) as { user?: SessionUser; csrfToken?: string };
    if (!body.user) return { kind: 'signed-out' };
    return { kind: 'signed-in', user: body.user, csrfToken: body.csrfToken ?? '' };
  } catch (error) {
    return { kind: 'unreachable', error };
  }
}

export function redirectToSignIn(): void {
  window.location.assign(signInUrl(window.location));
}

/** Logout is a real form POST: the gateway answers with a redirect to the portal's end-session endpoint. */
export function submitLogout(csrfToken: string, doc: Document = document): void {
  const form = doc.createElement('form');
  form.method = 'POST';
  form.action = '/auth/logout';
  form.style.display = 'none';
  const field = doc.createElement('input');
  field.type = 'hidden';
  field.name = '_csrf';
  field.value = csrfToken;
  form.appendChild(field);
  doc.body.appendChild(form);
  markSigningOut();
  form.submit();
}
