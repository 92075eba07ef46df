/** A built single-page app served under a path prefix (index.html for any route it does not hold as a file). */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Serves the SPA built in `dir` under `prefix`, or explains how to build it (503). */
export function spa(prefix: string, dir: string): Handler {
  if (!existsSync(dir)) {
    return (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${prefix} is not built: run "npm run build" first.\n`);
    };
  }
  // Precompressed files (.br, .gz beside the originals, when the app's build made them) go to browsers that take them.
  const serve = sirv(dir, { single: true, dev: false, etag: true, gzip: true, brotli: true });
  return (req, res) => {
    req.url = req.url!.slice(prefix.length) || '/';
    serve(req, res, () => {
      res.writeHead(404).end();
    });
  };
}
