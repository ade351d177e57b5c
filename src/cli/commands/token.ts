// `omnifuse token create|list|revoke`: API tokens. A secret is printed once; the store keeps its SHA-256.
import type { Command } from 'commander';
import { globals, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { usageError } from '../../util/errors.js';
import { createToken, listTokens, parseScopes, revokeToken, SCOPE_DOC } from '../../server/tokens.js';

export function register(program: Command): void {
  const token = program.command('token').description('API tokens for `omnifuse serve`')
    .addHelpText('after', `\nScopes:\n${Object.entries(SCOPE_DOC).map(([s, d]) => `  ${s.padEnd(7)} ${d}`).join('\n')}`);
  token
    .command('create')
    .description('create a token and print it once (only its hash is stored)')
    .requiredOption('--scope <scopes>', 'comma-separated: read,ingest,pii,admin')
    .option('--name <name>', 'a label to recognise it by')
    .action(async (o: { scope: string; name?: string }, cmd: Command) => {
      const g = globals(cmd);
      const scopes = parseScopes(o.scope);
      await withProject(g, async (p) => {
        const { token: secret, info } = await createToken(p.db, scopes, o.name);
        if (g.json) return printJson({ token: secret, ...info });
        say(secret);
        process.stderr.write(`token ${info.id} with scopes ${scopes.join(',')}: shown once, keep it; send it as "Authorization: Bearer <token>"\n`);
      });
    });
  token
    .command('list')
    .description('tokens: id, name, scopes, created, last used, revoked (never the secrets)')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const list = await listTokens(p.db);
        if (g.json) return printJson(list);
        say(table(list.map((t) => ({ id: t.id, name: t.name ?? '', scopes: t.scopes.join(','), created: t.createdAt, last_used: t.lastUsedAt ?? '', revoked: t.revokedAt ?? '' }))));
      });
    });
  token
    .command('revoke <id>')
    .description('revoke a token by id')
    .action(async (id: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        if (!(await revokeToken(p.db, id))) throw usageError(`no live token with id ${id}`, 'list them with `omnifuse token list`');
        if (g.json) return printJson({ revoked: id });
        say(`revoked ${id}`);
      });
    });
}
