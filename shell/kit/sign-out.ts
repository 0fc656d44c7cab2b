// The page is on its way out through 退出. From the moment the logout form is sent, the session is ending: an API
// call still in flight (a 待办 refresh after the last action) comes back 401, and sending the browser to sign in
// then would cancel the logout's own redirects half-way — the portal session would live on and the next screen
// would be 帐户信息确认 for the same person. So a 401 after this point starts nothing.
let leaving = false;

export function markSigningOut(): void {
  leaving = true;
}

export function isSigningOut(): boolean {
  return leaving;
}

/** For tests: a page that stays (the logout was never sent). */
export function resetSigningOut(): void {
  leaving = false;
}
