import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/**
 * Which of `pids` holds the client end of the loopback TCP connection from port `clientPort` to port
 * `serverPort`: the kernel's socket table (`/proc/net/tcp`, Linux) names the socket's inode, and the
 * process whose file descriptors include that socket holds it. Undefined when none of them does.
 */
export function findConnectionOwner(
  clientPort: number,
  serverPort: number,
  pids: readonly number[],
): number | undefined {
  const inodes = socketInodes(clientPort, serverPort);
  if (inodes.size === 0) return undefined;
  return pids.find((pid) => holdsSocket(pid, inodes));
}

/** The inodes of the sockets from `localPort` to `remotePort`, IPv4 and IPv6. */
function socketInodes(localPort: number, remotePort: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    // Columns: sl, local address, remote address, state, queues, timer, retransmits, uid, timeout, inode.
    for (const line of text.split("\n").slice(1)) {
      const columns = line.trim().split(/\s+/);
      const [local, remote, inode] = [columns[1], columns[2], columns[9]];
      if (!local || !remote || !inode) continue;
      if (portOf(local) === localPort && portOf(remote) === remotePort) inodes.add(inode);
    }
  }
  return inodes;
}

/** The port of an address as the table writes it: the address and the port in hex, `0100007F:1F90`. */
const portOf = (address: string): number => Number.parseInt(address.split(":").at(-1) ?? "", 16);

function holdsSocket(pid: number, inodes: Set<string>): boolean {
  let descriptors: string[];
  try {
    descriptors = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  return descriptors.some((fd) => {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      return inodes.has(/^socket:\[(\d+)\]$/.exec(target)?.[1] ?? "");
    } catch {
      return false;
    }
  });
}
