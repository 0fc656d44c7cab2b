// The supervising-unit form's names for the server's own checks (gateway/kit/shared/identifiers.ts), so the form
// catches a typo before it is sent; the server still decides. The page upper-cases codes before it asks.
export {
  isValidCreditCode as isCreditCode,
  isValidEmail as isEmail,
  isValidIdNumber as isIdNumber,
  isValidMobile as isMobile,
  isValidPhone as isPhone,
  isValidUsername as isUsername,
} from '@wgzj/gateway/kit/shared/identifiers';
