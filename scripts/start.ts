// `npm start`: build what is out of date, publish the local remotes, start the dev portal and the gateway,
// and print where to go and who to sign in as.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { loadConfig } from '../gateway/src/config.ts';
import { areaPackageVersion, publishRemote } from '../gateway/src/remotes/publish.ts';

const AREAS = ['projects', 'experts', 'reports', 'admin'] as const;
const DEMO_ACCOUNTS = [
  ['employer_handler', '用人单位 · 事项办理员 (北京示例大学)'],
  ['employer_admin', '用人单位 · 事项管理员 (北京示例大学)'],
  ['ministry_univ', '部属高校 · 事项办理员 (示例部属大学)'],
  ['supervisor_bj', '归口管理单位用户 (北京市科学技术委员会)'],
  ['national_admin', '国家管理员 (科学技术部外国专家服务司)'],
  ['support', '技术支持'],
  ['reviewer', '评审专家 (专家评审: 国家管理员分配的计划)'],
  ['new_unit_admin', '新用人单位 · 事项管理员 (北京未来材料研究院, 首次登录后完善单位信息并提交审核)'],
];

const config = loadConfig();
const startPortal = process.env['DEV_PORTAL'] !== 'off' && !process.env['PORTAL_ISSUER'];

const { buildAll } = (await import(resolve('scripts/build.mjs'))) as { buildAll: (o: { force: boolean }) => Promise<unknown> };
// SKIP_BUILD=1 serves the builds as they are (a second copy running while the first one builds).
if (process.env['SKIP_BUILD'] !== '1') await buildAll({ force: false });
for (const area of AREAS) {
  const entry = publishRemote({ area, distDir: resolve(`mf-${area}/ui/dist`), remotesDir: config.remotesDir, packageVersion: areaPackageVersion(area) });
  if (entry.changed) console.log(`published remote ${area} ${entry.version}`);
}

const children: ChildProcess[] = [];
function run(name: string, script: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? code}); stopping everything`);
    stop(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
function stop(code: number) {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 1_500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

if (startPortal) {
  run('dev portal', 'gateway/dev-portal/server.ts', {
    PORTAL_REDIRECT_URIS: `${config.publicUrl}/auth/callback`,
    PORTAL_POST_LOGOUT_URIS: `${config.publicUrl}/`,
    PORTAL_BACKCHANNEL_LOGOUT_URI: `${config.publicUrl}/auth/backchannel-logout`,
  });
}
// The demo reads its SMS (reset codes, initial passwords) at /dev/sms: said here by name, never guessed by the gateway.
// A token of this run lets it tell, if the gateway does not get ready, which check failed.
const metricsToken = process.env['METRICS_TOKEN'] || randomBytes(24).toString('base64url');
run('gateway', 'gateway/src/server.ts', { SMS_SENDER: process.env['SMS_SENDER'] ?? 'dev', METRICS_TOKEN: metricsToken });

const deadline = Date.now() + 120_000;
for (;;) {
  const ready = await fetch(`http://127.0.0.1:${config.port}/readyz`)
    .then((r) => r.ok)
    .catch(() => false);
  if (ready) break;
  if (Date.now() > deadline) {
    const detail = (await fetch(`http://127.0.0.1:${config.port}/readyz`, { headers: { authorization: `Bearer ${metricsToken}` } })
      .then((r) => r.json())
      .catch(() => null)) as { notReady?: string[] } | null;
    console.error(`The gateway did not become ready${detail?.notReady?.length ? `: not ready: ${detail.notReady.join(', ')}` : ''}`);
    break;
  }
  await new Promise((r) => setTimeout(r, 500));
}
if (!stopping) {
  console.log(`
  外国专家项目管理信息系统 is running: ${config.publicUrl}
  ${startPortal ? `Dev portal (政务服务平台 stand-in): ${config.portal.issuer}` : `Portal: ${config.portal.issuer}`}
  Database: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}; sessions: ${config.redisUrl ? 'Redis' : 'database'}

  Demo accounts (password Demo@2026):
${DEMO_ACCOUNTS.map(([u, what]) => `    ${u!.padEnd(18)} ${what}`).join('\n')}
`);
}
