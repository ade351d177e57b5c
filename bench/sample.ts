// Sample generator throughput: order lines per second on a scale's code path (default: large's catalogue and
// people with fewer orders). `npm run bench -- sample [--scale=large] [--orders=300000] [--json]`
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSample, type Scale } from '../src/sample/generate.js';

const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const scale = arg('scale', 'large') as Scale;
const orders = Number(arg('orders', '300000'));
const json = process.argv.includes('--json');

async function run(n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'omnifuse-bench-sample-'));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  try {
    const s = await generateSample({ outDir: dir, seed: 42, scale, orders: n });
    const c = process.cpuUsage(c0);
    return { seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, lines: s.orderLines, orders: s.orders };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// a run with almost no orders measures the fixed part (catalogue, people, listings, inventory, truth)
const fixed = await run(2_000);
const full = await run(orders);
const linesPerSecond = (full.lines - fixed.lines) / Math.max(1e-9, full.seconds - fixed.seconds);
// CPU seconds too: on a shared machine wall time mostly measures the neighbours
const linesPerCpuSecond = (full.lines - fixed.lines) / Math.max(1e-9, full.cpu - fixed.cpu);
const out = {
  scale, orders: full.orders, orderLines: full.lines, seconds: +full.seconds.toFixed(2), fixedSeconds: +fixed.seconds.toFixed(2),
  cpuSeconds: +full.cpu.toFixed(2), fixedCpuSeconds: +fixed.cpu.toFixed(2),
  orderLinesPerSecond: Math.round(linesPerSecond), orderLinesPerCpuSecond: Math.round(linesPerCpuSecond), overallLinesPerSecond: Math.round(full.lines / full.seconds),
  peakRssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
};
if (json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
else {
  process.stdout.write(`sample generator (${scale} code path, ${full.orders.toLocaleString('en-US')} orders, ${full.lines.toLocaleString('en-US')} lines)\n`);
  process.stdout.write(`  total ${out.seconds} s wall (${out.cpuSeconds} s CPU), fixed part ${out.fixedSeconds} s wall (${out.fixedCpuSeconds} s CPU)\n`);
  process.stdout.write(`  order phase: ${out.orderLinesPerSecond.toLocaleString('en-US')} lines/s wall, ${out.orderLinesPerCpuSecond.toLocaleString('en-US')} lines per CPU second; overall ${out.overallLinesPerSecond.toLocaleString('en-US')} lines/s\n`);
}
