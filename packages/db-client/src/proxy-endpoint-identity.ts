import { checkServerIdentity, type PeerCertificate } from "node:tls";

/**
 * A custom RDS Proxy endpoint's host name: `<endpoint>.endpoint.proxy-<id>.<region>.rds.amazonaws.com`
 * (`.com.cn` in the China regions). The default endpoint of the same proxy is
 * `<proxy>.proxy-<id>.<region>.rds.amazonaws.com`; group 1 is the domain both share after the first label.
 */
const customProxyEndpoint =
  /^[a-z][a-z0-9-]{0,62}\.endpoint\.(proxy-[a-z0-9]+\.[a-z]{2}(?:-[a-z]+)+-\d+\.rds\.amazonaws\.com(?:\.cn)?)$/;

/**
 * The proxy's default endpoint domain (`proxy-<id>.<region>.rds.amazonaws.com`) when `host` is one of its
 * custom endpoints; undefined for any other host.
 */
export function proxyDefaultDomain(host: string): string | undefined {
  return customProxyEndpoint.exec(host.toLowerCase())?.[1];
}

/**
 * Host name check for connections to RDS Proxy, for `tls.connect`'s `checkServerIdentity` (Node calls it
 * only once the chain has verified against the trusted authorities).
 *
 * AWS's documentation has read two ways on custom endpoints (the reporting reads go through a read-only
 * one): older versions of the TLS section of "Connecting to a database through RDS Proxy"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-connecting.html) and of "Working
 * with Amazon RDS Proxy endpoints" (rds-proxy-endpoints.html) say `VERIFY_IDENTITY` works only on the
 * proxy's default endpoint, whose certificate is the wildcard `*.proxy-<id>.<region>.rds.amazonaws.com`,
 * which by RFC 6125 does not cover the extra `.endpoint.` label of a custom endpoint; later versions say
 * the wildcard certificate covers its subdomains. This check holds under both: it accepts a certificate valid
 * for `host` by Node's own rules, and, only when `host` is a custom endpoint, a certificate that names
 * exactly the wildcard of that same proxy's default domain (same proxy id, same region). Nothing else
 * passes: not another proxy's wildcard, not a broader wildcard, not a name that merely ends in it.
 * docs/deploy.md gives the query that tells, after a deploy, which reading the proxy follows.
 */
export function checkProxyEndpointIdentity(host: string, cert: PeerCertificate): Error | undefined {
  const standard = checkServerIdentity(host, cert);
  if (!standard) return undefined;
  const domain = proxyDefaultDomain(host);
  if (domain && dnsNames(cert).includes(`*.${domain}`)) return undefined;
  return standard;
}

/** The DNS names of a certificate's subject alternative names, lower-cased (quoted entries skipped). */
function dnsNames(cert: PeerCertificate): string[] {
  return (cert.subjectaltname ?? "")
    .split(", ")
    .filter((entry) => entry.startsWith("DNS:") && !entry.startsWith('DNS:"'))
    .map((entry) => entry.slice("DNS:".length).toLowerCase());
}
