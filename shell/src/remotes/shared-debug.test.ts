import { describe, expect, it } from 'vitest';
import { loadedSharedProviders } from './shared-debug.ts';

describe('loadedSharedProviders', () => {
  it('lists each loaded provider once, across instances that see the same scope', () => {
    const vueFromShell = { from: 'shell', loaded: true, useIn: ['shell', 'mf_projects'] };
    const scope = {
      shell: { default: { vue: { '3.5.45': vueFromShell }, pinia: { '3.0.4': { from: 'shell', useIn: [] } } } },
      mf_projects: { default: { vue: { '3.5.45': { ...vueFromShell, useIn: ['mf_experts'] } } } },
    };
    const result = loadedSharedProviders(scope, ['vue', 'pinia', 'element-plus']);
    expect(result.vue).toEqual([{ version: '3.5.45', from: 'shell', useIn: ['mf_experts', 'mf_projects', 'shell'] }]);
    expect(result.pinia).toEqual([]); // registered but never loaded
    expect(result['element-plus']).toEqual([]);
  });

  it('shows a second copy when a remote brought its own', () => {
    const scope = {
      shell: {
        default: {
          vue: { '3.5.45': { from: 'shell', loaded: true }, '3.4.0': { from: 'mf_admin', loaded: true } },
        },
      },
    };
    expect(loadedSharedProviders(scope, ['vue']).vue).toHaveLength(2);
  });
});
