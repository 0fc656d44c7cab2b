// (being written)
import type { ModuleContext } from '@wgzj/gateway/kit';
import type { AdminApp } from './app.ts';

export function registerUnitRoutes(_app: AdminApp, _ctx: ModuleContext): void {}
