import { defineConfig, mergeConfig } from 'vitest/config';
import chaos from './vitest.chaos.config.ts';

/** The chaos suite's ha scenarios (`*.chaos-ha-spec.ts`), run by tests/chaos/run-ha-suite.sh on a stack of the ha topology. */
export default mergeConfig(chaos, defineConfig({ test: { include: ['**/*.chaos-ha-spec.ts'] } }), false);
