/** Every port the stack binds, all on loopback. Each can be moved with GRIDLEDGER_PORT_<NAME>. */
export const DEFAULT_PORTS = {
  /** the one public HTTP entry: the dashboard and /api/... */
  web: 13000,
  /** the same entry over HTTPS, with a certificate from the stack's CA */
  webHttps: 13443,
  identity: 13001,
  ledger: 13002,
  storage: 13003,
  accessPolicy: 13004,
  audit: 13005,
  postgres: 15432,
  kafka: 19092,
  kafkaController: 19093,
  /** the second and third Kafka nodes of the ha topology */
  kafka2: 19192,
  kafkaController2: 19193,
  kafka3: 19292,
  kafkaController3: 19293,
  kuboApi: 15001,
  kuboGateway: 18080,
  kuboSwarm: 14001,
  orderer: 17050,
  ordererAdmin: 17053,
  ordererOperations: 17443,
  /** the second and third orderers of the ha topology */
  orderer2: 17150,
  orderer2Admin: 17153,
  orderer2Operations: 17543,
  orderer3: 17250,
  orderer3Admin: 17253,
  orderer3Operations: 17643,
  chaincode: 17999,
  gridPeer: 17051,
  gridPeerChaincode: 17052,
  gridPeerOperations: 17444,
  /** each organisation's second peer in the ha topology */
  gridPeer2: 17151,
  gridPeer2Chaincode: 17152,
  gridPeer2Operations: 17544,
  gridCa: 17054,
  gridCaOperations: 17055,
  regulatorPeer: 18051,
  regulatorPeerChaincode: 18052,
  regulatorPeerOperations: 18444,
  regulatorPeer2: 18151,
  regulatorPeer2Chaincode: 18152,
  regulatorPeer2Operations: 18544,
  regulatorCa: 18054,
  regulatorCaOperations: 18055,
  consumerPeer: 19051,
  consumerPeerChaincode: 19052,
  consumerPeerOperations: 19444,
  consumerPeer2: 19151,
  consumerPeer2Chaincode: 19152,
  consumerPeer2Operations: 19544,
  consumerCa: 19054,
  consumerCaOperations: 19055,
} as const;

export type PortName = keyof typeof DEFAULT_PORTS;
export type Ports = Record<PortName, number>;

/** GRIDLEDGER_PORT_KUBO_API for kuboApi, and so on. */
export function portEnvName(name: PortName): string {
  return `GRIDLEDGER_PORT_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

export function resolvePorts(env: NodeJS.ProcessEnv): Ports {
  const ports = { ...DEFAULT_PORTS } as Ports;
  for (const name of Object.keys(DEFAULT_PORTS) as PortName[]) {
    const raw = env[portEnvName(name)];
    if (raw === undefined || raw === '') continue;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`${portEnvName(name)} must be a port number between 1 and 65535, got "${raw}".`);
    }
    ports[name] = port;
  }
  const seen = new Map<number, PortName>();
  for (const name of Object.keys(ports) as PortName[]) {
    const other = seen.get(ports[name]);
    if (other) throw new Error(`Ports ${portEnvName(other)} and ${portEnvName(name)} are both ${ports[name]}; give each its own.`);
    seen.set(ports[name], name);
  }
  return ports;
}
