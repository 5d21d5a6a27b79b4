import { tmpdir } from "node:os";
import { join } from "node:path";

/** Default port of the local OpenID provider under `npm start` (next to the API's 3000 and reporting's 3001). */
export const DEFAULT_IDENTITY_PORT = 3002;

/**
 * Where the local provider on `port` keeps its users: the token command, a separate process, finds the
 * running stack's provider by its port and adds users there. Under the OS temp dir, in a directory only
 * this user can enter (the file holds the demo passwords).
 */
export function accountsFileFor(port: number): string {
  const user = process.getuid?.() ?? "user";
  return join(tmpdir(), `serverless-orders-identity-${user}`, `${port}`, "accounts.json");
}

/** The issuer URL of the local provider on `port`, as it names itself in its tokens. */
export function localIssuer(port: number): string {
  return `http://localhost:${port}`;
}
