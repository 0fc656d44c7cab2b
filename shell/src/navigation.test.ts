import { describe, expect, it } from 'vitest';
import { ROLES } from '../kit/auth-store.ts';
import { navAreasFor } from './navigation.ts';

describe('navAreasFor', () => {
  it('offers an expert reviewer its assigned plans only, not 系统管理', () => {
    expect(navAreasFor('expert_reviewer')).toEqual(['projects']);
  });

  it.each(ROLES.filter((r) => r !== 'expert_reviewer'))('offers %s all four areas, 系统管理 last', (role) => {
    expect(navAreasFor(role)).toEqual(['projects', 'experts', 'reports', 'admin']);
  });

  it('offers nothing before anyone is signed in', () => {
    expect(navAreasFor(undefined)).toEqual([]);
  });
});
