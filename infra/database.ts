import { databaseConnection, databaseName, type ServiceName, serviceRoles } from "@orders/settings";
import { vpc } from "./network";
import { proxyPool } from "./src/connection-budget";
import { serviceCredentialsGeneration, servicePasswordLength } from "./src/credentials";
import { localDevDatabaseFor, localDevServicePasswordsFor } from "./src/dev-database";
import { proxyAssumeRolePolicy, proxySecretsPolicy } from "./src/iam-policies";
import { namePrefix, physicalName } from "./src/naming";
import { reportingReadEndpoint } from "./src/stage-profile";
import { profile } from "./stage";

const services = Object.keys(serviceRoles) as ServiceName[];

/** `sst dev` runs functions on your machine against this database instead of Aurora. */
export const localDatabase = localDevDatabaseFor(process.env, { dev: $dev, root: $cli.paths.root });

/** The service roles' passwords `npm run dev:db` generated, for the functions' URLs under `sst dev`. */
export const localServicePasswords = localDevServicePasswordsFor(process.env, {
  dev: $dev,
  root: $cli.paths.root,
});

/**
 * One Secrets Manager secret per service user ({username, password}): RDS Proxy logs in to PostgreSQL with
 * it, the migrator sets the role's password from it. Functions never read it: they present IAM tokens.
 */
export const serviceSecrets = $dev
  ? undefined
  : (Object.fromEntries(
      services.map((service) => {
        const role = serviceRoles[service];
        const password = new random.RandomPassword(`DbPassword_${service}`, {
          length: servicePasswordLength,
          special: false,
          keepers: { generation: String(serviceCredentialsGeneration) },
        });
        const secret = new aws.secretsmanager.Secret(`DbSecret_${service}`, {
          namePrefix: namePrefix($app.name, $app.stage, `db-${service}`),
          description: `RDS Proxy credentials of the ${role} database role`,
          recoveryWindowInDays: profile.production ? 7 : 0,
        });
        const version = new aws.secretsmanager.SecretVersion(`DbSecretVersion_${service}`, {
          secretId: secret.id,
          secretString: $jsonStringify({ username: role, password: password.result }),
        });
        return [service, { secret, version }];
      }),
    ) as Record<
      ServiceName,
      { secret: aws.secretsmanager.Secret; version: aws.secretsmanager.SecretVersion }
    >);

const serviceSecretArns = serviceSecrets
  ? $resolve({
      api: serviceSecrets.api.secret.arn,
      worker: serviceSecrets.worker.secret.arn,
      reporting: serviceSecrets.reporting.secret.arn,
      reportingHttp: serviceSecrets.reportingHttp.secret.arn,
    })
  : undefined;

/** The proxy's own role: reads exactly the service secrets (SST's default role would read the master's). */
const proxyRole = serviceSecretArns
  ? new aws.iam.Role("DatabaseProxyServiceRole", {
      assumeRolePolicy: JSON.stringify(proxyAssumeRolePolicy),
      inlinePolicies: [
        {
          name: "service-secrets",
          policy: serviceSecretArns.apply((arns) => JSON.stringify(proxySecretsPolicy(arns))),
        },
      ],
    })
  : undefined;

// SST creates the proxy's default target group without a transform hook; a global transform is the
// supported way to reach it. Registered before the Aurora component so it applies to its target group.
$transform(aws.rds.ProxyDefaultTargetGroup, (args) => {
  args.connectionPoolConfig = {
    maxConnectionsPercent: proxyPool.maxConnectionsPercent,
    maxIdleConnectionsPercent: profile.aurora.proxyMaxIdleConnectionsPercent,
    connectionBorrowTimeout: proxyPool.connectionBorrowTimeoutSeconds,
  };
});

/**
 * Aurora PostgreSQL 17, Serverless v2, behind RDS Proxy. SST's component wires the proxy with password
 * (SECRETS) auth for the master user only; the transforms below turn that into IAM auth per service user at
 * the proxy: IAM required, TLS required, one auth entry per service secret. IAM database authentication
 * stays off on the cluster: clients use IAM only to the proxy, the proxy logs in with the secrets, and the
 * migrator with the master password. AWS's proxy guide says to leave it off then, and on Serverless v2 it
 * costs memory ("Connecting to a database through RDS Proxy", IAM authentication,
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-connecting.html).
 */
export const database = new sst.aws.Aurora("Database", {
  engine: "postgres",
  version: "17",
  database: databaseName,
  scaling: { min: `${profile.aurora.minAcu} ACU`, max: `${profile.aurora.maxAcu} ACU` },
  replicas: profile.aurora.replicas,
  proxy: true,
  // Under `sst dev` there is no VPC and the component creates nothing but the local connection.
  vpc: vpc ?? { subnets: [], securityGroups: [] },
  dev: localDatabase,
  transform: {
    cluster: (args) => {
      args.iamDatabaseAuthenticationEnabled = false;
      args.deletionProtection = profile.aurora.deletionProtection;
      args.backupRetentionPeriod = profile.aurora.backupRetentionDays;
      args.copyTagsToSnapshot = true;
      if (profile.production) {
        args.skipFinalSnapshot = false;
        args.finalSnapshotIdentifier = physicalName($app.name, $app.stage, "final");
      }
    },
    proxy: (args) => {
      if (!serviceSecrets || !proxyRole) return;
      args.requireTls = true;
      args.idleClientTimeout = databaseConnection.proxyIdleClientTimeoutSeconds;
      args.roleArn = proxyRole.arn;
      args.auths = services.map((service) => ({
        authScheme: "SECRETS",
        iamAuth: "REQUIRED",
        secretArn: serviceSecrets[service].secret.arn,
        description: `${serviceRoles[service]}: IAM auth required`,
      }));
    },
  },
});

const cluster = database.nodes.cluster;

/** The proxy SST created, looked up by the id SST tags the cluster with (the component keeps it private). */
const proxy =
  $dev || !cluster
    ? undefined
    : aws.rds.getProxyOutput({
        name: cluster.tags.apply((tags) => {
          const id = tags?.["sst:ref:proxy"];
          if (!id) throw new Error("the Aurora component did not tag its cluster with its proxy");
          return id;
        }),
      });

/**
 * Read-only proxy endpoint (reader instances) for the reporting reads, on stages that keep a reader
 * (`reportingReadEndpoint` in the stage profile; without one, reporting reads through the proxy's default
 * endpoint and the stage saves the reader's idle floor). AWS refuses a READ_ONLY endpoint
 * while the proxy's target has no reader ("Working with Amazon RDS Proxy endpoints",
 * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/rds-proxy-endpoints.html), so it waits for
 * the whole Aurora component: a dependency on a component covers its children, which include the proxy's
 * target registration (`DatabaseProxyTarget`) and the reader (`DatabaseReplica0`). Those children are
 * registered before the cluster exists, and this endpoint's inputs wait for the cluster, so the set of
 * children is complete when Pulumi expands the dependency.
 */
const readOnlyEndpoint =
  vpc && proxy && reportingReadEndpoint(profile) === "read-only"
    ? new aws.rds.ProxyEndpoint(
        "DatabaseProxyReadOnly",
        {
          dbProxyName: proxy.name,
          dbProxyEndpointName: physicalName($app.name, $app.stage, "read-only"),
          targetRole: "READ_ONLY",
          vpcSubnetIds: vpc.privateSubnets,
          vpcSecurityGroupIds: vpc.securityGroups,
        },
        { dependsOn: [database] },
      )
    : undefined;

/** Everything the function modules need to reach the database in AWS; undefined under `sst dev`. */
export const cloudDatabase =
  cluster && proxy && serviceSecrets && serviceSecretArns
    ? {
        proxyArn: proxy.arn,
        proxyName: proxy.name,
        writerHost: proxy.endpoint,
        /** Where the reporting dashboard reads: the read-only endpoint, or the default one without a reader. */
        readerHost: readOnlyEndpoint ? readOnlyEndpoint.endpoint : proxy.endpoint,
        port: 5432,
        database: databaseName,
        clusterEndpoint: cluster.endpoint,
        instance: database.nodes.instance,
        masterSecretArn: database.secretArn,
        serviceSecrets,
        serviceSecretArns,
      }
    : undefined;
