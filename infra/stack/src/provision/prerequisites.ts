import { runCommand } from '../process/run-command.ts';
import { StackError } from '../terminal/stack-error.ts';

/** Parses "go version go1.26.8 linux/amd64" and friends into [major, minor]. */
export function parseVersion(text: string, pattern: RegExp): [number, number] | undefined {
  const match = pattern.exec(text);
  if (!match?.[1]) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0)];
}

export function atLeast(found: [number, number], wanted: [number, number]): boolean {
  return found[0] > wanted[0] || (found[0] === wanted[0] && found[1] >= wanted[1]);
}

async function output(command: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await runCommand(command, args, { timeoutMs: 20_000 });
    return `${stdout}\n${stderr}`;
  } catch {
    return undefined;
  }
}

export interface Prerequisite {
  name: string;
  check: () => Promise<string | undefined>;
}

/** Go builds Fabric, Fabric CA and Kubo; only needed while a binary is missing. */
export const goPrerequisite: Prerequisite = {
  name: 'go',
  check: async () => {
    const text = await output('go', ['version']);
    if (!text) return 'Go 1.26 or newer is needed to build Fabric, Fabric CA and Kubo, and `go` is not on PATH: install Go 1.26+ (or use docker compose up).';
    const version = parseVersion(text, /go(\d+)\.(\d+)/);
    if (!version || !atLeast(version, [1, 26])) return `Go 1.26 or newer is needed to build Fabric and Kubo; found ${text.trim().split('\n')[0]}: upgrade Go.`;
    return undefined;
  },
};

/** Fabric CA uses cgo (sqlite), so it needs a C compiler. */
export const gccPrerequisite: Prerequisite = {
  name: 'gcc',
  check: async () => ((await output('gcc', ['--version'])) ? undefined : 'gcc is needed to build Fabric CA (cgo): install gcc (Debian: apt-get install gcc).'),
};

export const javaPrerequisite: Prerequisite = {
  name: 'java',
  check: async () => {
    const text = await output('java', ['-version']);
    if (!text) return 'Java 17 or newer is needed to run Kafka, and `java` is not on PATH: install a JDK 17+ (Debian: apt-get install openjdk-17-jdk-headless).';
    const version = parseVersion(text, /version "(\d+)(?:\.(\d+))?/);
    if (!version || version[0] < 17) return `Java 17 or newer is needed to run Kafka; found ${text.trim().split('\n')[0]}: install a JDK 17+.`;
    return undefined;
  },
};

export const mavenPrerequisite: Prerequisite = {
  name: 'mvn',
  check: async () => ((await output('mvn', ['--version'])) ? undefined : 'Maven is needed once, to fetch the Kafka jars, and `mvn` is not on PATH: install Maven (Debian: apt-get install maven).'),
};

export async function requirePrerequisites(needed: readonly Prerequisite[]): Promise<void> {
  for (const prerequisite of needed) {
    const problem = await prerequisite.check();
    if (problem) throw new StackError(problem);
  }
}
