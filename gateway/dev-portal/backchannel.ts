// Tells the relying party that a person's sessions there must end (OpenID Connect Back-Channel Logout 1.0),
// when the portal takes away their last grant for it rather than when they sign out.
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';

export type LogoutNotice = 'delivered' | 'failed' | 'not_configured';

/**
 * One Logout Token with `sub` and no `sid`: the grant belonged to the person, not to one portal session, and
 * the relying party's sessions may have outlived the portal sessions they started from. oidc-provider signs
 * it as it does on sign-out (typ logout+jwt, current signing key, iss, aud, iat, jti, events, no nonce) and
 * posts it through the portal's outgoing fetch.
 */
export async function sendSubjectLogout(
  provider: Provider,
  clientId: string,
  sub: string,
  log: Logger,
): Promise<LogoutNotice> {
  const client = await provider.Client.find(clientId);
  if (!client?.backchannelLogoutUri) return 'not_configured';
  try {
    await client.backchannelLogout(sub, undefined);
    log.info({ event: 'backchannel_logout', reason: 'grant_revoked', clientId, sub }, 'back-channel logout delivered');
    return 'delivered';
  } catch (err) {
    log.warn({ event: 'backchannel_logout_failed', reason: 'grant_revoked', clientId, sub,
      error: err instanceof Error ? err.message : String(err) }, 'back-channel logout failed');
    return 'failed';
  }
}
