// The forecasters omnifuse compares, by name: every backtest and `omnifuse forecast` draws from this list.
import { etsForecaster } from './ets.js';
import { globalGbdtForecaster, DEFAULT_GLOBAL_GBDT, type GlobalGbdtOptions } from './gbdt-global.js';
import { crostonForecaster, tsbForecaster } from './intermittent.js';
import { movingAverageForecaster, seasonalNaiveForecaster } from './naive.js';
import type { Forecaster } from './panel.js';

export const MODEL_NAMES = ['snaive', 'ma28', 'ets', 'croston', 'tsb', 'gbdt'] as const;

export function defaultForecasters(gbdt: GlobalGbdtOptions = DEFAULT_GLOBAL_GBDT, only?: readonly string[]): Forecaster[] {
  const all = [seasonalNaiveForecaster, movingAverageForecaster(28), etsForecaster, crostonForecaster, tsbForecaster, globalGbdtForecaster(gbdt)];
  return only ? all.filter((f) => only.includes(f.name)) : all;
}

/** Equal-weight combinations evaluated beside the base models (combinations were strong in M4 and M5). */
export const DEFAULT_ENSEMBLES: readonly (readonly string[])[] = [['ets', 'gbdt'], ['ets', 'tsb', 'gbdt'], ['ets', 'tsb']];
