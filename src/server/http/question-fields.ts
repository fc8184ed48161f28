import type { QuestionView } from '../replies/question-service.ts';

/** The API fields of a call-up or roll-call, in the names of POST /api/broadcasts; none for other broadcasts. */
export function questionFields(view: QuestionView | undefined) {
  if (!view) return {};
  return {
    question: view.kind,
    answers: view.answers,
    needed: view.needed,
    pools: view.pools_order,
    escalate_after_minutes: view.escalateAfterMinutes,
    replies: view.replies,
    escalation: {
      state: view.state,
      yes: view.yes,
      needed: view.needed,
      pools: view.pools.map((pool) => ({
        name: pool.name,
        asked: pool.called,
        people: pool.asked,
        replies: pool.replies,
      })),
      next_escalation_at: view.nextEscalationAt === null ? null : new Date(view.nextEscalationAt).toISOString(),
      enough_at: view.enoughAt,
      confirmed_at: view.confirmedAt,
      confirmed_by: view.confirmedBy,
    },
  };
}
