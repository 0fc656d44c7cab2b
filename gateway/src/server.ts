// Entry point: `tsx gateway/src/server.ts` starts the gateway with the environment's configuration.
import { serve } from '@hono/node-server';
import { loadConfig } from './config.ts';
import { createGateway } from './gateway.ts';

const config = loadConfig();
const gateway = await createGateway(config);
const server = serve({ fetch: gateway.app.fetch, port: config.port, hostname: config.host }, (info) => {
  gateway.logger.info(
    { port: info.port, publicUrl: config.publicUrl, database: gateway.db.kind, sessions: gateway.sessions.store.kind },
    'gateway listening',
  );
});

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close();
    void gateway.close().finally(() => process.exit(0));
  });
}
