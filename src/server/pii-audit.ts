// Every response that shows personal data unmasked (a caller with the pii scope) is written to the privacy
// audit log (src/privacy/audit.ts) with the token that asked and what it asked for.
import { audit } from '../privacy/audit.js';
import type { Caller } from './auth.js';
import type { ServerContext } from './context.js';

export async function auditPii(ctx: ServerContext, caller: Caller | undefined, action: string, params: Record<string, unknown>): Promise<void> {
  if (caller?.has('pii') !== true) return;
  await audit(ctx.db, { actor: `api-token:${caller.token.id}${caller.token.name ? ` (${caller.token.name})` : ''}`, action, params });
}
