/**
 * `npm run -s token -- --sub <customer> [--staff]`: one access token of the running local stack's OpenID
 * provider, alone on one line, for curl and scripts. Creates the user if needed (staff or not, as asked),
 * then signs in through the provider's own form, as a person would. IDENTITY_PORT finds the provider.
 */
import { parseArgs } from "node:util";
import {
  accountsFileFor,
  DEFAULT_IDENTITY_PORT,
  LOCAL_CLIENT_ID,
  LocalAccounts,
  localIssuer,
  signInWithPassword,
} from "@orders/local-identity";
import { tokenCommandUsage, validSubject } from "./token-args";

async function main(): Promise<number> {
  let values: { sub?: string; staff?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        sub: { type: "string" },
        staff: { type: "boolean", default: false },
        help: { type: "boolean" },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${tokenCommandUsage}`);
    return 2;
  }
  if (values.help) {
    console.log(tokenCommandUsage);
    return 0;
  }
  const subject = values.sub;
  if (!subject || !validSubject(subject)) {
    console.error(`--sub must be 1 to 64 visible ASCII characters.\n${tokenCommandUsage}`);
    return 2;
  }
  const port = Number(process.env.IDENTITY_PORT || DEFAULT_IDENTITY_PORT);
  const issuer = localIssuer(port);
  const accounts = new LocalAccounts(accountsFileFor(port));
  if ((await accounts.list()).length === 0) {
    console.error(
      `No local stack's OpenID provider on port ${port}: start one with \`npm start\` (IDENTITY_PORT moves it).`,
    );
    return 1;
  }
  const account = await accounts.ensure(subject, values.staff === true);
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
