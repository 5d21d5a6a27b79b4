import { describe, expect, it } from "vitest";
import { functionSpecs } from "../functions";
import { privateApiServices, quotaFit } from "../network-plan";
import { describeDeployedStage, stageGraph } from "./deployed-stage-contract";
import { formatSynth, synthJson } from "./format";
import { syntheticAccount } from "./mocks";
import { types } from "./stage-graph";

// A personal stage as `sst deploy --stage alice` would build it, offline.
const graph = stageGraph("alice");

describeDeployedStage("alice", graph);

describe("a personal stage's network", () => {
  it("has no NAT, no bastion and no Elastic IP, so several fit one account and region", () => {
    const g = graph();
    expect(g.ofType(types.natGateway)).toEqual([]);
    expect(g.ofType(types.instance)).toEqual([]);
    expect(g.quotaUse()).toEqual({ vpcs: 1, elasticIps: 0 });
    // Five VPCs per region by default; four while the account's default VPC still exists.
    expect(quotaFit(g.quotaUse())).toMatchObject({ stagesPerRegion: 5, stagesPerRegionWithDefaultVpc: 4 });
  });

  it("reaches SQS and Secrets Manager through interface endpoints that admit only HTTPS from the VPC", () => {
    const g = graph();
    const endpoints = g.ofType("aws:ec2/vpcEndpoint:VpcEndpoint");
    expect(endpoints.map((e) => e.inputs.serviceName).sort()).toEqual(
      privateApiServices.map((s) => `com.amazonaws.${syntheticAccount.region}.${s}`).sort(),
    );
    const group = g.one(types.securityGroup, "VpcEndpointSecurityGroup");
    for (const endpoint of endpoints) {
      expect(endpoint.inputs).toMatchObject({
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        securityGroupIds: [group.id],
      });
    }
    expect(group.inputs.ingress).toEqual([
      {
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        cidrBlocks: [g.one(types.vpc, "VpcVpc").inputs.cidrBlock],
      },
    ]);
  });
});

describe("a personal stage's database", () => {
  it("runs no reader and no read-only endpoint: reporting reads through the proxy's default endpoint", () => {
    const g = graph();
    expect(g.ofType("aws:rds/clusterInstance:ClusterInstance")).toHaveLength(1);
    expect(g.ofType("aws:rds/proxyEndpoint:ProxyEndpoint")).toEqual([]);
    const reporting = g.functionByHandler(functionSpecs.reportingHttp.handler);
    const api = g.functionByHandler(functionSpecs.api.handler);
    expect(reporting.environment.DB_HOST).toBe(api.environment.DB_HOST);
  });
});

describe("the synth report of a personal stage", () => {
  it("says how many such stages fit one account and region, then lists the resources by service", () => {
    const text = formatSynth(graph().synth);
    expect(text).toMatch(
      /^stage alice: \d+ resources, offline .*\nquotas: takes 1 VPC and 0 Elastic IPs of the default 5 and 5 per region: 5 such stages fit one account and region \(4 while the default VPC exists\)\n/,
    );
    expect(text).toMatch(/\naws lambda \(\d+\)\n/);
    expect(text).toMatch(
      / Function +\S+ +handler=apps\/api\/src\/handlers\/lambda\.handler .*db user orders_api/,
    );
  });

  it("prints the JSON resources sorted by type and name, so two builds diff cleanly", () => {
    const json = synthJson(graph().synth);
    const keys = json.map((r) => `${r.type} ${r.name}`);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
    expect(json).toHaveLength(graph().resources.length);
  });
});
