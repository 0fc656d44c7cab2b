// 归口管理单位创建与同步 — built by a helper
import type { ModuleContext } from '@wgzj/gateway/kit';
import type { AdminApp } from './app.ts';

export function registerSupervisingUnitRoutes(_app: AdminApp, _ctx: ModuleContext): void {}
