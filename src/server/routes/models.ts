// The model registry: what is trained, with its metrics and training-data fingerprint.
import { z } from 'zod';
import { listModels, loadModel } from '../../store/model-registry.js';
import { OmnifuseError } from '../../util/errors.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../http-error.js';
import { defineRoute, type AnyRoute } from '../route.js';

export function modelRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    defineRoute({
      method: 'GET', url: '/api/models', scope: 'read', tag: 'models', summary: 'every stored model, newest version of each name first',
      query: z.object({ name: z.string().max(200).optional() }),
      handler: ({ query }) => ctx.gate.run(() => listModels(ctx.db, query.name)),
    }),
    defineRoute({
      method: 'GET', url: '/api/models/:name', scope: 'read', tag: 'models', summary: 'one model (latest version unless ?version=N), without its artefact',
      params: z.object({ name: z.string().min(1).max(200) }),
      query: z.object({ version: z.coerce.number().int().min(1).optional() }),
      errors: { 404: 'no such model' },
      handler: ({ params, query }) => ctx.gate.run(async () => {
        try {
          return (await loadModel(ctx.db, params.name, query.version)).info;
        } catch (e) {
          if (e instanceof OmnifuseError && e.kind === 'usage') throw notFound(e.message, e.hint);
          throw e;
        }
      }),
    }),
  ];
}
