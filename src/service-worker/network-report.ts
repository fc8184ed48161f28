import type { WorkboxPlugin } from 'workbox-core/types';
import { type NetworkReport, WORKER_MESSAGE } from './messages.ts';

/**
 * Workbox plugin that tells every open page whether the server answered a request the worker
 * sent, so the connection banner learns of an outage from page loads as well as from its
 * own probe. A 5xx answer is a proxy or a server in trouble, not a reachable Baken.
 */
export function networkReportPlugin(report: (message: NetworkReport) => Promise<void>): WorkboxPlugin {
  return {
    fetchDidSucceed: async ({ response }) => {
      await report({ type: WORKER_MESSAGE.network, reachable: response.status < 500 });
      return response;
    },
    fetchDidFail: async () => {
      await report({ type: WORKER_MESSAGE.network, reachable: false });
    },
  };
}
