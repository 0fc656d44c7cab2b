// 账号查询 (account lookup) — built by a helper
import type { ModuleContext } from '@wgzj/gateway/kit';
import type { AdminApp } from './app.ts';

export function registerAccountRoutes(_app: AdminApp, _ctx: ModuleContext): void {}
