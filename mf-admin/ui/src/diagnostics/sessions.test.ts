import { describe, expect, it } from 'vitest';
import { accountStatusLabelKey, accountStatusTagType, sessionLookupUsername, shortSessionKey } from './sessions.ts';
import { diagnosticsPaths } from './api.ts';

describe('sessions', () => {
  it('looks up a trimmed username, and nothing for a blank one', () => {
    expect(sessionLookupUsername('  supervisor_bj ')).toBe('supervisor_bj');
    expect(sessionLookupUsername('   ')).toBeNull();
  });

  it('shortens a stored key for display', () => {
    const key = 'a'.repeat(64);
    expect(shortSessionKey(key)).toBe(`${'a'.repeat(12)}…`);
    expect(shortSessionKey('abc')).toBe('abc');
  });

  it('labels and colours account states, unknown ones raw and neutral', () => {
    expect(accountStatusTagType('active')).toBe('success');
    expect(accountStatusTagType('disabled')).toBe('danger');
    expect(accountStatusTagType('frozen')).toBe('info');
    expect(accountStatusLabelKey('pending_review')).toBe('admin.diagnostics.accountStatus.pending_review');
    expect(accountStatusLabelKey('frozen')).toBeNull();
  });

  it('builds the revoke paths with the key and user id escaped', () => {
    expect(diagnosticsPaths.session('ab/cd')).toBe('/api/gateway/diagnostics/sessions/ab%2Fcd');
    expect(diagnosticsPaths.revokeAll('0b7c2f1e-1111-4222-8333-444455556666')).toBe(
      '/api/gateway/diagnostics/users/0b7c2f1e-1111-4222-8333-444455556666/sessions/revoke',
    );
  });
});
