/** How to call the token command. */
export const tokenCommandUsage = "usage: npm run -s token -- --sub <customer id> [--staff]";

/**
 * A subject the token command accepts: what the API accepts as a customer id (1 to 64 characters), visible
 * ASCII so that it is also a sign-in name.
 */
export function validSubject(subject: string): boolean {
  return /^[\x21-\x7e]{1,64}$/.test(subject);
}
