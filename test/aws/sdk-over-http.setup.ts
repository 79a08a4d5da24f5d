// Setup of the SDK suite's run over HTTP: each test file closes the servers its setups started.
import { afterAll } from 'vitest'
import { closeSdkServers } from './clients.js'

afterAll(closeSdkServers)
