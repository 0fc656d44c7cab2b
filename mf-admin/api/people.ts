// What the admin area asks of a person who gets an account (the same form for a unit's new user and for a
// supervising unit's account), and how admin.users keeps their mobile and ID number: encrypted at rest, a masked
// copy for screens and lists, and for the mobile a keyed hash to find an account by its number.
import { field, maskIdNumber, maskPhone, type FieldCipher, type FieldLabels } from '@wgzj/gateway/kit';

export const PERSON_FIELDS = {
  username: field.username(),
  displayName: field.text(50, 2),
  mobile: field.mobile(),
  email: field.email(),
  idNumber: field.idNumber(),
};

export const PERSON_LABELS: FieldLabels = {
  username: { 'zh-CN': '用户名', 'en-US': 'Username' },
  displayName: { 'zh-CN': '姓名', 'en-US': 'Name' },
  mobile: { 'zh-CN': '手机号', 'en-US': 'Mobile' },
  email: { 'zh-CN': '电子邮箱', 'en-US': 'E-mail' },
  idNumber: { 'zh-CN': '身份证号', 'en-US': 'ID number' },
};

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
