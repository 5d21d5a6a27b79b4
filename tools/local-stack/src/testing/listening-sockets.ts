import { readdir, readFile, readlink } from "node:fs/promises";

/** A TCP socket in the LISTEN state, with the process that holds it. */
export interface ListeningSocket {
  /** `127.0.0.1`, `0.0.0.0`, `::`, `::1`, … */
  address: string;
  port: number;
  pid: number;
}

interface ProcNetEntry {
  address: string;
  port: number;
  inode: string;
}

const LISTEN = "0A";

/**
 * The listening sockets of a `/proc/net/tcp` or `/proc/net/tcp6` table (Linux's own view, so nothing a
 * process says about itself is trusted). Addresses are hex in host byte order, one 32-bit word at a time.
 */
export function parseProcNetTcp(table: string): ProcNetEntry[] {
  return table
    .split("\n")
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === LISTEN)
    .map((fields) => {
      const [hexAddress = "", hexPort = ""] = (fields[1] ?? "").split(":");
      return {
        address: decodeAddress(hexAddress),
        port: Number.parseInt(hexPort, 16),
        inode: fields[9] ?? "",
      };
    });
}

function decodeAddress(hex: string): string {
  // Each 32-bit word is little-endian on the machines this runs on (x64, arm64).
  const words = (hex.match(/.{8}/g) ?? []).map((word) => (word.match(/../g) ?? []).reverse().join(""));
  const bytes =
    words
      .join("")
      .match(/../g)
      ?.map((byte) => Number.parseInt(byte, 16)) ?? [];
  if (bytes.length === 4) return bytes.join(".");
  const groups = Array.from({ length: 8 }, (_, i) => ((bytes[2 * i] ?? 0) << 8) | (bytes[2 * i + 1] ?? 0));
  if (groups.every((g) => g === 0)) return "::";
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7] === 1) return "::1";
  return groups.map((g) => g.toString(16)).join(":");
}

/** `root` and every process below it. */
export async function processTree(root: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    // The command name (field 2) may hold spaces and parentheses: the parent pid follows the last ")".
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (parent) parents.set(Number(entry), parent);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    for (const [pid, parent] of parents) if (parent === tree[i]) tree.push(pid);
  }
  return tree;
}

/** Every TCP socket the processes `pids` listen on, IPv4 and IPv6. */
export async function listeningSockets(pids: readonly number[]): Promise<ListeningSocket[]> {
  const listening = [
    ...parseProcNetTcp(await readFile("/proc/net/tcp", "utf8")),
    ...parseProcNetTcp(await readFile("/proc/net/tcp6", "utf8").catch(() => "")),
  ];
  const byInode = new Map(listening.map((entry) => [entry.inode, entry]));
  const sockets: ListeningSocket[] = [];
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
      const entry = byInode.get(/^socket:\[(\d+)\]$/.exec(target)?.[1] ?? "");
      if (entry) sockets.push({ address: entry.address, port: entry.port, pid });
    }
  }
  return sockets;
}
