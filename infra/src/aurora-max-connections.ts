/**
 * Default `max_connections` of an Aurora PostgreSQL Serverless v2 instance. Aurora derives it from the
 * memory of the *maximum* ACU of the capacity range (the parameter group formula is
 * `LEAST({DBInstanceClassMemory/9531392}, 5000)`), and publishes the resulting values per maximum ACU in
 * "Performance and scaling for Aurora Serverless v2 — Maximum connections for Aurora Serverless v2"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-serverless-v2.setting-capacity.html).
 * Same page: with a minimum capacity of 0 or 0.5 ACU, `max_connections` is capped at 2,000.
 *
 * We use the published table rather than the formula: `DBInstanceClassMemory` is the memory left after the
 * engine's own reservations, which the formula's inputs do not tell us.
 */
export const auroraPostgresMaxConnectionsByMaxAcu: readonly (readonly [
  maxAcu: number,
  maxConnections: number,
])[] = [
  [1, 189],
  [4, 823],
  [8, 1669],
  [16, 3360],
  [32, 5000],
  [64, 5000],
  [128, 5000],
  [256, 5000],
];

/** The cap the documentation states for capacity ranges starting at 0 or 0.5 ACU. */
export const lowMinimumAcuConnectionCap = 2000;

/**
 * Conservative `max_connections` for a capacity range: the table value of the largest documented maximum
 * ACU not above `maxAcu` (a value between two rows gets the lower row), capped at 2,000 when the range
 * starts at 0 or 0.5 ACU. Throws for a maximum below the smallest documented row.
 */
export function auroraPostgresMaxConnections(range: { minAcu: number; maxAcu: number }): number {
  if (range.minAcu < 0 || range.maxAcu < range.minAcu) {
    throw new RangeError(`invalid ACU range ${range.minAcu}..${range.maxAcu}`);
  }
  let value: number | undefined;
  for (const [maxAcu, connections] of auroraPostgresMaxConnectionsByMaxAcu) {
    if (maxAcu <= range.maxAcu) value = connections;
  }
  if (value === undefined) {
    throw new RangeError(
      `no documented max_connections for a maximum of ${range.maxAcu} ACU (use 1 or more)`,
    );
  }
  return range.minAcu <= 0.5 ? Math.min(value, lowMinimumAcuConnectionCap) : value;
}
