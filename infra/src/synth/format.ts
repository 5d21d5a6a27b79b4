import { quotaFit } from "../network-plan";
import type { SynthResource } from "./mocks";
import { StageGraph, types } from "./stage-graph";
import type { StageSynth } from "./synthesize";

/**
 * `--json`: one array of `{ type, name, inputs }`, the inputs as the program gave them, sorted by type and
 * name (resources register in whatever order their inputs resolve; sorted, two builds diff cleanly).
 */
export function synthJson(
  synth: StageSynth,
): { type: string; name: string; inputs: Record<string, unknown> }[] {
  return sorted(synth.resources).map(({ type, name, inputs }) => ({ type, name, inputs }));
}

function sorted(resources: SynthResource[]): SynthResource[] {
  return [...resources].sort((a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name));
}

type Summary = (inputs: Record<string, unknown>, graph: StageGraph) => string;

const str = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** The inputs that matter for the types a reader looks for first; other resources show their name only. */
const summaries: Record<string, Summary> = {
  [types.function]: (i) => {
    const vpc = i.vpcConfig as { subnetIds: string[] } | undefined;
    const env = (i.environment as { variables?: Record<string, string> } | undefined)?.variables ?? {};
    return [
      `handler=${str(i.handler)}`,
      `memory=${str(i.memorySize)}MB timeout=${str(i.timeout)}s`,
      i.reservedConcurrentExecutions === undefined ? "" : `reserved=${str(i.reservedConcurrentExecutions)}`,
      vpc ? `vpc: ${vpc.subnetIds.length} subnets` : "no vpc",
      env.DB_USER ? `db user ${env.DB_USER}` : "",
    ]
      .filter(Boolean)
      .join("  ");
  },
  [types.role]: (i, graph) => {
    const role = graph.ofType(types.role).find((r) => r.inputs === i);
    const actions = role ? [...new Set(graph.roleStatements(role).flatMap((s) => s.Action))] : [];
    return actions.length > 0 ? `may ${actions.join(", ")}` : "";
  },
  [types.queue]: (i) =>
    [
      i.visibilityTimeoutSeconds === undefined ? "" : `visibility=${str(i.visibilityTimeoutSeconds)}s`,
      i.messageRetentionSeconds === undefined ? "" : `retention=${str(i.messageRetentionSeconds)}s`,
      i.redrivePolicy ? `redrive=${str(i.redrivePolicy)}` : "",
    ]
      .filter(Boolean)
      .join("  "),
  [types.eventSourceMapping]: (i) =>
    `batch=${str(i.batchSize)} window=${str(i.maximumBatchingWindowInSeconds)}s ` +
    `responses=${str(i.functionResponseTypes)} scaling=${str(i.scalingConfig)}`,
  [types.route]: (i) => `${str(i.routeKey)}  auth=${str(i.authorizationType)}`,
  [types.authorizer]: (i) => {
    const jwt = i.jwtConfiguration as { issuer?: string; audiences?: string[] } | undefined;
    return `issuer=${str(jwt?.issuer)} audiences=${str(jwt?.audiences)}`;
  },
  [types.proxy]: (i) =>
    `requireTls=${str(i.requireTls)} auths=${((i.auths ?? []) as { description?: string }[])
      .map((a) => a.description)
      .join("; ")}`,
  [types.securityGroup]: (i) => `ingress=${str(i.ingress ?? [])}`,
  [types.defaultSecurityGroup]: (i) => `ingress=${str(i.ingress ?? [])}`,
  "aws:ec2/vpcEndpoint:VpcEndpoint": (i) => `${str(i.serviceName)} (${str(i.vpcEndpointType)})`,
  [types.instance]: (i) => `${str(i.instanceType)}`,
  "aws:rds/cluster:Cluster": (i) =>
    `${str(i.engine)} ${str(i.engineVersion)} scaling=${str(i.serverlessv2ScalingConfiguration)}`,
  "aws:rds/clusterInstance:ClusterInstance": (i) => `${str(i.instanceClass)}`,
  [types.alarm]: (i) =>
    `${str(i.namespace)} ${str(i.metricName)} ${str(i.comparisonOperator)} ${str(i.threshold)}`,
  "aws:scheduler/schedule:Schedule": (i) => `${str(i.scheduleExpression)}`,
};

/**
 * The readable report: the stage and mode, its quota use and how many such stages fit one region, then the
 * resources grouped by provider module (ec2, lambda, rds …) with the inputs that matter.
 */
export function formatSynth(synth: StageSynth): string {
  const graph = new StageGraph(synth);
  const use = graph.quotaUse();
  const fit = quotaFit(use);
  const lines = [
    `stage ${synth.stage}${synth.dev ? " (sst dev)" : ""}: ${synth.resources.length} resources, offline ` +
      `(account ${synth.account.accountId}, ${synth.account.region} are placeholders)`,
    quotaLine(use, fit),
    "",
  ];
  const groups = new Map<string, SynthResource[]>();
  for (const resource of sorted(synth.resources)) {
    const key = groupOf(resource.type);
    groups.set(key, [...(groups.get(key) ?? []), resource]);
  }
  for (const [group, resources] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${group} (${resources.length})`);
    for (const resource of resources) {
      const kind = resource.type.split(":").at(-1) ?? resource.type;
      const summary = summaries[resource.type]?.(resource.inputs, graph) ?? "";
      lines.push(`  ${kind.padEnd(22)} ${resource.name}${summary ? `  ${summary}` : ""}`);
    }
  }
  return lines.join("\n");
}

function groupOf(type: string): string {
  const [provider, module] = type.split(":");
  if (provider === "aws") return `aws ${(module ?? "").split("/")[0]}`;
  return provider === "sst" ? "sst components" : (provider ?? type);
}

function quotaLine(use: { vpcs: number; elasticIps: number }, fit: ReturnType<typeof quotaFit>): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  const takes = `quotas: takes ${plural(use.vpcs, "VPC")} and ${plural(use.elasticIps, "Elastic IP")} of the default ${fit.quotas.vpcsPerRegion} and ${fit.quotas.elasticIpsPerRegion} per region`;
  if (!Number.isFinite(fit.stagesPerRegion))
    return `${takes}: the quotas do not limit how many such stages fit`;
  return `${takes}: ${fit.stagesPerRegion} such stages fit one account and region (${fit.stagesPerRegionWithDefaultVpc} while the default VPC exists)`;
}
