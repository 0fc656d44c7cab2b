// Where each problem of a plan is shown: the server names it by path (`content.<key>`, `attachments.<key>`,
// `experts`, `experts.<expertId>`, `visits.<visitId>.<field>`), the form puts its message beside that field.
// A refusal of the autosave names the body's own paths (`experts.0.visits.1.funding.salary`); those are turned
// into the same paths first, so every message lands in one place.
import type { PlanDraft } from './plan-draft.ts';
import type { PlanProblem, TemplateDefinition } from './plan-types.ts';

/** Path → its messages, in the server's order. */
export type ProblemMap = ReadonlyMap<string, readonly string[]>;

export function problemMap(problems: readonly PlanProblem[]): ProblemMap {
  const map = new Map<string, string[]>();
  for (const p of problems) {
    const list = map.get(p.path);
    if (list) {
      if (!list.includes(p.message)) list.push(p.message);
    } else map.set(p.path, [p.message]);
  }
  return map;
}

/** The message(s) shown beside one field; empty when it is fine. */
export function messageAt(map: ProblemMap, path: string): string {
  return (map.get(path) ?? []).join(';');
}

/** Every message about one visit, by the field it is shown beside. */
export function visitMessages(map: ProblemMap, visitId: string): Record<string, string> {
  const prefix = `visits.${visitId}.`;
  const out: Record<string, string> = {};
  for (const [path, messages] of map) {
    if (path.startsWith(prefix)) out[path.slice(prefix.length)] = messages.join(';');
  }
  return out;
}

/** How many problems an expert's row carries (the expert itself and each of its visits), to flag the row. */
export function expertProblemCount(map: ProblemMap, expert: { expertId: string; visits: ReadonlyArray<{ id: string }> }): number {
  let n = map.get(`experts.${expert.expertId}`)?.length ?? 0;
  for (const visit of expert.visits) {
    const prefix = `visits.${visit.id}.`;
    for (const [path, messages] of map) if (path.startsWith(prefix)) n += messages.length;
  }
  return n;
}

/** The section a path belongs to: a template section for content, else `experts` or `attachments`. */
export function sectionOf(path: string, template: TemplateDefinition): string {
  if (path.startsWith('content.')) {
    const key = path.slice('content.'.length).split('.')[0];
    return template.sections.find((s) => s.fields.some((f) => f.key === key))?.key ?? 'basic';
  }
  if (path.startsWith('attachments')) return 'attachments';
  if (path === 'title') return 'title';
  return 'experts';
}

const BODY_VISIT_PATH = /^experts\.(\d+)\.visits\.(\d+)\.(?:funding\.)?([A-Za-z]+)/;
const BODY_EXPERT_PATH = /^experts\.(\d+)(?:\.|$)/;

/**
 * A refused field as the problem path the form shows: body indexes become the visit's or expert's id, so the
 * message appears beside the very input that was typed.
 */
export function problemPathOf(field: string, draft: PlanDraft): string {
  const visit = BODY_VISIT_PATH.exec(field);
  if (visit) {
    const v = draft.experts[Number(visit[1])]?.visits[Number(visit[2])];
    if (v) return `visits.${v.id}.${visit[3]}`;
  }
  const expert = BODY_EXPERT_PATH.exec(field);
  if (expert) {
    const e = draft.experts[Number(expert[1])];
    return e ? `experts.${e.expertId}` : 'experts';
  }
  return field;
}

/** A refusal's `fields` as problems placed on the form. */
export function problemsFromFields(
  fields: ReadonlyArray<{ field: string; message: string }>,
  draft: PlanDraft,
  template: TemplateDefinition,
): PlanProblem[] {
  return fields.map((f) => {
    const path = problemPathOf(f.field, draft);
    return { path, section: sectionOf(path, template), message: f.message };
  });
}

/** Problems by section, for the count shown in each section's header. */
export function countBySection(problems: readonly PlanProblem[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of problems) out[p.section] = (out[p.section] ?? 0) + 1;
  return out;
}

/**
 * Whose problem a visit's or an expert's path is, for the list of all problems (where the field alone does not
 * say which expert): the expert's name, and the visit's place among theirs (1-based). Null for other paths.
 */
export function problemOwner(path: string, draft: PlanDraft): { expert: string; visit: number | null } | null {
  const visit = /^visits\.([^.]+)\./.exec(path);
  if (visit) {
    for (const e of draft.experts) {
      const at = e.visits.findIndex((v) => v.id === visit[1]);
      if (at >= 0) return { expert: e.name ?? e.expertId, visit: at + 1 };
    }
    return null;
  }
  const expert = /^experts\.([^.]+)$/.exec(path);
  if (expert) {
    const e = draft.experts.find((x) => x.expertId === expert[1]);
    return e ? { expert: e.name ?? e.expertId, visit: null } : null;
  }
  return null;
}

/**
 * Where 查看明细 takes the person for a problem: the element marked `data-path` with the problem's path, inside the
 * drawer of the expert it belongs to (`expertId`, null for fields on the page itself).
 */
export function jumpTargetOf(path: string, draft: PlanDraft): { expertId: string | null; path: string } {
  const visit = /^visits\.([^.]+)\./.exec(path);
  if (visit) {
    const owner = draft.experts.find((e) => e.visits.some((v) => v.id === visit[1]));
    return owner ? { expertId: owner.expertId, path } : { expertId: null, path: 'experts' };
  }
  const expert = /^experts\.([^.]+)$/.exec(path);
  if (expert) {
    return draft.experts.some((e) => e.expertId === expert[1]) ? { expertId: expert[1]!, path } : { expertId: null, path: 'experts' };
  }
  return { expertId: null, path };
}
