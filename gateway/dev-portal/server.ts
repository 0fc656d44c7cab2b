// Entry point: `npx tsx gateway/dev-portal/server.ts` starts the dev portal from environment settings.
import { pino } from 'pino';
import { SEED_ACCOUNTS, DEMO_PASSWORD } from './accounts.ts';
import { portalSettingsFromEnv } from './config.ts';
import { createPortal } from './provider.ts';

const log = pino({ name: 'dev-portal', level: process.env.LOG_LEVEL ?? 'info' });
const { port, options } = portalSettingsFromEnv();
const portal = await createPortal({ ...options, logger: log });
await portal.listen(port);

log.info({
  issuer: portal.issuer,
  accounts: SEED_ACCOUNTS.map((a) => `${a.username} (${a.kind === 'legal' ? '法人' : '自然人'})`),
}, `demo accounts ready; every password is ${DEMO_PASSWORD}`);

const stop = (signal: string) => {
  log.info({ signal }, 'dev portal stopping');
  portal.close().then(() => process.exit(0), () => process.exit(1));
};
process.once('SIGINT', () => stop('SIGINT'));
process.once('SIGTERM', () => stop('SIGTERM'));
