// The four areas the shell loads from remotes, in navigation order.
export const AREAS = ['projects', 'experts', 'reports', 'admin'] as const;
export type AreaName = (typeof AREAS)[number];

export function areaPath(area: AreaName): string {
  return `/${area}`;
}

/** The area a URL path belongs to, or null for the shell's own pages (home). */
export function areaOfPath(pathname: string): AreaName | null {
  for (const area of AREAS) {
    if (pathname === `/${area}` || pathname.startsWith(`/${area}/`)) return area;
  }
  return null;
}

/** The Module Federation name each remote is built with (`mf-<area>/ui/webpack.config.js`). */
export function remoteNameOf(area: AreaName): string {
  return `mf_${area}`;
}
