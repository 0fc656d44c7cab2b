// oidc-provider ships no types and @types/oidc-provider is not installed: this declares the part of its
// API the dev portal uses, nothing more.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  type UnknownObject = Record<string, unknown>;

  export interface ProviderClient {
    readonly clientId: string;
    readonly clientName?: string;
    readonly backchannelLogoutUri?: string;
    /**
     * Signs a Logout Token (typ logout+jwt, the provider's current key) for `sub`, with `sid` when given,
     * and POSTs it to the client's back-channel logout URI; rejects unless the client answers 200/204.
     */
    backchannelLogout(sub: string, sid: string | undefined): Promise<void>;
  }

  export interface ProviderSession {
    readonly accountId?: string;
    grantIdFor(clientId: string): string | undefined;
  }

  export interface OIDCContext {
    readonly client?: ProviderClient;
    readonly session?: ProviderSession;
    readonly params?: UnknownObject;
    readonly requestParamOIDCScopes: Set<string>;
    readonly requestParamClaims: Set<string>;
    readonly result?: UnknownObject & { consent?: { grantId?: string } };
    readonly route?: string;
  }

  export interface KoaContextWithOIDC {
    oidc: OIDCContext;
    body: unknown;
    type: string;
    status: number;
    readonly host: string;
    readonly method: string;
    readonly path: string;
  }

  export interface Account {
    accountId: string;
    claims(use: 'id_token' | 'userinfo', scope: string, claims: UnknownObject, rejected: string[]):
      Promise<UnknownObject & { sub: string }> | (UnknownObject & { sub: string });
  }

  export interface Interaction {
    readonly uid: string;
    readonly prompt: { name: string; reasons: string[]; details: UnknownObject };
    readonly params: UnknownObject & { client_id?: string; login_hint?: string };
    readonly session?: { accountId?: string; uid?: string };
    readonly grantId?: string;
    readonly returnTo: string;
    readonly lastSubmission?: UnknownObject;
  }

  export interface InteractionResults {
    login?: { accountId: string; acr?: string; amr?: string[]; remember?: boolean; ts?: number };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    readonly jti: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
    static find(id: string): Promise<Grant | undefined>;
  }

  export interface ErrorOut {
    error: string;
    error_description?: string;
  }

  export type AdapterFactory = (model: string) => object;

  export interface Configuration {
    adapter?: AdapterFactory;
    clients?: UnknownObject[];
    jwks?: { keys: UnknownObject[] };
    cookies?: {
      keys?: string[];
      long?: UnknownObject;
      short?: UnknownObject;
      names?: UnknownObject;
    };
    claims?: Record<string, string[] | null>;
    scopes?: string[];
    conformIdTokenClaims?: boolean;
    features?: Record<string, UnknownObject>;
    pkce?: { required?: (ctx: KoaContextWithOIDC, client: ProviderClient) => boolean };
    responseTypes?: string[];
    ttl?: Record<string, number | ((...args: never[]) => number)>;
    interactions?: { url?: (ctx: KoaContextWithOIDC, interaction: Interaction) => string | Promise<string> };
    findAccount?: (ctx: KoaContextWithOIDC, sub: string, token?: unknown) => Promise<Account | undefined>;
    loadExistingGrant?: (ctx: KoaContextWithOIDC) => Promise<Grant | undefined>;
    renderError?: (ctx: KoaContextWithOIDC, out: ErrorOut, error: Error) => void | Promise<void>;
    clientBasedCORS?: (ctx: KoaContextWithOIDC, origin: string, client: ProviderClient) => boolean;
    fetch?: (url: URL | string, options: RequestInit & { dispatcher?: unknown }) => Promise<Response>;
    enabledJWA?: UnknownObject;
    [key: string]: unknown;
  }

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    proxy: boolean;
    readonly Grant: typeof Grant;
    readonly Client: { find(id: string): Promise<ProviderClient | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    /** Stores the outcome and answers where the browser goes next (what interactionFinished redirects to). */
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
    urlFor(name: string, options?: UnknownObject): string;
    on(event: string, listener: (...args: any[]) => void): this;
  }

  export default Provider;
}
