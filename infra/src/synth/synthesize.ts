import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleProgram, rpcStubGlobal } from "./bundle";
import { type SynthResource, stageMocks, syntheticAccount } from "./mocks";
import { assertPlatform, type PlatformPaths, platformPaths } from "./platform";
import { type RpcCall, rpcStub } from "./rpc-stub";

export interface SynthOptions {
  stage: string;
  /** `sst dev` mode: functions run on the developer's machine, `$dev` is true. */
  dev?: boolean;
  paths?: PlatformPaths;
}

/** What a stage would create, and what the program asked of the CLI and returned as outputs. */
export interface StageSynth {
  stage: string;
  dev: boolean;
  account: typeof syntheticAccount;
  resources: SynthResource[];
  rpcCalls: RpcCall[];
  outputs: Record<string, unknown>;
}

/**
 * A personal stage registers about 160 resources; far fewer means a component stopped registering its
 * children under the mocks (an SST upgrade changed something the harness relies on), not a smaller stage.
 */
/**
 * How long a build may take before it counts as stuck. A stage builds in seconds; an output that never
 * resolves (a mock without a field the program reads, a rejected input) leaves Pulumi waiting forever.
 */
export const stallSeconds = Number(process.env.SYNTH_STALL_SECONDS ?? 90);

export const minimumResources = { deployed: 100, dev: 30 } as const;

interface PulumiRuntime {
  runtime: {
    setMocks(mocks: unknown, project: string, stack: string, preview: boolean): Promise<void>;
    runInPulumiStack(init: () => Promise<unknown>): Promise<Record<string, unknown> | undefined>;
    disconnect(): Promise<void>;
  };
}

interface Program {
  run(program: () => Promise<unknown>): Promise<Record<string, unknown>>;
  config: {
    app(input: { stage: string }): Promise<Record<string, unknown>> | Record<string, unknown>;
    run(): Promise<unknown>;
  };
}

/**
 * Runs `run()` of sst.config.ts for one stage under Pulumi's unit-test mocks: no account, no provider
 * plugin, no network, no port. SST's run changes the working directory and keeps module state, so a process
 * builds one stage. A throw inside an `.apply()` surfaces only as an unhandled rejection: any of them fails
 * the build.
 */
export async function synthesizeStage(options: SynthOptions): Promise<StageSynth> {
  const paths = options.paths ?? platformPaths();
  const dev = options.dev ?? false;
  const globals = globalThis as Record<string, unknown>;
  if (globals.$app) throw new Error("one stage per process: this process already built a stage");
  assertPlatform(paths);

  const work = mkdtempSync(join(tmpdir(), "orders-synth-"));
  // A throw inside an `.apply()` leaves the outputs that wait on it pending forever: fail at the first one.
  const rejections: unknown[] = [];
  let failBuild: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    failBuild = reject;
  });
  failed.catch(() => undefined);
  const onRejection = (reason: unknown) => {
    rejections.push(reason);
    failBuild(
      new AggregateError(
        rejections,
        `building stage ${options.stage} failed inside an output callback: ${messageOf(reason)}`,
      ),
    );
  };
  process.on("unhandledRejection", onRejection);
  const cwd = process.cwd();
  try {
    const outfile = join(work, "program.mjs");
    await bundleProgram(paths, outfile);
    const pulumi = createRequire(join(paths.platform, "package.json"))("@pulumi/pulumi") as PulumiRuntime;
    const program = (await import(pathToFileURL(outfile).href)) as Program;
    const app = await program.config.app({ stage: options.stage });
    globals.$app = { ...app, stage: options.stage };
    globals.$dev = dev;
    globals.$cli = {
      command: dev ? "dev" : "deploy",
      rpc: "offline",
      paths: { home: join(work, "home"), root: paths.root, work, platform: paths.platform },
      state: { version: {} },
    };
    const rpcCalls: RpcCall[] = [];
    globals[rpcStubGlobal] = rpcStub(work, rpcCalls);
    const resources: SynthResource[] = [];
    await pulumi.runtime.setMocks(stageMocks(resources), String(app.name), options.stage, false);
    const outputs = await settles(
      (async () => {
        const result = await pulumi.runtime.runInPulumiStack(() => program.run(program.config.run));
        // Resources registered inside `.apply()` callbacks land after the program returns: drain them.
        await pulumi.runtime.disconnect();
        return result;
      })(),
      failed,
      options.stage,
    );
    await new Promise((resolve) => setImmediate(resolve));
    if (rejections.length > 0) {
      throw new AggregateError(
        rejections,
        `building stage ${options.stage} failed inside an output callback: ${rejections.map(messageOf).join("; ")}`,
      );
    }
    const minimum = dev ? minimumResources.dev : minimumResources.deployed;
    if (resources.length < minimum) {
      throw new Error(
        `stage ${options.stage} registered ${resources.length} resources, fewer than ${minimum}: the components no longer register under the mocks (SST upgrade?)`,
      );
    }
    return {
      stage: options.stage,
      dev,
      account: syntheticAccount,
      resources,
      rpcCalls,
      outputs: outputs ?? {},
    };
  } finally {
    process.off("unhandledRejection", onRejection);
    process.chdir(cwd);
    rmSync(work, { recursive: true, force: true });
  }
}

/** The build's result; or the first rejection inside it; or, when it stalls, a failure naming the stage. */
async function settles<T>(build: Promise<T>, failed: Promise<never>, stage: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        new Error(
          `building stage ${stage} did not settle within ${stallSeconds} s: an output never resolved (run with PULUMI_DEBUG_PROMISE_LEAKS=1)`,
        ),
      );
    }, stallSeconds * 1000);
  });
  try {
    return await Promise.race([build, failed, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
