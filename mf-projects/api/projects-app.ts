// The project library's Hono app as every route file receives it.
import type { Hono } from 'hono';
import type { IdentityEnv } from '@wgzj/gateway/kit';

export type ProjectsApp = Hono<IdentityEnv>;
