// The account's own mobile number, asked of the admin area that owns it (service assertion, `/internal/*`): where
// a reset SMS goes when the legacy login is bound to no phone of its own.
import type { Logger } from '@wgzj/gateway/kit';
import type { AssertionSigner } from '../assertion/signer.ts';
import { GatewayErrors } from '../errors.ts';
import { forward, type ModuleTarget } from '../proxy.ts';

export function accountMobileFromAdmin(admin: ModuleTarget | undefined, signer: AssertionSigner, logger: Logger) {
  return async (userId: string, requestId: string): Promise<string | null> => {
    if (!admin) return null;
    let response: Response;
    try {
      const request = new Request('http://gateway.internal/', { method: 'GET' });
      response = await forward(admin, request, `/internal/accounts/${userId}/mobile`, await signer.signService('admin', requestId), requestId);
    } catch (error) {
      logger.error({ err: error, area: admin.area, requestId }, 'module unreachable');
      throw GatewayErrors.MODULE_UNAVAILABLE();
    }
    if (response.status === 404) return null;
    if (!response.ok) throw GatewayErrors.MODULE_UNAVAILABLE();
    return ((await response.json()) as { mobile: string | null }).mobile;
  };
}
