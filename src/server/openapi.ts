// The OpenAPI 3.1 document, generated from the same zod schemas that validate requests (z.toJSONSchema).
import { z } from 'zod';
import type { AnyRoute } from './route.js';
import { SCOPE_DOC } from './tokens.js';

type Json = Record<string, unknown>;

const errorSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' }, hint: { type: 'string' } },
};

function jsonSchema(s: z.ZodType, io: 'input' | 'output'): Json {
  const out = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

function parameters(s: z.ZodType | undefined, where: 'query' | 'path'): Json[] {
  if (!s) return [];
  const schema = jsonSchema(s, 'input');
  const props = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => ({
    name, in: where, required: where === 'path' || required.has(name),
    ...(typeof p.description === 'string' ? { description: p.description } : {}), schema: p,
  }));
}

const oaPath = (url: string) => url.replace(/:([A-Za-z_]+)/g, '{$1}');

export function openApiDocument(routes: readonly AnyRoute[], version: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const responses: Record<string, Json> = {
      200: { description: 'ok', content: { 'application/json': { schema: r.response ? jsonSchema(r.response, 'output') : {} } } },
    };
    const errs: Record<number, string> = { 400: 'bad input', ...r.errors };
    if (r.scope) Object.assign(errs, { 401: 'no or unknown token', 403: `token lacks the ${r.scope} scope` });
    for (const [code, description] of Object.entries(errs)) responses[code] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    const op: Json = {
      operationId: `${r.method.toLowerCase()}${r.url.replace(/[^A-Za-z0-9]+(.)?/g, (_m: string, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      ...(r.scope ? { security: [{ bearer: [r.scope] }], 'x-scope': r.scope } : { security: [] }),
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      responses,
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(r.body, 'input') } } };
    else if (r.bodyType) op.requestBody = { required: true, content: { [r.bodyType]: { schema: r.bodyType.startsWith('multipart') ? { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } : { type: 'string' } } } };
    (paths[oaPath(r.url)] ??= {})[r.method.toLowerCase()] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'omnifuse API', version,
      description: `Token scopes: ${Object.entries(SCOPE_DOC).map(([s, d]) => `${s} — ${d}`).join('; ')}. Errors are {error, message, hint}.`,
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token from `omnifuse token create --scope read,...`' } },
      schemas: { Error: errorSchema },
    },
    paths,
  };
}
