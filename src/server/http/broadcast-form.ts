import {
  BROADCAST_CHANNELS,
  type Broadcast,
  type CreateBroadcastInput,
  createBroadcastSchema,
  type UpdateBroadcastInput,
} from '../../schemas/broadcast.ts';
import { dutchProblems, type FieldProblem } from '../../schemas/input-messages.ts';
import { readInput } from './read-input.ts';

/** What the console form shows: exactly what the coordinator typed, so nothing is lost after an error. */
export interface BroadcastFormValues {
  fields: Record<string, string>;
  channels: string[];
  lists: string[];
  severity: string;
  area: string;
  training: boolean;
  /** A call-up or roll-call: how many are needed, the pools in order, the escalation time (as typed). */
  question?: { needed: string; pools: string[]; escalateAfterMinutes: string };
}

/** A new form: every channel, moderate severity, no lists chosen yet. */
export const EMPTY_FORM: BroadcastFormValues = {
  fields: {},
  channels: [...BROADCAST_CHANNELS],
  lists: [],
  severity: 'Moderate',
  area: '',
  training: false,
};

/** The form values of a stored broadcast, to edit it or to start a correction from it. */
export function formValuesOf(b: Broadcast): BroadcastFormValues {
  return {
    fields: { ...b.fields },
    channels: [...b.channels],
    lists: [...b.lists],
    severity: b.severity,
    area: b.area,
    training: b.training,
  };
}

/** The form values of a draft's question: as stored, in the form's own text fields. */
export function questionFormValues(q: {
  needed: number | null;
  pools_order: string[];
  escalateAfterMinutes: number | null;
}): NonNullable<BroadcastFormValues['question']> {
  return {
    needed: q.needed === null ? '' : String(q.needed),
    pools: [...q.pools_order],
    escalateAfterMinutes: q.escalateAfterMinutes === null ? '' : String(q.escalateAfterMinutes),
  };
}

/**
 * What the edit form of a call-up or roll-call changes: everything the form shows, so a field
 * left empty clears it (no number, no pools, no escalation) instead of keeping the old value.
 */
export function questionPatchOf(input: CreateBroadcastInput, values: BroadcastFormValues): UpdateBroadcastInput {
  return {
    ...input,
    needed: input.needed ?? null,
    pools: values.question?.pools ?? [],
    escalate_after_minutes: input.escalate_after_minutes ?? null,
  };
}

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');
const texts = (value: unknown) =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').slice(0, 50) : [];

/**
 * Reads a posted console form. Returns the values as typed (for showing the form again), the
 * validated input when the form itself is well-formed, and Dutch problems per field otherwise.
 * An empty area becomes "Gemeente <gemeente>" when the script asks for one, else "Nederland".
 */
export async function readBroadcastForm(
  request: Request,
  script: string,
  forcedTraining: boolean,
): Promise<{ action: string; values: BroadcastFormValues; input?: CreateBroadcastInput; problems: FieldProblem[] }> {
  const raw = await readInput(request, ['channels', 'lists', 'pools']);
  const fields = Object.fromEntries(
    Object.entries((raw.fields && typeof raw.fields === 'object' ? raw.fields : {}) as Record<string, unknown>)
      .slice(0, 30)
      .map(([name, value]) => [name.slice(0, 40), text(value, 200)]),
  );
  const values: BroadcastFormValues = {
    fields,
    channels: texts(raw.channels),
    lists: texts(raw.lists),
    severity: text(raw.severity, 20) || 'Moderate',
    area: text(raw.area, 300),
    training: forcedTraining || raw.training === true,
    ...((raw.needed !== undefined || raw.pools !== undefined || raw.escalate_after_minutes !== undefined) && {
      question: {
        needed: text(raw.needed, 10),
        pools: texts(raw.pools).filter((name) => name.trim() !== ''),
        escalateAfterMinutes: text(raw.escalate_after_minutes, 10),
      },
    }),
  };
  const area = values.area.trim() || (fields.gemeente?.trim() ? `Gemeente ${fields.gemeente.trim()}` : 'Nederland');
  const parsed = createBroadcastSchema.safeParse({
    script,
    channels: values.channels,
    lists: values.lists,
    training: values.training,
    fields,
    severity: values.severity,
    area,
    ...(values.question && {
      needed: values.question.needed,
      ...(values.question.pools.length > 0 && { pools: values.question.pools }),
      escalate_after_minutes: values.question.escalateAfterMinutes,
    }),
  });
  const action = text(raw.actie, 20);
  return parsed.success
    ? { action, values, input: parsed.data, problems: [] }
    : { action, values, problems: dutchProblems(parsed.error) };
}

/** Problems keyed by field name, first one per field, for showing each next to its field. */
export function problemsByField(problems: FieldProblem[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const p of problems) byField[p.field.replace(/\.\d+$/, '')] ??= p.message;
  return byField;
}

/**
 * Input that checks only the fill-in fields, for when the rest of the form is wrong: the
 * coordinator then sees every problem at once instead of one round per part of the form.
 */
export function fieldsOnlyInput(script: string, values: BroadcastFormValues): CreateBroadcastInput {
  return {
    script,
    channels: ['web'],
    lists: [],
    training: values.training,
    fields: values.fields,
    severity: 'Moderate',
    area: 'Nederland',
  };
}
