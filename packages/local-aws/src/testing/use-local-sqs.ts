import type { SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll } from "vitest";
import { type LocalSqs, startLocalSqs } from "../local-sqs";

export interface LocalSqsFixture {
  local: LocalSqs;
  sqs: SQSClient;
}

/** One emulator per test file: started before its tests, stopped after them. Read the fields inside tests. */
export function useLocalSqs(): LocalSqsFixture {
  const fixture = {} as LocalSqsFixture;
  beforeAll(async () => {
    fixture.local = await startLocalSqs();
    fixture.sqs = fixture.local.client();
  });
  afterAll(async () => {
    fixture.sqs?.destroy();
    await fixture.local?.stop();
  });
  return fixture;
}
