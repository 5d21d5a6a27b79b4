import { tmpdir } from "node:os";
import { join } from "node:path";
import { currentUid, ensurePrivateDirectorySync } from "@orders/local-postgres/private-paths";

/** Default port of the local OpenID provider under `npm start` (next to the API's 3000 and reporting's 3001). */
export const DEFAULT_IDENTITY_PORT = 3002;

/**
 * Where the local provider on `port` keeps its users: the token command, a separate process, finds the
 * running stack's provider by its port and adds users there. Under the OS temp dir, in a directory of this
 * user's that only it can enter (the file holds the demo passwords). The name is predictable, so another
 * user may have created it first: it is created 0700 here and refused unless it is a real directory of this
 * user's with mode 0700. `folder` replaces the OS temp dir (tests).
 */
export function accountsFileFor(port: number, folder: string = tmpdir()): string {
  const own = ensurePrivateDirectorySync(join(folder, `serverless-orders-identity-${currentUid()}`));
  return join(own, `${port}`, "accounts.json");
}

/** The issuer URL of the local provider on `port`, as it names itself in its tokens. */
export function localIssuer(port: number): string {
  return `http://localhost:${port}`;
}
