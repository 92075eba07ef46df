/** Every HTTP route of the branch server. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerConfig } from '../config';
import type { Metrics } from '../metrics';
import { handleApi, type ApiDeps } from './api';
import { sendJson } from './io';
import { openApiDocument } from './openapi';
import { spa, type Handler } from '@dawr/web';

const INDEX =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Dawr branch server</title>' +
  '<h1>Dawr branch server</h1><ul><li><a href="/display/">Waiting-room display</a></li>' +
  '<li><a href="/counter/">Counter</a></li><li><a href="/api/openapi.json">REST API (OpenAPI)</a></li>' +
  '<li><a href="/healthz">Health</a></li><li><a href="/metrics">Metrics</a></li></ul></html>';

export function makeRouter(config: ServerConfig, api: ApiDeps, metrics: Metrics, health: () => object): Handler {
  const display = spa('/display', config.staticDirs.display);
  const counter = spa('/counter', config.staticDirs.counter);
  // The QR on a ticket opens /t/<token>: the phone page finds its token in the path.
  const phone = spa('/t', config.staticDirs.phone);
  const openapi = JSON.stringify(openApiDocument());
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://branch');
    const p = url.pathname;
    if (p === '/healthz') return sendJson(res, 200, { ok: true, ...health() });
    if (p === '/metrics') {
      void metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      });
      return;
    }
    if (p === '/api/openapi.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(openapi);
    }
    if (p.startsWith('/api/v1/')) return void handleApi(req, res, url, api);
    if (p === '/display' || p === '/counter') return void res.writeHead(308, { location: `${p}/` }).end();
    if (p.startsWith('/display/')) return display(req, res);
    if (p.startsWith('/counter/')) return counter(req, res);
    if (p.startsWith('/t/')) return phone(req, res);
    if (p === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(INDEX);
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  };
}
