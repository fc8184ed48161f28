import type { Broadcast } from '../../schemas/broadcast.ts';
import type { User } from '../auth/user-store.ts';

/** Why an action on a broadcast is refused; `status` is the HTTP status to answer with. */
export interface Refusal {
  status: 403 | 404 | 409;
  code: string;
  message: string;
}

/** Only the author (or an admin) sends a draft for approval. */
export function canSubmit(broadcast: Broadcast, actor: User): Refusal | undefined {
  if (broadcast.status !== 'draft')
    return { status: 409, code: 'not-a-draft', message: 'Dit bericht is al ter goedkeuring aangeboden of verstuurd.' };
  if (broadcast.createdBy !== actor.username && actor.role !== 'admin') {
    return {
      status: 403,
      code: 'not-the-author',
      message: 'Alleen de schrijver kan dit bericht ter goedkeuring aanbieden.',
    };
  }
  return undefined;
}

/** The two-person rule: a submitted broadcast is approved by someone other than its author. */
export function canApprove(broadcast: Broadcast, actor: User): Refusal | undefined {
  if (broadcast.status !== 'submitted')
    return { status: 409, code: 'not-submitted', message: 'Dit bericht wacht niet op goedkeuring.' };
  if (broadcast.createdBy === actor.username) {
    return {
      status: 403,
      code: 'self-approval',
      message: 'U kunt uw eigen bericht niet goedkeuren. Vraag een andere coördinator.',
    };
  }
  return undefined;
}

/** Corrections and withdrawals start from a published alert or update, never from a withdrawal. */
export function canFollowUp(original: Broadcast): Refusal | undefined {
  if (original.status !== 'published')
    return {
      status: 409,
      code: 'not-published',
      message: 'Alleen een verstuurd bericht kunt u corrigeren of intrekken.',
    };
  if (original.messageType === 'cancel')
    return { status: 409, code: 'is-cancellation', message: 'Een intrekking kunt u niet corrigeren of intrekken.' };
  return undefined;
}

/** Only the author changes or deletes a draft; once submitted, it is what the approver sees. */
export function canEdit(broadcast: Broadcast, actor: User): Refusal | undefined {
  if (broadcast.status !== 'draft') {
    return {
      status: 409,
      code: 'not-a-draft',
      message: 'Alleen een concept kunt u wijzigen of verwijderen. Trek een aanbieding eerst terug.',
    };
  }
  if (broadcast.createdBy !== actor.username)
    return {
      status: 403,
      code: 'not-the-author',
      message: 'Alleen de schrijver kan dit concept wijzigen of verwijderen.',
    };
  return undefined;
}

/** An approver sends a submitted broadcast back; the author withdraws it instead. */
export function canReject(broadcast: Broadcast, actor: User): Refusal | undefined {
  if (broadcast.status !== 'submitted')
    return { status: 409, code: 'not-submitted', message: 'Dit bericht wacht niet op goedkeuring.' };
  if (broadcast.createdBy === actor.username) {
    return {
      status: 403,
      code: 'own-broadcast',
      message: 'U kunt uw eigen bericht niet terugsturen. Trek de aanbieding terug om het te wijzigen.',
    };
  }
  return undefined;
}

/** The author takes a submission back to change it. */
export function canUnsubmit(broadcast: Broadcast, actor: User): Refusal | undefined {
  if (broadcast.status !== 'submitted')
    return { status: 409, code: 'not-submitted', message: 'Dit bericht wacht niet op goedkeuring.' };
  if (broadcast.createdBy !== actor.username)
    return { status: 403, code: 'not-the-author', message: 'Alleen de schrijver kan de aanbieding terugtrekken.' };
  return undefined;
}
