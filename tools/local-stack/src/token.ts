/**
 * `npm run -s token -- --sub <customer> [--staff]`: one access token of the running local stack's OpenID
 * provider, alone on one line, for curl and scripts. Creates the user if needed (staff or not, as asked),
 * then signs in through the provider's own form, as a person would. IDENTITY_PORT finds the provider.
 */
import { parseOrExit } from "@orders/cli-args";
import {
  accountsFileFor,
  DEFAULT_IDENTITY_PORT,
  LOCAL_CLIENT_ID,
  LocalAccounts,
  localIssuer,
  signInWithPassword,
} from "@orders/local-identity";
import { tokenArgs, tokenCommand } from "./token-args";

async function main(): Promise<number> {
  const { subject, staff } = parseOrExit(tokenCommand, process.argv.slice(2), tokenArgs);
  const port = Number(process.env.IDENTITY_PORT || DEFAULT_IDENTITY_PORT);
  const issuer = localIssuer(port);
  const accounts = new LocalAccounts(accountsFileFor(port));
  if ((await accounts.list()).length === 0) {
    console.error(
      `No local stack's OpenID provider on port ${port}: start one with \`npm start\` (IDENTITY_PORT moves it).`,
    );
    return 1;
  }
  const account = await accounts.ensure(subject, staff);
  try {
    const { accessToken } = await signInWithPassword({
      issuer,
      clientId: LOCAL_CLIENT_ID,
      username: subject,
      password: account.password,
    });
    process.stdout.write(`${accessToken}\n`);
    return 0;
  } catch (error) {
    console.error(`Could not sign in at ${issuer}: ${(error as Error).message}. Is \`npm start\` running?`);
    return 1;
  }
}

process.exitCode = await main();
