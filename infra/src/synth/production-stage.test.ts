import { describe, expect, it } from "vitest";
import { functionSpecs } from "../functions";
import { describeDeployedStage, stageGraph } from "./deployed-stage-contract";
import { types } from "./stage-graph";

// Production as `sst deploy --stage production` would build it, offline.
const graph = stageGraph("production");

describeDeployedStage("production", graph);

describe("production's network", () => {
  it("has a NAT gateway per AZ (an Elastic IP each) and a bastion reached through SSM, not SSH", () => {
    const g = graph();
    expect(g.ofType(types.natGateway)).toHaveLength(2);
    expect(g.quotaUse()).toEqual({ vpcs: 1, elasticIps: 2 });
    const bastion = g.one(types.securityGroup, "VpcBastionSecurityGroup");
    expect(bastion.inputs.ingress).toEqual([]);
    const role = g.one(types.role, "VpcBastionRole");
    expect(role.inputs.managedPolicyArns).toEqual([
      expect.stringMatching(/:iam::aws:policy\/AmazonSSMManagedInstanceCore$/),
    ]);
  });
});

describe("production's database", () => {
  it("keeps a reader, and reporting reads through the proxy's READ_ONLY endpoint", () => {
    const g = graph();
    expect(g.ofType("aws:rds/clusterInstance:ClusterInstance")).toHaveLength(2);
    const endpoints = g.ofType("aws:rds/proxyEndpoint:ProxyEndpoint");
    expect(endpoints.map((e) => e.inputs.targetRole)).toEqual(["READ_ONLY"]);
    const reporting = g.functionByHandler(functionSpecs.reportingHttp.handler);
    expect(reporting.environment.DB_HOST).toBe(endpoints[0]?.outputs.endpoint);
  });
});
