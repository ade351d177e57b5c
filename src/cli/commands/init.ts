// `omnifuse init`: create the database (schema migrated) and the project key file.
import type { Command } from 'commander';
import { globals, openProject } from '../context.js';
import { printJson, say } from '../output.js';

export function register(program: Command): void {
  program
    .command('init')
    .description('create the database and the project key file (the key hashes personal data; keep it safe, never commit it)')
    .action(async (_o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const p = await openProject(g);
      await p.db.close();
      const out = { db: p.db.path, keyFile: g.keyFile, createdKey: p.createdKey };
      if (g.json) printJson(out);
      else say(`database ${out.db} ready; key file ${g.keyFile} ${p.createdKey ? 'created' : 'already present'}`);
    });
}
