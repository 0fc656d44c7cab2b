// 帐号查询 (问题七, 忘记帐号) over HTTP: an administrator finds the accounts it looks after and may reveal a mobile
// number (audited); the gateway's password reset asks for one. The password reset itself lives in the gateway, which
// owns the credentials. Each route parses, asks services/accounts.ts and answers.
import { defineErrors, describeRoute, maskPhone, type ModuleApp, type ModuleContext, parseJson, parseQuery, requestMeta, requireObjectId } from '@wgzj/gateway/kit';
import { ACCOUNT_LABELS, accountMobile, accountQuery, reachOrForbid, revealMobile, revealRequest, searchAccounts } from './services/accounts.ts';

export { ACCOUNT_LABELS, maskEmail } from './services/accounts.ts';

export const AccountLookupErrors = defineErrors({
  ACCOUNT_MOBILE_IN_URL: {
    status: 400,
    'zh-CN': '手机号不能放在网址中查询(网址会留在浏览器历史和服务器日志里),请通过查询表单提交(POST /accounts/search)。',
    'en-US': 'A mobile number cannot be searched in the address (it would stay in browser history and server logs); send the search form instead (POST /accounts/search).',
  },
});

export function registerAccountRoutes(app: ModuleApp, ctx: ModuleContext): void {
  const { db, cipher } = ctx;

  app.get('/accounts', describeRoute({ summary: 'Find the accounts the caller looks after (no mobile in the address)', query: accountQuery }), async (c) => {
    reachOrForbid(c.var.identity);
    // A number in a URL stays in history, proxy and access logs: refused, not ignored (which would widen the search).
    if (c.req.query('mobile') !== undefined) throw AccountLookupErrors.ACCOUNT_MOBILE_IN_URL();
    return c.json(await searchAccounts(db, cipher, c.var.identity, parseQuery(c, accountQuery, ACCOUNT_LABELS)));
  });

  // 查询 with the search in the body: it reads and changes nothing, so its answer is never stored.
  app.post('/accounts/search', describeRoute({ summary: 'Find the accounts the caller looks after, by a posted search form', body: accountQuery }), async (c) => {
    reachOrForbid(c.var.identity);
    const query = await parseJson(c, accountQuery, ACCOUNT_LABELS);
    c.header('cache-control', 'no-store');
    return c.json(await searchAccounts(db, cipher, c.var.identity, query));
  });

  app.post('/accounts/:id/reveal', describeRoute({ summary: "Reveal an account's mobile number (audited)", body: revealRequest }), async (c) => {
    const identity = c.var.identity;
    const reach = reachOrForbid(identity);
    const id = c.req.param('id');
    await parseJson(c, revealRequest, ACCOUNT_LABELS);
    requireObjectId(id);
    const mobile = await revealMobile(db, cipher, identity, reach, id, requestMeta(c));
    c.header('cache-control', 'no-store');
    return c.json({ field: 'mobile', value: mobile, masked: mobile ? maskPhone(mobile) : null });
  });

  // For the gateway's password reset (service assertion only): where to send the SMS when the legacy
  // credential has no phone of its own. The gateway has already applied the reach rule.
  app.get('/internal/accounts/:id/mobile', async (c) => {
    const id = c.req.param('id');
    requireObjectId(id);
    const mobile = await accountMobile(db, cipher, id);
    c.header('cache-control', 'no-store');
    return c.json({ mobile });
  });
}
