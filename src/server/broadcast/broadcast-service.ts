import { randomBytes } from 'node:crypto';
import type { Broadcast, BroadcastTexts, CreateBroadcastInput } from '../../schemas/broadcast.ts';
import type { SubscriberChannel } from '../../schemas/subscriber.ts';
import { formatDateTime } from '../../catalog/format-date-time.ts';
import { analyzeSms } from '../../sms/segment-sms.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { User } from '../auth/users.ts';
import type { Clock } from '../clock.ts';
import type { NewOutboxRow, OutboxStore } from '../outbox/outbox-store.ts';
import { transaction, type Database } from '../store/database.ts';
import { addressOn, firstChannel } from '../subscribers/pick-channel.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import type { BroadcastStore } from './broadcast-store.ts';
import { canApprove, canFollowUp, canSubmit, type Refusal } from './broadcast-rules.ts';
import { composeAlert, composeCancellation, composeCorrection } from './compose-texts.ts';
import { checkFields, type FieldProblem } from './fill-placeholders.ts';
import type { ComposableScript, ScriptSource } from './script-source.ts';

export type Outcome<T> = { ok: true; value: T } | { ok: false; refusal: Refusal } | { ok: false; invalid: FieldProblem[] };

const refuse = (refusal: Refusal): Outcome<never> => ({ ok: false, refusal });

export interface BroadcastServiceDeps {
  db: Database;
  clock: Clock;
  audit: AuditLog;
  broadcasts: BroadcastStore;
  outbox: OutboxStore;
  subscribers: SubscriberStore;
  scripts: ScriptSource;
  /** Called after publishing, so a worker in this process starts sending at once. */
  onPublished?: () => void;
}

/** Composing, approving, publishing, correcting and withdrawing broadcasts. */
export class BroadcastService {
  readonly #d: BroadcastServiceDeps;

  constructor(deps: BroadcastServiceDeps) {
    this.#d = deps;
  }

  #newId(): string {
    const day = this.#d.clock.now().toISOString().slice(0, 10).replaceAll('-', '');
    return `${day}-${randomBytes(5).toString('hex')}`;
  }

  #smsProblem(texts: BroadcastTexts, script: ComposableScript): FieldProblem[] {
    const sms = analyzeSms(texts.smsText);
    if (sms.segments <= script.maxSegments) return [];
    return [
      {
        field: 'sms',
        message: `de sms wordt ${sms.segments} delen (${sms.encoding}); afgesproken is maximaal ${script.maxSegments}. Maak de ingevulde velden korter${
          sms.encoding === 'UCS-2' ? ` of laat tekens als ${sms.nonGsmCharacters.join(' ')} weg` : ''
        }.`,
      },
    ];
  }

  /** Previews the texts of a new broadcast without storing anything. */
  async preview(input: CreateBroadcastInput): Promise<Outcome<{ texts: BroadcastTexts; script: ComposableScript }>> {
    const script = await this.#d.scripts.get(input.script);
    if (!script || script.status !== 'vastgesteld') {
      return refuse({ status: 404, code: 'unknown-script', message: 'Kies een vastgestelde lijn.' });
    }
    const invalid = checkFields([script.smsText, script.emailSubject, script.kernboodschap, script.handelingsperspectief], input.fields);
    const texts = composeAlert(script, input.fields, input.training);
    invalid.push(...this.#smsProblem(texts, script));
    if (invalid.length > 0) return { ok: false, invalid };
    return { ok: true, value: { texts, script } };
  }

  /** Creates a draft from an agreed script. */
  async create(input: CreateBroadcastInput, author: User): Promise<Outcome<Broadcast>> {
    const preview = await this.preview(input);
    if (!preview.ok) return preview;
    const known = new Set(this.#d.subscribers.lists().map((l) => l.name.toLowerCase()));
    const unknownLists = input.lists.filter((name) => !known.has(name.toLowerCase()));
    if (unknownLists.length > 0) return { ok: false, invalid: unknownLists.map((name) => ({ field: 'lists', message: `onbekende lijst "${name}"` })) };
    const broadcast = this.#draft({
      messageType: 'alert',
      references: null,
      scriptSlug: preview.value.script.slug,
      scenario: preview.value.script.scenario,
      training: input.training,
      channels: input.channels,
      lists: input.lists,
      fields: input.fields,
      severity: input.severity,
      area: input.area,
      texts: preview.value.texts,
      author,
    });
    return { ok: true, value: broadcast };
  }

  #draft(p: Pick<Broadcast, 'messageType' | 'references' | 'scriptSlug' | 'scenario' | 'training' | 'channels' | 'lists' | 'fields' | 'severity' | 'area'> & { texts: BroadcastTexts; author: User }): Broadcast {
    const { texts, author, ...rest } = p;
    const broadcast: Broadcast = {
      id: this.#newId(),
      ...rest,
      ...texts,
      status: 'draft',
      createdBy: author.username,
      createdAt: this.#d.clock.now().toISOString(),
      submittedAt: null,
      approvedBy: null,
      publishedAt: null,
    };
    transaction(this.#d.db, () => {
      this.#d.broadcasts.insert(broadcast);
      this.#d.audit.append({ actor: author.username, action: `broadcast.draft.${broadcast.messageType}`, subject: `broadcast:${broadcast.id}`, details: { script: broadcast.scriptSlug, references: broadcast.references, training: broadcast.training } });
    });
    return broadcast;
  }

  #load(id: string): Broadcast | Refusal {
    return this.#d.broadcasts.get(id) ?? { status: 404, code: 'unknown-broadcast', message: 'Dit bericht bestaat niet.' };
  }

  submit(id: string, actor: User): Outcome<Broadcast> {
    const broadcast = this.#load(id);
    if ('code' in broadcast) return refuse(broadcast);
    const refusal = canSubmit(broadcast, actor);
    if (refusal) return refuse(refusal);
    const at = this.#d.clock.now().toISOString();
    transaction(this.#d.db, () => {
      this.#d.broadcasts.markSubmitted(id, at);
      this.#d.audit.append({ actor: actor.username, action: 'broadcast.submitted', subject: `broadcast:${id}` });
    });
    return { ok: true, value: this.#d.broadcasts.get(id)! };
  }

  /**
   * Approval by a second coordinator publishes at once: the broadcast, and one outbox row
   * per recipient, in one transaction. A refused approval is audited too.
   */
  approve(id: string, actor: User): Outcome<Broadcast> {
    const broadcast = this.#load(id);
    if ('code' in broadcast) return refuse(broadcast);
    const refusal = canApprove(broadcast, actor);
    if (refusal) {
      this.#d.audit.append({ actor: actor.username, action: 'broadcast.approve.refused', subject: `broadcast:${id}`, details: { reason: refusal.code } });
      return refuse(refusal);
    }
    const now = this.#d.clock.now();
    transaction(this.#d.db, () => {
      this.#d.broadcasts.markPublished(id, actor.username, now.toISOString());
      const rows = this.#recipients(broadcast);
      this.#d.outbox.enqueue(rows, now.getTime());
      this.#d.audit.append({ actor: actor.username, action: 'broadcast.approved.published', subject: `broadcast:${id}`, details: { author: broadcast.createdBy, recipients: rows.length } });
    });
    this.#d.onPublished?.();
    return { ok: true, value: this.#d.broadcasts.get(id)! };
  }

  /** Alerts go to the lists; corrections and withdrawals to everyone who got the original. */
  #recipients(broadcast: Broadcast): NewOutboxRow[] {
    const channels = broadcast.channels.filter((c): c is SubscriberChannel => c !== 'web');
    if (channels.length === 0) return [];
    if (broadcast.references) {
      return this.#d.outbox.recipientsOf(broadcast.references).map((r) => ({ broadcastId: broadcast.id, subscriberId: r.subscriberId, channel: r.channel, address: r.address }));
    }
    return this.#d.subscribers.confirmedMembers(broadcast.lists).flatMap((subscriber) => {
      const channel = firstChannel(subscriber, channels);
      return channel ? [{ broadcastId: broadcast.id, subscriberId: subscriber.id, channel, address: addressOn(subscriber, channel)! }] : [];
    });
  }

  /** Starts a correction draft: the script's correction text, referring to the original (CAP Update). */
  async correct(id: string, fields: Record<string, string>, actor: User): Promise<Outcome<Broadcast>> {
    const original = this.#load(id);
    if ('code' in original) return refuse(original);
    const refusal = canFollowUp(original);
    if (refusal) return refuse(refusal);
    const script = await this.#d.scripts.get(original.scriptSlug);
    if (!script) return refuse({ status: 404, code: 'unknown-script', message: 'De lijn van dit bericht bestaat niet meer.' });
    const merged = { ...original.fields, ...fields };
    const invalid = checkFields([script.correction], merged);
    if (invalid.length > 0) return { ok: false, invalid };
    return { ok: true, value: this.#followUp(original, 'update', composeCorrection(script, original, merged), merged, actor) };
  }

  /** Starts a withdrawal draft for a published broadcast (CAP Cancel). */
  cancel(id: string, actor: User): Outcome<Broadcast> {
    const original = this.#load(id);
    if ('code' in original) return refuse(original);
    const refusal = canFollowUp(original);
    if (refusal) return refuse(refusal);
    return { ok: true, value: this.#followUp(original, 'cancel', composeCancellation(original, formatDateTime(new Date(original.publishedAt!))), original.fields, actor) };
  }

  #followUp(original: Broadcast, messageType: 'update' | 'cancel', texts: BroadcastTexts, fields: Record<string, string>, author: User): Broadcast {
    return this.#draft({
      messageType,
      references: original.id,
      scriptSlug: original.scriptSlug,
      scenario: original.scenario,
      training: original.training,
      channels: original.channels,
      lists: original.lists,
      fields,
      severity: original.severity,
      area: original.area,
      texts,
      author,
    });
  }
}
