// Runs this area's API as its own process: `tsx mf-projects/api/server.ts` (DATABASE_URL, GATEWAY_JWKS_URL, PORT).
import { serveModule } from '@wgzj/gateway/kit/serve-module';
import definition from './index.ts';

await serveModule(definition);
