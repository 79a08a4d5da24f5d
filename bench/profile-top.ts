// Prints the top self-time functions of a .cpuprofile (as written by node --cpu-prof).
//   npx tsx bench/profile-top.ts <file.cpuprofile> [rows]
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

const [file, rowsText = '25'] = process.argv.slice(2)
if (file === undefined) throw new Error('usage: profile-top.ts <file.cpuprofile> [rows]')
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const self = new Map<string, number>()
let total = 0
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i] as number)
  const dt = profile.timeDeltas[i] ?? 0
  if (node === undefined) continue
  const { functionName, url, lineNumber } = node.callFrame
  const where = url === '' ? '' : `${url.replace(/^.*\/(node_modules\/|dist\/|bench\/)/, '$1')}:${lineNumber + 1}`
  const name = `${functionName || '(anonymous)'} ${where}`.trim()
  self.set(name, (self.get(name) ?? 0) + dt)
  total += dt
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(rowsText))
console.log(`total ${(total / 1000).toFixed(0)} ms sampled`)
for (const [name, us] of rows) console.log(`${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`)
