/**
 * Worker-thread entry: computes the staffing advice (core's staffingAdvice: forecast, Erlang C, simulation) off the
 * branch server's event loop. One request at a time from staffing-thread.ts: `{id, input}` in, `{id, view}` or
 * `{id, error}` out. Bundled beside the server's bundle as `staffing-worker.js` (scripts/bundle-node.ts).
 */
import { parentPort } from 'node:worker_threads';
import { staffingAdvice, type StaffingAdviceInput } from '@dawr/core/reports';

const port = parentPort;
if (!port) throw new Error('staffing-worker runs as a worker thread only');

port.on('message', (m: { id: number; input: StaffingAdviceInput }) => {
  try {
    port.postMessage({ id: m.id, view: staffingAdvice(m.input) });
  } catch (e) {
    port.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
