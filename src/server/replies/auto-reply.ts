import type { BroadcastStore } from '../broadcast/broadcast-store.ts';
import { TRAINING_PREFIX } from '../broadcast/compose-texts.ts';
import { fillPlaceholders } from '../broadcast/fill-placeholders.ts';
import type { NewOutboxRow, OutboxStore } from '../outbox/outbox-store.ts';
import type { ReplyStore, StoredQuestion } from './reply-store.ts';

/** What queueing an automatic reply needs. */
export interface AutoReplyDeps {
  store: ReplyStore;
  broadcasts: BroadcastStore;
  outbox: OutboxStore;
}

/** The automatic reply text of `kind` (a keyword, `unclear`, `enough` or `confirm`), with the broadcast's fields filled in. */
export function autoReplyText(
  question: StoredQuestion,
  kind: string | null,
  fields: Record<string, string> = {},
): string {
  const q = question.question;
  const text =
    kind === 'enough'
      ? q.enough_reply
      : kind === 'confirm'
        ? q.confirm
        : kind === 'unclear' || kind === null
          ? q.unclear_reply
          : q.answers.find((answer) => answer.keyword === kind)?.reply;
  return fillPlaceholders(text ?? q.unclear_reply, fields);
}

/**
 * Queues an automatic reply through the outbox, as an internal broadcast per question and
 * kind: each person gets each kind of reply once, so two auto-responders cannot keep each
 * other busy.
 */
export async function queueAutoReply(
  deps: AutoReplyDeps,
  question: StoredQuestion,
  kind: string,
  rows: NewOutboxRow[],
  now: number,
): Promise<number> {
  const original = await deps.broadcasts.get(question.broadcastId);
  if (!original) return 0;
  const id = `${original.id}-${kind.toLowerCase()}`;
  const text = `${original.training ? `${TRAINING_PREFIX}: ` : ''}${autoReplyText(question, kind, original.fields)}`;
  if (!(await deps.store.hasBroadcast(id))) {
    await deps.broadcasts.insert(
      {
        ...original,
        id,
        messageType: 'alert',
        references: null,
        channels: ['sms', 'email'],
        lists: [],
        title: `Antwoord: ${original.title}`,
        webBody: text,
        emailSubject: `Antwoord: ${original.emailSubject}`,
        emailText: text,
        smsText: text,
        status: 'published',
        createdAt: new Date(now).toISOString(),
        submittedAt: new Date(now).toISOString(),
        publishedAt: new Date(now).toISOString(),
        returned: null,
      },
      { internal: true },
    );
  }
  return deps.outbox.enqueue(
    rows.map((row) => ({ ...row, broadcastId: id })),
    now,
  );
}
