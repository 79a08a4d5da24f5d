// The audit trail of a server: one JSON line per answered request, written to a file or handed to a function.
import { closeSync, createWriteStream, openSync, type WriteStream } from 'node:fs'

/** One answered request, as the access log records it. */
export interface AccessLogEntry {
  /** When the request arrived, ISO 8601 on the store's clock. */
  readonly time: string
  /** The `x-amzn-RequestId` the request was answered with. */
  readonly requestId: string
  /** The access key of the request's credential scope (verified when the server has a guard), or null when unsigned. */
  readonly accessKeyId: string | null
  /** The operation the target named, such as `PutItem`, or null when it named none. */
  readonly operation: string | null
  /** The table the request named (its `TableName` or the table of its `StreamArn`), or null. */
  readonly table: string | null
  readonly status: number
  /** The error code the request was answered with, or null on success. */
  readonly errorCode: string | null
  /** From the request's arrival to its answer being handed to the socket, in milliseconds. */
  readonly durationMs: number
}

/** Where a server writes its access log. */
export interface AccessLog {
  write(entry: AccessLogEntry): void
  /** Flushes and closes the file, if the log writes one. */
  close(): Promise<void>
}

/**
 * The JSON line of an entry, members in a fixed order so that logs diff and grep well.
 * @param entry the entry
 * @returns the line, without its newline
 */
export function formatAccessLogEntry(entry: AccessLogEntry): string {
  return JSON.stringify({
    time: entry.time,
    requestId: entry.requestId,
    accessKeyId: entry.accessKeyId,
    operation: entry.operation,
    table: entry.table,
    status: entry.status,
    errorCode: entry.errorCode,
    durationMs: entry.durationMs,
  })
}

function fileLog(path: string): AccessLog {
  // Opened at once so that a path that cannot be written fails the start, not the first request.
  let fd: number
  try {
    fd = openSync(path, 'a')
  } catch (error) {
    throw new Error(`Cannot open the access log: expected a writable file path, received ${JSON.stringify(path)} (${(error as Error).message})`, { cause: error })
  }
  let stream: WriteStream
  try {
    stream = createWriteStream(path, { fd, flags: 'a' })
  } catch (error) {
    closeSync(fd)
    throw error
  }
  // A log that fails later (disk full) must not stop the server answering; the entries are lost.
  stream.on('error', () => {})
  return {
    write(entry) {
      stream.write(`${formatAccessLogEntry(entry)}\n`)
    },
    close: () => new Promise<void>((resolve) => stream.end(resolve)),
  }
}

/**
 * The access log of a server.
 * @param target a file path, appended to as JSON lines, or a function receiving each entry
 * @returns the log
 */
export function createAccessLog(target: string | ((entry: AccessLogEntry) => void)): AccessLog {
  if (typeof target === 'string') return fileLog(target)
  return { write: target, close: () => Promise.resolve() }
}
