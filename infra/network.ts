import { networkPlan, vpcCidr } from "./src/network-plan";
import { profile } from "./stage";

const plan = networkPlan(profile);

/**
 * Private subnets for the database, the proxy and the functions; none under `sst dev`, where the functions
 * run on the developer's machine against the local database. Nothing in the VPC admits traffic from the
 * internet: production's bastion is reached with SSM Session Manager (its SSH rule is removed), a NAT
 * instance admits only the VPC. Personal stages have no NAT and no bastion (no Elastic IP, see
 * src/network-plan) and reach SQS and Secrets Manager through interface endpoints.
 */
export const vpc = $dev
  ? undefined
  : new sst.aws.Vpc("Vpc", {
      az: profile.availabilityZones,
      bastion: plan.bastion,
      ...(plan.nat === "none" ? {} : { nat: plan.nat }),
      transform: {
        bastionSecurityGroup: (args) => {
          args.ingress = [];
        },
        natSecurityGroup: (args) => {
          args.ingress = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: [vpcCidr] }];
        },
      },
    });

/** HTTPS from inside the VPC to the interface endpoints, and nothing else. */
const endpointSecurityGroup =
  vpc && plan.endpoints.length > 0
    ? new aws.ec2.SecurityGroup("VpcEndpointSecurityGroup", {
        vpcId: vpc.id,
        description: "HTTPS from the VPC to the AWS API endpoints",
        ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [vpcCidr] }],
      })
    : undefined;

/**
 * One interface endpoint per AWS API the functions call, with private DNS so the SDKs' default host names
 * resolve to it. One subnet each: the other AZ reaches it across the VPC, at half the hourly price.
 */
export const endpoints =
  vpc && endpointSecurityGroup
    ? plan.endpoints.map(
        (service) =>
          new aws.ec2.VpcEndpoint(`VpcEndpoint_${service}`, {
            vpcId: vpc.id,
            serviceName: $interpolate`com.amazonaws.${aws.getRegionOutput().region}.${service}`,
            vpcEndpointType: "Interface",
            privateDnsEnabled: true,
            subnetIds: vpc.privateSubnets.apply((subnets) => subnets.slice(0, 1)),
            securityGroupIds: [endpointSecurityGroup.id],
          }),
      )
    : [];
