import { ApiClient, addUserWithCli } from './api-client.ts';
import { type RunningHub, startHub } from './hub-server.ts';

/** The password the tests give the coordinators they make. */
export const COORDINATOR_PASSWORD = 'correct horse battery staple';

/** Two signed-in coordinators: anna writes and submits, bram approves. */
export interface Coordinators {
  anna: ApiClient;
  bram: ApiClient;
}

/** Makes the coordinators anna and bram on `hub` through the CLI (their TOTP secrets are remembered). */
export function addCoordinators(hub: RunningHub): void {
  addUserWithCli(hub.dataDir, 'anna', COORDINATOR_PASSWORD);
  addUserWithCli(hub.dataDir, 'bram', COORDINATOR_PASSWORD);
}

/** Makes anna and bram on `hub` (see `addCoordinators`) and logs both in over the API. */
export async function loginCoordinators(hub: RunningHub): Promise<Coordinators> {
  addCoordinators(hub);
  const anna = new ApiClient(hub.url);
  const bram = new ApiClient(hub.url);
  for (const [name, client] of [
    ['anna', anna],
    ['bram', bram],
  ] as const) {
    const status = await client.login(name, COORDINATOR_PASSWORD);
    if (status !== 200) throw new Error(`login of ${name} answered ${status}`);
  }
  return { anna, bram };
}

/** Starts the real hub (see `startHub`) with the coordinators anna and bram logged in over the API. */
export async function startHubWithCoordinators(
  options: Parameters<typeof startHub>[0] = {},
): Promise<Coordinators & { hub: RunningHub }> {
  const hub = await startHub(options);
  try {
    return { hub, ...(await loginCoordinators(hub)) };
  } catch (error) {
    await hub.stop();
    throw error;
  }
}

/**
 * Publishes a broadcast through the API: anna creates it from `body` and submits it, bram
 * approves. Throws with the API's answer at the first step that fails. Returns its id and
 * the answer to the create request.
 */
export async function publishThroughApi(
  { anna, bram }: Coordinators,
  body: Record<string, unknown>,
): Promise<{ id: string; created: Record<string, unknown> }> {
  const created = await anna.post('/api/broadcasts', body);
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const submitted = await anna.post(`/api/broadcasts/${id}/submit`);
  if (submitted.status !== 200)
    throw new Error(`submit answered ${submitted.status}: ${JSON.stringify(submitted.body)}`);
  const approved = await bram.post(`/api/broadcasts/${id}/approve`);
  if (approved.status !== 200) throw new Error(`approve answered ${approved.status}: ${JSON.stringify(approved.body)}`);
  return { id, created: created.body };
}
