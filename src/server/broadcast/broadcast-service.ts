import { randomBytes } from 'node:crypto';
import { formatDateTime } from '../../catalog/format-date-time.ts';
import {
  type Broadcast,
  type BroadcastTexts,
  type CreateBroadcastInput,
  createBroadcastSchema,
  type UpdateBroadcastInput,
} from '../../schemas/broadcast.ts';
import { dutchProblems } from '../../schemas/input-messages.ts';
import type { SubscriberChannel } from '../../schemas/subscriber.ts';
import type { AuditLog } from '../audit/audit-log-store.ts';
import type { User } from '../auth/user-store.ts';
import type { Clock } from '../clock.ts';
import type { NewOutboxRow, OutboxStore } from '../outbox/outbox-store.ts';
import type { ConsoleSettingsStore } from '../settings/console-settings-store.ts';
import type { UnitOfWork } from '../store/unit-of-work.ts';
import { addressOn, firstChannel } from '../subscribers/pick-channel.ts';
import type { SubscriberStore } from '../subscribers/subscriber-store.ts';
import {
  canApprove,
  canEdit,
  canFollowUp,
  canReject,
  canSubmit,
  canUnsubmit,
  type Refusal,
} from './broadcast-rules.ts';
import type { BroadcastStore } from './broadcast-store.ts';
import { type ComposedDraft, composeAlertDraft, composeCorrectionDraft } from './compose-draft.ts';
import { composeApprovalNotice } from './compose-notice.ts';
import { composeCancellation } from './compose-texts.ts';
import { invalid, type Outcome, refuse } from './outcome.ts';
import type { ComposableScript, ScriptSource } from './script-source.ts';

/** How many people a broadcast reaches, per channel they are reached on first. */
export interface RecipientCount {
  total: number;
  email: number;
  sms: number;
}

export interface BroadcastServiceDeps {
  /** One atomic unit over the stores below. */
  atomically: UnitOfWork;
  clock: Clock;
  audit: AuditLog;
  broadcasts: BroadcastStore;
  outbox: OutboxStore;
  subscribers: SubscriberStore;
  scripts: ScriptSource;
  /** Where the coordinators' list is set: who is told that something waits. */
  settings: ConsoleSettingsStore;
  /** Called after publishing, so a worker in this process starts sending at once. */
  onPublished?: () => void;
  /** How long after approval a broadcast's messages may still go out (default 24 hours). */
  validityMs?: number;
}

const DEFAULT_VALIDITY_MS = 24 * 3_600_000;

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

  /** Previews the texts of a new broadcast without storing anything. */
  async preview(input: CreateBroadcastInput): Promise<Outcome<ComposedDraft>> {
    const lists = await this.#d.subscribers.lists();
    return composeAlertDraft(
      this.#d.scripts,
      input,
      lists.map((l) => l.name),
    );
  }

  /** Creates a draft from an agreed script. */
  async create(input: CreateBroadcastInput, author: User): Promise<Outcome<Broadcast>> {
    const composed = await this.preview(input);
    if (!composed.ok) return composed;
    const broadcast = await this.#draft({
      messageType: 'alert',
      references: null,
      scriptSlug: composed.value.script.slug,
      scenario: composed.value.script.scenario,
      training: input.training,
      channels: input.channels,
      lists: input.lists,
      fields: composed.value.fields,
      severity: input.severity,
      area: input.area,
      texts: composed.value.texts,
      author,
    });
    if (input.validHours !== undefined) await this.#d.broadcasts.setValidHours(broadcast.id, input.validHours);
    return { ok: true, value: broadcast };
  }

  /**
   * Changes a draft: what `patch` leaves out stays as it was. A correction draft keeps its
   * original; only its fields change, and a change back to the original is refused.
   */
  async update(
    id: string,
    patch: UpdateBroadcastInput,
    actor: User & { training?: boolean },
  ): Promise<Outcome<Broadcast>> {
    const current = await this.#load(id);
    if ('code' in current) return refuse(current);
    const refusal = canEdit(current, actor);
    if (refusal) return refuse(refusal);
    let composed: Outcome<ComposedDraft>;
    let next: Broadcast;
    if (current.references) {
      if (current.messageType === 'cancel')
        return refuse({
          status: 409,
          code: 'is-cancellation',
          message: 'Een intrekking heeft geen velden om te wijzigen.',
        });
      const original = await this.#d.broadcasts.get(current.references);
      if (!original) return refuse({ status: 404, code: 'unknown-broadcast', message: 'Dit bericht bestaat niet.' });
      composed = await this.previewCorrection(original, patch.fields ?? current.fields);
      if (!composed.ok) return composed;
      next = { ...current, fields: composed.value.fields, ...composed.value.texts };
    } else {
      const input = createBroadcastSchema.safeParse({
        script: patch.script ?? current.scriptSlug,
        channels: patch.channels ?? current.channels,
        lists: patch.lists ?? current.lists,
        // In training mode every broadcast is an exercise, whatever the client says.
        training: actor.training === true || (patch.training ?? current.training),
        fields: patch.fields ?? current.fields,
        severity: patch.severity ?? current.severity,
        area: patch.area ?? current.area,
      });
      if (!input.success) return invalid(dutchProblems(input.error));
      composed = await this.preview(input.data);
      if (!composed.ok) return composed;
      const { script, texts, fields } = composed.value;
      next = { ...current, ...input.data, scriptSlug: script.slug, scenario: script.scenario, fields, ...texts };
    }
    const changed = await this.#d.atomically(async () => {
      if (!(await this.#d.broadcasts.updateDraft(next))) return false;
      await this.#d.audit.append({
        actor: actor.username,
        action: 'broadcast.draft.updated',
        subject: `broadcast:${id}`,
        details: { script: next.scriptSlug },
      });
      return true;
    });
    return changed
      ? this.#reloaded(id)
      : refuse(
          canEdit((await this.#d.broadcasts.get(id)) ?? current, actor) ?? {
            status: 409,
            code: 'not-a-draft',
            message: 'Dit concept is intussen veranderd.',
          },
        );
  }

  /** Deletes a draft of the actor's own. */
  async delete(id: string, actor: User): Promise<Outcome<{ id: string }>> {
    const current = await this.#load(id);
    if ('code' in current) return refuse(current);
    const refusal = canEdit(current, actor);
    if (refusal) return refuse(refusal);
    const deleted = await this.#d.atomically(async () => {
      if (!(await this.#d.broadcasts.deleteDraft(id))) return false;
      await this.#d.audit.append({
        actor: actor.username,
        action: 'broadcast.draft.deleted',
        subject: `broadcast:${id}`,
        details: { title: current.title },
      });
      return true;
    });
    return deleted
      ? { ok: true, value: { id } }
      : refuse({
          status: 409,
          code: 'not-a-draft',
          message: 'Dit concept is intussen aangeboden en kan niet meer weg.',
        });
  }

  /** A second coordinator sends a submitted broadcast back to its author, saying why. */
  async reject(id: string, reason: string, actor: User): Promise<Outcome<Broadcast>> {
    const current = await this.#load(id);
    if ('code' in current) return refuse(current);
    const refusal = canReject(current, actor);
    if (refusal) return refuse(refusal);
    const note = { by: actor.username, at: this.#d.clock.now().toISOString(), reason };
    const done = await this.#d.atomically(async () => {
      if (!(await this.#d.broadcasts.markReturned(id, note))) return false;
      await this.#d.audit.append({
        actor: actor.username,
        action: 'broadcast.returned',
        subject: `broadcast:${id}`,
        details: { author: current.createdBy, reason },
      });
      return true;
    });
    return done
      ? this.#reloaded(id)
      : refuse({ status: 409, code: 'not-submitted', message: 'Dit bericht wacht niet meer op goedkeuring.' });
  }

  /** The author takes a submission back to change it. */
  async unsubmit(id: string, actor: User): Promise<Outcome<Broadcast>> {
    const current = await this.#load(id);
    if ('code' in current) return refuse(current);
    const refusal = canUnsubmit(current, actor);
    if (refusal) return refuse(refusal);
    const done = await this.#d.atomically(async () => {
      if (!(await this.#d.broadcasts.markReturned(id, null))) return false;
      await this.#d.audit.append({
        actor: actor.username,
        action: 'broadcast.unsubmitted',
        subject: `broadcast:${id}`,
      });
      return true;
    });
    return done
      ? this.#reloaded(id)
      : refuse({ status: 409, code: 'not-submitted', message: 'Dit bericht wacht niet meer op goedkeuring.' });
  }

  /** How many people the broadcast would reach now, and on which channel; the web is not counted. */
  async recipientCount(
    broadcast: Pick<Broadcast, 'id' | 'channels' | 'lists' | 'references'>,
  ): Promise<RecipientCount> {
    const rows = await this.#recipients(broadcast);
    const email = rows.filter((r) => r.channel === 'email').length;
    return { total: rows.length, email, sms: rows.length - email };
  }

  /**
   * How many of an alert's recipients are reached on another channel than the one they
   * prefer, because the broadcast does not use it or they have no address there.
   */
  async fallbackCount(broadcast: Pick<Broadcast, 'channels' | 'lists' | 'references'>): Promise<number> {
    if (broadcast.references) return 0;
    const channels = broadcast.channels.filter((c): c is SubscriberChannel => c !== 'web');
    if (channels.length === 0) return 0;
    return (await this.#d.subscribers.confirmedMembers(broadcast.lists)).filter((s) => {
      const channel = firstChannel(s, channels);
      return channel !== undefined && channel !== s.preferredChannel;
    }).length;
  }

  async #draft(
    p: Pick<
      Broadcast,
      | 'messageType'
      | 'references'
      | 'scriptSlug'
      | 'scenario'
      | 'training'
      | 'channels'
      | 'lists'
      | 'fields'
      | 'severity'
      | 'area'
    > & { texts: BroadcastTexts; author: User },
  ): Promise<Broadcast> {
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
      returned: null,
    };
    await this.#d.atomically(async () => {
      await this.#d.broadcasts.insert(broadcast);
      await this.#d.audit.append({
        actor: author.username,
        action: `broadcast.draft.${broadcast.messageType}`,
        subject: `broadcast:${broadcast.id}`,
        details: { script: broadcast.scriptSlug, references: broadcast.references, training: broadcast.training },
      });
    });
    return broadcast;
  }

  async #load(id: string): Promise<Broadcast | Refusal> {
    return (
      (await this.#d.broadcasts.get(id)) ?? {
        status: 404,
        code: 'unknown-broadcast',
        message: 'Dit bericht bestaat niet.',
      }
    );
  }

  /** The broadcast as stored after a change that just succeeded. */
  async #reloaded(id: string): Promise<Outcome<Broadcast>> {
    const current = await this.#load(id);
    return 'code' in current ? refuse(current) : { ok: true, value: current };
  }

  /**
   * The author submits a draft for approval. Check and change happen in one unit, so a
   * submission racing an edit or a second submission (another web process) changes nothing.
   */
  async submit(id: string, actor: User): Promise<Outcome<Broadcast>> {
    const now = this.#d.clock.now();
    const done = await this.#d.atomically(async () => {
      const broadcast = await this.#load(id);
      if ('code' in broadcast) return broadcast;
      const refusal = canSubmit(broadcast, actor);
      if (refusal) return refusal;
      await this.#d.broadcasts.markSubmitted(id, now.toISOString());
      const notice = await this.#noticeToCoordinators({ ...broadcast, submittedAt: now.toISOString() }, now);
      await this.#d.audit.append({
        actor: actor.username,
        action: 'broadcast.submitted',
        subject: `broadcast:${id}`,
        details: { notified: notice },
      });
      return { notified: notice > 0 };
    });
    if ('code' in done) return refuse(done);
    if (done.notified) this.#d.onPublished?.();
    return this.#reloaded(id);
  }

  /**
   * Tells the coordinators' list that a broadcast waits, through the outbox (email or SMS,
   * each on their first channel, with fallback). The notice is an internal broadcast: it is
   * sent, never shown. Returns how many people are told.
   */
  async #noticeToCoordinators(waiting: Broadcast, now: Date): Promise<number> {
    const list = await this.#d.settings.coordinatorsList();
    if (!list) return 0;
    const notice: Broadcast = {
      ...waiting,
      id: this.#newId(),
      messageType: 'alert',
      references: null,
      channels: ['email', 'sms'],
      lists: [list],
      fields: {},
      ...composeApprovalNotice(waiting),
      status: 'published',
      createdBy: waiting.createdBy,
      createdAt: now.toISOString(),
      submittedAt: now.toISOString(),
      approvedBy: null,
      publishedAt: now.toISOString(),
      returned: null,
    };
    await this.#d.broadcasts.insert(notice, { internal: true });
    const rows = await this.#recipients(notice);
    await this.#d.outbox.enqueue(rows, now.getTime());
    return rows.length;
  }

  /**
   * Sends an internal notice by email to the confirmed members of `lists`, through the outbox
   * (retries, fallback between providers, delivery records); never shown on the site. Used
   * for the reminders that a line expires. Returns how many people it goes to.
   */
  async sendNotice(texts: BroadcastTexts, lists: string[], by: string): Promise<number> {
    const now = this.#d.clock.now();
    const notice: Broadcast = {
      ...texts,
      id: this.#newId(),
      messageType: 'alert',
      references: null,
      scriptSlug: '',
      scenario: '',
      status: 'published',
      training: false,
      channels: ['email'],
      lists,
      fields: {},
      severity: 'Unknown',
      area: '',
      createdBy: by,
      createdAt: now.toISOString(),
      submittedAt: now.toISOString(),
      approvedBy: null,
      publishedAt: now.toISOString(),
      returned: null,
    };
    const rows = await this.#d.atomically(async () => {
      await this.#d.broadcasts.insert(notice, { internal: true });
      const recipients = await this.#recipients(notice);
      await this.#d.outbox.enqueue(recipients, now.getTime());
      return recipients;
    });
    if (rows.length > 0) this.#d.onPublished?.();
    return rows.length;
  }

  /**
   * Approval by a second coordinator publishes at once: the broadcast, and one outbox row
   * per recipient, in one unit of work that also reads and checks the broadcast, so two
   * approvals at once (in two web processes) publish it once. A refused approval is audited too.
   */
  async approve(id: string, actor: User): Promise<Outcome<Broadcast>> {
    const now = this.#d.clock.now();
    const done = await this.#d.atomically(async () => {
      const broadcast = await this.#load(id);
      if ('code' in broadcast) return broadcast;
      const refusal = canApprove(broadcast, actor);
      if (refusal) {
        await this.#d.audit.append({
          actor: actor.username,
          action: 'broadcast.approve.refused',
          subject: `broadcast:${id}`,
          details: { reason: refusal.code },
        });
        return refusal;
      }
      if (!(await this.#d.broadcasts.markPublished(id, actor.username, now.toISOString())))
        return { status: 409, code: 'not-submitted', message: 'Dit bericht wacht niet meer op goedkeuring.' } as const;
      const chosen = await this.#d.broadcasts.validHours(id);
      await this.#d.broadcasts.setExpiry(
        id,
        now.getTime() + (chosen !== null ? chosen * 3_600_000 : (this.#d.validityMs ?? DEFAULT_VALIDITY_MS)),
      );
      // A withdrawal goes only to those who got (or are getting) the original: stop the rest first.
      let stopped =
        broadcast.references && broadcast.messageType === 'cancel'
          ? await this.#stopOriginal(broadcast.references, 'cancel', now.getTime())
          : 0;
      const rows = await this.#recipients(broadcast);
      await this.#d.outbox.enqueue(rows, now.getTime());
      if (broadcast.references && broadcast.messageType === 'update')
        stopped = await this.#stopOriginal(broadcast.references, 'update', now.getTime());
      await this.#d.audit.append({
        actor: actor.username,
        action: 'broadcast.approved.published',
        subject: `broadcast:${id}`,
        details: {
          author: broadcast.createdBy,
          recipients: rows.length,
          ...(broadcast.references && { stoppedOfOriginal: stopped }),
        },
      });
      return null;
    });
    if (done) return refuse(done);
    this.#d.onPublished?.();
    return this.#reloaded(id);
  }

  /** Alerts go to the lists; corrections and withdrawals to everyone who got the original. */
  async #recipients(broadcast: Pick<Broadcast, 'id' | 'channels' | 'lists' | 'references'>): Promise<NewOutboxRow[]> {
    const channels = broadcast.channels.filter((c): c is SubscriberChannel => c !== 'web');
    if (channels.length === 0) return [];
    if (broadcast.references) {
      return (await this.#d.outbox.recipientsOf(broadcast.references)).map((r) => ({
        broadcastId: broadcast.id,
        subscriberId: r.subscriberId,
        channel: r.channel,
        address: r.address,
      }));
    }
    return (await this.#d.subscribers.confirmedMembers(broadcast.lists)).flatMap((subscriber) => {
      const channel = firstChannel(subscriber, channels);
      const address = channel && addressOn(subscriber, channel);
      return channel && address ? [{ broadcastId: broadcast.id, subscriberId: subscriber.id, channel, address }] : [];
    });
  }

  /**
   * A withdrawal stops the original's messages that still wait (and goes only to those who
   * got it), and a correction replaces them (its recipients were taken from the original's,
   * waiting ones included), so nobody gets the original after its follow-up. Messages in a
   * worker's hands go out; their recipients get the follow-up too.
   */
  async #stopOriginal(originalId: string, messageType: Broadcast['messageType'], now: number): Promise<number> {
    // Its validity ends now too: a message in a worker's hands that fails and comes back is not sent later.
    await this.#d.broadcasts.setExpiry(originalId, now);
    if (messageType === 'cancel')
      return this.#d.outbox.stopUnsent(originalId, 'withdrawn', 'het bericht is ingetrokken');
    return this.#d.outbox.stopUnsent(originalId, 'expired', 'vervangen door een correctie');
  }

  /**
   * Starts a correction draft (CAP Update): the original's values with the changed ones put
   * in; the texts name every change as "was → wordt". A correction that changes nothing is refused.
   */
  async correct(id: string, fields: Record<string, string>, actor: User): Promise<Outcome<Broadcast>> {
    const original = await this.#load(id);
    if ('code' in original) return refuse(original);
    const refusal = canFollowUp(original);
    if (refusal) return refuse(refusal);
    const composed = await this.previewCorrection(original, fields);
    if (!composed.ok) return composed;
    return {
      ok: true,
      value: await this.#followUp(original, 'update', composed.value.texts, composed.value.fields, actor),
    };
  }

  /** The texts a correction of `original` with these changed fields would have; stores nothing. */
  async previewCorrection(original: Broadcast, fields: Record<string, string>): Promise<Outcome<ComposedDraft>> {
    const script = await this.#d.scripts.get(original.scriptSlug);
    if (!script)
      return refuse({ status: 404, code: 'unknown-script', message: 'De lijn van dit bericht bestaat niet meer.' });
    return composeCorrectionDraft(script, original, fields, formatDateTime(new Date(original.publishedAt ?? 0)));
  }

  /** The script a broadcast was made from, for the console's forms. */
  script(slug: string): Promise<ComposableScript | undefined> {
    return this.#d.scripts.get(slug);
  }

  /** Starts a withdrawal draft for a published broadcast (CAP Cancel). */
  async cancel(id: string, actor: User): Promise<Outcome<Broadcast>> {
    const original = await this.#load(id);
    if ('code' in original) return refuse(original);
    const refusal = canFollowUp(original);
    if (refusal) return refuse(refusal);
    return {
      ok: true,
      value: await this.#followUp(
        original,
        'cancel',
        composeCancellation(original, formatDateTime(new Date(original.publishedAt ?? 0))),
        original.fields,
        actor,
      ),
    };
  }

  #followUp(
    original: Broadcast,
    messageType: 'update' | 'cancel',
    texts: BroadcastTexts,
    fields: Record<string, string>,
    author: User,
  ): Promise<Broadcast> {
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
