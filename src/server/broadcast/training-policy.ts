/**
 * Oefenmodus is a sandbox both ways. A session in training mode may change nothing about a
 * live broadcast (approve, correct, withdraw, retry, edit, anything); a live session may
 * not approve an exercise, so an exercise is never sent by someone who forgot which mode
 * they are in. Returns the Dutch reason for refusing, or nothing when the action is allowed.
 */
export function trainingModeRefusal(
  sessionInTraining: boolean,
  broadcastIsExercise: boolean,
  action: string,
): string | undefined {
  if (sessionInTraining && !broadcastIsExercise) {
    return 'U staat in oefenmodus. Dit is een echt bericht: dat kunt u in oefenmodus niet goedkeuren, wijzigen, corrigeren, intrekken of opnieuw versturen. Zet eerst de oefenmodus uit.';
  }
  if (!sessionInTraining && broadcastIsExercise && action === 'approve') {
    return 'Dit is een oefening. Een oefening keurt u alleen goed in oefenmodus. Zet eerst de oefenmodus aan.';
  }
  return undefined;
}
