// The first confirmed jump from the portal links a local account to its portal subject, or provisions one.
// Only the gateway calls this (`/internal/*`, service assertion); the admission checks ran before.
import type { FieldCipher, Queryable } from '@wgzj/gateway/kit';
import { defineErrors, isValidIdNumber, isValidMobile } from '@wgzj/gateway/kit';
import { GRANT_ROLES, isEmployerRole, isEmployerUnitKind } from '@wgzj/gateway/kit/shared/roles';
import { z } from 'zod';
import { insertUnit, unitIdByCreditCode } from './services/units.ts';
import { accountForPortalSubject, insertUser, linkToPortal } from './services/users.ts';

export const portalLinkRequest = z.object({
  subject: z.string().min(1).max(200),
  username: z.string().min(1).max(100),
  displayName: z.string().min(1).max(100),
  /** The portal grant for this system: 事项管理员 (admin) or 事项办理员 (handler); none for non-employer users. */
  grant: z.enum(['admin', 'handler']).nullable(),
  /** What the portal verified; kept here (encrypted) so reviewers and password resets can reach the person. */
  phone: z.string().max(20).nullish(),
  email: z.string().max(200).nullish(),
  idNumber: z.string().max(18).nullish(),
  unit: z
    .object({
      name: z.string().min(1).max(200),
      creditCode: z.string().min(1).max(18),
      kind: z.enum(['employer', 'ministry_university', 'supervising', 'national']),
    })
    .nullable(),
});
export type PortalLinkRequest = z.infer<typeof portalLinkRequest>;

export const PortalLinkErrors = defineErrors({
  PORTAL_LINK_NO_ACCOUNT: {
    status: 404,
    'zh-CN': '本系统中没有该用户的帐号,且该类用户不能自动开通。',
    'en-US': 'No account here, and this kind of user cannot be provisioned automatically.',
  },
});

/** What the portal verified, as admin.users keeps it; an invalid value is left out, not stored. */
function contactOf(request: PortalLinkRequest) {
  const mobile = request.phone && isValidMobile(request.phone) ? request.phone : null;
  const idNumber = request.idNumber && isValidIdNumber(request.idNumber) ? request.idNumber.toUpperCase() : null;
  return { mobile, idNumber, email: request.email || null };
}

/**
 * Existing account (linked, or unlinked with the same login name): link it, and keep an employer user's role
 * in step with the portal grant. No account: an employer-side user is provisioned in the unit with that credit
 * code, creating the unit (a draft its people complete and submit for registration review) when it is new here.
 * The rows are written through the unit and user services.
 */
export async function linkPortalAccount(
  tx: Queryable,
  request: PortalLinkRequest,
  cipher: FieldCipher,
): Promise<{ userId: string; provisioned: boolean }> {
  const contact = contactOf(request);
  const existing = await accountForPortalSubject(tx, request.subject, request.username);
  if (existing) {
    const role = request.grant && isEmployerRole(existing.role) ? GRANT_ROLES[request.grant] : existing.role;
    await linkToPortal(tx, cipher, existing.id, { subject: request.subject, displayName: request.displayName, role, ...contact });
    return { userId: existing.id, provisioned: false };
  }
  const unit = request.unit;
  if (!request.grant || !unit || !isEmployerUnitKind(unit.kind)) {
    throw PortalLinkErrors.PORTAL_LINK_NO_ACCOUNT();
  }
  const unitId =
    (await unitIdByCreditCode(tx, unit.creditCode)) ??
    (await insertUnit(tx, { name: unit.name, kind: unit.kind, creditCode: unit.creditCode, status: 'pending_review', registrationState: 'draft' }));
  const userId = await insertUser(tx, cipher, {
    username: request.username,
    displayName: request.displayName,
    role: GRANT_ROLES[request.grant],
    unitId,
    portalSubject: request.subject,
    ...contact,
    status: 'active',
    reviewState: 'approved',
  });
  return { userId, provisioned: true };
}
