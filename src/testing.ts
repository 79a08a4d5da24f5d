export { ManualClock } from './testing/manual-clock.js'
