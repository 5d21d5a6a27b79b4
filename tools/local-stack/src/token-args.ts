import { type CommandLine, UsageError } from "@orders/cli-args";

/** How to call the token command. */
export const tokenCommand = {
  name: "npm run token",
  usage: `Usage: npm run -s token -- --sub <customer id> [--staff]
Prints one access token of the running local stack's OpenID provider, alone on one line, for curl and scripts.
Creates the user if needed, then signs in through the provider's own form.
  --sub        the customer id to sign in as: 1 to 64 visible ASCII characters (required)
  --staff      the user is staff (a member of the staff group)
  -h, --help   this text
Environment: IDENTITY_PORT finds the provider (the port \`npm start\` was given).`,
  options: {
    sub: { type: "string" },
    staff: { type: "boolean" },
  },
} as const;

/** The token command's options from its parsed command line; a missing or invalid subject is refused. */
export function tokenArgs({ values }: CommandLine<typeof tokenCommand.options>): {
  subject: string;
  staff: boolean;
} {
  if (values.sub === undefined) throw new UsageError("--sub is required");
  if (!validSubject(values.sub)) {
    throw new UsageError(`--sub must be 1 to 64 visible ASCII characters, got ${JSON.stringify(values.sub)}`);
  }
  return { subject: values.sub, staff: values.staff ?? false };
}

/**
 * A subject the token command accepts: what the API accepts as a customer id (1 to 64 characters), visible
 * ASCII so that it is also a sign-in name.
 */
export function validSubject(subject: string): boolean {
  return /^[\x21-\x7e]{1,64}$/.test(subject);
}
