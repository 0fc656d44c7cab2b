// The first confirmed jump from the portal links a local account to its portal subject, or provisions one.
// Only the gateway calls this (`/internal/*`, service assertion); the admission checks ran before.
import type { FieldCipher, Queryable } from '@wgzj/gateway/kit';
import { defineErrors, isValidIdNumber, isValidMobile } from '@wgzj/gateway/kit';
import { z } from 'zod';
import { IDENTIFIER_COLUMNS, identifierValues } from './people.ts';

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

const EMPLOYER_ROLES = new Set(['employer_handler', 'employer_admin']);
const roleForGrant = (grant: 'admin' | 'handler') => (grant === 'admin' ? 'employer_admin' : 'employer_handler');

/** The identifier and e-mail columns of admin.users from what the portal says; an invalid value is left out, not stored. */
function contactOf(request: PortalLinkRequest, cipher: FieldCipher) {
  const mobile = request.phone && isValidMobile(request.phone) ? request.phone : null;
  const idNumber = request.idNumber && isValidIdNumber(request.idNumber) ? request.idNumber.toUpperCase() : null;
  return [...identifierValues(cipher, { mobile, idNumber }), request.email || null];
}

/**
 * Existing account (linked, or unlinked with the same login name): link it, and keep an employer user's role
 * in step with the portal grant. No account: an employer-side user is provisioned in the unit with that credit
 * code, creating the unit (a draft its people complete and submit for registration review) when it is new here.
 */
export async function linkPortalAccount(
  tx: Queryable,
  request: PortalLinkRequest,
  cipher: FieldCipher,
): Promise<{ userId: string; provisioned: boolean }> {
  const contact = contactOf(request, cipher);
  const { rows } = await tx.query<{ id: string; role: string }>(
    `select id, role from admin.users where portal_subject = $1 or (portal_subject is null and username = $2)
     order by (portal_subject = $1) desc nulls last limit 1 for update`,
    [request.subject, request.username],
  );
  const existing = rows[0];
  if (existing) {
    const role = request.grant && EMPLOYER_ROLES.has(existing.role) ? roleForGrant(request.grant) : existing.role;
    await tx.query(
      `update admin.users set portal_subject = $2, display_name = $3, role = $4, updated_at = now(),
         mobile_encrypted = coalesce($5, mobile_encrypted), mobile_masked = coalesce($6, mobile_masked),
         mobile_hash = coalesce($7, mobile_hash), id_number_encrypted = coalesce($8, id_number_encrypted),
         id_number_masked = coalesce($9, id_number_masked), email = coalesce($10, email)
       where id = $1`,
      [existing.id, request.subject, request.displayName, role, ...contact],
    );
    return { userId: existing.id, provisioned: false };
  }
  const unit = request.unit;
  if (!request.grant || !unit || (unit.kind !== 'employer' && unit.kind !== 'ministry_university')) {
    throw PortalLinkErrors.PORTAL_LINK_NO_ACCOUNT();
  }
  const found = await tx.query<{ id: string }>('select id from admin.units where credit_code = $1', [unit.creditCode]);
  const unitId =
    found.rows[0]?.id ??
    (
      await tx.query<{ id: string }>(
        `insert into admin.units (name, kind, credit_code, status, registration_state)
         values ($1, $2, $3, 'pending_review', 'draft') returning id`,
        [unit.name, unit.kind, unit.creditCode],
      )
    ).rows[0]!.id;
  const created = await tx.query<{ id: string }>(
    `insert into admin.users (username, display_name, role, unit_id, portal_subject, ${IDENTIFIER_COLUMNS}, email)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [request.username, request.displayName, roleForGrant(request.grant), unitId, request.subject, ...contact],
  );
  return { userId: created.rows[0]!.id, provisioned: true };
}
