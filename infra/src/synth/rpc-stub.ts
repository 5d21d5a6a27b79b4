import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { syntheticAccount } from "./mocks";

/** One RPC call a component made to the CLI, kept so tests can see what the CLI would have been asked. */
export interface RpcCall {
  method: string;
  args: unknown;
}

/**
 * Plays the CLI's side of the components' RPC calls: `Runtime.Build` gets an empty bundle directory (the
 * function's code is never built: only its resource is), `Provider.Aws.Bootstrap` names an asset bucket,
 * and the `sst dev` calls are acknowledged. Any other method fails the build by name, so an SST upgrade that
 * adds a call is seen at once.
 */
export function rpcStub(workDir: string, calls: RpcCall[]) {
  return async (method: string, args: unknown): Promise<unknown> => {
    calls.push({ method, args });
    switch (method) {
      case "Runtime.Build": {
        const input = args as { functionID?: string; handler: string };
        const out = join(workDir, "build", String(input.functionID ?? calls.length));
        mkdirSync(out, { recursive: true });
        writeFileSync(join(out, "index.mjs"), "// not built offline\n");
        return { handler: input.handler, out, errors: [], sourcemaps: [] };
      }
      case "Provider.Aws.Bootstrap": {
        const { region, accountId } = syntheticAccount;
        return {
          asset: `sst-asset-offline-${region}`,
          assetEcrRegistryId: accountId,
          assetEcrUrl: `${accountId}.dkr.ecr.${region}.amazonaws.com/sst-asset`,
          state: `sst-state-offline-${region}`,
          appsyncHttp: `offline.appsync-api.${region}.amazonaws.com`,
          appsyncRealtime: `offline.appsync-realtime-api.${region}.amazonaws.com`,
        };
      }
      case "Provider.Aws.Appsync":
        return {
          http: `offline.appsync-api.${syntheticAccount.region}.amazonaws.com`,
          realtime: `offline.appsync-realtime-api.${syntheticAccount.region}.amazonaws.com`,
        };
      case "Runtime.AddTarget":
        return {};
      default:
        throw new Error(`the offline stage build has no answer for the CLI call ${method}`);
    }
  };
}
