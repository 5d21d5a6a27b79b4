import { profile } from "./stage";

/**
 * Private subnets for the database, the proxy and the functions. The bastion lets `sst tunnel` (and so
 * `sst dev` and an operator's psql) reach private resources. Dev stages use a NAT instance, production a
 * managed NAT gateway per AZ.
 */
export const vpc = new sst.aws.Vpc("Vpc", { bastion: true, nat: profile.nat });
