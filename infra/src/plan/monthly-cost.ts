import { serviceRoles } from "@orders/settings";
import { alarmSpecs } from "../alarm-specs";
import { functionSpecs } from "../functions";
import type { StageProfile } from "../stage-profile";
import { awsQuotas } from "./aws-quotas";
import type { CapacityPlan } from "./capacity-plan";
import {
  acuForCpu,
  apiSecondsPerRequest,
  loadModel,
  workerSecondsPerBatch,
  writePathSecondsPerBatch,
} from "./load-model";
import { type PriceName, priceList, tieredCost } from "./prices";
import { ordersPerBatch } from "./recommend";

export interface CostLine {
  service: string;
  item: string;
  quantity: number;
  unit: string;
  monthlyUsd: number;
  source: string;
}

export interface MonthlyCost {
  region: string;
  pricesRead: string;
  lines: CostLine[];
  totalUsd: number;
}

export interface CostOptions {
  /** Run the stage without RDS Proxy (the alternative for personal stages: the cluster can then pause). */
  withoutProxy?: boolean;
}

const gib = 1024 ** 3;
const assumed = loadModel.assumed;

/**
 * Monthly bill of a stage at an average load (orders per second sustained over the month; 0 = idle), from
 * the price list. The batch flow is the one the plan recommends; the database floor and readers (the
 * reader decision: a reader idles at the floor too), NAT kind, schedules and log retention come from the
 * stage profile.
 */
export function monthlyCost(
  load: { ordersPerSecond: number; itemsPerOrder: number; flow: CapacityPlan["flow"]["recommended"] },
  profile: StageProfile,
  options: CostOptions = {},
): MonthlyCost {
  const hours = priceList.hoursPerMonth;
  const orders = load.ordersPerSecond * hours * 3600;
  const perBatch = ordersPerBatch(load.ordersPerSecond, load.flow);
  const batches = orders / perBatch;
  const rollups = (hours * 60) / scheduleMinutes(profile.rollupSchedule);
  const workerInvocationSeconds = workerSecondsPerBatch(perBatch, load.itemsPerOrder);

  // Without the proxy an idle cluster pauses (0 ACU); with it, every instance idles at its floor.
  const floor =
    options.withoutProxy && load.ordersPerSecond === 0
      ? 0
      : Math.max(profile.aurora.minAcu, awsQuotas.auroraMinRunningAcu);
  const busy = acuForCpu(
    (load.ordersPerSecond / perBatch) * writePathSecondsPerBatch(perBatch, load.itemsPerOrder),
  );
  const writerAcu = load.ordersPerSecond === 0 ? floor : Math.max(floor, busy);
  const readers = profile.aurora.replicas;
  const clusterAcu = writerAcu + readers * floor;

  const invocations = orders + batches + rollups;
  const logGb = (invocations * assumed.logBytesPerInvocation.value) / gib;
  // SST turns on access logging for every HTTP API: one line per request (only POST /orders is modelled).
  const accessLogGb = (orders * assumed.accessLogBytesPerRequest.value) / gib;
  const retentionMonths = profile.logRetention === "1 month" ? 1 : 7 / 30;
  const zones = profile.availabilityZones;
  const instances = profile.nat === "ec2" ? zones : 1; // NAT instances double as the bastion; else one bastion
  const publicAddresses = zones + (profile.nat === "ec2" ? 0 : 1);

  const lines: CostLine[] = [
    line("API Gateway", "HTTP API requests (POST /orders)", orders, "apiGatewayHttpRequest"),
    line("Lambda", "requests (api, worker, rollup)", invocations, "lambdaRequest"),
    line(
      "Lambda",
      "duration, arm64 (GB-seconds)",
      orders * apiSecondsPerRequest() * memoryGb("api") +
        batches * workerInvocationSeconds * memoryGb("worker") +
        rollups * assumed.rollupSecondsPerRun.value * memoryGb("rollup"),
      "lambdaArmGbSecond",
    ),
    line(
      "SQS",
      "requests (send, receive, delete; idle long polls)",
      orders + Math.max(batches, assumed.idleQueuePollsPerMonth.value) + batches,
      "sqsStandardRequest",
    ),
    line("Aurora", "capacity, writer (ACU-hours)", writerAcu * hours, "auroraServerlessV2AcuHour"),
    line(
      "Aurora",
      readers === 0
        ? "capacity, no reader (reports use the default endpoint)"
        : `capacity, ${readers} reader for the read-only endpoint (ACU-hours)`,
      readers * floor * hours,
      "auroraServerlessV2AcuHour",
    ),
    line(
      "Aurora",
      "storage added this month (GB-month)",
      (orders * assumed.storageBytesPerOrder.value) / gib,
      "auroraStorageGbMonth",
    ),
    line("Aurora", "write I/O requests", batches * assumed.writeIosPerBatch.value, "auroraIoRequest"),
    ...(options.withoutProxy
      ? []
      : [
          line(
            "RDS Proxy",
            `ACU-hours of the instances behind it (minimum ${priceList.prices.rdsProxyServerlessAcuHour.minimumAcu} ACU)`,
            Math.max(priceList.prices.rdsProxyServerlessAcuHour.minimumAcu ?? 0, clusterAcu) * hours,
            "rdsProxyServerlessAcuHour",
          ),
        ]),
    ...(profile.nat === "managed"
      ? [
          line("NAT", `${zones} NAT gateways (hours)`, zones * hours, "natGatewayHour"),
          line("NAT", "data processed (GB)", (orders * assumed.natBytesPerOrder.value) / gib, "natGatewayGb"),
        ]
      : []),
    line(
      "EC2",
      profile.nat === "ec2" ? `${zones} NAT instances, t4g.nano (hours)` : "bastion, t4g.nano (hours)",
      instances * hours,
      "ec2T4gNanoHour",
    ),
    line("EC2", "instance volumes (GB-month)", instances * assumed.instanceVolumeGb.value, "ebsGp3GbMonth"),
    line(
      "VPC",
      `${publicAddresses} public IPv4 addresses (hours)`,
      publicAddresses * hours,
      "publicIpv4Hour",
    ),
    line(
      "Secrets Manager",
      "secrets (master + one per service)",
      Object.keys(serviceRoles).length + 1,
      "secretsManagerSecretMonth",
    ),
    line("CloudWatch", "log ingestion (GB)", logGb, "cloudWatchLogsIngestedGb"),
    line(
      "CloudWatch",
      `log storage, kept ${profile.logRetention} (GB-month)`,
      logGb * retentionMonths,
      "cloudWatchLogsStoredGbMonth",
    ),
    line(
      "CloudWatch",
      "API Gateway access log ingestion, both APIs (GB)",
      accessLogGb,
      "cloudWatchLogsIngestedGb",
    ),
    line(
      "CloudWatch",
      `API Gateway access log storage, kept ${assumed.accessLogRetentionMonths.value} month (GB-month)`,
      accessLogGb * assumed.accessLogRetentionMonths.value,
      "cloudWatchLogsStoredGbMonth",
    ),
    // SST's Vpc creates a Cloud Map private DNS namespace ("sst") for service discovery: a private
    // hosted zone in Route 53, whether or not anything registers in it.
    line("Cloud Map", "private DNS namespace of the VPC (hosted zone)", 1, "route53HostedZoneMonth"),
    line(
      "CloudWatch",
      "alarms",
      alarmSpecs({ ordersQueue: "", deadLetterQueue: "", proxy: "" }).length,
      "cloudWatchAlarmMonth",
    ),
  ];
  const totalUsd = lines.reduce((sum, l) => sum + l.monthlyUsd, 0);
  return { region: priceList.region, pricesRead: priceList.read, lines, totalUsd };
}

function line(service: string, item: string, quantity: number, price: PriceName): CostLine {
  const entry = priceList.prices[price];
  return {
    service,
    item,
    quantity,
    unit: entry.unit,
    monthlyUsd: tieredCost(quantity, entry),
    source: entry.source,
  };
}

function memoryGb(fn: keyof typeof functionSpecs): number {
  return Number.parseInt(functionSpecs[fn].memory, 10) / 1024;
}

/** Minutes between runs of an EventBridge `rate(...)` expression. */
export function scheduleMinutes(expression: string): number {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!match) throw new Error(`unsupported schedule ${expression}`);
  const unit = match[2] ?? "minute";
  return Number(match[1]) * (unit.startsWith("hour") ? 60 : unit.startsWith("day") ? 1440 : 1);
}
