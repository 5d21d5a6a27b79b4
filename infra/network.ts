import { profile } from "./stage";

/**
 * Private subnets for the database, the proxy and the functions. The bastion lets `sst tunnel` (and so
 * `sst dev` and an operator's psql) reach private resources. Dev stages use a NAT instance per AZ (which
 * also serves as the bastion), production a managed NAT gateway per AZ.
 */
export const vpc = new sst.aws.Vpc("Vpc", { az: profile.availabilityZones, bastion: true, nat: profile.nat });
