// The OpenID sign-in interaction: oidc-provider sends the browser to /interaction/<uid>; the portal shows its
// sign-in page, checks the posted form, consents for its one first-party client, and hands the result back.
import { Hono, type Context } from 'hono';
import type Provider from 'oidc-provider';
import type { Interaction } from 'oidc-provider';
import type { Logger } from 'pino';
import type { AccountDirectory, AccountKind } from './accounts.ts';
import type { CaptchaBook } from './captcha.ts';
import { HttpError, readBody, sendHtml, type PortalContext, type PortalEnv } from './http.ts';
import { signInPage } from './pages.ts';
import { checkSignIn } from './sign-in-check.ts';

const MESSAGES = {
  interactionExpired: '登录会话已失效,请返回原系统重新登录',
} as const;

export interface InteractionDeps {
  /** The provider in use now (a key rotation replaces it). */
  provider(): Provider;
  accounts: AccountDirectory;
  captchas: CaptchaBook;
  captchaOn: boolean;
  /** Shown when the provider does not know the client's name. */
  clientName: string;
  log: Logger;
}

const UID = ':uid{[\\w-]+}';

export function createInteractionRoutes(deps: InteractionDeps) {
  const { accounts, captchas, captchaOn, log } = deps;
  const app = new Hono<PortalEnv>();

  /** The interaction the browser's cookie names, which must be the one in the path. */
  async function interactionOf(c: PortalContext): Promise<Interaction> {
    let interaction: Interaction;
    try {
      interaction = await deps.provider().interactionDetails(c.env.incoming, c.env.outgoing);
    } catch {
      throw new HttpError(400, 'INTERACTION_NOT_FOUND', MESSAGES.interactionExpired);
    }
    if (interaction.uid !== c.req.param('uid')) throw new HttpError(400, 'INTERACTION_MISMATCH', MESSAGES.interactionExpired);
    return interaction;
  }

  /** Hands the outcome to oidc-provider, which says where the browser goes next (303, as for a posted form). */
  async function finish(c: PortalContext, result: Parameters<Provider['interactionResult']>[2], merge: boolean) {
    const returnTo = await deps.provider().interactionResult(c.env.incoming, c.env.outgoing, result, { mergeWithLastSubmission: merge });
    c.header('Location', returnTo);
    c.header('Content-Length', '0');
    return c.body(null, 303);
  }

  async function showSignIn(
    c: Context,
    interaction: Interaction,
    view: { status: number; kind: AccountKind; username?: string; error?: string },
  ): Promise<Response> {
    const base = `/interaction/${interaction.uid}`;
    const clientName = (await deps.provider().Client.find(String(interaction.params.client_id)))?.clientName
      ?? deps.clientName;
    return sendHtml(c, view.status, signInPage({
      action: `${base}/login`,
      refreshUrl: `${base}?kind=${view.kind}`,
      abortUrl: `${base}/abort`,
      clientName,
      kind: view.kind,
      ...(view.username !== undefined ? { username: view.username } : {}),
      ...(view.error !== undefined ? { error: view.error } : {}),
      ...(captchaOn ? { captchaSvg: captchas.issue(interaction.uid).svg } : {}),
    }));
  }

  /** First-party client: grant what it asked for without a consent screen. */
  async function autoConsent(c: PortalContext, interaction: Interaction): Promise<Response> {
    const provider = deps.provider();
    const accountId = interaction.session?.accountId;
    const clientId = interaction.params.client_id;
    if (!accountId || typeof clientId !== 'string') throw new HttpError(400, 'NO_SESSION', MESSAGES.interactionExpired);
    const grant = (interaction.grantId ? await provider.Grant.find(interaction.grantId) : undefined)
      ?? new provider.Grant({ accountId, clientId });
    const details = interaction.prompt.details;
    const scopes = details.missingOIDCScope;
    if (Array.isArray(scopes)) grant.addOIDCScope(scopes.join(' '));
    const claims = details.missingOIDCClaims;
    if (Array.isArray(claims)) grant.addOIDCClaims(claims as string[]);
    const grantId = await grant.save();
    return finish(c, { consent: { grantId } }, true);
  }

  // Hono answers HEAD with a GET route; these pages take GET only (a HEAD would issue a captcha or abort a sign-in).
  const isHead = (c: Context) => c.req.method === 'HEAD';

  app.get(`/interaction/${UID}`, async (c) => {
    const interaction = await interactionOf(c);
    if (isHead(c)) throw methodNotAllowed();
    if (interaction.prompt.name === 'consent') return autoConsent(c, interaction);
    if (interaction.prompt.name !== 'login') throw new HttpError(400, 'UNKNOWN_PROMPT', MESSAGES.interactionExpired);
    const kind: AccountKind = c.req.query('kind') === 'legal' ? 'legal' : 'natural';
    const hint = interaction.params.login_hint;
    return showSignIn(c, interaction, { status: 200, kind, ...(typeof hint === 'string' ? { username: hint } : {}) });
  });

  app.get(`/interaction/${UID}/abort`, async (c) => {
    await interactionOf(c);
    if (isHead(c)) throw methodNotAllowed();
    return finish(c, { error: 'access_denied', error_description: '用户取消登录' }, false);
  });

  app.post(`/interaction/${UID}/login`, async (c) => {
    const interaction = await interactionOf(c);
    if (interaction.prompt.name !== 'login') throw new HttpError(400, 'UNKNOWN_PROMPT', MESSAGES.interactionExpired);
    const form = new URLSearchParams(await readBody(c));
    const kind: AccountKind = form.get('kind') === 'legal' ? 'legal' : 'natural';
    const username = (form.get('username') ?? '').trim();
    const password = form.get('password') ?? '';
    const outcome = checkSignIn(accounts, {
      username,
      password,
      kind,
      ...(captchaOn ? { captchaPassed: captchas.check(interaction.uid, form.get('captcha') ?? '') } : {}),
    });
    if (!outcome.ok) {
      log.info({ event: 'login_refused', reason: outcome.refusal,
        ...(accounts.findByUsername(username) ? { username } : {}) }, 'sign-in refused');
      return showSignIn(c, interaction, { status: 400, kind, username, error: outcome.message });
    }
    const { account } = outcome;
    log.info({ event: 'login', sub: account.sub, username: account.username, kind: account.kind }, 'signed in');
    return finish(c, { login: { accountId: account.sub, amr: ['pwd'] } }, false);
  });

  // A known step with another method: the interaction is checked first, as for the right method.
  const wrongMethod = async (c: PortalContext) => {
    await interactionOf(c);
    throw methodNotAllowed();
  };
  app.all(`/interaction/${UID}`, wrongMethod);
  app.all(`/interaction/${UID}/login`, wrongMethod);
  app.all(`/interaction/${UID}/abort`, wrongMethod);
  app.all('/interaction/:rest{.*}', () => {
    throw new HttpError(404, 'NOT_FOUND', '页面不存在');
  });

  return app;
}

const methodNotAllowed = () => new HttpError(405, 'METHOD_NOT_ALLOWED', '请求方法不被允许');
