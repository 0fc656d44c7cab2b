// Where the plan screens' data lives: /api/projects paths, file downloads, and pages of other areas.

export const PROJECTS_API = '/api/projects';
export const PLANS_API = `${PROJECTS_API}/plans`;

export const planUrl = (id: string) => `${PLANS_API}/${encodeURIComponent(id)}`;
export const planFileUrl = (planId: string, fileId: string) => `${planUrl(planId)}/files/${encodeURIComponent(fileId)}`;

// ---- other areas -------------------------------------------------------------------------------------

/** A unit's page in 系统管理 (who may read it is that area's decision). */
export const unitUrl = (unitId: string) => `/admin/units/${encodeURIComponent(unitId)}`;

/**
 * Opens a page of another area inside the shell, as its navigation does: single-spa routes on history changes, so
 * the page is not reloaded.
 */
export function goToOtherArea(url: string): void {
  window.history.pushState(null, '', url);
}
