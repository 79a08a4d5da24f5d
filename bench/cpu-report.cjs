// Preloaded (node --require) into the server processes bench/server.ts measures: on SIGUSR2 the process writes its
// CPU time so far (user + system of every thread, in microseconds, from getrusage) to stderr. /proc/<pid>/stat counts
// in 10 ms ticks, too coarse for the short alternating blocks the benchmark compares.
'use strict'
process.on('SIGUSR2', () => {
  const { user, system } = process.cpuUsage()
  process.stderr.write(`cpu-us ${user + system}\n`)
})
