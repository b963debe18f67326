import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

/** Names this process in lease rows: host and pid for the operator, random so restarts differ. */
export function jobHolderId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}
