// One-shot `platform-secrets` of docker-compose.yml: the files the services read, generated once
// into the `platform` volume (mounted at /var/gridledger-platform), as the native stack writes
// them under GRIDLEDGER_HOME/data. It runs in the identity image, whose node_modules hold
// @peculiar/x509. Values that are secrets *and* settings (master keys, Kafka and database
// passwords) come from .env instead; what is here are files:
//   tls/ca.pem, tls/kafka-keystore.pem   the platform's TLS CA and the broker's PEM keystore
//   keys/<holder>.pem, keys/registry.json every service's ES256 credential and the public registry
//   identity/bootstrap-admins.json       first admins, with generated passwords (read them from here)
//   identity/fabric-organizations.json   each organisation's Fabric CA and registrar
//   ledger/organizations.json            peers and the ledger's service identity (enroll-ledger.sh)
// Existing files are kept, so a second `docker compose up` changes nothing.
import 'reflect-metadata';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

const ROOT = '/var/gridledger-platform';
const FABRIC = '/var/gridledger/crypto/peerOrganizations';
const SERVICE_UID = 1000;
const HOLDERS = ['identity', 'ledger', 'storage', 'access-policy', 'audit', 'operator'];
const ORGS = [
  { key: 'grid', mspId: 'GridMSP', name: 'Grid company', peerPort: 17051, caPort: 17054 },
  { key: 'regulator', mspId: 'RegulatorMSP', name: 'Energy regulator', peerPort: 18051, caPort: 18054 },
  { key: 'consumer', mspId: 'ConsumerMSP', name: 'Research institutes and energy-service companies', peerPort: 19051, caPort: 19054 },
];

const write = (path, text) => {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(path, text, { mode: 0o600 });
  console.log(`wrote ${path}`);
};
const once = (path, make) => existsSync(path) || write(path, make());

async function tlsFiles() {
  const keystore = join(ROOT, 'tls', 'kafka-keystore.pem');
  if (existsSync(keystore)) return;
  const subtle = globalThis.crypto.subtle;
  const alg = { name: 'ECDSA', namedCurve: 'P-256' };
  const signingAlgorithm = { name: 'ECDSA', hash: 'SHA-256' };
  const day = 86_400_000;
  const caKeys = await subtle.generateKey(alg, true, ['sign', 'verify']);
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomBytes(8).toString('hex'),
    name: 'O=GridLedger, CN=GridLedger compose CA',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 3650 * day),
    signingAlgorithm,
    keys: caKeys,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)],
  });
  const brokerKeys = await subtle.generateKey(alg, true, ['sign', 'verify']);
  // CN=broker: the controller listener maps it to the broker's super-user principal (mutual TLS)
  const broker = await x509.X509CertificateGenerator.create({
    serialNumber: randomBytes(8).toString('hex'),
    subject: 'CN=broker',
    issuer: ca.subject,
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 1825 * day),
    signingAlgorithm,
    publicKey: brokerKeys.publicKey,
    signingKey: caKeys.privateKey,
    extensions: [
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'kafka' }, { type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }]),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    ],
  });
  const pem = async (key) => x509.PemConverter.encode(await subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
  write(join(ROOT, 'tls', 'ca.pem'), ca.toString('pem') + '\n');
  write(join(ROOT, 'tls', 'ca-key.pem'), (await pem(caKeys.privateKey)) + '\n');
  write(keystore, `${(await pem(brokerKeys.privateKey)).trim()}\n${broker.toString('pem').trim()}\n${ca.toString('pem').trim()}\n`);
}

function serviceKeys() {
  const registry = join(ROOT, 'keys', 'registry.json');
  if (existsSync(registry)) return;
  const publicKeys = {};
  for (const holder of HOLDERS) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    write(join(ROOT, 'keys', `${holder}.pem`), privateKey.export({ format: 'pem', type: 'pkcs8' }));
    publicKeys[holder] = publicKey.export({ format: 'jwk' });
  }
  write(registry, JSON.stringify(publicKeys, null, 2));
}

function identityFiles() {
  once(join(ROOT, 'identity', 'bootstrap-admins.json'), () =>
    JSON.stringify(
      {
        organizations: ORGS.map((org) => ({ mspId: org.mspId, name: org.name })),
        admins: ORGS.map((org) => ({ mspId: org.mspId, username: `admin-${org.key}`, email: `admin@${org.key}.gridledger.local`, password: `Gl-${randomBytes(12).toString('base64url')}` })),
      },
      null,
      2,
    ),
  );
  // rewritten every time: the registrar's secret follows .env
  write(
    join(ROOT, 'identity', 'fabric-organizations.json'),
    JSON.stringify(
      ORGS.map((org) => ({
        mspId: org.mspId,
        ca: {
          url: `https://ca.${org.key}.gridledger.local:${org.caPort}`,
          caName: `ca-${org.key}`,
          tlsRootCertPath: `${FABRIC}/${org.key}.gridledger.local/ca/ca.${org.key}.gridledger.local-cert.pem`,
          registrar: { enrollmentId: process.env.GRIDLEDGER_CA_ADMIN_USER || 'registrar', secret: process.env.GRIDLEDGER_CA_ADMIN_PASSWORD ?? '' },
        },
      })),
      null,
      2,
    ),
  );
}

function ledgerFiles() {
  const peer = (org) => ({
    peerEndpoint: `peer0.${org.key}.gridledger.local:${org.peerPort}`,
    peerHostAlias: `peer0.${org.key}.gridledger.local`,
    peerTlsRootCert: `${FABRIC}/${org.key}.gridledger.local/peers/peer0.${org.key}.gridledger.local/tls/ca.crt`,
  });
  write(
    join(ROOT, 'ledger', 'organizations.json'),
    JSON.stringify(
      {
        organizations: ORGS.map((org) => ({
          mspId: org.mspId,
          ...peer(org),
          fallbackPeers: ORGS.filter((other) => other !== org).map(peer),
          // enrolled by enroll-ledger.sh at the organisation's CA
          serviceCert: join(ROOT, 'ledger', 'fabric', org.key, 'cert.pem'),
          serviceKey: join(ROOT, 'ledger', 'fabric', org.key, 'key.pem'),
        })),
      },
      null,
      2,
    ),
  );
}

/** The services run as uid 1000 and must read their files; nobody else on the volume needs to. */
function handOver(dir) {
  chownSync(dir, SERVICE_UID, SERVICE_UID);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) handOver(path);
    else chownSync(path, SERVICE_UID, SERVICE_UID);
  }
}

if (!process.env.GRIDLEDGER_CA_ADMIN_PASSWORD) throw new Error('GRIDLEDGER_CA_ADMIN_PASSWORD is not set (.env)');
await tlsFiles();
serviceKeys();
identityFiles();
ledgerFiles();
handOver(ROOT);
console.log('platform files ready');
