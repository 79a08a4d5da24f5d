import * as zlib from 'node:zlib'

let table: Uint32Array | undefined

function tableCrc32(bytes: Uint8Array): number {
  table ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  let crc = 0xffffffff
  for (let i = 0; i < bytes.length; i++) crc = (table[(crc ^ (bytes[i] as number)) & 0xff] as number) ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

// node:zlib has a native crc32 from Node 20.15 and 22.2 on; earlier releases get the table.
const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32

/**
 * CRC-32 (zlib, IEEE) of `bytes` as an unsigned integer: the service's `x-amz-crc32`.
 * @param bytes the exact body sent
 * @returns the checksum, 0 to 2^32 - 1
 */
export function crc32(bytes: Uint8Array): number {
  return native === undefined ? tableCrc32(bytes) : native(bytes) >>> 0
}

/** The table implementation, for checking it against the native one. */
export { tableCrc32 }
