/** `node` arguments that run the stack CLI from the repository root (the workspace libraries resolve through the hook) */
export const STACK_CLI_ARGS = ['--import', './infra/stack/src/runtime/workspace-paths.ts', 'infra/stack/src/cli.ts'] as const;
