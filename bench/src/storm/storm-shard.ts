import { prepareInstances } from "./storm-instances";

/**
 * One simulator process of a storm (forked by runStorm). Protocol over IPC: receives its share
 * `{ url, count, label, firstSeq }`, creates its clients and answers `ready`; on `go` runs them and answers
 * with the outcomes, then exits.
 */
interface ShardJob {
  url: string;
  count: number;
  label: string;
  firstSeq: number;
}

process.once("message", (job: ShardJob) => {
  const prepared = prepareInstances(job.url, job.count, job.label, job.firstSeq);
  process.once("message", async () => {
    const result = await prepared.go();
    process.send?.({ type: "done", ...result }, () => process.exit(0));
  });
  process.send?.({ type: "ready" });
});
