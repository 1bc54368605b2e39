/**
 * Versions of every stack component. Binaries and jars are cached under
 * GRIDLEDGER_HOME keyed by these, so bumping one rebuilds just that component.
 *
 * Fabric is built from the v2.5.9 release commit, not v2.5.16 as the architecture names:
 * the Go module proxy these machines reach serves the Fabric module only under canonical
 * pseudo-versions it already holds, and v2.5.9's is the newest 2.5 LTS one it serves
 * (see infra/toolchain/README.md).
 */
export const VERSIONS = {
  fabric: '2.5.9',
  fabricCa: '1.5.21',
  kubo: '0.39.0',
  kafka: '4.1.1',
} as const;

export const KUBO_MODULE = 'github.com/ipfs/kubo/cmd/ipfs';
