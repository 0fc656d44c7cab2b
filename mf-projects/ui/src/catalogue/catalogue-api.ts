// Where the catalogue screens' data lives (mf-projects/docs/api.md, "Catalogue") and the shapes it comes in. The
// call, project-type and template shapes are the plan screens' own: one description of the API per module.
import { PROJECTS_API } from '../pages/plan-paths.ts';
import type { ProjectType, TemplateDefinition } from '../pages/plan-types.ts';

export type { Localised, PlanCall, ProjectType, TemplateDefinition, TemplateField } from '../pages/plan-types.ts';

export const PROJECT_TYPES_API = `${PROJECTS_API}/project-types`;
export const projectTypeUrl = (code: string) => `${PROJECT_TYPES_API}/${encodeURIComponent(code)}`;
export const CALLS_API = `${PROJECTS_API}/calls`;
export const callUrl = (id: string) => `${CALLS_API}/${encodeURIComponent(id)}`;
export const templatesUrl = (projectType: string) => `${PROJECTS_API}/templates/${encodeURIComponent(projectType)}`;
export const templateVersionsUrl = (projectType: string) => `${templatesUrl(projectType)}/versions`;

/** One published version of a project type's template (GET /templates/:projectType, newest first). */
export interface TemplateVersion {
  id: string;
  version: number;
  definition: TemplateDefinition;
  publishedAt: string;
  /** The publisher's username; `system` for the versions the database was created with. */
  publishedBy: string;
}

/**
 * A project type as GET /project-types lists it: stopped ones (停用) too, with both names for the 项目类别 screen.
 * A stopped type takes no new calls or plans; existing ones go on.
 */
export interface ProjectTypeEntry extends ProjectType {
  nameZh: string;
  nameEn: string;
  active: boolean;
}

/** Only a national admin manages project types, opens calls and publishes templates (the server refuses everyone else the same way). */
export const CATALOGUE_EDITOR_ROLE = 'national_admin';
