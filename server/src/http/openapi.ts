/** The OpenAPI 3.1 description of the REST API, generated from the same routes and zod schemas. */
import { z } from 'zod';
import { schemas } from '@dawr/core/schemas';
import { ROUTES } from './routes';

const failureSchema = {
  type: 'object',
  required: ['ok', 'code', 'msg', 'msgs'],
  properties: {
    ok: { const: false },
    code: { type: 'string' },
    msg: { type: 'string', description: "In the caller's language (?lang= or Accept-Language)" },
    msgs: { type: 'object', properties: { ar: { type: 'string' }, en: { type: 'string' } } },
  },
};

/** Builds the document once; the server serves it at /api/openapi.json. */
export function openApiDocument(): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const r of ROUTES) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
    const schema = z.toJSONSchema(schemas[r.command], { unrepresentable: 'any' }) as { properties?: Record<string, unknown>; required?: string[] };
    const bodyProps = Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([k]) => !params.includes(k)));
    const op: Record<string, unknown> = {
      summary: r.summary,
      operationId: r.command,
      parameters: params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      responses: {
        '200': { description: 'Done: `{ok: true, …}`, as the socket command answers' },
        default: { description: 'Refused', content: { 'application/json': { schema: failureSchema } } },
      },
    };
    if (r.method !== 'GET') {
      op.requestBody = {
        required: false,
        content: {
          'application/json': {
            schema: { type: 'object', properties: bodyProps, required: (schema.required ?? []).filter((k) => !params.includes(k)) },
          },
        },
      };
    }
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Dawr branch server', version: '1' },
    components: {
      securitySchemes: {
        device: { type: 'http', scheme: 'bearer', description: 'An enrolled device token' },
        staff: { type: 'apiKey', in: 'cookie', name: 'dawr_session', description: 'Plus the x-csrf-token header on writes' },
      },
    },
    security: [{ device: [] }, { staff: [] }],
    paths,
  };
}
