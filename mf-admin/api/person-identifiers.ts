// How admin.users keeps a person's mobile number and ID number (personal identifiers): encrypted at rest, a
// masked copy for screens and lists, and for the mobile a keyed hash to find an account by its number.
import { maskIdNumber, maskPhone, type FieldCipher } from '@wgzj/gateway/kit';

/** The columns, in the order `identifierValues` gives their values. */
export const IDENTIFIER_COLUMNS = 'mobile_encrypted, mobile_masked, mobile_hash, id_number_encrypted, id_number_masked';

/** Values for IDENTIFIER_COLUMNS; an identifier not given leaves its columns null. */
export function identifierValues(cipher: FieldCipher, person: { mobile: string | null; idNumber: string | null }): Array<string | null> {
  const { mobile, idNumber } = person;
  return [
    mobile ? cipher.encrypt(mobile) : null,
    mobile ? maskPhone(mobile) : null,
    mobile ? cipher.lookupHash(mobile) : null,
    idNumber ? cipher.encrypt(idNumber) : null,
    idNumber ? maskIdNumber(idNumber) : null,
  ];
}
