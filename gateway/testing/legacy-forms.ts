// Test equipment for the legacy door: the captcha is a picture no script reads, so tests load the picture as the
// page does and take its answer from the form record the gateway stored (the one thing a person reads off it).
import type { Browser } from './browser.ts';
import type { Stack } from './stack.ts';
import type { FormRecord } from '../src/legacy/routes.ts';

/** A cookie this browser holds for `path`, by name. */
export function cookieOf(browser: Browser, stack: Stack, name: string, path = '/auth/legacy/'): string | undefined {
  const pairs = browser.jar.header(new URL(path, stack.gatewayUrl)).split('; ');
  return pairs.find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** Loads the form's captcha picture (the first, or 换一张) and returns it with the answer it shows. */
export async function drawCaptcha(stack: Stack, browser: Browser, headers: Record<string, string> = {}) {
  const res = await browser.request(new URL(`/auth/legacy/captcha?n=${Date.now()}`, stack.gatewayUrl), {
    headers: { accept: 'image/avif,image/webp,image/png,*/*', 'sec-fetch-dest': 'image', ...headers },
  });
  const png = new Uint8Array(await res.arrayBuffer());
  const id = cookieOf(browser, stack, 'wgzj_form');
  const record = id ? await stack.gateway.sessions.store.peekOnce<FormRecord>(id) : null;
  return { res, png, answer: res.status === 200 ? (record?.captcha ?? '') : '' };
}

export const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)![1]!;

/**
 * Opens a legacy form page and posts it back filled in, as a person reading the picture would (captcha answered
 * right unless `captcha` says otherwise). `headers` go with every request (an address, a language).
 */
export async function submitLegacyForm(
  stack: Stack,
  browser: Browser,
  page: string,
  action: string,
  fields: Record<string, string>,
  options: { captcha?: string; headers?: Record<string, string> } = {},
) {
  const headers = options.headers ?? {};
  const html = await (await browser.request(new URL(page, stack.gatewayUrl), { headers })).text();
  const { answer } = await drawCaptcha(stack, browser, headers);
  return browser.request(new URL(action, stack.gatewayUrl), {
    form: { token: tokenOf(html), captcha: options.captcha ?? answer, ...fields },
    headers,
  });
}
