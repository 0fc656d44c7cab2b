// When the editor shows a field's problem in red beside it (screen rule 1, at the right moment). A field still empty
// shows "required" only once the person has been in it (typed or picked something, or left it), has tried to
// submit, or the plan has been submitted before (a returned or withdrawn plan shows what is left to fix at once):
// a new plan opens without a wall of red. A value that breaks a rule (an amount over the policy's limit) shows at
// once. While a change is on its way to the server, the field's old problem is held back: the answer will say.
import { reactive, ref } from 'vue';
import { FUNDING_FIELDS, type TemplateDefinition } from './plan-types.ts';
import type { PlanDraft } from './plan-draft.ts';

/** Every field of the draft a problem can be about, by its problem path, as comparable text. */
export function fieldValues(draft: PlanDraft, template: TemplateDefinition): Map<string, string> {
  const values = new Map<string, string>();
  values.set('title', draft.title);
  for (const section of template.sections) {
    for (const field of section.fields) {
      if (field.type !== 'image') values.set(`content.${field.key}`, JSON.stringify(draft.content[field.key] ?? null));
    }
  }
  values.set('experts', draft.experts.map((e) => e.expertId).join(','));
  for (const expert of draft.experts) {
    values.set(`experts.${expert.expertId}`, expert.visits.map((v) => v.id).join(','));
    for (const visit of expert.visits) {
      const at = (field: string, value: unknown) => values.set(`visits.${visit.id}.${field}`, String(value ?? ''));
      at('startDate', visit.startDate);
      at('endDate', visit.endDate);
      at('city', visit.city);
      at('purpose', visit.purpose);
      for (const f of FUNDING_FIELDS) at(f, visit.funding[f]);
    }
  }
  return values;
}

/**
 * The paths whose value changed between two readings. A field that appears (a visit just added) has not been
 * touched by anyone yet, so it is not among them.
 */
export function changedPaths(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const changed: string[] = [];
  for (const [path, value] of after) {
    const was = before.get(path);
    if (was !== undefined && was !== value) changed.push(path);
  }
  return changed;
}

/** Nothing entered yet: no text, no choice, no amount or days in a visit. */
function isEmpty(path: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === 'null' || value === '""') return true;
  return path.startsWith('visits.') && value === '0';
}

export function createFieldVisibility(options: { showAll: boolean; values: () => ReadonlyMap<string, string> }) {
  const attempted = ref(options.showAll);
  const touched = reactive(new Set<string>());
  /** Paths changed since the last answer about them, with the number of their latest change. */
  const pending = reactive(new Map<string, number>());
  let changes = 0;

  return {
    attempted,
    /** The person changed these fields. */
    edited(paths: readonly string[]): void {
      for (const path of paths) {
        touched.add(path);
        pending.set(path, ++changes);
      }
    },
    /** The person left a field (focus moved elsewhere), or asked to be taken to it. */
    touch(path: string): void {
      touched.add(path);
    },
    /** A save goes out; call what it returns when its answer (saved, or refused naming fields) has arrived. */
    sending(): () => void {
      const sent = new Map(pending);
      return () => {
        for (const [path, n] of sent) if (pending.get(path) === n) pending.delete(path);
      };
    },
    /** 提交 was pressed: every problem shows from now on. */
    attempt(): void {
      attempted.value = true;
    },
    shows(path: string): boolean {
      if (pending.has(path)) return false;
      return attempted.value || touched.has(path) || !isEmpty(path, options.values().get(path));
    },
  };
}
export type FieldVisibility = ReturnType<typeof createFieldVisibility>;
