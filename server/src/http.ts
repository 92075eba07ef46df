/** Plain HTTP routes of the branch server: health, and the built display and counter apps. */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import type { ServerConfig } from './config';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Serves a built single-page app under `prefix`, or explains how to build it. */
function app(prefix: string, dir: string): Handler {
  if (!existsSync(dir)) {
    return (_req, res) => {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${prefix} is not built: run "npm run build" first.\n`);
    };
  }
  const serve = sirv(dir, { single: true, dev: false, etag: true });
  return (req, res) => {
    req.url = req.url!.slice(prefix.length) || '/';
    serve(req, res, () => {
      res.writeHead(404).end();
    });
  };
}

/** The request handler; `health` reports liveness facts for /healthz. */
export function makeHttpHandler(config: ServerConfig, health: () => object): Handler {
  const display = app('/display', config.staticDirs.display);
  const counter = app('/counter', config.staticDirs.counter);
  return (req, res) => {
    const url = req.url ?? '/';
    if (url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, ...health() }));
    } else if (url === '/display' || url === '/counter') {
      res.writeHead(308, { location: `${url}/` }).end();
    } else if (url.startsWith('/display/')) {
      display(req, res);
    } else if (url.startsWith('/counter/')) {
      counter(req, res);
    } else if (url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Dawr branch server</title>' +
          '<h1>Dawr branch server</h1><ul><li><a href="/display/">Waiting-room display</a></li>' +
          '<li><a href="/counter/">Counter</a></li><li><a href="/healthz">Health</a></li></ul></html>',
      );
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  };
}
