import { createHash } from "node:crypto";

/** The account and region every offline build pretends to deploy to (no real account is ever asked). */
export const syntheticAccount = {
  accountId: "123456789012",
  region: "eu-west-1",
  partition: "aws",
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
} as const;

/** A resource the program registered: its Pulumi type token, its name and its inputs as the program gave them. */
export interface SynthResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  /** The fake physical id and outputs the mocks answered (what other resources' inputs refer to). */
  id: string;
  outputs: Record<string, unknown>;
}

/** What Pulumi's `setMocks` takes (declared here: the runtime is loaded from SST's platform at run time). */
export interface PulumiMocks {
  newResource(args: { type: string; name: string; inputs: Record<string, unknown>; id?: string }): {
    id: string;
    state: Record<string, unknown>;
  };
  call(args: { token: string; inputs: Record<string, unknown> }): Record<string, unknown>;
}

const { accountId, region, partition } = syntheticAccount;

/** The proxy ARN `rds.getProxy` answers: the shape IAM database auth needs (`db-proxy:prx-…`). */
export const syntheticProxyArn = `arn:${partition}:rds:${region}:${accountId}:db-proxy:prx-0a1b2c3d4e5f60718`;

/**
 * Pulumi unit-test mocks for an SST stage: every resource is recorded and answered with its inputs plus
 * identifiers that look like AWS's (ARNs, URLs, endpoints), and the data sources the program reads are
 * answered from `syntheticAccount`. An unknown data source fails the build by name.
 */
export function stageMocks(resources: SynthResource[]): PulumiMocks {
  return {
    newResource({ type, name, inputs }) {
      const id = syntheticId(type, name);
      const outputs = { ...inputs, ...syntheticOutputs(type, name, id, inputs) };
      resources.push({ type, name, inputs, id, outputs });
      return { id, state: outputs };
    },
    call({ token, inputs }) {
      const answer = dataSources[token];
      if (!answer) throw new Error(`the offline stage build has no answer for the data source ${token}`);
      return answer(inputs);
    },
  };
}

const dataSources: Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>> = {
  "aws:index/getRegion:getRegion": () => ({
    id: region,
    name: region,
    region,
    description: "Europe (Ireland)",
    endpoint: `ec2.${region}.amazonaws.com`,
  }),
  "aws:index/getPartition:getPartition": () => ({
    id: partition,
    partition,
    dnsSuffix: "amazonaws.com",
    reverseDnsPrefix: "com.amazonaws",
  }),
  "aws:index/getCallerIdentity:getCallerIdentity": () => ({
    id: accountId,
    accountId,
    arn: `arn:${partition}:iam::${accountId}:user/offline`,
    userId: "AIDAOFFLINEOFFLINE",
  }),
  "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({
    id: region,
    names: [...syntheticAccount.availabilityZones],
    zoneIds: syntheticAccount.availabilityZones.map((_, i) => `euw1-az${i + 1}`),
    state: "available",
  }),
  "aws:ec2/getAmi:getAmi": () => ({
    id: "ami-0123456789abcdef0",
    architecture: "arm64",
    name: "offline-ami",
  }),
  // SST builds inline policies with getPolicyDocument and adds one only when the answer echoes its
  // statements: without them, every function's policy would silently vanish.
  "aws:iam/getPolicyDocument:getPolicyDocument": (inputs) => ({
    id: "policy",
    statements: inputs.statements ?? [],
    json: JSON.stringify(policyDocument(inputs)),
  }),
  "aws:rds/getProxy:getProxy": (inputs) => ({
    id: String(inputs.name),
    name: inputs.name,
    arn: syntheticProxyArn,
    endpoint: `${String(inputs.name)}.proxy-c0offline000.${region}.rds.amazonaws.com`,
    engineFamily: "POSTGRESQL",
    requireTls: true,
  }),
};

interface PolicyStatementInput {
  sid?: string;
  effect?: string;
  actions?: string[];
  resources?: string[];
  principals?: { type: string; identifiers: string[] }[];
  conditions?: { test: string; variable: string; values: string[] }[];
}

/** The JSON document `iam.getPolicyDocument` renders for its statements (the fields SST uses). */
export function policyDocument(inputs: Record<string, unknown>) {
  const statements = (inputs.statements ?? []) as PolicyStatementInput[];
  return {
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      ...(s.sid ? { Sid: s.sid } : {}),
      Effect: s.effect ?? "Allow",
      ...(s.actions ? { Action: s.actions } : {}),
      ...(s.resources ? { Resource: s.resources } : {}),
      ...(s.principals
        ? { Principal: Object.fromEntries(s.principals.map((p) => [p.type, p.identifiers])) }
        : {}),
      ...(s.conditions
        ? {
            Condition: Object.fromEntries(
              s.conditions.map((c) => [c.test, { [c.variable]: c.values }] as const),
            ),
          }
        : {}),
    })),
  };
}

function syntheticId(type: string, name: string): string {
  const kind = type.split(":")[2] ?? "resource";
  return `${kind.toLowerCase()}-${name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`.slice(0, 120);
}

/** Outputs AWS would compute (ARNs, URLs, endpoints), shaped like the real ones. */
function syntheticOutputs(
  type: string,
  name: string,
  id: string,
  inputs: Record<string, unknown>,
): Record<string, unknown> {
  const [provider, module] = type.split(":");
  const service = (module ?? "").split("/")[0] ?? "";
  const physical = typeof inputs.name === "string" ? inputs.name : `${name}-offline`;
  const common = {
    arn: `arn:${partition}:${provider === "aws" ? service : provider}:${region}:${accountId}:${name}`,
    name: physical,
    tags: inputs.tags ?? {},
    tagsAll: inputs.tags ?? {},
  };
  switch (type) {
    case "random:index/randomPassword:RandomPassword":
    case "random:index/randomString:RandomString":
      return { result: "generated-at-deploy" };
    case "random:index/randomBytes:RandomBytes":
      return { base64: "Z2VuZXJhdGVkLWF0LWRlcGxveQ==", hex: "00" };
    case "random:index/randomId:RandomId": {
      // Deterministic per name, the length the program asked for, like the provider's.
      const hex = createHash("sha256")
        .update(name)
        .digest("hex")
        .slice(0, 2 * Number(inputs.byteLength ?? 8));
      const bytes = Buffer.from(hex, "hex");
      return {
        hex,
        dec: BigInt(`0x${hex}`).toString(),
        b64Std: bytes.toString("base64"),
        b64Url: bytes.toString("base64url"),
      };
    }
    case "aws:iam/role:Role":
      return { ...common, arn: `arn:${partition}:iam::${accountId}:role/${physical}` };
    case "aws:secretsmanager/secret:Secret":
      return {
        ...common,
        arn: `arn:${partition}:secretsmanager:${region}:${accountId}:secret:${name}-Offl1n`,
      };
    case "aws:sqs/queue:Queue":
      return {
        ...common,
        arn: `arn:${partition}:sqs:${region}:${accountId}:${physical}`,
        url: `https://sqs.${region}.amazonaws.com/${accountId}/${physical}`,
      };
    case "aws:lambda/function:Function":
      return {
        ...common,
        arn: `arn:${partition}:lambda:${region}:${accountId}:function:${physical}`,
        invokeArn: `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/arn:${partition}:lambda:${region}:${accountId}:function:${physical}/invocations`,
        qualifiedArn: `arn:${partition}:lambda:${region}:${accountId}:function:${physical}:1`,
      };
    case "aws:apigatewayv2/api:Api":
      return {
        ...common,
        apiEndpoint: `https://${id}.execute-api.${region}.amazonaws.com`,
        executionArn: `arn:${partition}:execute-api:${region}:${accountId}:${id}`,
      };
    case "aws:cognito/userPool:UserPool":
      return { ...common, endpoint: `cognito-idp.${region}.amazonaws.com/${id}` };
    case "aws:rds/cluster:Cluster":
      return {
        ...common,
        endpoint: `${physical}.cluster-c0offline000.${region}.rds.amazonaws.com`,
        readerEndpoint: `${physical}.cluster-ro-c0offline000.${region}.rds.amazonaws.com`,
        port: 5432,
        masterUserSecrets: [
          { secretArn: `arn:${partition}:secretsmanager:${region}:${accountId}:secret:rds!cluster-offline` },
        ],
      };
    case "aws:rds/proxyEndpoint:ProxyEndpoint":
      return {
        ...common,
        endpoint: `${String(inputs.dbProxyEndpointName)}.endpoint.proxy-c0offline000.${region}.rds.amazonaws.com`,
      };
    case "aws:secretsmanager/secretVersion:SecretVersion":
      return { ...common, versionId: `version-${name}` };
    default:
      return common;
  }
}
