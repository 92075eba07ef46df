/**
 * Child process of `call-latency`: the baseline. A bare `ws` WebSocketServer on a free loopback port.
 * Clients connecting to `/trigger` send "call"; the server then broadcasts one JSON frame (the same
 * shape and size as Dawr's `ticket:called:v2` frame, from a template the parent sends) to every client
 * on `/display`, then answers the trigger with "ack" (Dawr acks the clerk after its pushes, too).
 * IPC: `{type:'template'}` sets the payload, `{type:'cpu'}` asks for its CPU usage, `reset-timings` /
 * `timings` the durations of its broadcasts in between (trigger received → every frame handed to the
 * sockets and the ack sent: the server's own share, as `callNext` is on Dawr's side).
 */
import { WebSocketServer, type WebSocket } from 'ws';
import { onParentStop } from '../lib/util';

const displays = new Set<WebSocket>();
let template: Record<string, unknown> = {};
let version = 0;
const broadcasts: number[] = [];

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });

onParentStop(
  () =>
    new Promise<void>((resolve) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => resolve());
    }),
);

process.on('message', (m: unknown) => {
  const msg = m as { type?: string; template?: Record<string, unknown> };
  if (msg.type === 'template' && msg.template) {
    template = msg.template;
    process.send!({ type: 'template-set' });
  } else if (msg.type === 'cpu') {
    process.send!({ type: 'cpu', usage: process.cpuUsage() });
  } else if (msg.type === 'reset-timings') {
    broadcasts.length = 0;
    process.send!({ type: 'timings-reset' });
  } else if (msg.type === 'timings') {
    process.send!({ type: 'timings', broadcast: broadcasts });
  }
});

wss.on('connection', (ws, req) => {
  if (req.url === '/display') {
    displays.add(ws);
    ws.on('close', () => displays.delete(ws));
    return;
  }
  ws.on('message', () => {
    const t0 = performance.now();
    version++;
    // Encoded once per broadcast, as socket.io does, then written to each client.
    const frame = JSON.stringify(['ticket:called:v2', { ...template, at: Date.now(), version }]);
    for (const d of displays) d.send(frame);
    ws.send('ack');
    broadcasts.push(performance.now() - t0);
  });
});

wss.on('listening', () => {
  const addr = wss.address();
  process.send!({ type: 'ready', port: addr !== null && typeof addr === 'object' ? addr.port : 0 });
});
