import { Hash } from "@smithy/hash-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { answer, candidateTarget, sendMessageHeaders } from "./sqs-candidate-target";

/** A reference: the AWS SDK's own SigV4 signer without its client, with Node's `fetch`, one SendMessage. */
export const handler = async () => {
  const target = candidateTarget();
  const signer = new SignatureV4({
    service: "sqs",
    region: target.region,
    credentials: target.credentials,
    sha256: Hash.bind(null, "sha256"),
    applyChecksum: false,
  });
  const url = new URL(`${target.endpoint}/`);
  const body = JSON.stringify(target.request);
  const signed = await signer.sign({
    method: "POST",
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: "/",
    query: {},
    headers: { host: url.host, ...sendMessageHeaders },
    body,
  });
  const response = await fetch(url, { method: "POST", headers: signed.headers, body });
  await response.arrayBuffer();
  return answer(response.status);
};
