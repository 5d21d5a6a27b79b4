/** Parts of an RDS Proxy ARN: `arn:<partition>:rds:<region>:<account>:db-proxy:<prx-…>`. */
export interface ProxyArnParts {
  partition: string;
  region: string;
  accountId: string;
  /** The proxy's resource id (`prx-…`): what IAM database auth names, not the proxy's name. */
  resourceId: string;
}

const PROXY_ARN = /^arn:(aws[a-z-]*):rds:([a-z0-9-]+):(\d{12}):db-proxy:(prx-[a-z0-9]+)$/;

/** Splits a proxy ARN; throws on anything else (a cluster ARN here would grant nothing, silently). */
export function parseProxyArn(arn: string): ProxyArnParts {
  const match = PROXY_ARN.exec(arn);
  if (!match) throw new Error(`not an RDS Proxy ARN: ${arn}`);
  const [, partition, region, accountId, resourceId] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { partition, region, accountId, resourceId };
}

const DB_USER = /^[a-z_][a-z0-9_]*$/;

/**
 * The resource of `rds-db:connect` for one database user through one proxy:
 * `arn:aws:rds-db:<region>:<account>:dbuser:<prx-…>/<user>`. Valid for every endpoint of the proxy (the
 * default read/write one and the read-only one share the proxy's resource id).
 *
 * @example dbUserArn("arn:aws:rds:eu-west-1:123456789012:db-proxy:prx-0abc", "orders_api")
 * // "arn:aws:rds-db:eu-west-1:123456789012:dbuser:prx-0abc/orders_api"
 */
export function dbUserArn(proxyArn: string, user: string): string {
  if (!DB_USER.test(user)) throw new Error(`not a plain database user name: ${user}`);
  const { partition, region, accountId, resourceId } = parseProxyArn(proxyArn);
  return `arn:${partition}:rds-db:${region}:${accountId}:dbuser:${resourceId}/${user}`;
}
