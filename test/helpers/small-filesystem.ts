import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statfsSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A tmpfs of its own, which a test fills to make writes to it fail with ENOSPC, as a full disk does. */
export interface SmallFilesystem {
  /** Where it is mounted. */
  dir: string;
  /** Writes a file until only about `leaveBytes` are free (rounded to the filesystem's blocks); 0 fills it. */
  fill(leaveBytes?: number): void;
  /** Removes what `fill` wrote. */
  free(): void;
  /** Unmounts it and removes its directory. */
  dispose(): void;
}

const FILL_CHUNK = Buffer.alloc(1 << 20, 0x61);
let mountable: boolean | undefined;

/** Whether a small filesystem can be mounted here (it needs the privilege to mount a tmpfs). */
export function canMountFilesystem(): boolean {
  if (mountable === undefined) {
    try {
      mountSmallFilesystem("1m").dispose();
      mountable = true;
    } catch {
      mountable = false;
    }
  }
  return mountable;
}

/** Mounts a tmpfs of `size` (as `mount -o size=` takes it: "8m") on a fresh temp dir. */
export function mountSmallFilesystem(size: string): SmallFilesystem {
  const dir = mkdtempSync(join(tmpdir(), "order-intake-mount-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", dir], { stdio: "ignore" });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const filler = join(dir, "filler");
  return {
    dir,
    fill: (leaveBytes = 0) => {
      const { bavail, blocks, bsize } = statfsSync(dir);
      // To fill it, more than it holds: the writes stop at ENOSPC even if a file on it shrank meanwhile.
      writeUntilFull(filler, leaveBytes > 0 ? bavail * bsize - leaveBytes : blocks * bsize);
    },
    free: () => unlinkSync(filler),
    dispose: () => {
      try {
        execFileSync("umount", [dir], { stdio: "ignore" });
      } catch {
        // Still in use (a test failed before closing what it opened there): detached now, gone once closed.
        execFileSync("umount", ["--lazy", dir], { stdio: "ignore" });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Appends up to `bytes` to the file at `path`, stopping early when the filesystem is full. */
function writeUntilFull(path: string, bytes: number): void {
  const fd = openSync(path, "a");
  try {
    for (let left = bytes; left > 0; ) {
      const written = writeSync(fd, FILL_CHUNK, 0, Math.min(left, FILL_CHUNK.length));
      if (written === 0) return;
      left -= written;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
}
