import { defineConfig } from 'vitest/config';
import chaos from './vitest.chaos.config.ts';

/**
 * The chaos suite's ha scenarios (`*.chaos-ha-spec.ts`), run by tests/chaos/run-ha-suite.sh on a
 * stack of the ha topology. The include list replaces the dev suite's (mergeConfig would add to it).
 */
export default defineConfig({ ...chaos, test: { ...chaos.test, include: ['**/*.chaos-ha-spec.ts'] } });
