// `omnifuse models list|show`: what the model registry holds.
import type { Command } from 'commander';
import { globals, withProject } from '../context.js';
import { printJson, say, table } from '../output.js';
import { listModels, loadModel } from '../../store/model-registry.js';
import { usageError } from '../../util/errors.js';

export function register(program: Command): void {
  const models = program.command('models').description('trained models stored in the registry');
  models
    .command('list')
    .description('every stored model: name, version, kind, metrics, creation time')
    .option('--name <name>', 'only this model name')
    .action(async (o: { name?: string }, cmd: Command) => {
      const g = globals(cmd);
      await withProject(g, async (p) => {
        const list = await listModels(p.db, o.name);
        if (g.json) return printJson(list);
        if (list.length === 0) return say('no models stored yet (they appear after fuse, forecast, recommend, ...)');
        say(table(list.map((m) => ({ name: m.name, version: m.version, kind: m.kind, created: m.createdAt, data: m.dataFingerprint, metrics: JSON.stringify(m.metrics).slice(0, 80) }))));
      });
    });
  models
    .command('show <name>')
    .description('one model: parameters, metrics, training-data fingerprint (latest version unless --version)')
    .option('--version <n>', 'a stored version')
    .action(async (name: string, o: { version?: string }, cmd: Command) => {
      const g = globals(cmd);
      const version = o.version === undefined ? undefined : Number(o.version);
      if (version !== undefined && !Number.isInteger(version)) throw usageError(`--version must be an integer, got ${o.version}`);
      await withProject(g, async (p) => {
        const { info } = await loadModel(p.db, name, version);
        if (g.json) return printJson(info);
        say(`${info.name} v${info.version} (${info.kind}), created ${info.createdAt}, data ${info.dataFingerprint}`);
        say(`params:  ${JSON.stringify(info.params)}`);
        say(`metrics: ${JSON.stringify(info.metrics)}`);
      });
    });
}
