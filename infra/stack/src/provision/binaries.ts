import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';
import { KUBO_MODULE } from '../config/versions.ts';
import { runCommand } from '../process/run-command.ts';
import { step } from '../terminal/progress.ts';
import { gccPrerequisite, goPrerequisite, javaPrerequisite, mavenPrerequisite, requirePrerequisites } from './prerequisites.ts';

const FABRIC_COMMANDS = ['peer', 'orderer', 'osnadmin', 'configtxgen', 'cryptogen'];
const FABRIC_CA_COMMANDS = ['fabric-ca-server', 'fabric-ca-client'];

export interface BinaryLayout {
  fabricBin: string;
  /** core.yaml, orderer.yaml and configtx.yaml shipped with the Fabric sources */
  fabricSampleConfig: string;
  fabricCaBin: string;
  kuboBin: string;
  kafkaLibs: string;
  externalBuilder: string;
}

export function binaryLayout(config: StackConfig): BinaryLayout {
  const { bin, repo } = config.paths;
  const fabricBin = join(bin, `fabric-${config.versions.fabric}`);
  return {
    fabricBin,
    fabricSampleConfig: join(fabricBin, 'sampleconfig'),
    fabricCaBin: join(bin, `fabric-ca-${config.versions.fabricCa}`),
    kuboBin: join(bin, `kubo-${config.versions.kubo}`),
    kafkaLibs: join(bin, `kafka-${config.versions.kafka}`),
    externalBuilder: join(repo, 'infra', 'stack', 'external-builder'),
  };
}

const complete = (dir: string, files: string[]): boolean => files.every((f) => existsSync(join(dir, f)));

/** Builds into a scratch directory and renames it into place, so a killed build leaves no half cache. */
async function buildInto(target: string, build: (scratch: string) => Promise<void>): Promise<void> {
  const scratch = `${target}.partial`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  await build(scratch);
  rmSync(target, { recursive: true, force: true });
  renameSync(scratch, target);
}

async function goInstall(cwd: string, gobin: string, packages: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<void> {
  await runCommand('go', ['install', ...packages], {
    cwd,
    env: { ...process.env, GOBIN: gobin, GOFLAGS: '-mod=readonly', GOTOOLCHAIN: 'local', ...extraEnv },
    timeoutMs: 40 * 60_000,
  });
}

async function fabricSampleConfigDir(toolchainDir: string): Promise<string> {
  const { stdout } = await runCommand('go', ['list', '-m', '-f', '{{.Dir}}', 'github.com/hyperledger/fabric'], {
    cwd: toolchainDir,
    env: { ...process.env, GOFLAGS: '-mod=readonly' },
  });
  return join(stdout.trim(), 'sampleconfig');
}

/** Provisions every binary and jar that is missing; a warm cache costs a few file checks. */
export async function provisionBinaries(config: StackConfig): Promise<BinaryLayout> {
  const layout = binaryLayout(config);
  const toolchain = join(config.paths.repo, 'infra', 'toolchain');
  const { versions } = config;

  if (!complete(layout.fabricBin, [...FABRIC_COMMANDS, 'sampleconfig/core.yaml'])) {
    await requirePrerequisites([goPrerequisite]);
    await step(`Building Hyperledger Fabric ${versions.fabric} (${FABRIC_COMMANDS.join(', ')}) with go install`, () =>
      buildInto(layout.fabricBin, async (scratch) => {
        const dir = join(toolchain, 'fabric');
        // go.sum in the toolchain module pins every hash, so the checksum database is not consulted for Fabric
        await goInstall(dir, scratch, FABRIC_COMMANDS.map((c) => `github.com/hyperledger/fabric/cmd/${c}`), {
          GONOSUMDB: 'github.com/hyperledger/fabric',
        });
        cpSync(await fabricSampleConfigDir(dir), join(scratch, 'sampleconfig'), { recursive: true });
      }),
    );
  }

  if (!complete(layout.fabricCaBin, FABRIC_CA_COMMANDS)) {
    await requirePrerequisites([goPrerequisite, gccPrerequisite]);
    await step(`Building Hyperledger Fabric CA ${versions.fabricCa} with go install (cgo)`, () =>
      buildInto(layout.fabricCaBin, (scratch) =>
        goInstall(join(toolchain, 'fabric-ca'), scratch, FABRIC_CA_COMMANDS.map((c) => `github.com/hyperledger/fabric-ca/cmd/${c}`), { CGO_ENABLED: '1' }),
      ),
    );
  }

  if (!complete(layout.kuboBin, ['ipfs'])) {
    await requirePrerequisites([goPrerequisite]);
    await step(`Building IPFS Kubo ${versions.kubo} with go install`, () =>
      buildInto(layout.kuboBin, (scratch) =>
        // cockroachdb/swiss gates its runtime hooks to Go < 1.26 unless told the newer runtime is fine
        goInstall(config.paths.home, scratch, ['-tags', 'untested_go_version', `${KUBO_MODULE}@v${versions.kubo}`]),
      ),
    );
  }

  await requirePrerequisites([javaPrerequisite]);
  if (!complete(layout.kafkaLibs, [`kafka_2.13-${versions.kafka}.jar`])) {
    await requirePrerequisites([mavenPrerequisite]);
    await step(`Fetching Apache Kafka ${versions.kafka} jars from Maven Central`, () =>
      buildInto(layout.kafkaLibs, async (scratch) => {
        await runCommand('mvn', ['-q', '-B', '-f', join(config.paths.repo, 'infra', 'kafka', 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${scratch}`, `-Dkafka.version=${versions.kafka}`], {
          timeoutMs: 20 * 60_000,
        });
      }),
    );
  }
  return layout;
}
