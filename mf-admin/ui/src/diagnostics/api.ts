// Where the gateway's diagnostics API lives (technical support only; the gateway answers 403 to anyone else).
export const DIAGNOSTICS_API = '/api/gateway/diagnostics';

export const diagnosticsPaths = {
  handoffs: `${DIAGNOSTICS_API}/handoffs`,
  /** 查询 of sign-in records: the search in a JSON body, the only way a phone number is searched. */
  handoffSearch: `${DIAGNOSTICS_API}/handoffs/search`,
  sessions: `${DIAGNOSTICS_API}/sessions`,
  session: (key: string) => `${DIAGNOSTICS_API}/sessions/${encodeURIComponent(key)}`,
  revokeAll: (userId: string) => `${DIAGNOSTICS_API}/users/${encodeURIComponent(userId)}/sessions/revoke`,
  health: `${DIAGNOSTICS_API}/health`,
  config: `${DIAGNOSTICS_API}/config`,
} as const;

/** vue-i18n's `t`, as the label helpers need it (a plain function, so tests can pass a fake). */
export type Translate = (key: string, named?: Record<string, unknown>) => string;
