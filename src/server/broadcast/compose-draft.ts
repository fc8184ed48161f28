import type { Broadcast, BroadcastTexts, CreateBroadcastInput } from '../../schemas/broadcast.ts';
import type { FieldProblem } from '../../schemas/input-messages.ts';
import { analyzeSms } from '../../sms/segment-sms.ts';
import { alertTemplates, composeAlert, composeCorrection, fieldChanges } from './compose-texts.ts';
import { checkFields, pickFields } from './fill-placeholders.ts';
import { invalid, type Outcome, refuse } from './outcome.ts';
import type { ComposableScript, ScriptSource } from './script-source.ts';

/** A composed draft: its final texts and the field values it keeps. */
export interface ComposedDraft {
  script: ComposableScript;
  texts: BroadcastTexts;
  fields: Record<string, string>;
}

function smsProblem(texts: BroadcastTexts, script: ComposableScript): FieldProblem[] {
  const sms = analyzeSms(texts.smsText);
  if (sms.segments <= script.maxSegments) return [];
  const hint = sms.encoding === 'UCS-2' ? ` of laat tekens als ${sms.nonGsmCharacters.join(' ')} weg` : '';
  return [
    {
      field: 'sms',
      message: `De sms wordt ${sms.segments} delen; afgesproken is maximaal ${script.maxSegments}. Maak de ingevulde velden korter${hint}.`,
    },
  ];
}

/**
 * Composes the texts of a new alert from a vastgesteld script: only the fields the script
 * uses are kept and checked, lists must exist, and email or SMS needs at least one list.
 */
export async function composeAlertDraft(
  scripts: ScriptSource,
  input: CreateBroadcastInput,
  knownLists: string[],
): Promise<Outcome<ComposedDraft>> {
  const script = await scripts.get(input.script);
  if (script?.status !== 'vastgesteld')
    return refuse({ status: 404, code: 'unknown-script', message: 'Kies een vastgestelde lijn.' });
  const templates = alertTemplates(script);
  const fields = pickFields(templates, input.fields);
  const problems = checkFields(templates, fields);
  const known = new Set(knownLists.map((name) => name.toLowerCase()));
  const unknown = input.lists.filter((name) => !known.has(name.toLowerCase()));
  if (unknown.length > 0) problems.push({ field: 'lists', message: `Deze lijst bestaat niet: ${unknown.join(', ')}.` });
  else if (input.lists.length === 0 && input.channels.some((c) => c !== 'web')) {
    problems.push({ field: 'lists', message: 'Kies minstens één lijst voor e-mail en sms, of zet e-mail en sms uit.' });
  }
  const texts = composeAlert(script, fields, input.training);
  if (problems.length === 0) problems.push(...smsProblem(texts, script));
  return problems.length > 0 ? invalid(problems) : { ok: true, value: { script, texts, fields } };
}

/**
 * Composes a correction of `original`: its field values with the changed ones put in. A
 * correction that changes nothing is refused, since it would repeat the mistake.
 */
export function composeCorrectionDraft(
  script: ComposableScript,
  original: Broadcast,
  changed: Record<string, string>,
  originalPublishedText: string,
): Outcome<ComposedDraft> {
  const templates = alertTemplates(script);
  const fields = pickFields(templates, { ...original.fields, ...changed });
  const problems = checkFields(templates, fields);
  if (problems.length > 0) return invalid(problems);
  if (fieldChanges(script, original.fields, fields).length === 0) {
    return invalid([
      {
        field: 'fields',
        message:
          'Er is niets veranderd. Pas het veld aan dat niet klopte; een correctie die niets verandert, sturen we niet.',
      },
    ]);
  }
  const texts = composeCorrection(script, original, fields, originalPublishedText);
  // The correction names what changed on top of the opening line, so it may take one part more than the alert.
  const sms = smsProblem(texts, { ...script, maxSegments: script.maxSegments + 1 });
  return sms.length > 0 ? invalid(sms) : { ok: true, value: { script, texts, fields } };
}
