// Test equipment for gateway/kit/db-faults.test.ts: one module API as its own process, exactly as `mf-<area>/api/server.ts`
// runs it, telling its parent the port it listens on. A crash shows as this process ending.
import { serveModule } from '../kit/serve-module.ts';
import type { ModuleDefinition } from '../kit/module.ts';

const area = process.env['AREA'] ?? 'projects';
const definition = ((await import(`@wgzj/mf-${area}/api`)) as { default: ModuleDefinition }).default;
const { server } = await serveModule(definition, { ...process.env, PORT: '0', HOST: '127.0.0.1' });
const announce = () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
};
if (server.listening) announce();
else server.once('listening', announce);
