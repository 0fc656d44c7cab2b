// 审计日志 (audit log search and export) — built by a helper
import type { ModuleContext } from '@wgzj/gateway/kit';
import type { AdminApp } from './app.ts';

export function registerAuditRoutes(_app: AdminApp, _ctx: ModuleContext): void {}
