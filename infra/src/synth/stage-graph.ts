import type { SynthResource } from "./mocks";
import type { StageSynth } from "./synthesize";

/** Pulumi type tokens the queries below read. */
export const types = {
  function: "aws:lambda/function:Function",
  functionUrl: "aws:lambda/functionUrl:FunctionUrl",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  api: "aws:apigatewayv2/api:Api",
  route: "aws:apigatewayv2/route:Route",
  authorizer: "aws:apigatewayv2/authorizer:Authorizer",
  userPool: "aws:cognito/userPool:UserPool",
  userPoolClient: "aws:cognito/userPoolClient:UserPoolClient",
  queue: "aws:sqs/queue:Queue",
  eventSourceMapping: "aws:lambda/eventSourceMapping:EventSourceMapping",
  proxy: "aws:rds/proxy:Proxy",
  secret: "aws:secretsmanager/secret:Secret",
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  eip: "aws:ec2/eip:Eip",
  natGateway: "aws:ec2/natGateway:NatGateway",
  instance: "aws:ec2/instance:Instance",
  securityGroup: "aws:ec2/securityGroup:SecurityGroup",
  defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  dashboard: "aws:cloudwatch/dashboard:Dashboard",
  schedule: "aws:scheduler/schedule:Schedule",
  eventInvokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
} as const;

/** One statement of an IAM policy document as AWS reads it (Action and Resource may be a string or a list). */
export interface Statement {
  Effect: string;
  Action: string[];
  Resource: string[];
}

/** A Lambda function with what it runs as and where. */
export interface DeployedFunction {
  resource: SynthResource;
  /** SST's logical name of the function resource (`ApiFunctionFunction`, `OrdersSubscriber…Function`). */
  name: string;
  /** The code's handler (`apps/api/src/handlers/lambda.handler`), also under `sst dev`, where the bridge runs. */
  handler: string;
  timeoutSeconds: number;
  environment: Record<string, string>;
  vpc: { subnetIds: string[]; securityGroupIds: string[] } | undefined;
  role: SynthResource | undefined;
  /** Every statement of the role's inline policies and of policies attached to it. */
  statements: Statement[];
}

/** A function's build as SST hands it to the CLI. */
export interface FunctionBuild {
  functionID: string;
  handler: string;
  copyFiles: { from: string; to: string; isDir: boolean }[];
}

/** A rule that admits traffic into a security group, wherever it is declared. */
export interface IngressRule {
  resource: SynthResource;
  cidrs: string[];
  protocol: string;
  fromPort: number | undefined;
  toPort: number | undefined;
}

/** An HTTP API with its routes and authorizers. */
export interface GatewayApi {
  resource: SynthResource;
  routes: {
    routeKey: string;
    authorizationType: string;
    authorizerId: string | undefined;
    /** Scopes the route requires of a token (none: any token the authorizer accepts). */
    authorizationScopes: string[];
  }[];
  authorizers: SynthResource[];
}

/**
 * Queries over the resources one stage registered, for tests and the synth report: every reference between
 * resources (a role ARN, an authorizer id, a queue ARN) is followed through the ids and outputs the mocks
 * answered, so an assertion reads like the contract it checks.
 */
export class StageGraph {
  readonly resources: SynthResource[];

  constructor(readonly synth: StageSynth) {
    this.resources = synth.resources;
  }

  ofType(type: string): SynthResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The one resource of a type and name; throws (listing what exists) when there is none or several. */
  one(type: string, name: string): SynthResource {
    const found = this.ofType(type).filter((r) => r.name === name);
    if (found.length !== 1) {
      const names = this.ofType(type).map((r) => r.name);
      throw new Error(`${found.length} resources ${type} named ${name}; there are: ${names.join(", ")}`);
    }
    return found[0] as SynthResource;
  }

  /** The resource whose id or ARN is this value (what other resources' inputs hold). */
  referenced(value: unknown): SynthResource | undefined {
    if (typeof value !== "string") return undefined;
    return this.resources.find((r) => r.id === value || r.outputs.arn === value);
  }

  functions(): DeployedFunction[] {
    return this.ofType(types.function).map((resource) => {
      const inputs = resource.inputs as {
        handler: string;
        timeout: number;
        environment?: { variables?: Record<string, string> };
        vpcConfig?: { subnetIds: string[]; securityGroupIds: string[] };
        role: string;
      };
      const role = this.referenced(inputs.role);
      const environment = inputs.environment?.variables ?? {};
      return {
        resource,
        name: resource.name,
        handler: this.devTargets().get(environment.SST_FUNCTION_ID ?? "") ?? inputs.handler,
        timeoutSeconds: inputs.timeout,
        environment,
        vpc: inputs.vpcConfig,
        role,
        statements: role ? this.roleStatements(role) : [],
      };
    });
  }

  /** Under `sst dev`, the handler each function id hands the CLI's live bridge (`Runtime.AddTarget`). */
  private devTargets(): Map<string, string> {
    return new Map(
      this.synth.rpcCalls
        .filter((call) => call.method === "Runtime.AddTarget")
        .map((call) => call.args as { functionID: string; handler: string })
        .map((target) => [target.functionID, target.handler]),
    );
  }

  /**
   * What the CLI was asked to build for the function running `handler` (`Runtime.Build`): the handler and the
   * files copied beside its bundle (`from` absolute, `to` inside the bundle). Not asked under `sst dev`.
   */
  buildOf(handler: string): FunctionBuild {
    const builds = this.synth.rpcCalls
      .filter((call) => call.method === "Runtime.Build")
      .map((call) => call.args as FunctionBuild)
      .filter((build) => build.handler === handler);
    if (builds.length !== 1) throw new Error(`${builds.length} builds of ${handler}`);
    return builds[0] as FunctionBuild;
  }

  /** The function whose handler is this `file.export` path (from functionSpecs). */
  functionByHandler(handler: string): DeployedFunction {
    const found = this.functions().filter((f) => f.handler === handler);
    if (found.length !== 1) throw new Error(`${found.length} functions run ${handler}`);
    return found[0] as DeployedFunction;
  }

  roleStatements(role: SynthResource): Statement[] {
    const inline = ((role.inputs.inlinePolicies ?? []) as { policy: string }[]).map((p) => p.policy);
    const attached = this.ofType(types.rolePolicy)
      .filter((p) => p.inputs.role === role.outputs.name || p.inputs.role === role.id)
      .map((p) => String(p.inputs.policy));
    return [...inline, ...attached].flatMap((json) => normalizeStatements(JSON.parse(json)));
  }

  ingressRules(): IngressRule[] {
    const rules: IngressRule[] = [];
    for (const group of [...this.ofType(types.securityGroup), ...this.ofType(types.defaultSecurityGroup)]) {
      for (const rule of (group.inputs.ingress ?? []) as Record<string, unknown>[]) {
        rules.push(ingress(group, rule.cidrBlocks, rule.ipv6CidrBlocks, rule));
      }
    }
    for (const rule of this.ofType(types.securityGroupRule).filter((r) => r.inputs.type === "ingress")) {
      rules.push(ingress(rule, rule.inputs.cidrBlocks, rule.inputs.ipv6CidrBlocks, rule.inputs));
    }
    for (const rule of this.ofType(types.ingressRule)) {
      rules.push(ingress(rule, [rule.inputs.cidrIpv4], [rule.inputs.cidrIpv6], rule.inputs));
    }
    return rules;
  }

  /** An HTTP API by its SST component name (`Api`, `ReportingApi`), with its routes and authorizers. */
  gateway(component: string): GatewayApi {
    const resource = this.one(types.api, `${component}Api`);
    const routes = this.ofType(types.route)
      .filter((r) => r.inputs.apiId === resource.id)
      .map((r) => ({
        routeKey: String(r.inputs.routeKey),
        authorizationType: String(r.inputs.authorizationType ?? "NONE"),
        authorizerId: r.inputs.authorizerId as string | undefined,
        authorizationScopes: (r.inputs.authorizationScopes ?? []) as string[],
      }));
    const authorizers = this.ofType(types.authorizer).filter((a) => a.inputs.apiId === resource.id);
    return { resource, routes, authorizers };
  }

  /** VPCs and Elastic IPs the stage allocates: what the per-region quotas count. */
  quotaUse(): { vpcs: number; elasticIps: number } {
    return { vpcs: this.ofType(types.vpc).length, elasticIps: this.ofType(types.eip).length };
  }
}

function ingress(
  resource: SynthResource,
  v4: unknown,
  v6: unknown,
  rule: Record<string, unknown>,
): IngressRule {
  const list = (value: unknown) => (Array.isArray(value) ? value : []).filter((c) => typeof c === "string");
  return {
    resource,
    cidrs: [...list(v4), ...list(v6)],
    protocol: String(rule.protocol ?? rule.ipProtocol ?? ""),
    fromPort: rule.fromPort as number | undefined,
    toPort: rule.toPort as number | undefined,
  };
}

function normalizeStatements(document: { Statement?: unknown }): Statement[] {
  const raw = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  const list = (value: unknown) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
  return raw
    .filter((s): s is Record<string, unknown> => typeof s === "object" && s !== null)
    .map((s) => ({
      Effect: String(s.Effect),
      Action: list(s.Action).map(String),
      Resource: list(s.Resource).map(String),
    }));
}
